# SPDX-License-Identifier: BSD-3-Clause
"""python -m zmq.perf runs its workloads and prints the table (no timing is asserted)."""

import json
import os
import subprocess
import sys
import time

import pytest
from zmq.perf.__main__ import WORKLOADS_SCRIPT, Contenders, compile_c_bench

TINY = ["--count", "2000", "--rt-count", "200", "--bytes-per-run", "200000", "--repeat", "1", "--paced-repeat", "1"]


def test_perf_table_with_vs_and_c_columns(tmp_path):
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "zmq.perf", *TINY, "--sizes", "64", "70000",
         "--transports", "inproc", "tcp", "--modes", "single", "thread", "process",
         "--workloads", "thr", "multipart", "lat", "poll", "import",
         "--vs", f"again={sys.executable}", "--json", str(out)],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    header = next(line for line in done.stdout.splitlines() if line.startswith("workload"))
    assert "zmq/again" in header and "zmq/C" in header and "MB/s" in header
    assert "cpu/again" in header and "cpu/C" in header and header.split().count("cpu") == 3
    for title in ("PUSH/PULL ", "PUSH/PULL 3-part", "REQ/REP rtt", "poll(0) 10 socks", "import zmq"):
        assert title in done.stdout
    rows = [row for row in json.loads(out.read_text()) if row["spec"]["workload"] not in ("rr", "pubsub")]
    cells = {(r["spec"]["workload"], r["spec"].get("transport"), r["spec"].get("size"),
              r["spec"].get("copy"), r["spec"].get("mode")) for r in rows}
    assert ("thr", "tcp", 70000, False, "process") in cells
    assert ("thr", "inproc", 64, True, "thread") in cells
    assert ("lat", "tcp", 64, True, "process") in cells
    assert not any(c[1] == "inproc" and c[4] == "process" for c in cells)  # inproc cannot cross processes
    for row in rows:
        assert row["results"]["zmq"]["value"] > 0
        assert row["results"]["again"]["value"] > 0
        if row["spec"]["workload"] != "import":
            for binding in ("zmq", "again", "C"):
                assert row["results"][binding]["cpu_us"] > 0, (binding, row)
            assert row["spec"]["contend"] == 0
        if row["spec"]["workload"] == "lat":
            assert row["results"]["zmq"]["p99"] >= row["results"]["zmq"]["value"]
        if row["spec"]["workload"] in ("thr", "lat"):
            assert row["results"]["zmq"]["spin_us"] == 0  # zmq.SPIN_US: the default
    assert "zmq Socket.spin_us: 0" in done.stdout


def test_spin_us_option_reaches_the_workloads(tmp_path):
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "zmq.perf", *TINY, "--sizes", "64", "--transports", "tcp",
         "--modes", "process", "--workloads", "thr", "lat", "--no-c", "--spin-us", "25",
         "--json", str(out)],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    rows = json.loads(out.read_text())
    assert {row["spec"]["workload"] for row in rows} == {"thr", "lat"}
    assert all(row["results"]["zmq"]["spin_us"] == 25 for row in rows)
    assert "zmq Socket.spin_us: 25" in done.stdout


def test_workload_script_runs_standalone():
    spec = {"workload": "thr", "transport": "ipc", "size": 100, "copy": False, "mode": "process",
            "count": 300, "repeat": 1, "parts": 3}
    done = subprocess.run(
        [sys.executable, str(WORKLOADS_SCRIPT), json.dumps(spec)], capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout)
    assert result["unit"] == "msg/s" and result["value"] > 0
    assert abs(result["mb_per_s"] - result["value"] * 300 / 1e6) < 1e-6 * result["value"]


