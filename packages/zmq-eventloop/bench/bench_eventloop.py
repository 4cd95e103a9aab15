# SPDX-License-Identifier: BSD-3-Clause
"""Benchmark of zmq.asyncio and ZMQStream, side by side with other bindings.

    python bench_eventloop.py [--vs NAME=PYTHON ...] [--count N] [--repeat R]

Every workload runs in a fresh subprocess per interpreter (this one is
"zmq"; each ``--vs`` adds a column, e.g. a venv with pyzmq and tornado), the
interpreters interleaved, best of ``--repeat``. The workloads use only the API
both bindings share, so the same code is measured:

* ``asyncio-reqrep``: awaited REQ/REP round trips (inproc and tcp)
* ``asyncio-pushpull``: awaited PUSH/PULL messages, 64 bytes
* ``stream-pushpull``: ZMQStream PUSH → ZMQStream PULL on_recv, 64 bytes

Beside each rate is its CPU time per message (per round trip for REQ/REP):
user + system time of the whole process, every thread (libzmq's I/O thread
included), over the timed part, in microseconds; ``cpu/NAME`` is this
binding's CPU per message over that interpreter's (below 1: it costs less).

It prints a table; it asserts nothing (figures depend on the machine).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

WORKLOADS = {
    "asyncio-reqrep inproc": ("asyncio_reqrep", "inproc", 10_000, "round trips/s"),
    "asyncio-reqrep tcp": ("asyncio_reqrep", "tcp", 10_000, "round trips/s"),
    "asyncio-pushpull tcp": ("asyncio_pushpull", "tcp", 100_000, "msgs/s"),
    "stream-pushpull inproc": ("stream_pushpull", "inproc", 100_000, "msgs/s"),
    "stream-pushpull tcp": ("stream_pushpull", "tcp", 100_000, "msgs/s"),
}


def _cpu() -> float:
    """CPU seconds (user + system) of this process so far, every thread."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class _Timed:
    """Wall-clock and CPU seconds of a block: ``with _Timed() as t: ...; t.result``."""

    def __enter__(self):
        self._start, self._cpu = time.perf_counter(), _cpu()
        return self

    def __exit__(self, *exc_info):
        self.result = (time.perf_counter() - self._start, _cpu() - self._cpu)


def _pair(ctx, zmq, bind_type, connect_type, transport):
    bound, connected = ctx.socket(bind_type), ctx.socket(connect_type)
    for sock in (bound, connected):
        sock.linger = 0
    if transport == "inproc":
        bound.bind("inproc://bench")
        connected.connect("inproc://bench")
    else:
        port = bound.bind_to_random_port("tcp://127.0.0.1")
        connected.connect(f"tcp://127.0.0.1:{port}")
    return bound, connected


def asyncio_reqrep(transport: str, count: int) -> tuple:
    """(Seconds, CPU seconds) for ``count`` awaited REQ/REP round trips."""
    import asyncio

    import zmq
    import zmq.asyncio

    async def main():
        ctx = zmq.asyncio.Context()
        rep, req = _pair(ctx, zmq, zmq.REP, zmq.REQ, transport)

        async def server():
            for _ in range(count):
                await rep.send(await rep.recv())

        async def client():
            for _ in range(count):
                await req.send(b"ping")
                await req.recv()

        with _Timed() as timed:
            await asyncio.gather(server(), client())
        ctx.destroy(linger=0)
        return timed.result

    return asyncio.run(main())


def asyncio_pushpull(transport: str, count: int) -> tuple:
    """(Seconds, CPU seconds) to send and receive ``count`` 64-byte messages with awaits."""
    import asyncio

    import zmq
    import zmq.asyncio

    async def main():
        ctx = zmq.asyncio.Context()
        pull, push = _pair(ctx, zmq, zmq.PULL, zmq.PUSH, transport)
        payload = b"x" * 64

        async def sender():
            for _ in range(count):
                await push.send(payload)

        async def receiver():
            for _ in range(count):
                await pull.recv()

        with _Timed() as timed:
            await asyncio.gather(sender(), receiver())
        ctx.destroy(linger=0)
        return timed.result

    return asyncio.run(main())


def stream_pushpull(transport: str, count: int) -> tuple:
    """(Seconds, CPU seconds) for ``count`` 64-byte messages from one ZMQStream to another's on_recv."""
    import asyncio

    import zmq
    from zmq.eventloop.zmqstream import ZMQStream

    async def main():
        ctx = zmq.Context()
        pull, push = _pair(ctx, zmq, zmq.PULL, zmq.PUSH, transport)
        receiver, sender = ZMQStream(pull), ZMQStream(push)
        done = asyncio.get_running_loop().create_future()
        received = [0]

        def on_recv(msg):
            received[0] += 1
            if received[0] == count:
                done.set_result(None)

        receiver.on_recv(on_recv)
        payload = b"x" * 64
        with _Timed() as timed:
            for _ in range(count):
                sender.send(payload)
            await done
        receiver.close()
        sender.close()
        ctx.term()
        return timed.result

    return asyncio.run(main())


def worker(spec: str) -> None:
    """Run one workload (in a subprocess) and print its (seconds, CPU seconds) as JSON."""
    name, transport, count = json.loads(spec)
    print(json.dumps(globals()[name](transport, count)))


def run_cell(python: str, name: str, transport: str, count: int) -> tuple:
    """(Seconds, CPU seconds) of one workload run in a fresh ``python``."""
    out = subprocess.run(
        [python, __file__, "--worker", json.dumps([name, transport, count])],
        capture_output=True, text=True, timeout=600, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vs", action="append", default=[], metavar="NAME=PYTHON", help="another interpreter to compare")
    parser.add_argument("--repeat", type=int, default=3, help="runs per cell (best kept)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every message count")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    bindings = [("zmq", sys.executable)] + [tuple(item.split("=", 1)) for item in args.vs]
    header = f"{'workload':26} {'unit':>14} " + " ".join(f"{name:>12} {'cpu us':>7}" for name, _ in bindings)
    if len(bindings) > 1:
        header += f" {'zmq/' + bindings[1][0]:>12} {'cpu/' + bindings[1][0]:>10}"
    print(header)
    for label, (name, transport, count, unit) in WORKLOADS.items():
        count = max(1, int(count * args.scale))
        # the fastest run of each binding, with the CPU that run took
        best = {binding: (float("inf"), 0.0) for binding, _ in bindings}
        for _ in range(args.repeat):
            for binding, python in bindings:
                best[binding] = min(best[binding], tuple(run_cell(python, name, transport, count)))
        rates = [count / best[binding][0] for binding, _ in bindings]
        cpus = [best[binding][1] / count * 1e6 for binding, _ in bindings]
        line = f"{label:26} {unit:>14} " + " ".join(f"{rate:12,.0f} {cpu:7.2f}" for rate, cpu in zip(rates, cpus))
        if len(rates) > 1:
            line += f" {rates[0] / rates[1]:12.2f} {cpus[0] / cpus[1]:10.2f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
