# SPDX-License-Identifier: BSD-3-Clause
"""Poller, select and Socket.poll with raw fds, fileno() objects and odd flags."""

import os
import socket

import zmq


class FilenoOnly:
    def __init__(self, fd):
        self.fd = fd

    def fileno(self):
        return self.fd


def _describe(ready, names):
    return sorted((names.get(id(k), type(k).__name__), v) for k, v in ready)


def poller_keys(p):
    left, right = socket.socketpair()
    read_fd, write_fd = os.pipe()
    wrapper = FilenoOnly(left.fileno())
    names = {id(left): "socket object", id(wrapper): "fileno object"}
    try:
        with zmq.Context() as ctx:
            push = ctx.socket(zmq.PUSH)
            push.bind("inproc://parity-poll-fds")
            pull = ctx.socket(zmq.PULL)
            pull.connect("inproc://parity-poll-fds")
            push.send(b"x")
            right.send(b"x")
            os.write(write_fd, b"y")
            for label, target in (("socket object", left), ("int fd", read_fd), ("fileno object", wrapper)):
                poller = zmq.Poller()
                poller.register(target, zmq.POLLIN)
                poller.register(pull, zmq.POLLIN)
                ready = poller.poll(1000)
                p.value(f"{label}: ready keys", [(names.get(id(k), type(k).__name__), k == pull) for k, _ in ready])
                p.value(f"{label}: int key is the fd", [k for k, _ in ready if isinstance(k, int)] ==
                        ([read_fd] if target is read_fd else [left.fileno()]))
                p.value(f"{label}: registered", [(names.get(id(k), type(k).__name__), int(v)) for k, v in poller.sockets])
                p.call(f"{label}: unregister", poller.unregister, target)
            push.close()
            pull.close()
    finally:
        left.close()
        right.close()
        os.close(read_fd)
        os.close(write_fd)


def select_keys(p):
    left, right = socket.socketpair()
    wrapper = FilenoOnly(left.fileno())
    try:
        right.send(b"x")
        for label, target in (("socket object", left), ("int fd", left.fileno()), ("fileno object", wrapper)):
            r, w, x = zmq.select([target], [target], [], 1)
            p.value(f"{label}", [[type(k).__name__ for k in lst] for lst in (r, w, x)])
            p.value(f"{label}: fd", [k == left.fileno() for k in r + w])
        p.call("empty select", zmq.select, [], [], [], 0.2)
    finally:
        left.close()
        right.close()


def socket_poll_flags(p):
    with zmq.Context() as ctx:
        s = ctx.socket(zmq.DEALER)
        s.linger = 0
        p.call("flags=None", s.poll, 200, flags=None)
        p.call("flags=0", s.poll, 200, 0)
        p.call("POLLOUT, no peer", s.poll, 0, zmq.POLLOUT)
        p.call("default flags", s.poll, 0)
        p.call("str flags", s.poll, 0, "x", kinds=(TypeError,))
        p.call("empty poller", zmq.Poller().poll, 200)
        s.close()
        p.call("closed socket", s.poll, 0)
