# SPDX-License-Identifier: BSD-3-Clause
"""Sends that let the GIL go (after an idle gap, or on a socket taking turns with its peer).

Whether a send lets the GIL go is a matter of speed, shown by ``zmq.perf``'s
paced inproc rows; these tests check that every such path still delivers
every message, whole and in order, while other threads run Python code.
"""

import threading
import time

import pytest
import zmq


@pytest.mark.parametrize("copy", [True, False])
def test_multipart_sent_with_idle_gaps_arrives_whole_and_in_order(context, copy):
    push = context.socket(zmq.PUSH)
    pull = context.socket(zmq.PULL)
    push.bind("inproc://gaps")
    pull.connect("inproc://gaps")
    received = []

    def receive():
        for _ in range(20):
            received.append(pull.recv_multipart())

    receiver = threading.Thread(target=receive)
    receiver.start()
    for i in range(20):
        # a gap before the message and between its parts: the last part is the one that wakes
        time.sleep(0.002)
        push.send(b"head%d" % i, zmq.SNDMORE, copy=copy)
        time.sleep(0.001)
        push.send(b"x" * 70000 if i % 2 else b"tail%d" % i, copy=copy)
    receiver.join(30)
    assert not receiver.is_alive()
    assert received == [[b"head%d" % i, b"x" * 70000 if i % 2 else b"tail%d" % i] for i in range(20)]
    assert push._spin_state["recv"][3] is False  # a PUSH socket never receives


def test_request_reply_between_threads_pairs_every_reply(context):
    req = context.socket(zmq.REQ)
    rep = context.socket(zmq.REP)
    req.bind("inproc://turns")
    rep.connect("inproc://turns")
    count = 3000

    def echo():
        for _ in range(count):
            request = rep.recv()
            rep.send(request[::-1])
        request = rep.recv()  # the last turn: each side waits for the other
        time.sleep(0.01)
        rep.send(request[::-1])

    server = threading.Thread(target=echo)
    server.start()
    for i in range(count):
        req.send(b"%d-request" % i)
        assert req.recv() == (b"%d-request" % i)[::-1]
    time.sleep(0.01)
    req.send(b"last")
    assert req.recv() == b"tsal"
    server.join(30)
    assert not server.is_alive()
    # in the last turn both receives slept: the next sends of both let the GIL go
    assert req._spin_state["recv"][3] is True
    assert rep._spin_state["recv"][3] is True
    req.send(b"after")
    assert rep.recv() == b"after"


def test_paced_sends_and_a_busy_python_thread_both_progress(context):
    pub = context.socket(zmq.PUB)
    sub = context.socket(zmq.SUB)
    pub.bind("inproc://paced")
    sub.connect("inproc://paced")
    sub.subscribe(b"")
    stop = threading.Event()
    spins = [0]

    def busy():  # pure Python: needs the GIL all the time
        while not stop.is_set():
            spins[0] += 1

    worker = threading.Thread(target=busy)
    worker.start()
    try:
        time.sleep(0.05)  # the subscription reaches the publisher
        received = []
        for i in range(200):
            pub.send(b"%d" % i)
            received.append(sub.recv())
            time.sleep(0.0002)
    finally:
        stop.set()
        worker.join(30)
    assert received == [b"%d" % i for i in range(200)]
    assert spins[0] > 0
