# SPDX-License-Identifier: BSD-3-Clause
"""``python -m zmq``: versions of zmq-core and libzmq, and the installed plugins."""

from __future__ import annotations

import sys

import zmq


def report() -> str:
    """The text ``python -m zmq`` prints."""
    lines = [
        f"zmq-core {zmq.__version__} (LGPL-3.0-or-later AND BSD-3-Clause)",
        f"libzmq   {zmq.zmq_version()}",
        f"python   {sys.version.split()[0]}",
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


if __name__ == "__main__":
    print(report())
