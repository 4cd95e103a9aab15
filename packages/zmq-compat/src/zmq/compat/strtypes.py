# SPDX-License-Identifier: BSD-3-Clause
"""What ``zmq.utils.strtypes`` holds: the str/bytes helpers of pyzmq 2.2.

``bytes``, ``unicode`` (``str``) and ``basestring`` (``(str,)``) are plain
aliases; ``cast_bytes`` (also ``asbytes`` and ``b``) and ``cast_unicode``
(also ``u``) warn DeprecationWarning on every call, as pyzmq 23 and later do.
"""

from __future__ import annotations

import warnings
from typing import Any

__all__ = ["asbytes", "bytes", "unicode", "basestring", "b", "u", "cast_bytes", "cast_unicode"]

_bytes = bytes


def _deprecated(new: str) -> None:
    warnings.warn(f"zmq.utils.strtypes is deprecated: use {new}", DeprecationWarning, stacklevel=3)


def cast_bytes(s: str | bytes, encoding: str = "utf8", errors: str = "strict") -> bytes:
    """``s`` as bytes: str is encoded with ``encoding``; TypeError for anything else."""
    _deprecated("str.encode()")
    if isinstance(s, _bytes):
        return s
    if isinstance(s, str):
        return s.encode(encoding, errors)
    raise TypeError(f"Expected unicode or bytes, got {s!r}")


def cast_unicode(s: str | bytes, encoding: str = "utf8", errors: str = "strict") -> str:
    """``s`` as str: bytes are decoded with ``encoding``; TypeError for anything else."""
    _deprecated("bytes.decode()")
    if isinstance(s, _bytes):
        return s.decode(encoding, errors)
    if isinstance(s, str):
        return s
    raise TypeError(f"Expected unicode or bytes, got {s!r}")


def provide(module: Any) -> dict[str, Any]:
    """The names of ``zmq.utils.strtypes`` (``module``), for the core to install there."""
    return {
        "asbytes": cast_bytes,
        "bytes": _bytes,
        "unicode": str,
        "basestring": (str,),
        "b": cast_bytes,
        "u": cast_unicode,
        "cast_bytes": cast_bytes,
        "cast_unicode": cast_unicode,
    }
