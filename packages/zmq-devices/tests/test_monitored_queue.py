# SPDX-License-Identifier: BSD-3-Clause
"""The monitored_queue function: prefixes, ROUTER/ROUTER, SUB filtering on the
monitor, both of its ways of running (inside libzmq for one-way traffic, the
batched loop for two-way traffic), and its end with the context."""

from __future__ import annotations

import itertools
import threading

import pytest

import zmq
from zmq.devices import ThreadMonitoredQueue, monitored_queue

_names = itertools.count()


class Queue:
    """monitored_queue over inproc sockets of ``harness.ctx``, run in a thread."""

    def __init__(self, harness, in_type, out_type, mon_type=zmq.PUSH, **prefixes):
        ctx = harness.ctx
        self.harness = harness
        tag = next(_names)
        self.endpoints = {role: f"inproc://mq-{tag}-{role}" for role in ("in", "out", "mon")}
        sockets = {}
        for role, kind in (("in", in_type), ("out", out_type), ("mon", mon_type)):
            sockets[role] = ctx.socket(kind)
            sockets[role].bind(self.endpoints[role])
        self.outcome: list[BaseException | None] = []

        def run():
            try:
                monitored_queue(sockets["in"], sockets["out"], sockets["mon"], **prefixes)
            except BaseException as error:  # recorded: the test checks how it ended
                self.outcome.append(error)
            finally:
                for sock in sockets.values():
                    sock.close()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def client(self, role, kind, **options):
        """A client socket connected to the queue's ``role`` socket."""
        sock = self.harness.socket(kind, **options)
        sock.connect(self.endpoints[role])
        return sock


@pytest.fixture
def queue(harness):
    """``queue(in_type, out_type, mon_type=PUSH, **prefixes)``; each ends with
    ContextTerminated when the harness terminates its context."""
    made = []

    def make(*args, **kwargs):
        made.append(Queue(harness, *args, **kwargs))
        return made[-1]

    yield make
    harness.close()
    harness.close = lambda: None  # already done
    for q in made:
        q.thread.join(10)
        assert not q.thread.is_alive()
        assert len(q.outcome) == 1 and isinstance(q.outcome[0], zmq.ContextTerminated)


@pytest.mark.parametrize(
    "prefixes",
    [{"in_prefix": "in"}, {"out_prefix": "out"}, {"in_prefix": bytearray(b"in")}, {"out_prefix": 1}],
)
def test_prefixes_must_be_bytes(context, prefixes):
    a, b, m = (context.socket(t) for t in (zmq.ROUTER, zmq.DEALER, zmq.PUB))
    with pytest.raises(TypeError, match="bytes"):
        monitored_queue(a, b, m, **prefixes)


def test_sockets_must_be_sockets(context):
    a, b = context.socket(zmq.ROUTER), context.socket(zmq.DEALER)
    with pytest.raises(TypeError, match="mon_socket"):
        monitored_queue(a, b, None)
    with pytest.raises(TypeError, match="in_socket"):
        monitored_queue("tcp://127.0.0.1:1", b, a)


def test_two_way_custom_prefixes(queue):
    q = queue(zmq.ROUTER, zmq.DEALER, in_prefix=b"up", out_prefix=b"down")
    client = q.client("in", zmq.REQ, routing_id=b"c")
    worker = q.client("out", zmq.REP)
    monitor = q.client("mon", zmq.PULL)
    client.send(b"question")
    assert worker.recv() == b"question"
    worker.send(b"answer")
    assert client.recv() == b"answer"
    assert monitor.recv_multipart() == [b"up", b"c", b"", b"question"]
    assert monitor.recv_multipart() == [b"down", b"c", b"", b"answer"]


@pytest.mark.parametrize("prefix", [b"tap", b"", b"\x00raw", b"x" * 300])
def test_one_way_prefixes(queue, prefix):
    """Any bytes work as a prefix, also those that cannot be a routing id
    (empty, leading zero byte, longer than 255): those take the loop."""
    q = queue(zmq.PULL, zmq.PUSH, in_prefix=prefix)
    source, sink = q.client("in", zmq.PUSH), q.client("out", zmq.PULL)
    monitor = q.client("mon", zmq.PULL)
    source.send_multipart([b"a", b"", b"c"])
    assert sink.recv_multipart() == [b"a", b"", b"c"]
    assert monitor.recv_multipart() == [prefix, b"a", b"", b"c"]


