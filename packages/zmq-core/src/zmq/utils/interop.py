# SPDX-License-Identifier: BSD-3-Clause
"""``cast_int_addr``: an address given as an int or a cffi pointer, as an int.

For code that hands libzmq objects between bindings (``zmq.Context.shadow``,
``zmq.Socket.shadow``) with a cffi pointer instead of ``.underlying``.
"""

from __future__ import annotations

from typing import Any


def cast_int_addr(n: Any) -> int:
    """``n`` as an int address: ints pass through, cffi pointers are cast.

    Anything else raises ``ValueError``.
    """
    if isinstance(n, int):
        return n
    try:
        import cffi
    except ImportError:
        cffi = None
    if cffi is not None:
        ffi = cffi.FFI()
        if isinstance(n, ffi.CData):
            return int(ffi.cast("size_t", n))
    raise ValueError(f"Cannot cast {n!r} to int")


__all__ = ["cast_int_addr"]
