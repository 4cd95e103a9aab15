# SPDX-License-Identifier: BSD-3-Clause
"""zmq.proxy, proxy_steerable and device run in threads without the GIL."""

import threading

import pytest

import zmq


def run_in_thread(target, *args):
    errors = []

    def runner():
        try:
            target(*args)
        except zmq.ContextTerminated:
            errors.append("terminated")

    thread = threading.Thread(target=runner, daemon=True)
    thread.start()
    return thread, errors


def test_proxy_relays_and_captures_until_context_ends():
    ctx = zmq.Context()
    frontend, backend, capture = ctx.socket(zmq.PULL), ctx.socket(zmq.PUSH), ctx.socket(zmq.PUSH)
    frontend.bind("inproc://front")
    backend.bind("inproc://back")
    capture.bind("inproc://capture")
    thread, errors = run_in_thread(zmq.proxy, frontend, backend, capture)
    sender, receiver, tap = ctx.socket(zmq.PUSH), ctx.socket(zmq.PULL), ctx.socket(zmq.PULL)
    sender.connect("inproc://front")
    receiver.connect("inproc://back")
    tap.connect("inproc://capture")
    sender.send_multipart([b"a", b"b"])
    receiver.rcvtimeo = tap.rcvtimeo = 10_000
    assert receiver.recv_multipart() == [b"a", b"b"]
    assert tap.recv_multipart() == [b"a", b"b"]
    for sock in (sender, receiver, tap):
        sock.close(linger=0)
    closer = threading.Thread(target=ctx.term)
    closer.start()  # term interrupts the proxy with ETERM ...
    thread.join(30)
    assert errors == ["terminated"]
    for sock in (frontend, backend, capture):
        sock.close(linger=0)  # ... and finishes once its sockets close
    closer.join(30)
    assert ctx.closed


def test_proxy_steerable_answers_control_commands(context):
    frontend, backend, control = context.socket(zmq.PULL), context.socket(zmq.PUSH), context.socket(zmq.REP)
    frontend.bind("inproc://sfront")
    backend.bind("inproc://sback")
    control.bind("inproc://sctrl")
    done = []
    thread = threading.Thread(
        target=lambda: done.append(zmq.proxy_steerable(frontend, backend, None, control)), daemon=True
    )
    thread.start()
    steer = context.socket(zmq.REQ)
    steer.connect("inproc://sctrl")
    sender, receiver = context.socket(zmq.PUSH), context.socket(zmq.PULL)
    sender.connect("inproc://sfront")
    receiver.connect("inproc://sback")
    receiver.rcvtimeo = steer.rcvtimeo = 10_000
    sender.send(b"one")
    assert receiver.recv() == b"one"
    steer.send(b"STATISTICS")
    stats = steer.recv_multipart()
    assert len(stats) == 8 and int.from_bytes(stats[0], "little") == 1  # one message in
    steer.send(b"TERMINATE")  # libzmq 4.3 does not reply to TERMINATE
    thread.join(30)
    assert done == [0]


def test_device_checks_its_type_and_sockets(context):
    with pytest.raises(ValueError):
        zmq.device(99, context.socket(zmq.PULL), context.socket(zmq.PUSH))
    with pytest.raises(TypeError):
        zmq.proxy("front", context.socket(zmq.PUSH))
    closed = context.socket(zmq.PULL)
    closed.close()
    with pytest.raises(zmq.ZMQError):
        zmq.proxy(closed, context.socket(zmq.PUSH))
