# SPDX-License-Identifier: BSD-3-Clause
"""Legacy names (pyzmq 2.1/2.2): pyzmq 27's plain aliases here, the rest in zmq-compat.

Two kinds of legacy name:

* :data:`PLAIN_ALIASES`, the old names pyzmq 27 still keeps as plain aliases
  (``zmq.Message``, ``Socket.send_unicode`` and the other ``*_unicode``
  methods, ``ZMQStream.send_unicode``): the core serves them itself, with no
  warning, as pyzmq 27 does (applications' test suites run with ``-W error``).
  A user who wants to find them in their code opts in to DeprecationWarnings
  with ``ZMQ_LEGACY_WARNINGS=1`` in the environment or
  :func:`warn_legacy_names`.
* every other name of :data:`REPLACEMENTS` (``zmq.UPSTREAM``,
  ``send_multipart(prefix=...)``, ``MessageTracker.old_wait``, ...), gone
  from pyzmq 27: what it does comes from an entry point in group
  ``zmq.legacy`` that zmq-compat declares, read on the first use of such a
  name, never at ``import zmq``. Without zmq-compat it raises AttributeError
  (TypeError for a legacy keyword argument) that names its replacement and
  the distribution to install.

Protocol of zmq-compat's entry points: the entry point named like the key of
:data:`REPLACEMENTS` loads a *provider*, called as ``provider(owner)`` at every
use, which warns (DeprecationWarning) and returns the value: for a module name
``owner`` is the module; for a method ``owner`` is the instance (or None on the
class) and the provider returns the bound callable; for
``Socket.send_multipart.prefix`` the provider is called with the socket and
returns a function ``(prefix, msg_parts) -> msg_parts``; for the module ``zmq.utils.strtypes``
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

#: the legacy names pyzmq 27 keeps as plain aliases: the core serves them, no warning by default
PLAIN_ALIASES = frozenset(
    {
        "zmq.Message",
        "Socket.send_unicode",
        "Socket.recv_unicode",
        "Socket.setsockopt_unicode",
        "Socket.getsockopt_unicode",
        "ZMQStream.send_unicode",
    }
)

#: environment variable that turns on DeprecationWarnings for :data:`PLAIN_ALIASES`
WARNINGS_VARIABLE = "ZMQ_LEGACY_WARNINGS"

_providers: dict[str, Any] | None = None
_warn_plain_aliases: bool | None = None  # None: decided by the environment variable


def warn_legacy_names(enabled: bool = True) -> None:
    """Turn DeprecationWarnings for pyzmq 27's plain aliases on (or off again).

    Off by default, as in pyzmq 27; ``ZMQ_LEGACY_WARNINGS=1`` in the
    environment turns them on as well. The names zmq-compat serves always warn.
    """
    global _warn_plain_aliases
    _warn_plain_aliases = bool(enabled)


def _warnings_wanted() -> bool:
    if _warn_plain_aliases is not None:
        return _warn_plain_aliases
    import os

    return os.environ.get(WARNINGS_VARIABLE, "") not in ("", "0")


def _plain_alias_used(name: str, stacklevel: int) -> None:
    """Warn, if the user opted in, that plain alias ``name`` was used."""
    if _warnings_wanted():
        import warnings

        warnings.warn(
            f"{name} is a legacy alias, use {REPLACEMENTS[name]}",
            DeprecationWarning,
            stacklevel=stacklevel + 1,
        )


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
    if name in PLAIN_ALIASES:
        import sys

        # user → zmq.__getattr__ → here; `from zmq import Message` also looks
        # the name up from the import system's hasattr() probe: only the
        # user's own lookup may warn
        if sys._getframe(2).f_globals.get("__name__") != "importlib._bootstrap":
            _plain_alias_used(name, stacklevel=3)
        return getattr(module, REPLACEMENTS[name].rpartition(".")[2])
    if name not in REPLACEMENTS:
        raise AttributeError(f"module {module.__name__!r} has no attribute {attribute!r}")
    return provider(name)(module)


class LegacyAttribute:
    """A class attribute that is a legacy name.

    ``send_unicode = LegacyAttribute()`` in class ``Socket`` stands for
    ``"Socket.send_unicode"`` in :data:`REPLACEMENTS`. A name of
    :data:`PLAIN_ALIASES` gives its replacement (``Socket.send_unicode`` is
    ``Socket.send_string``); any other is resolved through zmq-compat on use.
    Normal attribute lookups of the class pay nothing for it (no
    ``__getattr__`` hook).
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
        if self.name in PLAIN_ALIASES:
            _plain_alias_used(self.name, stacklevel=2)
            replacement = REPLACEMENTS[self.name].partition(".")[2]
            return getattr(owner if instance is None else instance, replacement)
        return provider(self.name)(instance)
