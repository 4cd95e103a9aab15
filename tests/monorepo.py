# SPDX-License-Identifier: BSD-3-Clause
"""Facts about the repository the repo-wide tests share: packages and their licenses."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ROOT / "packages"
SOURCE_SUFFIXES = {".py", ".pyx", ".pxd", ".pxi", ".pyi", ".c", ".h", ".sh"}
SKIPPED_DIRS = {"build", "dist", "__pycache__", ".venv", ".venvs", ".hatch", "_build"}

#: the one LGPL directory of the repository: zmq.core, the Cython binding itself
LGPL_DIR = PACKAGES / "zmq-core" / "src" / "zmq" / "core"
LGPL = "LGPL-3.0-or-later"
BSD = "BSD-3-Clause"


def license_of_path(path: Path) -> str:
    """The license a source file must carry: LGPL under ``LGPL_DIR``, BSD anywhere else."""
    return LGPL if path.resolve().is_relative_to(LGPL_DIR) else BSD


def _skipped(relative: Path) -> bool:
    # dot-directories (.git, .ci, .pytest_cache, ...) hold tool state, not project source
    return bool(SKIPPED_DIRS & set(relative.parts[:-1])) or any(
        part.startswith(".") or part.endswith(".egg-info") for part in relative.parts[:-1]
    )


def repository_source_files() -> list[Path]:
    """Every source file of the repository: tracked or new, not ignored by .gitignore.

    Without git (an unpacked archive) every file under the root is walked,
    build products and environments excluded.
    """
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT, capture_output=True, check=True,
        ).stdout.decode().split("\0")
        candidates = [ROOT / name for name in listed if name]
    except (OSError, subprocess.CalledProcessError):
        candidates = list(ROOT.rglob("*"))
    return sorted(
        path for path in candidates
        if path.suffix in SOURCE_SUFFIXES and path.is_file() and not _skipped(path.relative_to(ROOT))
    )


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


def core_bsd_parts() -> dict[str, Path]:
    """The BSD parts of zmq-core: ``zmq.auth`` → its directory, every subpackage but ``zmq.core``.

    ``zmq`` itself stands for the modules directly in ``zmq/`` (``__init__.py``, ``__main__.py``, ...).
    """
    top = PACKAGES / "zmq-core" / "src" / "zmq"
    parts = {"zmq": top}
    for init in sorted(top.glob("*/__init__.py")):
        if init.parent != LGPL_DIR:
            parts[f"zmq.{init.parent.name}"] = init.parent
    return parts
