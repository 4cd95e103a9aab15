# SPDX-License-Identifier: LGPL-3.0-or-later
"""Versions of zmq-core and of the libzmq it is linked against."""

from __future__ import annotations

import math
import re

#: the zmq-core release (also read by the build for the distribution version)
__version__ = "0.1.0"
__revision__ = ""


def _release_numbers(version: str) -> tuple[int, int, int, str]:
    match = re.match(r"(\d+)\.(\d+)(?:\.(\d+))?(.*)", version)
    if match is None:
        return 0, 0, 0, version
    major, minor, patch, extra = match.groups()
    return int(major), int(minor), int(patch or 0), extra.lstrip(".")


#: zmq-core's version in parts (pyzmq's names): major, minor, patch and any
#: suffix such as ``dev``
VERSION_MAJOR, VERSION_MINOR, VERSION_PATCH, VERSION_EXTRA = _release_numbers(__version__)
#: ``(VERSION_MAJOR, VERSION_MINOR, VERSION_PATCH)``, plus VERSION_EXTRA when it is set
version_info: tuple = (VERSION_MAJOR, VERSION_MINOR, VERSION_PATCH) + ((VERSION_EXTRA,) if VERSION_EXTRA else ())


def pyzmq_version() -> str:
    """The version of this binding as a string (``__version__[+revision]``).

    The name is pyzmq's; it reports zmq-core's own version.
    """
    if __revision__:
        return f"{__version__}+{__revision__[:6]}"
    return __version__


def pyzmq_version_info() -> tuple[int | float, ...]:
    """The version of this binding as a tuple of ints.

    A development marker (``'2.10dev'``) gives ``inf`` as the last item, so that
    a development version sorts after every release of its series.
    """
    parts: list[int | float] = []
    for piece in re.findall(r"\d+|dev", __version__):
        parts.append(math.inf if piece == "dev" else int(piece))
    return tuple(parts)


def zmq_version() -> str:
    """The libzmq version as ``'X.Y.Z'``."""
    return "%i.%i.%i" % zmq_version_info()


def zmq_version_info() -> tuple[int, int, int]:
    """The libzmq version as a tuple ``(major, minor, patch)``."""
    from ._zmq import libzmq_version_info

    return libzmq_version_info()


__all__ = [
    "pyzmq_version",
    "pyzmq_version_info",
    "zmq_version",
    "zmq_version_info",
    "__version__",
    "VERSION_MAJOR",
    "VERSION_MINOR",
    "VERSION_PATCH",
    "VERSION_EXTRA",
    "version_info",
]
