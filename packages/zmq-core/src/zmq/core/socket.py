# SPDX-License-Identifier: LGPL-3.0-or-later
"""``zmq.Socket``: the compiled socket plus its pure-Python conveniences."""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time: it slows `import zmq`
if TYPE_CHECKING:
    from typing import Any, Callable

    from typing_extensions import TypeVar

    #: what ``Socket[...]`` is generic in, as in pyzmq (``zmq.Socket[bytes]``)
    _T = TypeVar("_T", default=bytes)
else:
    # at run time the compiled class's __class_getitem__ makes a types.GenericAlias
    # of any parameter, so no TypeVar (and no typing import) is needed
    _T = "_T"

import itertools
import warnings
import weakref
from errno import EACCES

from . import _zmq
from ..constants import Errno, Event, PollEvent, SocketOption, SocketType
from .error import ZMQBindError, ZMQError
from .naming import public_name
from ..utils.legacy import LegacyAttribute
from .options import SocketOptionAttribute, add_option_attributes, bytes_sockopts


# monitor PAIR sockets by monitored socket (Socket has no instance __dict__)
_MONITORS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_monitor_numbers = itertools.count(1)


class MethodOrOption:
    """A method that can also be assigned to: ``s.subscribe = b'x'`` calls it."""

    def __init__(self, method: Callable[..., None]) -> None:
        self.method = method
        self.__doc__ = method.__doc__

    def __get__(self, sock: Any, owner: type | None = None) -> Any:
        return self if sock is None else self.method.__get__(sock, owner)

    def __set__(self, sock: Any, value: Any) -> None:
        self.method(sock, value)


class EndpointContext:
    """What ``bind`` and ``connect`` return: ``with s.bind(url):`` unbinds on exit.

    Leaving the block calls ``unbind`` (or ``disconnect``) with the address,
    the actual one for a wildcard (``tcp://127.0.0.1:0``, ``tcp://*:5555``,
    ``ipc://*``). Nothing
    happens if the socket is closed by then, or if the endpoint was already
    undone inside the block. ``with s.bind(url) as sock:`` gives the socket,
    as pyzmq; the endpoint is ``s.bind(url).addr``.
    """

    __slots__ = ("socket", "addr", "kind", "_undo")

    def __init__(self, socket: Socket, kind: str, addr: str, undo: Callable[[str], None]) -> None:
        self.socket = socket
        self.kind = kind  # 'bind' or 'connect'
        self.addr = addr
        self._undo = undo

    def __enter__(self) -> Socket:
        return self.socket

    def __exit__(self, *exc_info: object) -> None:
        if self.socket.closed:
            return
        try:
            self._undo(self.addr)
        except ZMQError as error:
            if error.errno != Errno.ENOENT:
                raise

    def __repr__(self) -> str:
        return f"<SocketContext({self.kind}={self.addr!r})>"  # pyzmq's spelling


