# SPDX-License-Identifier: BSD-3-Clause
"""Load benchmark for zmq.web: HTTP requests through a frontend to N backend processes.

::

    python packages/zmq-web/bench/bench_web.py                     # 2000 requests, 50 concurrent, 4 backends
    python packages/zmq-web/bench/bench_web.py --requests 500 --concurrency 10 --backends 2 --path /echo

Starts ``python -m zmq.web.example --backends N --port 0`` (a frontend process
and N backend processes), waits until every backend has answered, then sends
the requests from this process with tornado's HTTP client, keeping
``--concurrency`` of them in flight, each on its own connection. Reports the
failed count (anything but 200), requests per second and latency percentiles.
Not a test: nothing here passes or fails on timing.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import signal
import statistics
import sys
import time

from tornado.httpclient import AsyncHTTPClient


async def start_example(backends: int, timeout_ms: int) -> tuple[asyncio.subprocess.Process, str]:
    """The example's frontend (with its backends) and its URL."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "zmq.web.example",
        "--backends",
        str(backends),
        "--port",
        "0",
        "--timeout",
        str(timeout_ms),
        stdout=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    line = (await asyncio.wait_for(process.stdout.readline(), 30)).decode()
    match = re.match(r"frontend: (http://\S+) ", line)
    if not match:
        raise RuntimeError(f"unexpected first line from the example: {line!r}")
    return process, match.group(1)


async def wait_for_backends(client: AsyncHTTPClient, url: str, backends: int) -> None:
    """Until ``backends`` different processes have answered ``GET /``."""
    seen: set[str] = set()
    deadline = time.monotonic() + 30
    while len(seen) < backends:
        if time.monotonic() > deadline:
            raise RuntimeError(f"only {len(seen)} of {backends} backends answered")
        response = await client.fetch(url + "/", raise_error=False)
        if response.code == 200:
            seen.add(response.headers["X-Backend-Pid"])


async def load(client: AsyncHTTPClient, url: str, requests: int, concurrency: int) -> tuple[list[float], list[int], float, dict]:
    """Send ``requests`` GETs of ``url`` with ``concurrency`` in flight: (latencies, codes, seconds, per-backend)."""
    numbers = iter(range(requests))
    latencies: list[float] = []
    codes: list[int] = []
    per_backend: dict[str, int] = {}

    async def worker() -> None:
        for _ in numbers:
            began = time.perf_counter()
            response = await client.fetch(url, raise_error=False, request_timeout=60)
            latencies.append(time.perf_counter() - began)
            codes.append(response.code)
            pid = response.headers.get("X-Backend-Pid", "?")
            per_backend[pid] = per_backend.get(pid, 0) + 1

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, codes, time.perf_counter() - began, per_backend


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered)))
    return ordered[rank - 1]


async def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--backends", type=int, default=4)
    parser.add_argument("--path", default="/", help="path to request (default /)")
    parser.add_argument("--timeout", type=int, default=10000, help="frontend timeout in ms (default 10000)")
    args = parser.parse_args(argv)

    process, url = await start_example(args.backends, args.timeout)
    client = AsyncHTTPClient(force_instance=True, max_clients=args.concurrency)
    try:
        await wait_for_backends(client, url, args.backends)
        latencies, codes, seconds, per_backend = await load(client, url + args.path, args.requests, args.concurrency)
    finally:
        client.close()
        process.send_signal(signal.SIGTERM)
        await process.wait()

    failed = sum(1 for code in codes if code != 200)
    print(f"zmq.web load: {args.requests} requests, {args.concurrency} concurrent connections, {args.backends} backends, GET {args.path}")
    print(f"failed:            {failed}")
    print(f"requests/second:   {args.requests / seconds:.0f}   ({seconds:.2f} s)")
    print(
        "latency ms:        "
        f"p50 {percentile(latencies, 0.50) * 1000:.1f}   p90 {percentile(latencies, 0.90) * 1000:.1f}   "
        f"p99 {percentile(latencies, 0.99) * 1000:.1f}   max {max(latencies) * 1000:.1f}   "
        f"mean {statistics.fmean(latencies) * 1000:.1f}"
    )
    print(f"per backend:       {sorted(per_backend.values(), reverse=True)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
