# SPDX-License-Identifier: LGPL-3.0-or-later
"""python -m zmq.perf runs its workloads and prints the table (no timing is asserted)."""

import json
import subprocess
import sys


def test_perf_prints_table_with_every_workload(tmp_path):
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "zmq.perf", "--count", "2000", "--rt-count", "200", "--repeat", "1",
         "--json", str(out)],
        capture_output=True, text=True, check=True,
    )
    text = done.stdout
    for title in ("PUSH/PULL throughput", "PUSH/PULL 4-part msgs", "REQ/REP round trip", "import zmq"):
        assert title in text
    rows = json.loads(out.read_text())
    assert {(row["workload"], row["transport"]) for row in rows} >= {
        ("push_pull", "inproc"), ("push_pull", "tcp"), ("req_rep", "inproc"), ("req_rep", "tcp"),
    }
    for row in rows:
        assert row["results"]["zmq"]["value"] > 0


def test_workload_script_runs_standalone():
    from zmq.perf.__main__ import WORKLOADS_SCRIPT

    done = subprocess.run(
        [sys.executable, str(WORKLOADS_SCRIPT), "req_rep", "inproc", "50", "8", "1"],
        capture_output=True, text=True, check=True,
    )
    result = json.loads(done.stdout)
    assert result["unit"] == "us" and result["value"] > 0
