# SPDX-License-Identifier: BSD-3-Clause
"""``python -m zmq``: versions of zmq-core and libzmq, the license of each part, the installed plugins.

It also warns, on standard error, when a pyzmq distribution is installed in
the same environment.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import zmq

SPDX = re.compile(r"SPDX-License-Identifier:\s*(\S+)")
SOURCE_SUFFIXES = (".py", ".pyx", ".pxd", ".pxi", ".pyi", ".c", ".h")


def spdx_of(path: Path) -> str:
    """The SPDX id on the first line of ``path`` (second after a shebang); UNKNOWN if none."""
    try:
        with open(path, encoding="utf-8") as file:
            lines = [file.readline(), file.readline()]
    except (OSError, UnicodeDecodeError):
        return "UNKNOWN"
    if lines[0].startswith("#!"):
        lines = lines[1:]
    match = SPDX.search(lines[0])
    return match.group(1) if match else "UNKNOWN"


def part_of(relative: Path) -> str:
    """``zmq/auth/base.py`` → ``zmq.auth``; a module directly in ``zmq/`` → ``zmq``."""
    return ".".join(relative.parts[:2]) if len(relative.parts) > 2 else relative.parts[0]


def core_files() -> list[Path]:
    """zmq-core's installed source files, relative to the directory that holds ``zmq/``.

    From the distribution's RECORD when it has one (a wheel install); else,
    for an editable install or a checkout, every file of the directory of
    ``zmq/__init__.py``, where no plugin puts its files then.
    """
    from importlib import metadata

    top = Path(zmq.__file__).resolve().parent
    try:
        listed = metadata.files("zmq-core") or []
    except metadata.PackageNotFoundError:
        listed = []
    files = [Path(*entry.parts) for entry in listed if entry.parts[0] == "zmq" and entry.suffix in SOURCE_SUFFIXES]
    if not files:
        files = [
            path.relative_to(top.parent) for path in top.rglob("*")
            if path.suffix in SOURCE_SUFFIXES and "__pycache__" not in path.parts
        ]
    return sorted(files)


def part_licenses(root: Path, files: list[Path]) -> dict[str, str]:
    """Each part (``zmq.core``, ``zmq``, ``zmq.auth``, ...) → the licenses its files carry."""
    found: dict[str, set[str]] = {}
    for relative in files:
        found.setdefault(part_of(relative), set()).add(spdx_of(root / relative))
    return {part: " AND ".join(sorted(licenses)) for part, licenses in found.items()}


def core_license() -> str:
    """zmq-core's declared license expression (its metadata), or "?" when it is not installed."""
    from importlib import metadata

    try:
        declared = metadata.metadata("zmq-core")
    except metadata.PackageNotFoundError:
        return "?"
    return declared.get("License-Expression") or declared.get("License") or "?"


def core_version() -> str:
    """zmq-core's own release (its metadata); ``zmq.__version__`` is the pyzmq API level."""
    from importlib import metadata

    try:
        return metadata.version("zmq-core")
    except metadata.PackageNotFoundError:  # run from a source tree without metadata
        return "(not installed)"


def pyzmq_conflict() -> str | None:
    """A warning if a pyzmq distribution is installed next to zmq-core, else None.

    Both distributions write the ``zmq`` package: whichever was installed last
    wins file by file, and uninstalling one deletes files of the other.
    """
    from importlib import metadata

    try:
        pyzmq = metadata.distribution("pyzmq")
    except metadata.PackageNotFoundError:
        return None
    bar = "!" * 78
    return "\n".join([
        bar,
        f"WARNING: pyzmq {pyzmq.version} is installed in this environment, next to zmq-core.",
        "Both install the `zmq` package into the same directory: files of one overwrite",
        "the other's, and uninstalling either breaks `import zmq` for both.",
        "Most likely a package that depends on pyzmq pulled it in. To fix it:",
        "    pip uninstall -y pyzmq",
        "    pip install --force-reinstall --no-deps zmq-core   # and any zmq-* plugins you use",
        "and install packages that require pyzmq without it: see 'Packages that depend",
        "on pyzmq' in the migration guide (docs/migration.rst).",
        bar,
    ])


def report() -> str:
    """The text ``python -m zmq`` prints on standard output."""
    root = Path(zmq.__file__).resolve().parent.parent
    parts = part_licenses(root, core_files())
    # zmq.core (the LGPL binding) first, then zmq itself, then the rest by name
    order = sorted(parts, key=lambda part: (part != "zmq.core", part != "zmq", part))
    lines = [f"zmq-core {core_version()} ({core_license()})"]
    lines += [f"  {part:<10} {parts[part]}" for part in order]
    lines += [
        f"libzmq   {zmq.zmq_version()}",
        f"python   {sys.version.split()[0]}",
        f"pyzmq API level {zmq.pyzmq_version()} (zmq.__version__, zmq.pyzmq_version())",
        "plugins:",
    ]
    found = zmq.plugins()
    if not found:
        lines.append("  (none installed)")
    for info in found:
        lines.append(
            f"  {info.name:<10} {info.module:<14} {info.distribution} {info.version} ({info.license})"
        )
    return "\n".join(lines)


def main() -> int:
    """Print the report; the pyzmq warning, if any, goes to standard error first.

    The warning comes before anything else: with pyzmq installed over
    zmq-core, ``zmq`` may be pyzmq's package and the report fail.
    """
    warning = pyzmq_conflict()
    if warning:
        print(warning, file=sys.stderr, flush=True)
    print(report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
