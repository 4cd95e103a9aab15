# SPDX-License-Identifier: BSD-3-Clause
"""The whole programs written inline in docs/guide/eventloop.rst and docs/guide/web.rst
run and print what the pages say (docs/examples/ files: test_docs_examples.py).

They live here rather than in the plugins' tests because they read docs/,
which the plugins' sdists do not ship.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from monorepo import ROOT

EVENTLOOP_GUIDE = ROOT / "docs" / "guide" / "eventloop.rst"
WEB_GUIDE = ROOT / "docs" / "guide" / "web.rst"


def eventloop_programs() -> list[str]:
    """The code blocks that are whole programs (they end by running main())."""
    text = EVENTLOOP_GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"\.\. code-block:: python\n\n((?:   .*\n|\n)+)", text)
    programs = ["\n".join(line[3:] for line in block.splitlines()) for block in blocks]
    return [code for code in programs if "asyncio.run(main())" in code]


@pytest.mark.parametrize(
    ("index", "expected"),
    [(0, "['20 degrees', '21 degrees', '22 degrees', '23 degrees', '24 degrees']"), (1, "[b'one', b'two', b'three']")],
)
def test_eventloop_guide_program_runs(index, expected):
    code = eventloop_programs()[index]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == expected


def web_program_and_output() -> tuple[str, str]:
    """The guide's whole program (the block that runs main()) and the output shown after it."""
    text = WEB_GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"\.\. code-block:: python\n\n((?:   .*\n|\n)+)", text)
    [program] = [block for block in blocks if 'if __name__ == "__main__":' in block]
    shown = re.search(r"It prints::\n\n((?:   .*\n)+)", text)
    assert shown, "the guide shows the program's output"
    dedent = lambda block: "\n".join(line[3:] for line in block.splitlines()) + "\n"  # noqa: E731
    return dedent(program), dedent(shown.group(1))


def test_web_guide_program_runs_and_prints_what_the_guide_says(tmp_path):
    program, expected = web_program_and_output()
    path = tmp_path / "web_guide_example.py"
    path.write_text(program, encoding="utf-8")
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout == expected
    assert "Traceback" not in out.stderr, out.stderr
