# SPDX-License-Identifier: BSD-3-Clause
"""Item 4: many threads, Context.instance() races, fork, garbage collection in threads.

The heavy runs happen in child processes, so that a crash shows up as a failed
test rather than the end of the test session.
"""

from __future__ import annotations

import threading

import pytest

import zmq

from reliability_support import last_json, record, run_child, scale

THREADS = 8

RING_CHILD = """
import json, sys, threading, time
import zmq

transport, count, nthreads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ctx = zmq.Context(io_threads=2)
endpoints = [None] * nthreads
bound = threading.Barrier(nthreads)
results = [None] * nthreads
BODY = b"b" * 1000

def send_one(push, me, seq):
    header = b"%d:%d" % (me, seq)
    kind = seq % 3
    if kind == 0:
        push.send_multipart([header, BODY], zmq.DONTWAIT)
    elif kind == 1:
        push.send(header, zmq.DONTWAIT, copy=False)
    else:
        push.send(header, zmq.DONTWAIT)

def worker(me):
    # every thread owns one PULL (receiving from its left neighbour) and one
    # PUSH (sending to its right neighbour): messages cross threads, sockets never
    pull, push = ctx.socket(zmq.PULL), ctx.socket(zmq.PUSH)
    if transport == "tcp":
        endpoints[me] = "tcp://127.0.0.1:%d" % pull.bind_to_random_port("tcp://127.0.0.1")
    else:
        endpoints[me] = "inproc://ring-%d" % me
        pull.bind(endpoints[me])
    bound.wait()
    push.connect(endpoints[(me + 1) % nthreads])
    left = (me - 1) % nthreads
    poller = zmq.Poller()
    poller.register(pull, zmq.POLLIN)
    poller.register(push, zmq.POLLOUT)
    sent = received = 0
    errors = []
    while received < count or sent < count:
        ready = dict(poller.poll(30_000))
        if not ready:
            errors.append("stalled at sent=%d received=%d" % (sent, received))
            break
        if ready.get(push, 0) & zmq.POLLOUT:
            try:
                for _ in range(200):
                    if sent == count:
                        break
                    send_one(push, me, sent)
                    sent += 1
            except zmq.Again:
                pass
            if sent == count:
                poller.unregister(push)
        if ready.get(pull, 0) & zmq.POLLIN:
            try:
                while True:
                    parts = pull.recv_multipart(zmq.DONTWAIT)
                    source, seq = map(int, parts[0].split(b":"))
                    if source != left or seq != received or len(parts) != (2 if seq % 3 == 0 else 1):
                        errors.append("got %r after %d" % (parts[0], received))
                    received += 1
            except zmq.Again:
                pass
    results[me] = {"sent": sent, "received": received, "errors": errors[:5]}
    pull.close(linger=0)
    push.close(linger=-1)

start = time.perf_counter()
threads = [threading.Thread(target=worker, args=(i,)) for i in range(nthreads)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
seconds = time.perf_counter() - start
ctx.term()
print(json.dumps({"threads": results, "seconds": seconds}))
"""


@pytest.mark.parametrize("transport", ["inproc", "tcp"])
def test_eight_threads_lose_nothing(transport):
    count = scale(20_000, 100_000)
    done = run_child(RING_CHILD, transport, str(count), str(THREADS))
    assert done.returncode == 0, done.stderr
    outcome = last_json(done.stdout)
    record(
        f"threads[{transport}]", threads=THREADS, messages_per_thread=count,
        received=sum(t["received"] for t in outcome["threads"]), seconds=round(outcome["seconds"], 2),
    )
    for me, result in enumerate(outcome["threads"]):
        assert result == {"sent": count, "received": count, "errors": []}, me


