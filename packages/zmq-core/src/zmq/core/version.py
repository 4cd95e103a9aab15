# SPDX-License-Identifier: LGPL-3.0-or-later
"""Versions: the pyzmq API level this binding implements, and the libzmq it links.

``zmq.__version__``, ``pyzmq_version()`` and ``pyzmq_version_info()`` report
the pyzmq release whose API zmq-core implements (see :data:`PYZMQ_API_VERSION`),
so that version gates written for pyzmq (``zmq.__version__ >= '13.1'``) keep
working. zmq-core's own release number is in :mod:`zmq.core.release` and in
the distribution's metadata (``importlib.metadata.version('zmq-core')``);
``python -m zmq`` prints both.
"""

from __future__ import annotations

import math
import re

from .release import __version__ as core_version

#: the pyzmq release whose public API this zmq-core release implements
PYZMQ_API_VERSION = "27.3.0"
#: pyzmq's name for the binding version: the pyzmq API level (not zmq-core's release)
__version__ = PYZMQ_API_VERSION
__revision__ = ""


def _release_numbers(version: str) -> tuple[int, int, int, str]:
    match = re.match(r"(\d+)\.(\d+)(?:\.(\d+))?(.*)", version)
    if match is None:
        return 0, 0, 0, version
    major, minor, patch, extra = match.groups()
    return int(major), int(minor), int(patch or 0), extra.lstrip(".")


#: the pyzmq API level in parts (pyzmq's names): major, minor, patch and any
#: suffix such as ``dev``
VERSION_MAJOR, VERSION_MINOR, VERSION_PATCH, VERSION_EXTRA = _release_numbers(__version__)
#: ``(VERSION_MAJOR, VERSION_MINOR, VERSION_PATCH)``, plus VERSION_EXTRA when it is set
version_info: tuple = (VERSION_MAJOR, VERSION_MINOR, VERSION_PATCH) + ((VERSION_EXTRA,) if VERSION_EXTRA else ())


def pyzmq_version() -> str:
    """The pyzmq API level this binding implements (``__version__[+revision]``).

    ``'27.3.0'`` for code that gates on pyzmq releases; zmq-core's own
    release is ``zmq.core.release.__version__``.
    """
    if __revision__:
        return f"{__version__}+{__revision__[:6]}"
    return __version__


def pyzmq_version_info() -> tuple[int | float, ...]:
    """The pyzmq API level this binding implements, as a tuple of ints.

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
