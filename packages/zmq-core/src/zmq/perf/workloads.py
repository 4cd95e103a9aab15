# SPDX-License-Identifier: LGPL-3.0-or-later
"""Benchmark workloads for ``python -m zmq.perf``.

Standalone on purpose: it imports only ``zmq`` and the standard library, so
the same file runs under any binding (this one or pyzmq) and the numbers
compare like with like. Each workload runs in one thread (send a batch, then
receive it), the stable way to compare per-message cost on a shared machine.

    python workloads.py WORKLOAD TRANSPORT COUNT SIZE REPEAT

prints a JSON object: {"value": best, "unit": ..., "binding": ...}.
"""

from __future__ import annotations

import json
import sys
import time

import zmq

WORKLOADS = ("push_pull", "req_rep", "multipart")
PARTS = 4


def _pair(ctx, bind_type, connect_type, transport):
    bound = ctx.socket(bind_type)
    connected = ctx.socket(connect_type)
    for sock in (bound, connected):
        sock.setsockopt(zmq.LINGER, 0)
        sock.setsockopt(zmq.SNDHWM, 0)
        sock.setsockopt(zmq.RCVHWM, 0)
    if transport == "inproc":
        bound.bind("inproc://zmq-perf")
        connected.connect("inproc://zmq-perf")
    else:
        bound.bind("tcp://127.0.0.1:*")
        connected.connect(bound.getsockopt(zmq.LAST_ENDPOINT).decode())
    return bound, connected


def push_pull(ctx, transport, count, size):
    """Messages per second: send ``count`` frames on PUSH, then receive them on PULL."""
    pull, push = _pair(ctx, zmq.PULL, zmq.PUSH, transport)
    msg = b"x" * size
    push.send(msg)
    pull.recv()
    send, recv = push.send, pull.recv
    start = time.perf_counter()
    for _ in range(count):
        send(msg)
    for _ in range(count):
        recv()
    elapsed = time.perf_counter() - start
    return count / elapsed


def multipart(ctx, transport, count, size):
    """Messages per second for PARTS-part messages via send_multipart/recv_multipart."""
    pull, push = _pair(ctx, zmq.PULL, zmq.PUSH, transport)
    msg = [b"x" * size] * PARTS
    push.send_multipart(msg)
    pull.recv_multipart()
    send, recv = push.send_multipart, pull.recv_multipart
    start = time.perf_counter()
    for _ in range(count):
        send(msg)
    for _ in range(count):
        recv()
    elapsed = time.perf_counter() - start
    return count / elapsed


def req_rep(ctx, transport, count, size):
    """Microseconds per REQ/REP round trip, both ends driven by this one thread."""
    rep, req = _pair(ctx, zmq.REP, zmq.REQ, transport)
    msg = b"x" * size
    req.send(msg)
    rep.send(rep.recv())
    req.recv()
    start = time.perf_counter()
    for _ in range(count):
        req.send(msg)
        rep.send(rep.recv())
        req.recv()
    elapsed = time.perf_counter() - start
    return elapsed / count * 1e6


UNITS = {"push_pull": "msg/s", "multipart": "msg/s", "req_rep": "us"}


def run(workload, transport, count, size, repeat):
    """Best of ``repeat`` runs (highest rate, lowest latency)."""
    results = []
    for _ in range(repeat):
        ctx = zmq.Context()
        try:
            results.append(globals()[workload](ctx, transport, count, size))
        finally:
            ctx.destroy(linger=0)
    return max(results) if UNITS[workload] == "msg/s" else min(results)


def main(argv):
    """Entry point: run one workload and print its JSON result."""
    workload, transport, count, size, repeat = argv
    if workload not in WORKLOADS:
        raise SystemExit(f"unknown workload {workload!r}; choose from {WORKLOADS}")
    value = run(workload, transport, int(count), int(size), int(repeat))
    binding = f"{zmq.__name__} {getattr(zmq, '__version__', '?')}"
    print(json.dumps({"value": value, "unit": UNITS[workload], "binding": binding}))


if __name__ == "__main__":
    main(sys.argv[1:])
