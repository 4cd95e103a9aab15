# SPDX-License-Identifier: BSD-3-Clause
"""Item 5: peers killed mid-stream, delivery counts, high-water marks.

Peers are separate processes killed with SIGKILL (no chance to clean up);
the survivor, this process, must keep working once a new peer starts at the
same endpoint. Counting tests check that every message a PUSH accepted while
its PULL was alive arrives, and that a full high-water mark makes a send
raise zmq.Again (DONTWAIT) or block, never drop, on socket types that do not
drop by design (PUSH, DEALER, PAIR, ROUTER with ROUTER_MANDATORY).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import threading
import time

import pytest

import zmq

from reliability_support import last_json, python_child, record, run_child, scale

GUARD_MS = 30_000  # receive/send timeouts that only guard against hangs


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def kill(child) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait(30)
    assert child.returncode == -signal.SIGKILL


def read_until(child, prefix: str) -> str:
    """Read the child's output lines until one starts with ``prefix``."""
    while True:
        line = child.stdout.readline()
        assert line, f"child ended before {prefix!r}: {child.stderr.read()}"
        if line.startswith(prefix):
            return line.strip()


# -- PUSH/PULL -----------------------------------------------------------------

PULL_PEER = """
import json, sys, zmq
ctx = zmq.Context()
pull = ctx.socket(zmq.PULL)
pull.rcvtimeo = 30_000
pull.connect(sys.argv[1])
print("ready", flush=True)
tags = {}
after = []
while True:
    message = pull.recv()
    if message == b"END":
        break
    tag, seq = message.split(b" ")[:2]
    tags[tag.decode()] = tags.get(tag.decode(), 0) + 1
    if tag == b"after":
        after.append(int(seq))
    if tag == b"before" and tags["before"] % 100 == 0:  # progress, read by the parent
        print("got before", tags["before"], flush=True)
print(json.dumps({"tags": tags, "after_in_order": after == list(range(len(after)))}), flush=True)
ctx.destroy(linger=0)
"""


def test_push_survives_its_pull_being_killed(context):
    push = context.socket(zmq.PUSH)
    push.sndtimeo = GUARD_MS
    port = push.bind_to_random_port("tcp://127.0.0.1")
    endpoint = f"tcp://127.0.0.1:{port}"
    first = python_child(PULL_PEER, endpoint)
    assert first.stdout.readline().strip() == "ready"
    sent_before = 0
    stop = threading.Event()

    def stream():
        nonlocal sent_before
        while not stop.is_set():
            try:
                push.send(b"before %d" % sent_before, zmq.DONTWAIT)
                sent_before += 1
            except zmq.Again:
                time.sleep(0.001)

    streamer = threading.Thread(target=stream)
    streamer.start()
    try:
        read_until(first, "got before 500")  # mid-stream
        kill(first)
    finally:
        stop.set()
        streamer.join(30)
    second = python_child(PULL_PEER, endpoint)
    assert second.stdout.readline().strip() == "ready"
    count = scale(5_000, 100_000)
    for seq in range(count):  # blocks until the new peer is connected
        push.send(b"after %d" % seq)
    push.send(b"END")
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    outcome = last_json(out)
    record("fault[push-survivor]", sent_before_kill=sent_before, after_restart=outcome["tags"].get("after", 0))
    assert outcome["tags"].get("after") == count and outcome["after_in_order"]


PUSH_PEER = """
import sys, zmq
ctx = zmq.Context()
push = ctx.socket(zmq.PUSH)
push.connect(sys.argv[1])
name, count = sys.argv[2], int(sys.argv[3])
print("ready", flush=True)
seq = 0
while count < 0 or seq < count:  # count < 0: stream until killed
    push.send(b"%s %d" % (name.encode(), seq))
    seq += 1
push.send(b"END")
push.close()  # LINGER -1: everything is delivered before the process ends
ctx.term()
"""


