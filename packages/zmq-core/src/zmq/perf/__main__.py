# SPDX-License-Identifier: LGPL-3.0-or-later
"""``python -m zmq.perf``: run the benchmark workloads and print one table.

Every column comes from the same run: this interpreter's zmq, each
``--compare NAME=PYTHON`` interpreter (e.g. pyzmq in its own venv) and the C
version of the workloads compiled against libzmq. Each workload runs in a
fresh subprocess per binding, rows interleaved, best of ``--repeat``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORKLOADS_SCRIPT = HERE / "workloads.py"
C_SOURCE = HERE / "cbench.c"

TITLES = {
    "push_pull": "PUSH/PULL throughput",
    "multipart": "PUSH/PULL 4-part msgs",
    "req_rep": "REQ/REP round trip",
    "import": "import zmq",
}


@dataclass
class Binding:
    """One column of the table: a command that runs a workload."""

    name: str
    command: list[str]


def compile_c_bench() -> Path | None:
    """Compile cbench.c against libzmq (cached by source hash); None if impossible."""
    cc = shutil.which(os.environ.get("CC", "cc"))
    if cc is None or shutil.which("pkg-config") is None:
        return None
    source = C_SOURCE.read_bytes()
    digest = hashlib.sha256(source).hexdigest()[:12]
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "zmq-perf"
    binary = cache / f"cbench-{digest}"
    if binary.exists():
        return binary
    try:
        flags = subprocess.run(
            ["pkg-config", "--cflags", "--libs", "libzmq"],
            check=True, capture_output=True, text=True,
        ).stdout.split()
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache) as tmp:
            out = Path(tmp) / binary.name
            subprocess.run(
                [cc, "-O2", "-o", str(out), str(C_SOURCE), *flags],
                check=True, capture_output=True, text=True,
            )
            out.replace(binary)
    except (subprocess.CalledProcessError, OSError) as error:
        print(f"note: C baseline unavailable ({error})", file=sys.stderr)
        return None
    return binary


def run_one(binding: Binding, workload: str, transport: str, count: int, size: int, repeat: int) -> dict:
    """Run one workload under one binding; its parsed JSON result."""
    args = [workload, transport, str(count), str(size), str(repeat)]
    done = subprocess.run(binding.command + args, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{binding.name} {workload} {transport} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def import_time_ms(python: str, repeat: int) -> float:
    """Best cumulative time of ``import zmq`` in ms, from ``python -X importtime``."""
    best = float("inf")
    for _ in range(repeat):
        done = subprocess.run(
            [python, "-X", "importtime", "-c", "import zmq"], capture_output=True, text=True
        )
        for line in done.stderr.splitlines():
            fields = [field.strip() for field in line.split("|")]
            if len(fields) == 3 and fields[2] == "zmq":
                best = min(best, int(fields[1]) / 1000)
    return best


def format_value(value: float, unit: str) -> str:
    """A table cell: rates as integers with separators, latencies in µs."""
    return f"{value:,.0f}" if unit == "msg/s" else f"{value:,.2f}"  # µs or ms


def speedup(ours: float, other: float, unit: str) -> float:
    """How many times faster ours is than other (>1: ours is faster)."""
    return ours / other if unit == "msg/s" else other / ours


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m zmq.perf", description=__doc__)
    parser.add_argument("--count", type=int, default=200_000, help="messages per throughput run")
    parser.add_argument("--rt-count", type=int, default=20_000, help="round trips per latency run")
    parser.add_argument("--size", type=int, default=64, help="message size in bytes")
    parser.add_argument("--repeat", type=int, default=3, help="runs per cell; the best is kept")
    parser.add_argument("--quick", action="store_true", help="a short run (counts / 4)")
    parser.add_argument("--workloads", nargs="+", default=["push_pull", "multipart", "req_rep"],
                        choices=sorted(TITLES))
    parser.add_argument("--transports", nargs="+", default=["inproc", "tcp"],
                        choices=["inproc", "tcp"])
    parser.add_argument("--compare", action="append", default=[], metavar="NAME=PYTHON",
                        help="also run the workloads under another interpreter (repeatable)")
    parser.add_argument("--no-c", action="store_true", help="skip the libzmq C baseline")
    parser.add_argument("--no-import-time", dest="import_time", action="store_false",
                        help="skip timing `import zmq`")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)
    if args.quick:
        args.count //= 4
        args.rt_count //= 4
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; returns the exit status."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    bindings = [Binding("zmq", [sys.executable, str(WORKLOADS_SCRIPT)])]
    for spec in args.compare:
        name, _, python = spec.partition("=")
        if not python:
            name, python = Path(spec).parent.parent.name, spec
        bindings.append(Binding(name, [python, str(WORKLOADS_SCRIPT)]))
    if not args.no_c:
        binary = compile_c_bench()
        if binary is not None:
            bindings.append(Binding("C", [str(binary)]))

    rows = []
    labels: dict[str, str] = {}
    for workload in args.workloads:
        count = args.rt_count if workload == "req_rep" else args.count
        for transport in args.transports:
            cells = {}
            for binding in bindings:
                result = run_one(binding, workload, transport, count, args.size, args.repeat)
                cells[binding.name] = result
                labels[binding.name] = result["binding"]
            rows.append((workload, transport, cells))
    if args.import_time:
        cells = {
            binding.name: {"value": import_time_ms(binding.command[0], 2 * args.repeat), "unit": "ms"}
            for binding in bindings
            if binding.name != "C"
        }
        rows.append(("import", "-", cells))

    print(f"zmq.perf: {args.size}-byte messages, {args.count:,} per throughput run, "
          f"{args.rt_count:,} round trips per latency run, best of {args.repeat}, one thread")
    for name, label in labels.items():
        print(f"  {name:<8} {label}")
    others = [b.name for b in bindings[1:]]
    header = f"{'workload':<24}{'transport':<10}{'unit':<7}" + "".join(
        f"{b.name:>14}" for b in bindings
    ) + "".join(f"{'zmq/' + name:>12}" for name in others)
    print(header)
    print("-" * len(header))
    for workload, transport, cells in rows:
        unit = cells["zmq"]["unit"]
        line = f"{TITLES[workload]:<24}{transport:<10}{unit:<7}"
        line += "".join(
            f"{format_value(cells[b.name]['value'], unit) if b.name in cells else '-':>14}"
            for b in bindings
        )
        line += "".join(
            f"{speedup(cells['zmq']['value'], cells[name]['value'], unit):>11.2f}x"
            if name in cells else f"{'-':>12}"
            for name in others
        )
        print(line)
    if others:
        print("zmq/X: how many times faster zmq is than X (higher is better for zmq)")
    if args.json:
        Path(args.json).write_text(json.dumps(
            [{"workload": w, "transport": t, "results": c} for w, t, c in rows], indent=2
        ))
    return 0


if __name__ == "__main__":
    sys.exit(main())
