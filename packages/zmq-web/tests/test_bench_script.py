# SPDX-License-Identifier: BSD-3-Clause
"""zmq-web's benchmark script runs (the guide's program: tests/test_guide_programs.py at the repo root)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path


def test_bench_script_runs_small(tmp_path):
    bench = Path(__file__).resolve().parents[1] / "bench" / "bench_web.py"
    out = subprocess.run(
        [sys.executable, str(bench), "--requests", "40", "--concurrency", "5", "--backends", "2"],
        capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "failed:            0" in out.stdout
    assert re.search(r"requests/second:\s+\d+", out.stdout)
    assert re.search(r"per backend:\s+\[20, 20\]", out.stdout)