def test_pull_survives_its_push_being_killed(context):
    pull = context.socket(zmq.PULL)
    pull.rcvtimeo = GUARD_MS
    port = pull.bind_to_random_port("tcp://127.0.0.1")
    endpoint = f"tcp://127.0.0.1:{port}"
    first = python_child(PUSH_PEER, endpoint, "first", "-1")
    assert first.stdout.readline().strip() == "ready"
    for _ in range(500):
        assert pull.recv().startswith(b"first ")
    kill(first)
    count = scale(5_000, 100_000)
    second = python_child(PUSH_PEER, endpoint, "second", str(count))
    got_second = []
    while True:
        message = pull.recv()
        if message == b"END":
            break
        if message.startswith(b"second "):  # "first" ones still queued here come first
            got_second.append(int(message.split()[1]))
    second.communicate(timeout=60)
    assert second.returncode == 0
    assert got_second == list(range(count))  # every message of the live peer, in order


def test_every_message_accepted_by_push_reaches_a_live_pull(context):
    count = scale(20_000, 500_000)
    push = context.socket(zmq.PUSH)
    push.sndtimeo = GUARD_MS
    port = push.bind_to_random_port("tcp://127.0.0.1")
    peer = python_child(PULL_PEER, f"tcp://127.0.0.1:{port}")
    assert peer.stdout.readline().strip() == "ready"
    start = time.perf_counter()
    for seq in range(count):
        if seq % 100 == 0:  # now and then a large zero-copy message
            push.send(bytearray(b"after %d " % seq + b"z" * 100_000), copy=False)
        else:
            push.send(b"after %d" % seq)
    push.send(b"END")
    push.close()  # linger -1: close returns, libzmq still delivers
    out, err = peer.communicate(timeout=300)
    seconds = time.perf_counter() - start
    assert peer.returncode == 0, err
    outcome = last_json(out)
    record("fault[push-count]", accepted=count, delivered=outcome["tags"].get("after", 0), seconds=round(seconds, 2))
    assert outcome == {"tags": {"after": count}, "after_in_order": True}


# -- REQ/REP -------------------------------------------------------------------

REP_PEER = """
import sys, time, zmq
ctx = zmq.Context()
rep = ctx.socket(zmq.REP)
rep.bind(sys.argv[1])
print("ready", flush=True)
while True:
    request = rep.recv()
    if request == b"hang":
        print("hanging", flush=True)
        time.sleep(600)  # killed here, the request unanswered
    rep.send(b"reply to " + request)
"""


def test_req_relaxed_correlate_survives_rep_killed_mid_request(context):
    endpoint = f"tcp://127.0.0.1:{free_port()}"
    req = context.socket(zmq.REQ)
    req.req_relaxed = 1
    req.req_correlate = 1
    req.rcvtimeo = 2_000
    req.connect(endpoint)
    first = python_child(REP_PEER, endpoint)
    try:
        assert first.stdout.readline().strip() == "ready"
        for i in range(20):
            req.send(b"%d" % i)
            assert req.recv() == b"reply to %d" % i
        req.send(b"hang")
        read_until(first, "hanging")
    finally:
        kill(first)
    with pytest.raises(zmq.Again):  # no reply will come
        req.recv()
    second = python_child(REP_PEER, endpoint)
    try:
        assert second.stdout.readline().strip() == "ready"
        req.rcvtimeo = GUARD_MS
        for i in range(20):  # REQ_RELAXED: sending again is allowed
            req.send(b"again %d" % i)
            assert req.recv() == b"reply to again %d" % i  # REQ_CORRELATE: never a stale reply
    finally:
        kill(second)


REQ_PEER = """
import sys, zmq
ctx = zmq.Context()
req = ctx.socket(zmq.REQ)
req.rcvtimeo = 30_000
req.connect(sys.argv[1])
for i in range(int(sys.argv[2])):
    req.send(b"%s %d" % (sys.argv[3].encode(), i))
    if sys.argv[3] == "doomed":
        print("sent", flush=True)
        req.recv()  # killed while waiting
    assert req.recv() == b"ok %s %d" % (sys.argv[3].encode(), i)
print("done", flush=True)
ctx.destroy(linger=0)
"""