def test_paced_workloads_with_busy_processes_beside_them(tmp_path):
    """rr and pubsub at a fixed rate and unpaced, in threads and processes, under --contend."""
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "zmq.perf", "--workloads", "rr", "pubsub", "--rates", "400", "0",
         "--paced-seconds", "0.25", "--rt-count", "100", "--repeat", "1", "--paced-repeat", "3",
         "--contend", "0", "1",
         "--vs", f"again={sys.executable}", "--json", str(out)],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "REQ/REP paced" in done.stdout and "PUB/SUB paced" in done.stdout
    for load in (0, 1):  # rr: 3 transport-modes x 2 rates; pubsub: 3 x 1 rate
        assert f"paced rows, load {load}: cpu/again geometric mean " in done.stdout
        assert "cpu/C geometric mean" in done.stdout
    assert "over 9 rows" in done.stdout
    assert "400/s" in done.stdout and "max" in done.stdout
    rows = json.loads(out.read_text())
    cells = {(r["spec"]["workload"], r["spec"]["transport"], r["spec"]["mode"], r["spec"]["rate"],
              r["spec"]["contend"]) for r in rows}
    assert cells == {(workload, transport, mode, rate, load)
                     for workload in ("rr", "pubsub")
                     for transport, mode in (("inproc", "thread"), ("tcp", "thread"), ("tcp", "process"))
                     for rate in (400, 0) for load in (0, 1)
                     if not (workload == "pubsub" and rate == 0)}
    for row in rows:
        spec = row["spec"]
        assert spec["count"] == 100  # --rt-count unpaced; 400/s for 0.25 s paced
        for binding in ("zmq", "again", "C"):
            result = row["results"][binding]
            assert result["unit"] == "us"
            assert 0 < result["value"] <= result["p99"]
            assert result["cpu_us"] > 0
            assert result["rate"] > 0
            assert len(result["cpu_runs"]) == 3 and sorted(result["cpu_runs"])[1] == result["cpu_us"]
            if spec["rate"]:
                # request i is never sent before start + i / rate: the pace is an upper bound
                count = spec["count"]
                assert result["rate"] <= spec["rate"] * count / (count - 1) * 1.001
        for other in ("again", "C"):  # cpu/X of a paced row: the median of the paired runs
            ratio = row["cpu_ratios"][other]
            pairs = sorted(a / b for a, b in zip(row["results"]["zmq"]["cpu_runs"],
                                                 row["results"][other]["cpu_runs"]))
            assert ratio["pairs"] == 3 and ratio["median"] == pytest.approx(pairs[1])
            assert (ratio["low"], ratio["high"]) == (pytest.approx(pairs[0]), pytest.approx(pairs[2]))
            assert ratio["verdict"] in ("below", "even", "above")
    assert "75% intervals: " in done.stdout  # three pairs: the extremes hold the median 3 times in 4


@pytest.mark.parametrize("workload", ["rr", "pubsub"])
@pytest.mark.parametrize("mode", ["thread", "process"])
def test_paced_workload_script_and_c_program_agree_on_the_result_format(workload, mode):
    spec = {"workload": workload, "transport": "tcp", "size": 64, "copy": True, "mode": mode,
            "rate": 2000, "count": 200, "repeat": 3}
    done = subprocess.run(
        [sys.executable, str(WORKLOADS_SCRIPT), json.dumps(spec)], capture_output=True, text=True, check=True
    )
    ours = json.loads(done.stdout)
    program = compile_c_bench()
    assert program is not None
    done = subprocess.run(
        [str(program), workload, "tcp", "64", "1", mode, "200", "3", "1", "2000"],
        capture_output=True, text=True, check=True,
    )
    theirs = json.loads(done.stdout)
    for result in (ours, theirs):
        assert {"value", "unit", "p99", "cpu_us", "rate", "binding"} <= set(result)
        assert result["unit"] == "us" and 0 < result["value"] <= result["p99"]
        assert result["cpu_us"] > 0 and 0 < result["rate"] <= 2000 * 200 / 199 * 1.001


@pytest.mark.parametrize("spec", [
    {"workload": "thr", "size": 64, "copy": True, "count": 20000, "parts": 1},
    {"workload": "lat", "size": 64, "count": 2000},
    {"workload": "rr", "size": 64, "count": 500, "rate": 5000},
    {"workload": "pubsub", "size": 64, "count": 500, "rate": 5000},
])
def test_the_cpu_of_the_child_process_is_counted(spec):
    """In process mode the CPU per message is both processes' (the child's part is shown too)."""
    spec = dict(spec, transport="tcp", mode="process", repeat=1)
    result = json.loads(subprocess.run(
        [sys.executable, str(WORKLOADS_SCRIPT), json.dumps(spec)], capture_output=True, text=True, check=True
    ).stdout)
    assert 0 < result["peer_cpu_us"] < result["cpu_us"]