class Socket(_zmq.Socket[_T]):
    """A ZeroMQ socket; create it with ``Context.socket(socket_type)``.

    Socket options are also attributes: ``s.linger = 0``, ``s.identity = b'a'``,
    ``s.rcvmore`` (lower or upper case). An unknown attribute name raises
    AttributeError; subclasses may add attributes of their own.

    Generic for type checkers, as in pyzmq (``zmq.Socket[bytes]``);
    ``zmq.Socket[Any]`` works at run time too.
    """

    # Socket options are attributes through descriptors (see options.py).
    # No instance __dict__: an unknown attribute name raises AttributeError.
    __slots__ = ()

    if TYPE_CHECKING:  # option attributes (s.linger, s.identity, ...) for type checkers

        def __getattr__(self, name: str) -> Any: ...

        def __setattr__(self, name: str, value: Any) -> None: ...

    @classmethod
    def shadow(cls, address: int | _zmq.Socket) -> Socket:
        """A shadow of a libzmq socket owned elsewhere (an int address, or a Socket).

        The shadow sends and receives on the same libzmq socket, for example an
        awaitable ``zmq.asyncio.Socket`` over a plain one, but never closes it:
        ``close()`` and garbage collection only let go of it. The owner must
        keep the socket open while the shadow is used.
        """
        if address is None or isinstance(address, bool) or address == 0:
            raise ValueError(f"cannot shadow a null socket address: {address!r}")
        return cls(shadow=address)

    def __copy__(self) -> Socket:
        """``copy.copy(sock)``: a shadow of the same libzmq socket (never closes it)."""
        return type(self).shadow(self)

    def __deepcopy__(self, memo: dict) -> Socket:
        """``copy.deepcopy(sock)``: a shadow too; a libzmq socket cannot be duplicated."""
        return self.__copy__()

    setsockopt = _zmq.Socket.set
    getsockopt = _zmq.Socket.get

    def bind(self, addr: str | bytes) -> EndpointContext:
        """Bind to an endpoint such as ``'tcp://127.0.0.1:5555'`` or ``'inproc://name'``.

        Returns an EndpointContext: ``with s.bind(url):`` unbinds on exit.
        """
        _zmq.Socket.bind(self, addr)
        # the endpoint libzmq chose (a wildcard's port, a resolved host), which
        # is also the only one it unbinds a wildcard by; pyzmq shows the same
        endpoint = self.get(SocketOption.LAST_ENDPOINT).decode("utf-8")
        return EndpointContext(self, "bind", endpoint, self.unbind)

    def connect(self, addr: str | bytes) -> EndpointContext:
        """Connect to an endpoint.

        Returns an EndpointContext: ``with s.connect(url):`` disconnects on exit.
        """
        _zmq.Socket.connect(self, addr)
        endpoint = addr.decode("utf-8") if isinstance(addr, bytes) else addr
        return EndpointContext(self, "connect", endpoint, self.disconnect)

    @property
    def type(self) -> SocketType:
        """The socket type as a ``zmq.SocketType``."""
        return SocketType(self.socket_type)

    @property
    def hwm(self) -> int:
        """The high-water mark: SNDHWM on read; setting it sets SNDHWM and RCVHWM."""
        return self.get(SocketOption.SNDHWM)

    @hwm.setter
    def hwm(self, value: int) -> None:
        self.set(SocketOption.SNDHWM, value)
        self.set(SocketOption.RCVHWM, value)

    def get_hwm(self) -> int:
        """The high-water mark (SNDHWM), as ``sock.hwm``."""
        return self.hwm

    def set_hwm(self, value: int) -> None:
        """Set SNDHWM and RCVHWM to ``value``, as ``sock.hwm = value``."""
        self.hwm = value

    def poll(self, timeout: float | None = None, flags: int = PollEvent.POLLIN) -> int:
        """Wait up to ``timeout`` ms (None: forever) for ``flags``; the events that occurred."""
        if self.closed:
            raise ZMQError(Errno.ENOTSUP, "the socket is closed")  # pyzmq's errno here
        if not flags:  # nothing to wait for (flags=None or 0): at once, as pyzmq
            return 0
        timeout_ms = -1 if timeout is None or timeout < 0 else int(timeout)
        ready = _zmq._poll([(self, flags)], timeout_ms)
        return ready[0][1] if ready else 0

    def get_monitor_socket(self, events: int | None = None, addr: str | None = None) -> Socket:
        """A PAIR socket receiving this socket's monitor events (see zmq.utils.monitor).

        The same socket is returned again while it is open.
        """
        current = getattr(self, "_monitor_socket", None)
        if current is not None and not current.closed:
            return current
        events = Event.ALL if events is None else events
        if addr is None:
            addr = f"inproc://monitor.s-{self.fileno()}"
            try:
                self.monitor(addr, events)
            except ZMQError as error:
                if error.errno != Errno.EADDRINUSE:
                    raise
                # libzmq releases the name of a monitor stopped a moment ago later
                addr = f"{addr}-{next(_monitor_numbers)}"
                self.monitor(addr, events)
        else:
            self.monitor(addr, events)
        pair = self.context.socket(SocketType.PAIR)
        pair.connect(addr)
        _MONITORS[self] = pair
        return pair

    @property
    def _monitor_socket(self) -> Socket | None:
        return _MONITORS.get(self)

    def disable_monitor(self) -> None:
        """Stop monitoring (``monitor(None)``): the monitor socket gets EVENT_MONITOR_STOPPED.

        That socket stays open (another thread may be reading it): its reader
        closes it, after EVENT_MONITOR_STOPPED (libzmq waits to deliver that
        event, so it must not be closed before). ``get_monitor_socket()``
        then starts a new monitor.
        """
        # libzmq waits until EVENT_MONITOR_STOPPED reaches the monitor socket:
        # hold it until then, even if the caller dropped it
        pair = _MONITORS.pop(self, None)
        self.monitor(None)
        del pair

    def fileno(self) -> int:
        """The socket's FD (edge-triggered: read EVENTS until POLLIN is gone)."""
        return self.get(SocketOption.FD)

    # -- strings and subscriptions --------------------------------------------

    def set_string(self, option: int, optval: str, encoding: str = "utf-8") -> None:
        """Set a bytes option from a str, encoded with ``encoding``."""
        if not isinstance(optval, str):
            raise TypeError(f"set_string expects str, not {type(optval).__name__}")
        self.set(option, optval.encode(encoding))

    def get_string(self, option: int, encoding: str = "utf-8") -> str:
        """Read a bytes option as a str."""
        if option not in bytes_sockopts:
            raise TypeError(f"option {option} is not a bytes option")
        return self.get(option).decode(encoding)

    setsockopt_string = set_string
    getsockopt_string = get_string

    # the pyzmq 2.1 names, which pyzmq 27 keeps as plain aliases (no warning unless
    # ZMQ_LEGACY_WARNINGS=1 or zmq.utils.legacy.warn_legacy_names())
    send_unicode = LegacyAttribute()
    recv_unicode = LegacyAttribute()
    setsockopt_unicode = LegacyAttribute()
    getsockopt_unicode = LegacyAttribute()

    def _subscribe(self, topic: str | bytes) -> None:
        """Subscribe a SUB socket to a topic prefix (str is utf-8 encoded)."""
        if isinstance(topic, str):
            topic = topic.encode("utf-8")
        self.set(SocketOption.SUBSCRIBE, topic)

    def _unsubscribe(self, topic: str | bytes) -> None:
        """Remove a subscription (str is utf-8 encoded)."""
        if isinstance(topic, str):
            topic = topic.encode("utf-8")
        self.set(SocketOption.UNSUBSCRIBE, topic)

    # s.subscribe(b'topic') and s.subscribe = b'topic' both work
    subscribe = MethodOrOption(_subscribe)
    unsubscribe = MethodOrOption(_unsubscribe)

    def bind_to_random_port(
        self,
        addr: str,
        min_port: int = 49152,
        max_port: int = 65536,
        max_tries: int = 100,
    ) -> int:
        """Bind ``addr`` (``'tcp://127.0.0.1'``) to a random port in [min_port, max_port).

        Returns the port. Only EADDRINUSE and EACCES are retried; after
        ``max_tries`` ZMQBindError is raised.
        """
        import random

        for _ in range(max_tries):
            port = random.randrange(min_port, max_port)
            try:
                self.bind(f"{addr}:{port}")
            except ZMQError as error:
                if error.errno not in (Errno.EADDRINUSE, EACCES):
                    raise
            else:
                return port
        raise ZMQBindError(f"could not bind {addr} to a port in [{min_port}, {max_port})")

    def send_string(
        self, u: str, flags: int = 0, copy: bool = True, encoding: str = "utf-8", **kwargs: Any
    ) -> Any:
        """Send a str as one frame, encoded with ``encoding``; kwargs (``track``) go to ``send``."""
        if not isinstance(u, str):
            raise TypeError(f"send_string expects str, not {type(u).__name__}")
        return self.send(u.encode(encoding), flags, copy, **kwargs)

    def recv_string(self, flags: int = 0, encoding: str = "utf-8") -> str:
        """Receive one frame and decode it with ``encoding``."""
        return self.recv(flags).decode(encoding)

    def send_json(self, obj: Any, flags: int = 0, **kwargs: Any) -> None:
        """Send ``obj`` as utf-8 JSON; kwargs go to ``json.dumps``."""
        from ..utils import jsonapi

        self.send(jsonapi.dumps(obj, **kwargs), flags)

    def recv_json(self, flags: int = 0, **kwargs: Any) -> Any:
        """Receive a JSON frame; kwargs go to ``json.loads``."""
        from ..utils import jsonapi

        return jsonapi.loads(self.recv(flags), **kwargs)

    def send_pyobj(
        self, obj: Any, flags: int = 0, protocol: int | None = None, **kwargs: Any
    ) -> Any:
        """Send a pickled object (``protocol`` defaults to ``pickle.DEFAULT_PROTOCOL``).

        kwargs (``copy``, ``track``) go to ``send``.

        Never ``recv_pyobj`` from a peer you do not trust: unpickling runs code.
        """
        import pickle

        return self.send(pickle.dumps(obj, protocol), flags, **kwargs)

    def recv_pyobj(self, flags: int = 0) -> Any:
        """Receive and unpickle an object (unsafe with untrusted peers)."""
        import pickle

        return pickle.loads(self.recv(flags))

    def send_serialized(
        self,
        msg: Any,
        serialize: Callable[[Any], list],
        flags: int = 0,
        copy: bool = True,
        **kwargs: Any,
    ) -> Any:
        """Send ``serialize(msg)`` (a list of frames) as one multipart message.

        kwargs (``track``) go to ``send_multipart``.
        """
        return self.send_multipart(serialize(msg), flags, copy, **kwargs)

    def recv_serialized(
        self, deserialize: Callable[[list], Any], flags: int = 0, copy: bool = True
    ) -> Any:
        """Receive a multipart message and return ``deserialize(frames)``."""
        return deserialize(self.recv_multipart(flags, copy))

    # -- lifetime --------------------------------------------------------------

    def __enter__(self) -> Socket:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        try:
            kind = f"zmq.{SocketType(self.socket_type).name}"
        except ValueError:
            kind = "zmq.UNKNOWN" if self.socket_type < 0 else str(self.socket_type)
        state = " closed" if self.closed else ""
        return f"<{public_name(type(self))}({kind}) at {id(self):#x}{state}>"

    def __del__(self) -> None:
        # an owned socket left open until collected: say so, as pyzmq does, and
        # close it (no source=self: a recorded warning would keep it alive)
        if self._open_here:
            try:
                warnings.warn(f"Unclosed socket {self!r}", ResourceWarning, stacklevel=2)
            except Exception:  # noqa: BLE001 - interpreter shutdown: warnings may be gone
                pass
            self.close()


add_option_attributes(Socket, SocketOption, SocketOptionAttribute)