def test_rep_survives_req_killed_before_the_reply(context):
    rep = context.socket(zmq.REP)
    rep.rcvtimeo = GUARD_MS
    port = rep.bind_to_random_port("tcp://127.0.0.1")
    endpoint = f"tcp://127.0.0.1:{port}"
    doomed = python_child(REQ_PEER, endpoint, "1", "doomed")
    assert rep.recv() == b"doomed 0"
    read_until(doomed, "sent")
    kill(doomed)
    rep.send(b"to nobody")  # the peer is gone: REP drops the reply by design
    live = python_child(REQ_PEER, endpoint, "50", "live")
    for i in range(50):
        request = rep.recv()
        assert request == b"live %d" % i
        rep.send(b"ok " + request)
    assert live.stdout.readline().strip() == "done"
    live.communicate(timeout=30)
    assert live.returncode == 0


# -- ROUTER/DEALER ---------------------------------------------------------------

DEALER_PEER = """
import sys, zmq
ctx = zmq.Context()
dealer = ctx.socket(zmq.DEALER)
dealer.routing_id = b"worker"
dealer.rcvtimeo = 30_000
dealer.connect(sys.argv[1])
dealer.send(b"hello from " + sys.argv[2].encode())
while True:
    message = dealer.recv()
    dealer.send(b"echo " + message)
    if message == b"stop":
        break
print("done", flush=True)
ctx.destroy(linger=-1)
"""


def test_router_survives_dealer_killed_and_restarted(context):
    router = context.socket(zmq.ROUTER)
    router.router_mandatory = 1  # unroutable: an error, not a silent drop
    router.router_handover = 1  # the restarted peer takes over its routing id
    router.rcvtimeo = GUARD_MS
    port = router.bind_to_random_port("tcp://127.0.0.1")
    endpoint = f"tcp://127.0.0.1:{port}"
    first = python_child(DEALER_PEER, endpoint, "first")
    assert router.recv_multipart() == [b"worker", b"hello from first"]
    for i in range(100):
        router.send_multipart([b"worker", b"%d" % i])
        assert router.recv_multipart() == [b"worker", b"echo %d" % i]
    kill(first)
    second = python_child(DEALER_PEER, endpoint, "second")
    while True:  # "echo" replies of the dead peer could not be left; only hellos come
        message = router.recv_multipart()
        if message == [b"worker", b"hello from second"]:
            break
    for i in range(100):
        router.send_multipart([b"worker", b"again %d" % i])
        assert router.recv_multipart() == [b"worker", b"echo again %d" % i]
    router.send_multipart([b"worker", b"stop"])
    assert router.recv_multipart() == [b"worker", b"echo stop"]
    assert second.stdout.readline().strip() == "done"
    second.communicate(timeout=30)
    with pytest.raises(zmq.ZMQError) as error:
        for _ in range(1000):  # the peer has gone: soon unroutable
            router.send_multipart([b"worker", b"anyone?"])
            time.sleep(0.01)
    assert error.value.errno == zmq.EHOSTUNREACH


ROUTER_PEER = """
import sys, zmq
ctx = zmq.Context()
router = ctx.socket(zmq.ROUTER)
router.bind(sys.argv[1])
print("ready", flush=True)
while True:
    sender, message = router.recv_multipart()
    if message == b"hang":
        print("hanging", flush=True)
        import time; time.sleep(600)
    router.send_multipart([sender, b"echo " + message])
"""


