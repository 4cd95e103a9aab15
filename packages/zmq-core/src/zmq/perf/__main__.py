# SPDX-License-Identifier: BSD-3-Clause
"""``python -m zmq.perf``: run the benchmark workloads and print one table.

Every column comes from the same run: this interpreter's zmq, each ``--vs``
interpreter (for example a venv with pyzmq) running the identical workload
script, and the same workloads in C against libzmq. Each cell runs in a fresh
subprocess per binding, bindings interleaved row by row, best of ``--repeat``
(paced workloads: the median of ``--paced-repeat`` runs, the bindings taking
turns, compared run by run: see :mod:`zmq.perf.stats`). Beside every figure is
its CPU time per message: user + system time of every thread of every process
of the workload, divided by the messages (round trips, calls) it handled.
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
from dataclasses import dataclass, field
from pathlib import Path

from zmq.perf.contenders import Contenders
from zmq.perf.stats import geometric_mean, paired_ratio

HERE = Path(__file__).resolve().parent
WORKLOADS_SCRIPT = HERE / "workloads.py"
C_SOURCE = HERE / "cbench.c"

ALL_SIZES = [1, 64, 1024, 65536, 1048576]
QUICK_SIZES = [64, 65536]
#: requests (messages) per second of the paced workloads; 0: unpaced
ALL_RATES = [200, 1000, 5000, 20000, 0]
QUICK_RATES = [1000, 20000, 0]
#: busy processes beside the paced workloads in a full run
FULL_CONTEND = [0, 1, 2]
PACED = ("rr", "pubsub")
#: transports of the paced workloads: inproc between threads, tcp between threads and processes
PACED_TRANSPORTS = ["inproc", "tcp"]


@dataclass
class Binding:
    """One column of the table: how to run a cell."""

    name: str
    python: str | None = None  # None: the C program
    program: str | None = None

    def command(self, spec: dict) -> list[str]:
        """The command line that runs ``spec`` under this binding."""
        if self.python is not None:
            return [self.python, str(WORKLOADS_SCRIPT), json.dumps(spec)]
        return [
            str(self.program), spec["workload"], spec.get("transport", "tcp"),
            str(spec.get("size", 0)), str(int(spec.get("copy", True))), spec.get("mode", "single"),
            str(spec["count"]), str(spec["repeat"]), str(spec.get("parts", 1)), str(spec.get("rate", 0)),
        ]


@dataclass
class Row:
    """One row: a cell spec and each binding's result."""

    spec: dict
    results: dict = field(default_factory=dict)
    #: the machine's 1-minute load average when the row started
    load_average: float = field(default_factory=lambda: os.getloadavg()[0])
    #: paced rows: zmq's CPU per message over each other binding's, run by run
    cpu_ratios: dict = field(default_factory=dict)


def compile_c_bench() -> Path | None:
    """Compile cbench.c against libzmq (cached by source hash); None if impossible."""
    cc = shutil.which(os.environ.get("CC", "cc"))
    if cc is None or shutil.which("pkg-config") is None:
        return None
    digest = hashlib.sha256(C_SOURCE.read_bytes()).hexdigest()[:12]
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "zmq-perf"
    binary = cache / f"cbench-{digest}"
    if binary.exists():
        return binary
    try:
        flags = subprocess.run(
            ["pkg-config", "--cflags", "--libs", "libzmq"], check=True, capture_output=True, text=True
        ).stdout.split()
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache) as tmp:
            out = Path(tmp) / binary.name
            subprocess.run(
                [cc, "-O2", "-pthread", "-o", str(out), str(C_SOURCE), *flags],
                check=True, capture_output=True, text=True,
            )
            out.replace(binary)
    except (subprocess.CalledProcessError, OSError) as error:
        detail = getattr(error, "stderr", "") or error
        print(f"note: C baseline unavailable ({detail})", file=sys.stderr)
        return None
    return binary


def import_time_ms(python: str, repeat: int) -> float:
    """Best cumulative time of ``import zmq`` in ms, from ``python -X importtime``."""
    best = float("inf")
    for _ in range(repeat):
        done = subprocess.run([python, "-X", "importtime", "-c", "import zmq"], capture_output=True, text=True)
        for line in done.stderr.splitlines():
            fields = [part.strip() for part in line.split("|")]
            if len(fields) == 3 and fields[2] == "zmq":
                best = min(best, int(fields[1]) / 1000)
    return best


