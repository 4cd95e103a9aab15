# SPDX-License-Identifier: BSD-3-Clause
"""Item 6: bad input, fuzzed with hypothesis, never crashes or hangs.

Every target of fuzz_targets.py runs in its own child process (in a
temporary directory: fuzzed ipc endpoints create files), so that a crash
fails this test instead of ending the test session. Quick: a few hundred
examples per target; full: several thousand.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from reliability_support import CHILD_TIMEOUT, record, scale

TARGETS = Path(__file__).with_name("fuzz_targets.py")


@pytest.mark.parametrize(
    "target", ["frame", "send_recv", "malformed_multipart", "setsockopt", "attributes", "endpoints"]
)
def test_fuzzed_input_raises_documented_errors_only(target, tmp_path):
    examples = scale(200, 5_000)
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, str(TARGETS), target, str(examples)],
            cwd=tmp_path, capture_output=True, text=True, timeout=CHILD_TIMEOUT,
        )
    except subprocess.TimeoutExpired as hung:
        raise AssertionError(f"fuzzing {target} hung: {hung.stderr}") from None
    seconds = time.perf_counter() - start
    assert done.returncode >= 0, f"crashed with signal {-done.returncode}: {done.stderr[-3000:]}"
    assert done.returncode == 0, done.stderr[-5000:]
    # the last line is the target's; libnorm may print warnings of its own before it
    assert done.stdout.splitlines()[-1].split() == ["ok", target, str(examples)]
    record(f"fuzz[{target}]", examples=examples, seconds=round(seconds, 2))
