# SPDX-License-Identifier: BSD-3-Clause
"""Facts about the repository the repo-wide tests share: packages and their licenses."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ROOT / "packages"
SOURCE_SUFFIXES = {".py", ".pyx", ".pxd", ".pxi", ".c", ".h"}
SKIPPED_DIRS = {"build", "dist", "__pycache__", ".venv", ".venvs", ".hatch"}


def distributions() -> dict[str, dict]:
    """Every package directory name → its pyproject ``[project]`` table."""
    found = {}
    for pyproject in sorted(PACKAGES.glob("*/pyproject.toml")):
        found[pyproject.parent.name] = tomllib.loads(pyproject.read_text())["project"]
    return found


def source_files(package: str) -> list[Path]:
    """Source files of a package directory (build products and caches excluded)."""
    files = []
    for path in (PACKAGES / package).rglob("*"):
        relative = path.relative_to(PACKAGES / package)
        if path.is_file() and path.suffix in SOURCE_SUFFIXES and not (
            SKIPPED_DIRS & set(relative.parts) or any(p.endswith(".egg-info") for p in relative.parts)
        ):
            files.append(path)
    return sorted(files)


def plugin_packages() -> list[str]:
    """The BSD plugin distributions (everything but the core and the meta package)."""
    return [name for name in distributions() if name not in ("zmq-core", "zmq")]