def plan(args: argparse.Namespace) -> list[dict]:
    """Every cell of the table, in order."""
    scale = 4 if args.quick else 1
    sizes = args.sizes or (QUICK_SIZES if args.quick else ALL_SIZES)
    transports = args.transports or (["inproc", "tcp"] if args.quick else ["inproc", "ipc", "tcp"])
    modes = args.modes or (["single", "thread"] if args.quick else ["single", "thread", "process"])
    cells = []
    if "thr" in args.workloads:
        for size in sizes:
            count = max(200, min(args.count, int(args.bytes_per_run / (size + 32)))) // scale
            for transport in transports:
                for mode in modes:
                    if mode == "process" and transport == "inproc":
                        continue
                    for copy in (True, False):
                        cells.append({"workload": "thr", "transport": transport, "size": size,
                                      "copy": copy, "mode": mode, "count": count, "parts": 1})
    if "multipart" in args.workloads:
        for transport in transports:
            for mode in modes:
                if mode == "process" and transport == "inproc":
                    continue
                cells.append({"workload": "thr", "transport": transport, "size": 64, "copy": True,
                              "mode": mode, "count": args.count // scale // 2, "parts": 3})
    if "lat" in args.workloads:
        for transport in [t for t in transports if t != "ipc"] or transports:
            for mode in ["single", "process"] if args.quick else modes:
                if mode == "process" and transport == "inproc":
                    continue
                cells.append({"workload": "lat", "transport": transport, "size": 64, "copy": True,
                              "mode": mode, "count": args.rt_count // scale})
    if "poll" in args.workloads:
        cells.append({"workload": "poll", "transport": "tcp", "count": 100_000 // scale})
    loads = args.contend or [0]
    cells = [dict(cell, contend=n) for n in loads for cell in cells]
    cells += [dict(cell, contend=n) for n in args.contend or ([0] if args.quick else FULL_CONTEND)
              for cell in paced_cells(args)]
    for cell in cells:
        cell["repeat"] = args.paced_repeat if cell["workload"] in PACED else args.repeat
        if args.spin_us is not None:
            cell["spin_us"] = args.spin_us
    return cells


def paced_cells(args: argparse.Namespace) -> list[dict]:
    """The cells of the paced workloads (REQ/REP and PUB/SUB at fixed rates)."""
    seconds = args.paced_seconds if args.paced_seconds is not None else (0.5 if args.quick else 1.0)
    rates = args.rates or (QUICK_RATES if args.quick else ALL_RATES)
    modes = [m for m in (args.modes or ["thread", "process"]) if m != "single"] or ["thread"]
    cells = []
    for workload in [w for w in PACED if w in args.workloads]:
        for transport in args.transports or PACED_TRANSPORTS:
            for mode in modes:
                if mode == "process" and transport == "inproc":
                    continue
                for rate in rates:
                    if rate == 0 and workload == "pubsub":
                        continue  # an unpaced publisher only fills queues: see the thr rows
                    count = max(50, int(rate * seconds)) if rate else args.rt_count // (4 if args.quick else 1)
                    cells.append({"workload": workload, "transport": transport, "size": 64, "copy": True,
                                  "mode": mode, "rate": rate, "count": count})
    return cells


def run_cell(binding: Binding, spec: dict) -> dict:
    """Run one cell under one binding; its parsed JSON result."""
    done = subprocess.run(binding.command(spec), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{binding.name} failed on {spec}:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def rate_text(rate: int) -> str:
    """A request rate as printed: 200/s, 1k/s, 20k/s; 0 is ``max`` (unpaced)."""
    if rate == 0:
        return "max"
    return f"{rate // 1000}k/s" if rate % 1000 == 0 else f"{rate}/s"


def run_interleaved(bindings: list[Binding], spec: dict) -> dict:
    """Run a paced cell ``spec["repeat"]`` times per binding, the bindings taking turns.

    Each figure is the median of the runs (``cpu_runs`` keeps every run's
    CPU per message, in the order of the rounds): a steady load's cost drifts
    with what else the machine does, and taking turns spreads that drift over
    every binding alike. The order of the turns rotates from round to round,
    so that no binding always runs first (just after the machine was idle)
    or after the same other one.
    """
    runs: dict[str, list[dict]] = {binding.name: [] for binding in bindings}
    for round_ in range(spec["repeat"]):
        shift = round_ % len(bindings)
        for binding in bindings[shift:] + bindings[:shift]:
            runs[binding.name].append(run_cell(binding, dict(spec, repeat=1)))
    results = {}
    for name, each in runs.items():
        result = dict(each[0])
        for key in ("value", "p99", "cpu_us", "rate", "peer_cpu_us"):
            if key in result:
                result[key] = sorted(r[key] for r in each)[len(each) // 2]
        result["cpu_runs"] = [r["cpu_us"] for r in each]
        results[name] = result
    return results


def compare_runs(results: dict, ours: str = "zmq") -> dict:
    """A paced row's cpu ratios: ``ours`` over each other binding, run by run (:mod:`zmq.perf.stats`)."""
    return {name: paired_ratio(results[ours]["cpu_runs"], result["cpu_runs"])
            for name, result in results.items() if name != ours}


def label(spec: dict) -> str:
    """The first columns of a row."""
    workload, load = spec["workload"], spec.get("contend", 0)
    rate = rate_text(spec["rate"]) if "rate" in spec else ""
    tail = f"{rate:<7}{load:<5}" if workload != "import" else f"{'':<7}{'':<5}"
    if workload == "thr":
        name = "PUSH/PULL 3-part" if spec.get("parts", 1) > 1 else "PUSH/PULL"
        copy = "copy" if spec["copy"] else "zero-copy"
        return f"{name:<17}{spec['transport']:<7}{spec['size']:>8}  {copy:<10}{spec['mode']:<8}{tail}"
    if workload in ("lat", "rr", "pubsub"):
        name = {"lat": "REQ/REP rtt", "rr": "REQ/REP paced", "pubsub": "PUB/SUB paced"}[workload]
        return f"{name:<17}{spec['transport']:<7}{spec['size']:>8}  {'copy':<10}{spec['mode']:<8}{tail}"
    if workload == "poll":
        return f"{'poll(0) 10 socks':<17}{'tcp':<7}{'':>8}  {'':<10}{'':<8}{tail}"
    return f"{'import zmq':<17}{'':<7}{'':>8}  {'':<10}{'':<8}{tail}"


def cell_text(result: dict | None) -> str:
    """A value as printed: msg/s as an integer, times with two decimals (median/p99)."""
    if result is None:
        return "-"
    if result["unit"] == "msg/s":
        return f"{result['value']:,.0f}"
    if "p99" in result:
        return f"{result['value']:.1f}/{result['p99']:.0f}"
    return f"{result['value']:,.2f}"


def cpu_text(result: dict | None) -> str:
    """CPU microseconds per message as printed (three significant figures or so)."""
    if result is None or result.get("cpu_us") is None:
        return "-"
    cpu = result["cpu_us"]
    return f"{cpu:.2f}" if cpu < 10 else f"{cpu:.1f}" if cpu < 100 else f"{cpu:,.0f}"


def speedup(ours: dict, other: dict | None) -> str:
    """How many times faster ours is than other (>1: ours is faster)."""
    if other is None:
        return "-"
    ratio = ours["value"] / other["value"] if ours["unit"] == "msg/s" else other["value"] / ours["value"]
    return f"{ratio:.2f}x"


def cpu_ratio(row: Row, name: str) -> str:
    """Our CPU per message over ``name``'s (<1: ours costs less); paced rows: the median paired ratio."""
    if name in row.cpu_ratios:
        return f"{row.cpu_ratios[name].median:.2f}"
    ours, other = row.results["zmq"], row.results.get(name)
    if other is None or not other.get("cpu_us") or ours.get("cpu_us") is None:
        return "-"
    return f"{ours['cpu_us'] / other['cpu_us']:.2f}"


def paced_summary(rows: list[Row], others: list[str]) -> list[str]:
    """Per binding and load: the geometric mean of cpu/X over the paced rows, and the rows' verdicts.

    A single paced run on a shared machine moves by tens of percent (even a
    binding against itself); each row's ratio is therefore the median of its
    paired runs, with an interval (:mod:`zmq.perf.stats`). A row is counted
    above (below) 1 only when its whole interval is.
    """
    lines = []
    for name in others:
        for load in sorted({row.spec["contend"] for row in rows if row.spec["workload"] in PACED}):
            paced = [row for row in rows if row.spec["workload"] in PACED
                     and row.spec["contend"] == load and name in row.cpu_ratios]
            if not paced:
                continue
            compared = [row.cpu_ratios[name] for row in paced]
            medians = [ratio.median for ratio in compared]
            verdicts = [ratio.verdict for ratio in compared]
            confidence = min(ratio.confidence for ratio in compared)
            lines.append(
                f"paced rows, load {load}: cpu/{name} geometric mean {geometric_mean(medians):.2f} "
                f"over {len(medians)} rows (from {min(medians):.2f} to {max(medians):.2f}); "
                f"{confidence:.0%} intervals: {verdicts.count('below')} below 1, "
                f"{verdicts.count('even')} hold 1, {verdicts.count('above')} above 1"
            )
            for row, ratio in zip(paced, compared):
                if ratio.verdict == "above":
                    lines.append(f"  above 1: {label(row.spec).strip()}: {ratio.median:.2f} "
                                 f"({ratio.low:.2f} to {ratio.high:.2f})")
    return lines


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m zmq.perf", description=__doc__)
    parser.add_argument("--vs", "--compare", dest="compare", action="append", default=[],
                        metavar="[NAME=]PYTHON",
                        help="also run every workload under this interpreter (repeatable)")
    parser.add_argument("--quick", action="store_true",
                        help="a short run: fewer sizes, transports, modes and rates, a quarter of the counts")
    parser.add_argument("--full", action="store_false", dest="quick",
                        help="every size, transport, mode and rate, paced workloads also with 1 and 2 "
                             "busy processes (the default)")
    parser.add_argument("--workloads", nargs="+", default=["thr", "multipart", "lat", "rr", "pubsub", "poll", "import"],
                        choices=["thr", "multipart", "lat", "rr", "pubsub", "poll", "import"],
                        help="rr: REQ/REP at fixed request rates; pubsub: a subscriber receiving at "
                             "fixed rates (both over inproc and tcp by default)")
    parser.add_argument("--sizes", nargs="+", type=int, help=f"message sizes (default {ALL_SIZES})")
    parser.add_argument("--transports", nargs="+", choices=["inproc", "ipc", "tcp"])
    parser.add_argument("--modes", nargs="+", choices=["single", "thread", "process"],
                        help="single: one thread does both ends; thread: two threads; process: two processes")
    parser.add_argument("--count", type=int, default=200_000, help="most messages per throughput run")
    parser.add_argument("--bytes-per-run", type=int, default=512 * 1024 * 1024,
                        help="bytes per throughput run (fewer messages for big sizes)")
    parser.add_argument("--rt-count", type=int, default=10_000, help="round trips per latency run")
    parser.add_argument("--rates", nargs="+", type=int, metavar="PER_S",
                        help=f"requests or messages per second of rr and pubsub, 0 = unpaced "
                             f"(default {ALL_RATES}; --quick {QUICK_RATES})")
    parser.add_argument("--paced-seconds", type=float, metavar="S",
                        help="how long each paced run lasts (default 1; --quick 0.5)")
    parser.add_argument("--contend", nargs="+", type=int, metavar="N",
                        help="run the workloads with N busy processes beside them, for each N given "
                             f"(default: 0; a full run also runs rr and pubsub with {FULL_CONTEND[1:]})")
    parser.add_argument("--repeat", type=int, default=3, help="runs per cell; the best is kept")
    parser.add_argument("--paced-repeat", type=int, metavar="N",
                        help="runs per binding of each paced cell, taking turns; the median is kept "
                             "and cpu/X is compared run by run (default 5; --quick 3)")
    parser.add_argument("--spin-us", type=int, metavar="US",
                        help="this binding's Socket.spin_us for every socket (default: zmq.SPIN_US, 0: "
                             "sleep in libzmq at once like other bindings; 50: spin up to 50 us first)")
    parser.add_argument("--no-c", action="store_true", help="skip the libzmq C baseline")
    parser.add_argument("--json", metavar="FILE", help="also write every result as JSON")
    args = parser.parse_args(argv)
    if args.paced_repeat is None:
        args.paced_repeat = 3 if args.quick else 5
    if args.repeat < 1 or args.paced_repeat < 1:
        parser.error("--repeat and --paced-repeat need at least one run")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; returns the exit status."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    bindings = [Binding("zmq", python=sys.executable)]
    for spec in args.compare:
        name, _, python = spec.rpartition("=")
        bindings.append(Binding(name or Path(python).parent.parent.name, python=python))
    if not args.no_c:
        binary = compile_c_bench()
        if binary is not None:
            bindings.append(Binding("C", program=str(binary)))

    if any(n < 0 for n in args.contend or []):
        raise SystemExit("--contend: the number of busy processes cannot be negative")
    rows = []
    load_before = os.getloadavg()
    contenders = Contenders()
    try:
        for spec in plan(args):
            contenders.set(spec["contend"])
            row = Row(spec)
            if spec["workload"] in PACED:
                row.results = run_interleaved(bindings, spec)
                row.cpu_ratios = compare_runs(row.results)
            else:
                for binding in bindings:
                    row.results[binding.name] = run_cell(binding, spec)
            rows.append(row)
    finally:
        contenders.stop()
    if "import" in args.workloads:
        row = Row({"workload": "import"})
        for binding in bindings:
            if binding.python is not None:
                row.results[binding.name] = {
                    "value": import_time_ms(binding.python, 2 * args.repeat), "unit": "ms",
                    "binding": "",
                }
        rows.append(row)

    names = [b.name for b in bindings]
    labels = {name: r.get("binding", "") for row in rows for name, r in row.results.items() if r.get("binding")}
    load_after = os.getloadavg()
    print(f"zmq.perf: best of {args.repeat} (paced rows: median of {args.paced_repeat}); msg/s (higher is better), "
          f"us = microseconds (latency: median/p99), ms; MB/s = payload throughput of zmq")
    print("  cpu = CPU us per message, round trip or call (user + system, every thread and process "
          "of the workload)")
    print(f"  rate: requests or messages per second (max: unpaced); load: busy processes beside "
          f"the workload; machine load average {load_before[0]:.1f} before, {load_after[0]:.1f} after")
    for name in names:
        print(f"  {name:<8} {labels.get(name, '')}")
    spins = {r["spin_us"] for row in rows for r in [row.results["zmq"]] if r.get("spin_us") is not None}
    if spins:
        print(f"  zmq Socket.spin_us: {', '.join(map(str, sorted(spins)))} (0: sleep at once; --spin-us N: spin up to N us first)")
    header = (f"{'workload':<17}{'tport':<7}{'size':>8}  {'copy':<10}{'mode':<8}{'rate':<7}{'load':<5}"
              f"{'unit':<6}" + "".join(f"{name:>15}{'cpu':>8}" for name in names) + f"{'MB/s':>10}"
              + "".join(f"{'zmq/' + name:>11}{'cpu/' + name:>10}" for name in names[1:]))
    print(header)
    print("-" * len(header))
    for row in rows:
        ours = row.results["zmq"]
        line = f"{label(row.spec)}{ours['unit']:<6}"
        line += "".join(f"{cell_text(row.results.get(name)):>15}{cpu_text(row.results.get(name)):>8}"
                        for name in names)
        line += f"{ours['mb_per_s']:>10,.1f}" if "mb_per_s" in ours else f"{'':>10}"
        line += "".join(f"{speedup(ours, row.results.get(name)):>11}{cpu_ratio(row, name):>10}"
                        for name in names[1:])
        print(line)
    if len(names) > 1:
        print("zmq/X: how many times faster zmq is than X (msg/s ratio, or inverse time ratio); "
              "cpu/X: zmq's CPU per message over X's (below 1: zmq costs less)")
        for line in paced_summary(rows, names[1:]):
            print(line)
    if args.json:
        Path(args.json).write_text(json.dumps(
            [{"spec": r.spec, "results": r.results, "load_average": r.load_average,
              "cpu_ratios": {name: ratio.as_dict() for name, ratio in r.cpu_ratios.items()}}
             for r in rows], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