def test_router_router_swaps_routing_ids(queue):
    q = queue(zmq.ROUTER, zmq.ROUTER)
    monitor = q.client("mon", zmq.PULL)
    worker = q.client("out", zmq.DEALER, routing_id=b"worker")
    # the first message from the worker proves it is connected (and goes nowhere)
    worker.send_multipart([b"nobody", b"ready"])
    assert monitor.recv_multipart() == [b"out", b"nobody", b"worker", b"ready"]
    client = q.client("in", zmq.DEALER, routing_id=b"client")
    client.send_multipart([b"worker", b"job"])
    assert worker.recv_multipart() == [b"client", b"job"]
    worker.send_multipart([b"client", b"result"])
    assert client.recv_multipart() == [b"worker", b"result"]
    assert monitor.recv_multipart() == [b"in", b"worker", b"client", b"job"]
    assert monitor.recv_multipart() == [b"out", b"client", b"worker", b"result"]


@pytest.mark.parametrize("subscription", [b"in", b"out"])
def test_monitor_subscribers_filter_by_prefix(harness, subscription):
    """A PUB monitor: a SUB that subscribes to one prefix sees only that direction."""
    dev = ThreadMonitoredQueue(zmq.ROUTER, zmq.DEALER, zmq.PUB)
    ports = {role: getattr(dev, f"bind_{role}_to_random_port")("tcp://127.0.0.1") for role in ("in", "out", "mon")}
    harness.start(dev, "thread")
    client = harness.socket(zmq.DEALER, ports["in"], routing_id=b"c")
    worker = harness.socket(zmq.DEALER, ports["out"])
    monitor = harness.socket(zmq.SUB, ports["mon"])
    monitor.subscribe(subscription)

    def exchange(payload):
        client.send(payload)
        assert worker.recv_multipart() == [b"c", payload]
        worker.send_multipart([b"c", payload + b"-reply"])
        assert client.recv() == payload + b"-reply"

    # exchanges until the subscription is in place (PUB drops what nobody wants)
    for _ in range(500):
        exchange(b"warm-up")
        if monitor.poll(20):
            break
    else:
        raise AssertionError("the monitor subscription never took effect")
    exchange(b"counted")
    exchange(b"last")
    seen = []
    while not seen or seen[-1][-1] not in (b"last", b"last-reply"):
        seen.append(monitor.recv_multipart())
    seen = [m for m in seen if b"warm-up" not in m[-1]]
    if subscription == b"in":
        assert seen == [[b"in", b"c", b"counted"], [b"in", b"c", b"last"]]
    else:
        assert seen == [[b"out", b"c", b"counted-reply"], [b"out", b"c", b"last-reply"]]


@pytest.mark.parametrize("types", [(zmq.PULL, zmq.PUSH), (zmq.DEALER, zmq.DEALER)], ids=["one-way", "two-way"])
def test_many_and_large_messages_in_order(queue, types):
    """Batches of messages keep their order and their bytes, small and large."""
    q = queue(*types)
    source = q.client("in", zmq.PUSH if types[0] == zmq.PULL else zmq.DEALER)
    sink = q.client("out", zmq.PULL if types[1] == zmq.PUSH else zmq.DEALER)
    monitor = q.client("mon", zmq.PULL)
    big = bytes(range(256)) * 4096  # 1 MiB
    messages = [[str(i).encode()] for i in range(1500)] + [[b"big", big]]
    sender = threading.Thread(target=lambda: [source.send_multipart(m) for m in messages])
    sender.start()
    assert [sink.recv_multipart() for _ in messages] == messages
    assert [monitor.recv_multipart() for _ in messages] == [[b"in"] + m for m in messages]
    sender.join()


def test_both_directions_interleaved(queue):
    """Two-way traffic flowing at the same time reaches both ends, all of it."""
    q = queue(zmq.PAIR, zmq.PAIR)
    left, right = q.client("in", zmq.PAIR), q.client("out", zmq.PAIR)
    monitor = q.client("mon", zmq.PULL)
    count = 600
    for i in range(count):  # both ways in flight at once
        left.send(b"L%d" % i)
        right.send(b"R%d" % i)
    assert [right.recv() for _ in range(count)] == [b"L%d" % i for i in range(count)]
    assert [left.recv() for _ in range(count)] == [b"R%d" % i for i in range(count)]
    seen = [monitor.recv_multipart() for _ in range(2 * count)]
    assert [m[1] for m in seen if m[0] == b"in"] == [b"L%d" % i for i in range(count)]
    assert [m[1] for m in seen if m[0] == b"out"] == [b"R%d" % i for i in range(count)]


@pytest.mark.parametrize("types", [(zmq.PULL, zmq.PUSH), (zmq.ROUTER, zmq.DEALER)], ids=["one-way", "two-way"])
def test_ends_with_context_terminated(queue, types):
    """Terminating the context ends monitored_queue with ContextTerminated and
    its internal sockets closed (the fixture's term() would hang otherwise)."""
    q = queue(*types)
    assert q.thread.is_alive()
