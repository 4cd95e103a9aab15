# SPDX-License-Identifier: BSD-3-Clause
"""Legacy names (pyzmq 2.1/2.2), served by the zmq-compat distribution.

The core only knows each legacy name and its replacement. What the name does
comes from an entry point in group ``zmq.legacy`` that zmq-compat declares; the
entry points are read on the first use of a legacy name, never at ``import zmq``.
Without zmq-compat a legacy name raises AttributeError (TypeError for a legacy
keyword argument) that names its replacement and the distribution to install.

Protocol: the entry point named like the key of :data:`REPLACEMENTS` loads a
*provider*, called as ``provider(owner)`` at every use, which warns
(DeprecationWarning) and returns the value: for a module name ``owner`` is the
module; for a method ``owner`` is the instance (or None on the class) and the
provider returns the bound callable; for ``Socket.send_multipart.prefix`` the
provider is called with the socket and returns a function
``(prefix, msg_parts) -> msg_parts``; for the module ``zmq.utils.strtypes``
the provider is called with that module when it is imported and returns the
names it holds (a dict; its functions warn when called, as pyzmq's do).

Other distributions (zmq-eventloop's ``ZMQStream``) mark their own legacy
methods with :class:`LegacyAttribute`.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: entry-point group in which zmq-compat declares what each legacy name does
ENTRY_POINT_GROUP = "zmq.legacy"

#: every legacy name → what replaces it (the warning and the error name it)
REPLACEMENTS: dict[str, str] = {
    "zmq.Message": "zmq.Frame",
    "zmq.UPSTREAM": "zmq.PULL",
    "zmq.DOWNSTREAM": "zmq.PUSH",
    "Socket.send_unicode": "Socket.send_string",
    "Socket.recv_unicode": "Socket.recv_string",
    "Socket.setsockopt_unicode": "Socket.setsockopt_string",
    "Socket.getsockopt_unicode": "Socket.getsockopt_string",
    "Socket.send_multipart.prefix": "Socket.send_multipart(prefix + msg_parts)",
    "MessageTracker.old_wait": "MessageTracker.wait",
    "ZMQStream.send_unicode": "ZMQStream.send_string",
    "zmq.utils.strtypes": "str and bytes, str.encode() and bytes.decode()",
}

_providers: dict[str, Any] | None = None


def _entry_points() -> dict[str, Any]:
    global _providers
    if _providers is None:
        from importlib.metadata import entry_points

        _providers = {entry.name: entry for entry in entry_points(group=ENTRY_POINT_GROUP)}
    return _providers


def missing_message(name: str) -> str:
    """The error text for legacy ``name`` when zmq-compat is not installed."""
    return (
        f"{name} is a legacy name: use {REPLACEMENTS[name]} instead, or install the "
        "zmq-compat distribution (`pip install zmq-compat`) to keep old code running"
    )


def provider(name: str, error: type[Exception] = AttributeError) -> Any:
    """The provider zmq-compat registered for legacy ``name``; ``error`` if none."""
    entry = _entry_points().get(name)
    if entry is None:
        raise error(missing_message(name))
    return entry.load()


def module_getattr(module: Any, attribute: str) -> Any:
    """``__getattr__`` of the zmq module: legacy names, then AttributeError."""
    name = f"{module.__name__}.{attribute}"
    if name not in REPLACEMENTS:
        raise AttributeError(f"module {module.__name__!r} has no attribute {attribute!r}")
    return provider(name)(module)


class LegacyAttribute:
    """A class attribute that is a legacy name: resolved through zmq-compat on use.

    ``send_unicode = LegacyAttribute()`` in class ``Socket`` stands for
    ``"Socket.send_unicode"`` in :data:`REPLACEMENTS`. Normal attribute lookups
    of the class pay nothing for it (no ``__getattr__`` hook).
    """

    __slots__ = ("name",)

    def __init__(self, name: str = "") -> None:
        # ``name`` is only needed where __set_name__ is not called (compiled classes)
        if name and name not in REPLACEMENTS:
            raise ValueError(f"{name} is not a known legacy name")
        self.name = name

    def __set_name__(self, owner: type, attribute: str) -> None:
        self.name = f"{owner.__name__}.{attribute}"
        if self.name not in REPLACEMENTS:
            raise ValueError(f"{self.name} is not a known legacy name")

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        return provider(self.name)(instance)