def test_contenders_start_and_stop_busy_processes():
    contenders = Contenders()
    try:
        contenders.set(2)
        first = list(contenders.procs)
        assert len(first) == 2 and all(proc.poll() is None for proc in first)
        contenders.set(1)
        assert contenders.procs == first[:1] and first[1].poll() is not None
        contenders.set(3)
        assert len(contenders.procs) == 3 and all(proc.poll() is None for proc in contenders.procs)
        running = list(contenders.procs)
    finally:
        contenders.stop()
    assert contenders.procs == [] and all(proc.poll() is not None for proc in running)


def test_negative_contention_is_refused():
    done = subprocess.run([sys.executable, "-m", "zmq.perf", "--contend", "-1", "--no-c"],
                          capture_output=True, text=True)
    assert done.returncode != 0 and "--contend" in done.stderr


def test_paced_cells_take_turns_in_rotating_order(tmp_path):
    from zmq.perf.__main__ import Binding, run_interleaved

    log = tmp_path / "turns.log"
    bindings = []
    for name in ("a", "b", "c"):  # each binding an interpreter that notes when it runs
        wrapper = tmp_path / name
        wrapper.write_text(f'#!/bin/sh\necho {name} >> "{log}"\nexec "{sys.executable}" "$@"\n')
        wrapper.chmod(0o755)
        bindings.append(Binding(name, python=str(wrapper)))
    spec = {"workload": "rr", "transport": "tcp", "size": 64, "copy": True, "mode": "thread",
            "rate": 2000, "count": 20, "repeat": 4, "contend": 0}
    results = run_interleaved(bindings, spec)
    # each round runs every binding once, starting one further along each time
    assert log.read_text().split() == ["a", "b", "c", "b", "c", "a", "c", "a", "b", "a", "b", "c"]
    for result in results.values():
        runs = result["cpu_runs"]
        assert len(runs) == 4
        assert result["cpu_us"] == sorted(runs)[2]  # the upper middle of four runs


def test_paced_cells_run_for_real_and_compare_run_by_run():
    from zmq.perf.__main__ import Binding, compare_runs, run_interleaved

    spec = {"workload": "rr", "transport": "tcp", "size": 64, "copy": True, "mode": "thread",
            "rate": 2000, "count": 60, "repeat": 3, "contend": 0}
    results = run_interleaved([Binding("zmq", python=sys.executable), Binding("b", python=sys.executable)], spec)
    assert set(results) == {"zmq", "b"}
    for result in results.values():
        runs = result["cpu_runs"]
        assert len(runs) == 3 and all(cpu > 0 for cpu in runs)
        assert result["cpu_us"] == sorted(runs)[1]
    ratio = compare_runs(results)["b"]
    pairs = sorted(a / b for a, b in zip(results["zmq"]["cpu_runs"], results["b"]["cpu_runs"]))
    assert ratio.median == pytest.approx(pairs[1])
    assert (ratio.low, ratio.high) == (pytest.approx(pairs[0]), pytest.approx(pairs[2]))


def test_contenders_end_when_zmq_perf_is_killed():
    """A busy process must not outlive a zmq.perf that was killed (no finally ran)."""
    code = ("import sys, time; from zmq.perf.__main__ import Contenders; c = Contenders(); c.set(1); "
            "print(c.procs[0].pid, flush=True); time.sleep(60)")
    driver = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        busy = int(driver.stdout.readline())
    finally:
        driver.kill()
        driver.wait()
    deadline = time.monotonic() + 30  # only a guard against a hang
    while time.monotonic() < deadline:
        try:
            os.kill(busy, 0)
        except ProcessLookupError:
            return
        if _reap(busy):
            return
        time.sleep(0.05)
    raise AssertionError(f"busy process {busy} outlived its zmq.perf")


def _reap(pid):
    """True once ``pid`` is a zombie (it has exited; its parent is gone, init reaps it)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True
