# SPDX-License-Identifier: LGPL-3.0-or-later
"""``zmq.Context``: the compiled context plus instance(), destroy() and default options."""

from __future__ import annotations

import atexit
import os
import threading
import warnings
TYPE_CHECKING = False  # typing is not imported at run time: it slows `import zmq`
if TYPE_CHECKING:
    from typing import Any, ClassVar

    from typing_extensions import Self, TypeVar

    #: what ``Context[...]`` is generic in, as in pyzmq: the class of its sockets
    _SocketType = TypeVar("_SocketType", bound="Socket[Any]", default="Socket[bytes]")
else:
    # at run time the compiled class's __class_getitem__ makes a types.GenericAlias
    # of any parameter, so no TypeVar (and no typing import) is needed
    _SocketType = "_SocketType"

from . import _zmq
from ..constants import ContextOption, SocketOption
from .error import ZMQError
from .naming import public_name
from .options import (
    ContextOptionAttribute,
    DefaultSocketOptionAttribute,
    add_option_attributes,
)
from .socket import Socket

_exiting = False  # at interpreter exit, contexts still open are not reported (as pyzmq)


@atexit.register
def _at_exit() -> None:
    global _exiting
    _exiting = True


class _SocketClass:
    """``Context._socket_class``: the class's socket class, overridable on an instance.

    pyzmq code (jupyter_client) assigns ``ctx._socket_class = zmq.Socket`` on a
    context; Context has ``__slots__``, so the override lives in a slot.
    """

    __slots__ = ("default",)

    def __init__(self, default: type[Socket]) -> None:
        self.default = default

    def __get__(self, ctx: Context | None, owner: type | None = None) -> type[Socket]:
        if ctx is None:
            return self.default
        try:
            return ctx._own_socket_class
        except AttributeError:
            return self.default

    def __set__(self, ctx: Context, socket_class: type[Socket]) -> None:
        ctx._own_socket_class = socket_class

    def __delete__(self, ctx: Context) -> None:
        del ctx._own_socket_class


class Context(_zmq.Context[_SocketType]):
    """A ZeroMQ context: ``Context(io_threads=1)``.

    Context options are attributes (``ctx.io_threads``, ``ctx.max_sockets``).
    Socket option names set defaults for sockets created later
    (``ctx.linger = 0``); a default that does not apply to a socket type is
    skipped for that socket. As a context manager, leaving the block calls
    ``destroy()``.

    Generic in the class of its sockets for type checkers, as in pyzmq
    (``zmq.Context[zmq.Socket[bytes]]``); ``zmq.Context[Any]`` works at run
    time too.
    """

    _instance: ClassVar[Context | None] = None
    _instance_pid: ClassVar[int] = 0
    _instance_lock: ClassVar[threading.Lock] = threading.Lock()
    if TYPE_CHECKING:
        _socket_class: type[Socket[Any]]
        _own_socket_class: type[Socket[Any]]
    else:
        # the class of ctx.socket(); a subclass sets its own, an instance may too
        _socket_class = _SocketClass(Socket)

    # Options are attributes through descriptors (see options.py); the dict
    # of default socket options (``sockopts``) lives in the compiled part. No
    # instance __dict__: an unknown attribute name raises AttributeError
    # (subclasses get one and may add attributes of their own). The one slot
    # holds an instance's own _socket_class, if assigned.
    __slots__ = ("_own_socket_class",)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # a subclass's `_socket_class = MySocket` stays overridable per instance
        own = cls.__dict__.get("_socket_class")
        if own is not None and not isinstance(own, _SocketClass):
            cls._socket_class = _SocketClass(own)

    if TYPE_CHECKING:  # option attributes (ctx.linger, ctx.io_threads, ...) for type checkers

        def __getattr__(self, name: str) -> Any: ...

        def __setattr__(self, name: str, value: Any) -> None: ...

    @classmethod
    def shadow(cls, address: int | Context[Any]) -> Self:
        """A shadow of a libzmq context owned elsewhere (an int address, or a Context).

        The shadow makes sockets like any Context, but never terminates the
        libzmq context: ``term()`` and garbage collection only let go of it.
        """
        if address is None or isinstance(address, bool) or address == 0:
            raise ValueError(f"cannot shadow a null context address: {address!r}")
        return cls(shadow=address)

    def __copy__(self) -> Self:
        """``copy.copy(ctx)``: a shadow of the same libzmq context (never terminates it)."""
        return type(self).shadow(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        """``copy.deepcopy(ctx)``: a shadow too; a libzmq context cannot be duplicated."""
        return self.__copy__()

    @classmethod
    def instance(cls, io_threads: int = 1) -> Self:
        """The process-wide context of this class, created on first use.

        Thread-safe; a new one is made when the previous one was closed or the
        process was forked since. Kept in the class attribute ``_instance``: a
        subclass that defines ``_instance = None`` gets one of its own, any
        other subclass shares the one of the nearest class that has one.
        """
        pid = os.getpid()
        with cls._instance_lock:
            # looked up through the class hierarchy, as pyzmq: a subclass that
            # does not define its own ``_instance = None`` shares its base's
            inst = cls._instance
            if inst is None or inst.closed or cls._instance_pid != pid:
                inst = cls(io_threads)
                cls._instance = inst
                cls._instance_pid = pid
            return inst

    def socket(
        self, socket_type: int, socket_class: type[_SocketType] | None = None, **kwargs: Any
    ) -> _SocketType:
        """A new socket of ``socket_type`` with this context's default options applied.

        Its class is ``socket_class`` if given, else ``self._socket_class``.
        """
        sock: _SocketType = (socket_class or self._socket_class)(self, socket_type, **kwargs)  # type: ignore[assignment]
        for option, value in self.sockopts.items():
            try:
                sock.set(option, value)
            except ZMQError:
                pass  # e.g. SUBSCRIBE on a REQ socket: does not apply here
        return sock

    def destroy(self, linger: int | None = None) -> None:
        """Close every open socket of this context (with ``linger`` if given), then term().

        Not thread-safe: no other thread may be using the sockets.
        """
        for sock in self._open_sockets():
            sock.close(linger)
        self.term()

    # -- default socket options ------------------------------------------------

    def setsockopt(self, option: int, value: Any) -> None:
        """Set a default option for sockets created later."""
        self.sockopts[option] = value

    def getsockopt(self, option: int) -> Any:
        """A default socket option previously set (KeyError if unset)."""
        return self.sockopts[option]

    # -- lifetime --------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        # sockets still open here were forgotten: say so (as pyzmq), then close them
        for sock in self._open_sockets():
            warnings.warn(f"Destroying context with unclosed socket {sock!r}", ResourceWarning, stacklevel=2)
        self.destroy()

    def __del__(self) -> None:
        # an owned context never terminated: say so, as pyzmq does (the
        # compiled part terminates it when freed; no source=self: a recorded
        # warning would keep it alive)
        if self._open_here and not _exiting:
            try:
                warnings.warn(f"Unclosed context {self!r}", ResourceWarning, stacklevel=2)
            except Exception:  # noqa: BLE001 - interpreter shutdown: warnings may be gone
                pass

    def __repr__(self) -> str:
        n = len(self._open_sockets())
        sockets = f"{n} socket{'s' if n > 1 else ''}" if n else ""
        closed = " closed" if self.closed else ""
        return f"<{public_name(type(self))}({sockets}) at {id(self):#x}{closed}>"


add_option_attributes(Context, ContextOption, ContextOptionAttribute)
add_option_attributes(Context, SocketOption, DefaultSocketOptionAttribute)