def test_dealer_survives_router_killed_and_restarted(context):
    endpoint = f"tcp://127.0.0.1:{free_port()}"
    dealer = context.socket(zmq.DEALER)
    dealer.rcvtimeo = GUARD_MS
    dealer.connect(endpoint)
    first = python_child(ROUTER_PEER, endpoint)
    try:
        assert first.stdout.readline().strip() == "ready"
        for i in range(50):
            dealer.send(b"%d" % i)
            assert dealer.recv() == b"echo %d" % i
        dealer.send(b"hang")
        read_until(first, "hanging")
    finally:
        kill(first)
    second = python_child(ROUTER_PEER, endpoint)
    try:
        assert second.stdout.readline().strip() == "ready"
        for i in range(50):  # reconnects by itself; nothing stale arrives
            dealer.send(b"again %d" % i)
            assert dealer.recv() == b"echo again %d" % i
    finally:
        kill(second)


# -- high-water marks --------------------------------------------------------------

HWM_PAIRS = {
    "push-pull": (zmq.PUSH, zmq.PULL),
    "dealer-router": (zmq.DEALER, zmq.ROUTER),
    "pair-pair": (zmq.PAIR, zmq.PAIR),
    "router-dealer (mandatory)": (zmq.ROUTER, zmq.DEALER),
}


def _hwm_sockets(context, kinds, transport):
    sender_type, receiver_type = kinds
    receiver = context.socket(receiver_type)
    sender = context.socket(sender_type)
    receiver.rcvhwm = 10
    sender.sndhwm = 10
    receiver.rcvtimeo = GUARD_MS
    if sender_type == zmq.ROUTER:
        sender.router_mandatory = 1
        receiver.routing_id = b"receiver"
    if transport == "inproc":
        endpoint = f"inproc://hwm-{sender_type}-{receiver_type}"
        receiver.bind(endpoint)
    else:
        endpoint = f"tcp://127.0.0.1:{receiver.bind_to_random_port('tcp://127.0.0.1')}"
    sender.connect(endpoint)
    if sender_type == zmq.ROUTER:  # a ROUTER learns its peer from a first message
        receiver.send(b"hi")
        sender.rcvtimeo = GUARD_MS
        assert sender.recv_multipart() == [b"receiver", b"hi"]
    elif transport == "tcp":
        sender.send(b"-1")  # waits until connected
        assert receiver.recv_multipart()[-1] == b"-1"
    return sender, receiver


def _send(sender, seq, flags=0):
    body = b"%d" % seq + b"." * 10_000
    if sender.type == zmq.ROUTER:
        sender.send_multipart([b"receiver", body], flags)
    else:
        sender.send(body, flags)


@pytest.mark.parametrize("transport", ["inproc", "tcp"])
@pytest.mark.parametrize("name", sorted(HWM_PAIRS))
def test_full_hwm_raises_again_or_blocks_and_drops_nothing(context, name, transport):
    sender, receiver = _hwm_sockets(context, HWM_PAIRS[name], transport)
    accepted = 0
    while True:  # fill: DONTWAIT raises Again once the queue is full
        try:
            _send(sender, accepted, zmq.DONTWAIT)
        except zmq.Again:
            break
        accepted += 1
        assert accepted < 100_000, "the high-water mark never took effect"
    blocked_send_done = threading.Event()

    def blocking_send():
        _send(sender, accepted)
        blocked_send_done.set()

    thread = threading.Thread(target=blocking_send)
    thread.start()
    if transport == "inproc":  # with nobody reading, the queue stays full: send waits
        time.sleep(0.2)
        assert not blocked_send_done.is_set(), "a send on a full queue returned"
    received = [int(receiver.recv_multipart()[-1].split(b".")[0]) for _ in range(accepted + 1)]
    thread.join(GUARD_MS / 1000)
    assert blocked_send_done.is_set()
    assert received == list(range(accepted + 1))  # every accepted message, in order
    with pytest.raises(zmq.Again):
        receiver.recv(zmq.DONTWAIT)  # and nothing else
    record(f"hwm[{name},{transport}]", accepted_before_again=accepted)
