# SPDX-License-Identifier: LGPL-3.0-or-later
"""Benchmark workloads for ``python -m zmq.perf``.

Standalone on purpose: it imports only ``zmq`` and the standard library, so
the same file runs under any binding (this one, or pyzmq in another venv) and
the numbers compare like with like.

    python workloads.py '{"workload": "thr", "transport": "tcp", "size": 64, ...}'

runs one cell of the table and prints a JSON object with its result.

Workloads (``mode`` says where the two ends run: ``single`` = one thread does
both, in batches, the stable way to compare per-message cost on a shared
machine; ``thread`` = receiver in a second thread; ``process`` = receiver or
echo server in a child process):

- ``thr``: PUSH/PULL messages per second for ``size``-byte frames, with
  ``copy`` True or False on both ends, ``parts`` frames per message.
- ``lat``: REQ/REP round trips: median and 99th percentile in microseconds.
- ``poll``: microseconds per ``Poller.poll(0)`` over 10 idle sockets.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import tempfile
import threading
import time

import zmq

#: frames are sent in batches of at most this many bytes in single mode
BATCH_BYTES = 64 * 1024 * 1024


def _context(spec: dict):
    """A new Context; ``spec["spin_us"]``, when given, sets its sockets' spin time.

    Only this binding has ``spin_us``; other bindings ignore it.
    """
    ctx = zmq.Context()
    if spec.get("spin_us") is not None and hasattr(zmq.Context, "spin_us"):
        ctx.spin_us = spec["spin_us"]
    return ctx


def _endpoint(transport: str) -> str:
    if transport == "inproc":
        return "inproc://zmq-perf"
    if transport == "ipc":
        return f"ipc://{tempfile.gettempdir()}/zmq-perf-{os.getpid()}-{time.monotonic_ns()}"
    return "tcp://127.0.0.1:*"


def _tune(sock) -> None:
    sock.setsockopt(zmq.LINGER, 0)
    sock.setsockopt(zmq.SNDHWM, 0)
    sock.setsockopt(zmq.RCVHWM, 0)


def _bind(ctx, kind, transport):
    sock = ctx.socket(kind)
    _tune(sock)
    sock.bind(_endpoint(transport))
    return sock, sock.getsockopt(zmq.LAST_ENDPOINT).decode()


def _connect(ctx, kind, endpoint):
    sock = ctx.socket(kind)
    _tune(sock)
    sock.connect(endpoint)
    return sock


# -- throughput ------------------------------------------------------------------


def _receive(pull, count: int, parts: int, copy: bool) -> float:
    """Receive ``count`` messages; seconds from the first to the last."""
    recv = pull.recv_multipart if parts > 1 else pull.recv
    recv(copy=copy)
    start = time.perf_counter()
    for _ in range(count - 1):
        recv(copy=copy)
    return time.perf_counter() - start


def _send(push, count: int, parts: int, size: int, copy: bool) -> None:
    payload = b"x" * size
    if parts > 1:
        message = [payload] * parts
        send = push.send_multipart
        for _ in range(count):
            send(message, copy=copy)
    else:
        send = push.send
        for _ in range(count):
            send(payload, copy=copy)


def _child_receiver(spec, endpoint, count, parts, copy, results):
    ctx = _context(spec)
    pull = _connect(ctx, zmq.PULL, endpoint)
    results.send(_receive(pull, count, parts, copy))
    ctx.destroy(linger=0)


def throughput(spec: dict) -> dict:
    """Messages per second from PUSH to PULL."""
    count, size, parts, copy = spec["count"], spec["size"], spec.get("parts", 1), spec["copy"]
    mode, transport = spec["mode"], spec["transport"]
    ctx = _context(spec)
    try:
        push, endpoint = _bind(ctx, zmq.PUSH, transport)
        if mode == "single":
            pull = _connect(ctx, zmq.PULL, endpoint)
            batch = max(1, min(count, BATCH_BYTES // max(1, size * parts)))
            recv = pull.recv_multipart if parts > 1 else pull.recv
            _send(push, 1, parts, size, copy)
            recv(copy=copy)
            start = time.perf_counter()
            done = 0
            while done < count:
                n = min(batch, count - done)
                _send(push, n, parts, size, copy)
                for _ in range(n):
                    recv(copy=copy)
                done += n
            elapsed = time.perf_counter() - start
            measured = count
        elif mode == "thread":
            pull = _connect(ctx, zmq.PULL, endpoint)
            result = []
            receiver = threading.Thread(
                target=lambda: result.append(_receive(pull, count, parts, copy))
            )
            receiver.start()
            _send(push, count, parts, size, copy)
            receiver.join()
            elapsed, measured = result[0], count - 1
        else:
            here, there = multiprocessing.get_context("fork").Pipe()
            child = multiprocessing.get_context("fork").Process(
                target=_child_receiver, args=(spec, endpoint, count, parts, copy, there)
            )
            child.start()
            _send(push, count, parts, size, copy)
            elapsed, measured = here.recv(), count - 1
            child.join()
        rate = measured / elapsed
        return {"value": rate, "unit": "msg/s", "mb_per_s": rate * size * parts / 1e6,
                "spin_us": getattr(push, "spin_us", None)}
    finally:
        ctx.destroy(linger=0)


# -- latency ---------------------------------------------------------------------


def _echo(rep, count: int) -> None:
    for _ in range(count):
        rep.send(rep.recv())


def _child_echo(spec, endpoint, count):
    ctx = _context(spec)
    rep = _connect(ctx, zmq.REP, endpoint)
    _echo(rep, count)
    ctx.destroy(linger=0)


def latency(spec: dict) -> dict:
    """REQ/REP round trips: median and 99th percentile in microseconds."""
    count, size, mode, transport = spec["count"], spec["size"], spec["mode"], spec["transport"]
    payload = b"x" * size
    timer = time.perf_counter
    samples = [0.0] * count
    ctx = _context(spec)
    try:
        req, endpoint = _bind(ctx, zmq.REQ, transport)
        if mode == "single":
            rep = _connect(ctx, zmq.REP, endpoint)
            req.send(payload)
            rep.send(rep.recv())
            req.recv()
            for i in range(count):
                start = timer()
                req.send(payload)
                rep.send(rep.recv())
                req.recv()
                samples[i] = timer() - start
        else:
            if mode == "thread":
                rep = _connect(ctx, zmq.REP, endpoint)
                server = threading.Thread(target=_echo, args=(rep, count + 1))
            else:
                server = multiprocessing.get_context("fork").Process(
                    target=_child_echo, args=(spec, endpoint, count + 1)
                )
            server.start()
            req.send(payload)
            req.recv()
            for i in range(count):
                start = timer()
                req.send(payload)
                req.recv()
                samples[i] = timer() - start
            server.join()
        samples.sort()
        median = samples[count // 2] * 1e6
        return {"value": median, "unit": "us", "p99": samples[min(count - 1, count * 99 // 100)] * 1e6,
                "spin_us": getattr(req, "spin_us", None)}
    finally:
        ctx.destroy(linger=0)


# -- polling ---------------------------------------------------------------------


def poll(spec: dict) -> dict:
    """Microseconds per Poller.poll(0) over 10 idle sockets."""
    count = spec["count"]
    ctx = _context(spec)
    try:
        poller = zmq.Poller()
        for _ in range(10):
            sock, _ = _bind(ctx, zmq.PULL, "tcp")
            poller.register(sock, zmq.POLLIN)
        check = poller.poll
        check(0)
        start = time.perf_counter()
        for _ in range(count):
            check(0)
        return {"value": (time.perf_counter() - start) / count * 1e6, "unit": "us"}
    finally:
        ctx.destroy(linger=0)


WORKLOADS = {"thr": throughput, "lat": latency, "poll": poll}


def run(spec: dict) -> dict:
    """Best of ``spec['repeat']`` runs (highest rate, lowest time)."""
    results = [WORKLOADS[spec["workload"]](spec) for _ in range(spec.get("repeat", 1))]
    if results[0]["unit"] == "msg/s":
        best = max(results, key=lambda r: r["value"])
    else:
        best = min(results, key=lambda r: r["value"])
    best["binding"] = f"{zmq.__name__} {getattr(zmq, '__version__', '?')}"
    return best


if __name__ == "__main__":
    print(json.dumps(run(json.loads(sys.argv[1]))))
