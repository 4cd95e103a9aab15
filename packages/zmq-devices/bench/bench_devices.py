# SPDX-License-Identifier: BSD-3-Clause
"""Messages per second through background devices, side by side with other
bindings that provide ``zmq.devices`` (pyzmq, say) in the same run.

    python bench_devices.py                                  # this interpreter's zmq
    python bench_devices.py --vs pyzmq=/path/to/venv/bin/python

A sender process pushes ``--count`` messages of ``--size`` bytes over tcp into
the device, which runs in a thread of the main process (ThreadProxy or
ThreadMonitoredQueue, monitor on a PUB socket); a receiver process times them
coming out. Sender and receiver always run under the interpreter that was
started first, so only the devices differ between the columns. The best of
``--repeat`` runs is shown. Only the public API of ``zmq`` and ``zmq.devices``
is used, so the same file runs under any binding.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

import zmq
import zmq.devices

LOCAL = "tcp://127.0.0.1"

# name -> (device class name, in_type, out_type, sender type, receiver type)
WORKLOADS = {
    "ThreadProxy PULL->PUSH": ("ThreadProxy", zmq.PULL, zmq.PUSH, zmq.PUSH, zmq.PULL),
    "ThreadMonitoredQueue PULL->PUSH": ("ThreadMonitoredQueue", zmq.PULL, zmq.PUSH, zmq.PUSH, zmq.PULL),
    "ThreadProxy ROUTER->DEALER": ("ThreadProxy", zmq.ROUTER, zmq.DEALER, zmq.DEALER, zmq.DEALER),
    "ThreadMonitoredQueue ROUTER->DEALER": ("ThreadMonitoredQueue", zmq.ROUTER, zmq.DEALER, zmq.DEALER, zmq.DEALER),
}


def _send(port: int, kind: int, count: int, size: int) -> None:
    ctx = zmq.Context()
    sock = ctx.socket(kind)
    sock.connect(f"{LOCAL}:{port}")
    payload = b"x" * size
    for _ in range(count + 1):  # the first one only starts the clock
        sock.send(payload)
    sock.close(linger=-1)
    ctx.term()


def _receive(port: int, kind: int, count: int) -> None:
    ctx = zmq.Context()
    sock = ctx.socket(kind)
    sock.connect(f"{LOCAL}:{port}")
    sock.recv_multipart()
    start = time.perf_counter()
    for _ in range(count):
        sock.recv_multipart()
    elapsed = time.perf_counter() - start
    print(count / elapsed, flush=True)
    sock.close(linger=0)
    ctx.term()


def measure(workload: str, count: int, size: int, clients: str) -> float:
    """Messages per second through one freshly started device; the sender and
    receiver run under the interpreter ``clients``."""
    class_name, in_type, out_type, sender_type, receiver_type = WORKLOADS[workload]
    device = getattr(zmq.devices, class_name)(in_type, out_type, zmq.PUB)
    in_port = device.bind_in_to_random_port(LOCAL)
    out_port = device.bind_out_to_random_port(LOCAL)
    device.bind_mon_to_random_port(LOCAL)
    device.start()
    role = [clients, __file__, "--count", str(count), "--size", str(size), "--role"]
    receiver = subprocess.Popen(role + [f"receive:{out_port}:{receiver_type}"], stdout=subprocess.PIPE, text=True)
    sender = subprocess.Popen(role + [f"send:{in_port}:{sender_type}"])
    rate = float(receiver.communicate()[0])
    sender.wait()
    zmq.Context.instance().term()  # ends the device
    device.join(10)
    return rate


def run_all(count: int, size: int, repeat: int, clients: str, only: str = "") -> dict[str, float]:
    """The best rate of ``repeat`` runs for every workload whose name contains ``only``."""
    return {name: max(measure(name, count, size, clients) for _ in range(repeat))
            for name in WORKLOADS if only in name}


def binding_name() -> str:
    """What provides ``zmq`` in this interpreter."""
    devices_version = getattr(zmq.devices, "__version__", None)
    if devices_version is None:  # pyzmq: zmq.devices has no version of its own
        return f"pyzmq {zmq.__version__}, libzmq {zmq.zmq_version()}"
    return f"zmq-core {zmq.__version__}, zmq-devices {devices_version}, libzmq {zmq.zmq_version()}"


def main(argv: list[str] | None = None) -> None:
    """Parse arguments, run the workloads here and under every ``--vs`` interpreter, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200_000, help="messages per run (default 200000)")
    parser.add_argument("--size", type=int, default=64, help="bytes per message (default 64)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per workload; the best counts (default 3)")
    parser.add_argument("--vs", action="append", default=[], metavar="NAME=PYTHON",
                        help="also run under this interpreter (repeatable)")
    parser.add_argument("--only", default="", metavar="TEXT", help="only the workloads whose name contains TEXT")
    parser.add_argument("--json", action="store_true", help="print the rates as JSON only")
    parser.add_argument("--clients", default=sys.executable, help=argparse.SUPPRESS)
    parser.add_argument("--role", help=argparse.SUPPRESS)  # send:PORT:TYPE or receive:PORT:TYPE
    args = parser.parse_args(argv)
    if args.role:
        action, port, kind = args.role.split(":")
        if action == "send":
            _send(int(port), int(kind), args.count, args.size)
        else:
            _receive(int(port), int(kind), args.count)
        return
    rates = run_all(args.count, args.size, args.repeat, args.clients, args.only)
    columns = {"this": {"binding": binding_name(), "rates": rates}}
    if args.json:
        print(json.dumps(columns["this"]))
        return
    for spec in args.vs:
        name, _, python = spec.partition("=")
        done = subprocess.run([python, __file__, "--json", "--count", str(args.count), "--size", str(args.size),
                               "--repeat", str(args.repeat), "--clients", sys.executable, "--only", args.only],
                              capture_output=True, text=True, check=True)
        columns[name] = json.loads(done.stdout)
    print(f"{args.count} messages of {args.size} bytes over tcp, best of {args.repeat}; messages per second")
    for name, column in columns.items():
        print(f"  {name}: {column['binding']}")
    width = max(len(w) for w in rates)
    print(f"{'workload':<{width}}" + "".join(f"{name:>14}" for name in columns))
    for workload in rates:
        print(f"{workload:<{width}}" + "".join(f"{column['rates'][workload]:>14,.0f}" for column in columns.values()))


if __name__ == "__main__":
    main()
