# SPDX-License-Identifier: LGPL-3.0-or-later
"""python -m zmq.perf runs its workloads and prints the table (no timing is asserted)."""

import json
import subprocess
import sys

from zmq.perf.__main__ import WORKLOADS_SCRIPT

TINY = ["--count", "2000", "--rt-count", "200", "--bytes-per-run", "200000", "--repeat", "1"]


def test_perf_table_with_vs_and_c_columns(tmp_path):
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "zmq.perf", *TINY, "--sizes", "64", "70000",
         "--transports", "inproc", "tcp", "--modes", "single", "thread", "process",
         "--vs", f"again={sys.executable}", "--json", str(out)],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    header = next(line for line in done.stdout.splitlines() if line.startswith("workload"))
    assert "zmq/again" in header and "zmq/C" in header and "MB/s" in header
    for title in ("PUSH/PULL ", "PUSH/PULL 3-part", "REQ/REP rtt", "poll(0) 10 socks", "import zmq"):
        assert title in done.stdout
    rows = json.loads(out.read_text())
    cells = {(r["spec"]["workload"], r["spec"].get("transport"), r["spec"].get("size"),
              r["spec"].get("copy"), r["spec"].get("mode")) for r in rows}
    assert ("thr", "tcp", 70000, False, "process") in cells
    assert ("thr", "inproc", 64, True, "thread") in cells
    assert ("lat", "tcp", 64, True, "process") in cells
    assert not any(c[1] == "inproc" and c[4] == "process" for c in cells)  # inproc cannot cross processes
    for row in rows:
        assert row["results"]["zmq"]["value"] > 0
        assert row["results"]["again"]["value"] > 0
        if row["spec"]["workload"] == "lat":
            assert row["results"]["zmq"]["p99"] >= row["results"]["zmq"]["value"]
        if row["spec"]["workload"] in ("thr", "lat"):
            assert row["results"]["zmq"]["spin_us"] == 50  # zmq.SPIN_US: the default
    assert "zmq Socket.spin_us: 50" in done.stdout


def test_spin_us_option_reaches_the_workloads(tmp_path):
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "zmq.perf", *TINY, "--sizes", "64", "--transports", "tcp",
         "--modes", "process", "--workloads", "thr", "lat", "--no-c", "--spin-us", "0",
         "--json", str(out)],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    rows = json.loads(out.read_text())
    assert {row["spec"]["workload"] for row in rows} == {"thr", "lat"}
    assert all(row["results"]["zmq"]["spin_us"] == 0 for row in rows)
    assert "zmq Socket.spin_us: 0" in done.stdout


def test_workload_script_runs_standalone():
    spec = {"workload": "thr", "transport": "ipc", "size": 100, "copy": False, "mode": "process",
            "count": 300, "repeat": 1, "parts": 3}
    done = subprocess.run(
        [sys.executable, str(WORKLOADS_SCRIPT), json.dumps(spec)], capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout)
    assert result["unit"] == "msg/s" and result["value"] > 0
    assert abs(result["mb_per_s"] - result["value"] * 300 / 1e6) < 1e-6 * result["value"]
