# SPDX-License-Identifier: BSD-3-Clause
"""Poller, select, zmq_poll and Socket.poll over zmq sockets, fds and fileno() objects."""

import os
import socket
import subprocess
import sys

import pytest

import zmq


def test_poller_register_modify_unregister(pair):
    rep, req = pair(zmq.REP, zmq.REQ)
    poller = zmq.Poller()
    poller.register(req, zmq.POLLIN | zmq.POLLOUT)
    poller.register(rep, zmq.POLLIN)
    assert req in poller and rep in poller
    assert dict(poller.poll(0)) == {req: zmq.POLLOUT}
    req.send(b"ping")
    assert dict(poller.poll(1000)) == {rep: zmq.POLLIN}
    poller.modify(rep, zmq.POLLIN | zmq.POLLOUT)
    rep.recv()
    assert dict(poller.poll(1000)) == {rep: zmq.POLLOUT}
    poller.register(rep, 0)  # flags 0 unregisters
    assert rep not in poller
    poller.register(rep, 0)  # and is harmless when not registered
    poller.unregister(req)
    with pytest.raises(KeyError):
        poller.unregister(req)
    assert poller.poll(0) == []


def test_poller_with_fds_and_fileno_objects():
    left, right = socket.socketpair()
    read_fd, write_fd = os.pipe()
    try:
        poller = zmq.Poller()
        poller.register(left, zmq.POLLIN)
        poller.register(read_fd, zmq.POLLIN)
        assert poller.poll(0) == []
        right.send(b"x")
        os.write(write_fd, b"y")
        # as pyzmq: anything but a zmq Socket is reported by its int fd
        assert dict(poller.poll(1000)) == {left.fileno(): zmq.POLLIN, read_fd: zmq.POLLIN}
        assert zmq.select([left, read_fd], [], [], 1) == ([left.fileno(), read_fd], [], [])
        assert [s for s, _ in poller.sockets] == [left, read_fd]  # registered as given
    finally:
        for s in (left, right):
            s.close()
        os.close(read_fd)
        os.close(write_fd)


def test_zmq_poll_bad_inputs(context):
    with pytest.raises(TypeError):
        zmq.zmq_poll([("not pollable", zmq.POLLIN)], 0)

    class Broken:
        def fileno(self):
            raise OSError("closed")

    with pytest.raises(ValueError):
        zmq.zmq_poll([(Broken(), zmq.POLLIN)], 0)
    sock = context.socket(zmq.PULL)
    sock.close()
    with pytest.raises(zmq.ZMQError) as info:
        zmq.zmq_poll([(sock, zmq.POLLIN)], 0)
    assert info.value.errno == zmq.ENOTSOCK  # pyzmq polls a closed socket as fd 0 here: we refuse it


def test_poll_timeout_returns_empty(pair):
    pull, _ = pair(zmq.PULL, zmq.PUSH)
    assert zmq.Poller().poll(10) == []
    poller = zmq.Poller()
    poller.register(pull, zmq.POLLIN)
    assert poller.poll(20.9) == []


def test_many_sockets(context):
    socks = [context.socket(zmq.PUSH) for _ in range(40)]  # more than the stack array
    poller = zmq.Poller()
    for sock in socks:
        poller.register(sock, zmq.POLLIN)
    assert poller.poll(0) == []


def test_select(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    assert zmq.select([pull], [push], [], 0) == ([], [push], [])
    push.send(b"x")
    readable, writable, errored = zmq.select([pull], [], [], 1.0)
    assert readable == [pull] and writable == [] and errored == []


def test_socket_poll(pair):
    rep, req = pair(zmq.REP, zmq.REQ)
    assert req.poll(0) == 0
    assert req.poll(0, zmq.POLLOUT) == zmq.POLLOUT
    req.send(b"x")
    assert req.poll(0) == 0 and req.poll(0, zmq.POLLOUT) == 0
    assert rep.poll(1000) == zmq.POLLIN
    rep.close()
    with pytest.raises(zmq.ZMQError) as info:
        rep.poll(0)
    assert info.value.errno == zmq.ENOTSUP  # pyzmq's errno for poll on a closed socket


POLL_UNDER_SIGNALS = """
import signal, time, zmq
ticks = []
signal.signal(signal.SIGALRM, lambda signum, frame: ticks.append(signum))
ctx = zmq.Context()
socks = [ctx.socket(zmq.PULL) for _ in range(16)]
for i, s in enumerate(socks):
    s.bind("inproc://poll-eintr-%i" % i)
items = [(s, zmq.POLLIN) for s in socks]
signal.setitimer(signal.ITIMER_REAL, 0.0001, 0.0001)  # a signal every 100 us
deadline = time.monotonic() + 20
try:
    while len(ticks) < 2000 and time.monotonic() < deadline:
        assert zmq.zmq_poll(items, {timeout}) == []
    outcome = "ok"
except zmq.ZMQError as error:
    outcome = "raised errno %s" % error.errno
signal.setitimer(signal.ITIMER_REAL, 0)
print(outcome, len(ticks) >= 2000)
ctx.destroy(linger=0)
"""


@pytest.mark.parametrize("timeout", [0, 1])
def test_poll_retries_after_signals_whatever_the_timeout(timeout):
    # Signals every 100 us land in the poll system call now and then; a handler
    # that does not raise means: poll again (a zero timeout used to raise EINTR).
    code = POLL_UNDER_SIGNALS.format(timeout=timeout)
    # the timeout only turns a hang into a failure
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["ok", "True"]
