# SPDX-License-Identifier: BSD-3-Clause
"""The complete examples of docs/guide/eventloop.rst run and print what the page says."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parents[3] / "docs" / "guide" / "eventloop.rst"


def examples() -> list[str]:
    """The code blocks that are whole programs (they end by running main())."""
    text = GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"\.\. code-block:: python\n\n((?:   .*\n|\n)+)", text)
    programs = ["\n".join(line[3:] for line in block.splitlines()) for block in blocks]
    return [code for code in programs if "asyncio.run(main())" in code]


@pytest.mark.parametrize(
    ("index", "expected"),
    [(0, "['20 degrees', '21 degrees', '22 degrees', '23 degrees', '24 degrees']"), (1, "[b'one', b'two', b'three']")],
)
def test_guide_example_runs(index, expected):
    code = examples()[index]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == expected