def test_instance_under_concurrent_first_use_is_one_context():
    """Every thread gets the same context: inproc (per context) connects them all."""
    for round_number in range(scale(10, 100)):

        class Fresh(zmq.Context):
            """A subclass has its own instance: a first use every round."""

        start = threading.Barrier(THREADS)
        seen: list = [None] * THREADS
        received: list = [None] * THREADS

        def use(me: int) -> None:
            start.wait()
            ctx = seen[me] = Fresh.instance()
            pull = ctx.socket(zmq.PULL)
            pull.rcvtimeo = 30_000  # a hang guard: another context's inproc would never deliver
            pull.bind(f"inproc://instance-{me}")
            push = ctx.socket(zmq.PUSH)
            push.connect(f"inproc://instance-{(me + 1) % THREADS}")  # may precede the bind
            push.send(b"%d" % me)
            try:
                received[me] = pull.recv()
            except zmq.Again:
                received[me] = None
            pull.close(linger=0)
            push.close(linger=0)

        threads = [threading.Thread(target=use, args=(i,)) for i in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        try:
            assert len({id(ctx) for ctx in seen}) == 1, round_number
            assert received == [b"%d" % ((me - 1) % THREADS) for me in range(THREADS)]
        finally:
            seen[0].term()


FORK_CHILD = """
import json, os, sys
import zmq

ctx = zmq.Context()
pull = ctx.socket(zmq.PULL)
pull.rcvtimeo = 30_000  # hang guard
port = pull.bind_to_random_port("tcp://127.0.0.1")
push = ctx.socket(zmq.PUSH)
push.linger = 1234
push.connect("tcp://127.0.0.1:%d" % port)
for i in range(100):
    push.send(b"before %d" % i)
assert pull.recv() == b"before 0"  # traffic is flowing when the fork happens

pid = os.fork()
if pid == 0:
    # the child: a new context of its own, used over tcp and inproc; the
    # inherited objects are left to the interpreter's normal exit
    try:
        own = zmq.Context()
        to_parent = own.socket(zmq.PUSH)
        to_parent.connect("tcp://127.0.0.1:%d" % port)
        for i in range(50):
            to_parent.send(b"child %d" % i)
        a, b = own.socket(zmq.PAIR), own.socket(zmq.PAIR)
        a.bind("inproc://in-child"); b.connect("inproc://in-child")
        a.send(b"ping"); assert b.recv() == b"ping"
        assert zmq.Context.instance() is not ctx
        to_parent.close(linger=30_000)  # deliver everything before term
        own.destroy()
        zmq.Context.instance().term()
    except BaseException as error:
        print("child failed:", repr(error), file=sys.stderr, flush=True)
        os._exit(3)
    sys.exit(0)

_, status = os.waitpid(pid, 0)
messages = [pull.recv() for _ in range(99 + 50)]
for i in range(100):
    push.send(b"after %d" % i)
after = [pull.recv() for _ in range(100)]
print(json.dumps({
    "child_status": os.waitstatus_to_exitcode(status),
    "before": sorted(m.decode() for m in messages if m.startswith(b"before")) == sorted("before %d" % i for i in range(1, 100)),
    "from_child": sorted(m.decode() for m in messages if m.startswith(b"child")) == sorted("child %d" % i for i in range(50)),
    "after": after == [b"after %d" % i for i in range(100)],
    "intact": [ctx.closed, pull.closed, push.closed, push.linger, pull.type == zmq.PULL],
}))
ctx.destroy(linger=0)
"""


def test_fork_child_uses_a_new_context_and_leaves_the_parent_alone():
    done = run_child(FORK_CHILD, timeout=120)
    assert done.returncode == 0, done.stderr
    assert last_json(done.stdout) == {
        "child_status": 0, "before": True, "from_child": True, "after": True,
        "intact": [False, False, False, 1234, True],
    }, done.stderr


GC_CHILD = """
import gc, sys, threading
import zmq

def in_thread(function, *args):
    thread = threading.Thread(target=function, args=args)
    thread.start()
    thread.join(30)  # a hang guard
    if thread.is_alive():
        print("hung:", function.__name__, flush=True)
        import os; os._exit(4)
    print("ok", function.__name__, flush=True)

# 1. sockets of a live context, used here, dropped by another thread
ctx = zmq.Context()
holder = []
for i in range(20):
    pull, push = ctx.socket(zmq.PULL), ctx.socket(zmq.PUSH)
    pull.bind("inproc://drop-%d" % i); push.connect("inproc://drop-%d" % i)
    push.send(b"x"); pull.recv(); push.send(b"unread")
    holder.append((pull, push))
del pull, push

def drop_sockets():
    holder.clear()
in_thread(drop_sockets)
sock = ctx.socket(zmq.PAIR)  # the context is still usable
sock.close()
ctx.term()

# 2. a context and its sockets in a reference cycle, collected by another thread
def make_cycle():
    ctx = zmq.Context()
    ring = [ctx, ctx.socket(zmq.PUB), ctx.socket(zmq.SUB)]
    ring[1].bind("inproc://cycle"); ring[2].connect("inproc://cycle")
    ring.append(ring)
make_cycle()
in_thread(gc.collect)

# 3. eight threads each make a context with sockets and traffic, then drop everything
def churn():
    for _ in range(20):
        ctx = zmq.Context()
        a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
        a.bind("inproc://churn"); b.connect("inproc://churn")
        a.send(b"x", copy=False); b.recv(copy=False)
        del a, b, ctx
def eight_threads_churn():
    threads = [threading.Thread(target=churn) for _ in range(8)]
    for thread in threads: thread.start()
    for thread in threads: thread.join()
in_thread(eight_threads_churn)

# 4. an unclosed socket with a pending message for a live peer: dropped in a
#    thread, the message is still delivered
ctx = zmq.Context()
pull = ctx.socket(zmq.PULL); pull.rcvtimeo = 30_000
port = pull.bind_to_random_port("tcp://127.0.0.1")
holder = [ctx.socket(zmq.PUSH)]
holder[0].connect("tcp://127.0.0.1:%d" % port)
holder[0].send(b"sent before the drop")
in_thread(drop_sockets)
print("delivered", pull.recv() == b"sent before the drop", flush=True)
pull.close(); ctx.term()

# 5. unclosed context and socket with an undeliverable message and a finite
#    linger, dropped together in a thread
def undeliverable():
    ctx = zmq.Context()
    ctx.linger = 200  # a default for the sockets it makes
    push = ctx.socket(zmq.PUSH)
    push.connect("tcp://127.0.0.1:9")  # the discard port: nobody accepts
    push.send(b"never delivered")
    del push, ctx
in_thread(undeliverable)
"""


def test_garbage_collection_in_other_threads_never_hangs():
    done = run_child(GC_CHILD, timeout=120)
    assert done.returncode == 0, (done.stdout, done.stderr)
    assert done.stdout.split("\n")[:6] == [
        "ok drop_sockets", "ok collect", "ok eight_threads_churn",
        "ok drop_sockets", "delivered True", "ok undeliverable",
    ], done.stdout
