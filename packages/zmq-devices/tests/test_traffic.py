# SPDX-License-Identifier: BSD-3-Clause
"""Every device class, in the calling thread, a background thread and a child
process, relays REQ/REP, ROUTER/DEALER, PUSH/PULL and PUB/SUB traffic; proxies
and monitored queues report it on their monitor socket, frame by frame."""

from __future__ import annotations

import pytest

import zmq

FAMILIES = ("device", "proxy", "steerable", "monitored")
KINDS = ("plain", "thread", "process")

# the device's (in_type, out_type) for each traffic pattern
PATTERNS = {
    "reqrep": (zmq.ROUTER, zmq.DEALER),
    "routerdealer": (zmq.ROUTER, zmq.DEALER),
    "pushpull": (zmq.PULL, zmq.PUSH),
    "pubsub": (zmq.SUB, zmq.PUB),
}
SYNC = b"sync"


def reqrep(h, ports):
    """A REQ client and a REP worker exchange two requests."""
    client = h.socket(zmq.REQ, ports["in"], routing_id=b"client-1")
    worker = h.socket(zmq.REP, ports["out"])
    relayed = []
    for n in (b"1", b"2"):
        client.send_multipart([b"request", n])
        assert worker.recv_multipart() == [b"request", n]
        worker.send_multipart([b"reply", n])
        assert client.recv_multipart() == [b"reply", n]
        relayed += [("in", [b"client-1", b"", b"request", n]), ("out", [b"client-1", b"", b"reply", n])]
    return relayed


def routerdealer(h, ports):
    """A DEALER client and a DEALER worker that sees (and answers) the routing id."""
    client = h.socket(zmq.DEALER, ports["in"], routing_id=b"client-2")
    worker = h.socket(zmq.DEALER, ports["out"])
    client.send_multipart([b"job", b"42"])
    assert worker.recv_multipart() == [b"client-2", b"job", b"42"]
    worker.send_multipart([b"client-2", b"done", b"42"])
    assert client.recv_multipart() == [b"done", b"42"]
    return [("in", [b"client-2", b"job", b"42"]), ("out", [b"client-2", b"done", b"42"])]


def pushpull(h, ports):
    """A pipeline: three multipart messages arrive in order."""
    source = h.socket(zmq.PUSH, ports["in"])
    sink = h.socket(zmq.PULL, ports["out"])
    messages = [[b"task", str(i).encode()] for i in range(3)]
    for message in messages:
        source.send_multipart(message)
    for message in messages:
        assert sink.recv_multipart() == message
    return [("in", m) for m in messages]


def pubsub(h, ports):
    """A publisher and a subscriber through the device; SYNC messages are sent
    until the subscriptions are in place (PUB drops what nobody subscribed to)."""
    publisher = h.socket(zmq.PUB, ports["in"])
    subscriber = h.socket(zmq.SUB, ports["out"])
    subscriber.subscribe(b"news")
    subscriber.subscribe(SYNC)
    for _ in range(500):
        publisher.send(SYNC)
        if subscriber.poll(20):
            break
    else:
        raise AssertionError("the subscription never reached the publisher")
    publisher.send_multipart([b"weather", b"ignored by the subscriber"])
    messages = [[b"news", b"first"], [b"news", b"second"]]
    for message in messages:
        publisher.send_multipart(message)
    got = []
    while len(got) < 2:
        message = subscriber.recv_multipart()
        if message != [SYNC]:
            got.append(message)
    assert got == messages
    return [("in", [b"weather", b"ignored by the subscriber"])] + [("in", m) for m in messages]


RUN = {"reqrep": reqrep, "routerdealer": routerdealer, "pushpull": pushpull, "pubsub": pubsub}


def monitor_messages(collector, count):
    """The next ``count`` monitor messages, leaving out the SYNC chatter."""
    seen = []
    while len(seen) < count:
        message = collector.recv_multipart()
        if message[-1] != SYNC:
            seen.append(message)
    return seen


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("family", FAMILIES)
def test_relays_and_monitors(harness, family, kind, pattern):
    in_type, out_type = PATTERNS[pattern]
    device, ports = harness.make(family, kind, in_type, out_type)
    collector = harness.socket(zmq.PULL, ports["mon"]) if "mon" in ports else None
    relayed = RUN[pattern](harness, ports)
    if collector is None:
        return
    seen = monitor_messages(collector, len(relayed))
    if family == "monitored":
        assert seen == [[direction.encode()] + parts for direction, parts in relayed]
    else:  # a proxy's capture: the messages as relayed, without a prefix
        assert seen == [parts for _, parts in relayed]
