# SPDX-License-Identifier: BSD-3-Clause
"""docs/guide/web.rst: its complete program runs and prints what the page says."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

GUIDE = Path(__file__).resolve().parents[3] / "docs" / "guide" / "web.rst"


def program_and_output() -> tuple[str, str]:
    """The guide's whole program (the block that runs main()) and the output shown after it."""
    text = GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"\.\. code-block:: python\n\n((?:   .*\n|\n)+)", text)
    [program] = [block for block in blocks if 'if __name__ == "__main__":' in block]
    shown = re.search(r"It prints::\n\n((?:   .*\n)+)", text)
    assert shown, "the guide shows the program's output"
    dedent = lambda block: "\n".join(line[3:] for line in block.splitlines()) + "\n"  # noqa: E731
    return dedent(program), dedent(shown.group(1))


def test_guide_program_runs_and_prints_what_the_guide_says(tmp_path):
    program, expected = program_and_output()
    path = tmp_path / "web_guide_example.py"
    path.write_text(program, encoding="utf-8")
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout == expected
    assert "Traceback" not in out.stderr, out.stderr


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
