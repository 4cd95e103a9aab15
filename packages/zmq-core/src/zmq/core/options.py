# SPDX-License-Identifier: LGPL-3.0-or-later
"""Socket and context options as attributes (``s.linger = 0``, ``ctx.io_threads``), by value kind.

Each option name becomes a descriptor on the class, in lower and upper case,
instead of a ``__getattr__`` hook: a class with ``__getattr__`` loses CPython's
fast attribute lookup, which would slow every ``sock.send(...)`` call.
"""

from __future__ import annotations

from enum import IntEnum

from ..constants import Errno, SocketOption
from ._zmq import OPT_BYTES, OPT_FD, OPT_INT, OPT_INT64, option_type
from .error import ZMQError

EINVAL = Errno.EINVAL

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _options_of_kind(kind: int) -> frozenset[int]:
    return frozenset(option for option in SocketOption if option_type(option) == kind)


# The socket options by value kind, from the compiled core's one table of kinds.
bytes_sockopts: frozenset[int] = _options_of_kind(OPT_BYTES)
int64_sockopts: frozenset[int] = _options_of_kind(OPT_INT64)
fd_sockopts: frozenset[int] = _options_of_kind(OPT_FD)
int_sockopts: frozenset[int] = _options_of_kind(OPT_INT)

#: options that libzmq accepts only on set (reading them gives EINVAL)
write_only_sockopts: frozenset[int] = frozenset(
    {
        SocketOption.SUBSCRIBE,
        SocketOption.UNSUBSCRIBE,
        SocketOption.CONNECT_ROUTING_ID,
        SocketOption.TCP_ACCEPT_FILTER,
        SocketOption.ROUTER_MANDATORY,
        SocketOption.ROUTER_RAW,
        SocketOption.ROUTER_HANDOVER,
        SocketOption.PROBE_ROUTER,
        SocketOption.REQ_CORRELATE,
        SocketOption.REQ_RELAXED,
        SocketOption.XPUB_VERBOSE,
        SocketOption.XPUB_VERBOSER,
        SocketOption.XPUB_NODROP,
        SocketOption.XPUB_MANUAL,
        SocketOption.XPUB_WELCOME_MSG,
        SocketOption.STREAM_NOTIFY,
        SocketOption.CONFLATE,
    }
)
_TOPIC_OPTIONS = (SocketOption.SUBSCRIBE, SocketOption.UNSUBSCRIBE)


class SocketOptionAttribute:
    """A socket option read and written through ``Socket.get``/``Socket.set``."""

    __slots__ = ("option",)

    def __init__(self, option: SocketOption) -> None:
        self.option = option

    def __get__(self, sock: Any, owner: type | None = None) -> Any:
        if sock is None:
            return self
        if self.option in write_only_sockopts:
            raise AttributeError(f"socket option {self.option.name} is write-only")
        try:
            return sock.get(self.option)
        except ZMQError as error:
            # not readable on this socket (EINVAL: a context-only option such as
            # BLOCKY, or one this libzmq lacks): AttributeError, as pyzmq, so that
            # getattr(sock, name, default), hasattr and Mock(spec=sock) work
            if error.errno == EINVAL:
                raise AttributeError(f"socket option {self.option.name} cannot be read: {error}") from None
            raise

    def __set__(self, sock: Any, value: Any) -> None:
        if self.option in _TOPIC_OPTIONS and isinstance(value, str):
            value = value.encode("utf-8")
        sock.set(self.option, value)


class ContextOptionAttribute:
    """A context option read and written through ``Context.get``/``Context.set``."""

    __slots__ = ("option",)

    def __init__(self, option: IntEnum) -> None:
        self.option = option

    def __get__(self, ctx: Any, owner: type | None = None) -> Any:
        if ctx is None:
            return self
        try:
            return ctx.get(self.option)
        except ZMQError as error:
            if error.errno == EINVAL:  # write-only (THREAD_AFFINITY_CPU_ADD, ...), see above
                raise AttributeError(f"context option {self.option.name} cannot be read: {error}") from None
            raise

    def __set__(self, ctx: Any, value: Any) -> None:
        ctx.set(self.option, value)


class DefaultSocketOptionAttribute:
    """A socket option stored on a context as a default for its future sockets."""

    __slots__ = ("option",)

    def __init__(self, option: SocketOption) -> None:
        self.option = option

    def __get__(self, ctx: Any, owner: type | None = None) -> Any:
        if ctx is None:
            return self
        try:
            return ctx.sockopts[self.option]
        except KeyError:
            raise AttributeError(f"default socket option {self.option.name} is not set") from None

    def __set__(self, ctx: Any, value: Any) -> None:
        ctx.sockopts[self.option] = value

    def __delete__(self, ctx: Any) -> None:
        try:
            del ctx.sockopts[self.option]
        except KeyError:
            raise AttributeError(f"default socket option {self.option.name} is not set") from None


def add_option_attributes(cls: type, options: type[IntEnum], attribute: type) -> type:
    """Give ``cls`` one ``attribute(option)`` per member of ``options``.

    Names the class (or a base) already defines are left alone, so methods
    and properties such as ``Socket.type`` keep their meaning.
    """
    for name, option in options.__members__.items():
        for spelled in (name.lower(), name):
            if not hasattr(cls, spelled):
                setattr(cls, spelled, attribute(option))
    return cls
