# SPDX-License-Identifier: BSD-3-Clause
"""What each legacy name does: the providers behind the ``zmq.legacy`` entry points.

The core calls ``provider(owner)`` on every use of a legacy name: ``owner`` is
the ``zmq`` module for module names, the instance (None on the class) for
methods, the socket for ``send_multipart``'s ``prefix``. Each provider warns
once per use and returns the value the old name stands for.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Iterable
from typing import Any

import zmq


def _deprecated(old: str, new: str, stacklevel: int) -> None:
    # stacklevel counts this function, the provider and the core's lookup
    # frames, so that the warning points at the user's line
    warnings.warn(f"{old} is deprecated, use {new}", DeprecationWarning, stacklevel=stacklevel + 1)


def _module_constant(old: str, new: str, value: Any) -> Callable[[Any], Any]:
    def provide(module: Any) -> Any:
        # user → zmq.__getattr__ → module_getattr → provide. `from zmq import
        # UPSTREAM` looks the name up twice, first from the import system's
        # hasattr() probe: only the second lookup (the user's) warns.
        try:
            caller = sys._getframe(3).f_globals.get("__name__")
        except ValueError:  # called directly, not through zmq.__getattr__
            caller = None
        if caller != "importlib._bootstrap":
            _deprecated(old, new, stacklevel=4)
        return value

    provide.__doc__ = f"``{old}``: {new}, with a DeprecationWarning."
    return provide


def _method_alias(old: str, new: str) -> Callable[[Any], Any]:
    owner_name, _, new_method = new.partition(".")

    def provide(instance: Any) -> Any:
        # user → LegacyAttribute.__get__ → provide
        _deprecated(old, new, stacklevel=3)
        if instance is None:
            raise AttributeError(f"{old} is a legacy alias: use {new}")
        return getattr(instance, new_method)

    provide.__doc__ = f"``{old}``: the bound ``{new}``, with a DeprecationWarning."
    return provide


upstream = _module_constant("zmq.UPSTREAM", "zmq.PULL", zmq.PULL)
downstream = _module_constant("zmq.DOWNSTREAM", "zmq.PUSH", zmq.PUSH)

old_wait = _method_alias("MessageTracker.old_wait", "MessageTracker.wait")


def _prepend(prefix: bytes | Iterable[Any], msg_parts: Iterable[Any]) -> list[Any]:
    """The parts of a 2.1 ``send_multipart(msg_parts, prefix=...)``: prefix first."""
    if isinstance(prefix, (bytes, zmq.Frame, memoryview, bytearray)):
        prefix = [prefix]
    elif isinstance(prefix, str):
        raise TypeError("prefix parts must be bytes, not str")
    return [*prefix, *msg_parts]


def multipart_prefix(socket: Any) -> Callable[[Any, Iterable[Any]], list[Any]]:
    """``send_multipart(..., prefix=...)``: the prefix parts are sent first."""
    # user → Socket.send_multipart (compiled: no Python frame) → multipart_prefix
    _deprecated(
        "send_multipart(..., prefix=...)", "send_multipart(prefix + msg_parts)", stacklevel=2
    )
    return _prepend
