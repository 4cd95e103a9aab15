# SPDX-License-Identifier: BSD-3-Clause
"""The device benchmark runs (a small count) and reports a rate for every workload."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

BENCH = pathlib.Path(__file__).parent.parent / "bench" / "bench_devices.py"


def test_benchmark_reports_every_workload():
    done = subprocess.run(
        [sys.executable, str(BENCH), "--count", "2000", "--repeat", "1", "--json"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["binding"].startswith("zmq-core")
    assert sorted(result["rates"]) == sorted([
        "ThreadProxy PULL->PUSH", "ThreadMonitoredQueue PULL->PUSH",
        "ThreadProxy ROUTER->DEALER", "ThreadMonitoredQueue ROUTER->DEALER",
    ])
    assert all(rate > 0 for rate in result["rates"].values())
