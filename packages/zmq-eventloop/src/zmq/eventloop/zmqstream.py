# SPDX-License-Identifier: BSD-3-Clause
"""``ZMQStream``: a zmq socket driven by callbacks on tornado's IOLoop.

::

    stream = ZMQStream(socket)
    stream.on_recv(lambda msg: stream.send_multipart(msg))   # echo

Messages are received one per loop iteration (other handlers get their turn)
for as long as they wait: none is left behind when libzmq's edge-triggered FD
fires only once for a burst. Sends are queued and written when the socket can
take them. Callbacks may be coroutines (as in pyzmq 25+): each is scheduled
as a task and the stream goes on at once, receiving the next message and
sending what is queued while it runs; what a coroutine raises is logged.

The stream registers its socket with the tornado loop (``add_handler``), so
``io_loop.close(all_fds=True)`` closes the stream and its socket. Works on
any tornado asyncio loop; nothing in tornado is patched.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import warnings
from collections import deque
from typing import Any, Callable

from tornado.ioloop import IOLoop

import zmq
from zmq._loop_shared.watcher import Watcher, watcher_for
from zmq.asyncio import Socket as _AsyncSocket
from zmq.utils import jsonapi
from zmq.utils.legacy import LegacyAttribute

from ._registration import register_with

log = logging.getLogger("zmq.eventloop.zmqstream")

_POLLIN = int(zmq.POLLIN)
_POLLOUT = int(zmq.POLLOUT)
_DONTWAIT = int(zmq.DONTWAIT)
_EVENTS = int(zmq.EVENTS)
# the plain socket's methods: an async socket given to a stream is used as a plain one
_recv_multipart = zmq.Socket.recv_multipart
_send_multipart = zmq.Socket.send_multipart
_get = zmq.Socket.get

_on_err_warned = False


class CallbackError(TypeError, AssertionError):
    """A callback that is not callable: a TypeError, and an AssertionError as pyzmq raises."""


class ZMQStream:
    """A zmq socket with callbacks on tornado's IOLoop.

    ``ZMQStream(socket, io_loop=None)``: ``io_loop`` defaults to
    ``IOLoop.current()``. Receive with :meth:`on_recv` (or
    :meth:`on_recv_stream`); send with :meth:`send`/:meth:`send_multipart`
    and friends, which queue the message and return at once; :meth:`on_send`
    tells when each message went out. The socket's ``bind``, ``connect``,
    ``setsockopt``, ... are available on the stream.

    Attributes: ``socket`` (None once closed) and ``io_loop``. An awaitable
    (:mod:`zmq.asyncio`) socket is wrapped in a plain ``zmq.Socket`` shadow,
    with a RuntimeWarning (as pyzmq); closing the stream closes it.
    """

    # the pyzmq 2.1 name of send_string, a plain alias as in pyzmq 27 (see zmq.utils.legacy)
    send_unicode = LegacyAttribute()

    def __init__(self, socket: zmq.Socket, io_loop: IOLoop | None = None, **kwargs: Any) -> None:
        if not isinstance(socket, zmq.Socket):
            raise TypeError(f"ZMQStream needs a zmq.Socket, not {type(socket).__name__}")
        if socket.closed:
            raise zmq.ZMQError(zmq.ENOTSOCK, "cannot make a ZMQStream of a closed socket")
        if kwargs:
            raise TypeError(f"unexpected keyword arguments: {', '.join(kwargs)}")
        owner = socket
        if isinstance(socket, _AsyncSocket):
            warnings.warn(
                "ZMQStream takes a plain zmq.Socket: the awaitable (zmq.asyncio) socket given is used through "
                "a zmq.Socket shadow (make one with zmq.Socket(other_socket), or "
                "ctx.socket(type, socket_class=zmq.Socket))",
                RuntimeWarning,
                stacklevel=2,
            )
            socket = zmq.Socket(socket)
        self.socket: zmq.Socket | None = socket
        self._owner = owner  # the socket closed with the stream (the shadow's original)
        self.io_loop: IOLoop = io_loop if io_loop is not None else IOLoop.current()
        self._recv_callback: Callable[[list], Any] | None = None
        self._recv_copy = True
        self._send_callback: Callable[[list, Any], Any] | None = None
        self._close_callback: Callable[[], Any] | None = None
        self._send_queue: deque[tuple[list, int, bool, bool]] = deque()
        self._tasks: set[asyncio.Future] = set()  # coroutine callbacks still running
        self.zmq_mask = 0
        self._watcher: Watcher = watcher_for(owner, self.io_loop.selector_loop)  # type: ignore[attr-defined]
        register_with(self._watcher, self.io_loop)
        self._watcher.add(self, pin=True)

    # -- socket passthroughs -----------------------------------------------------

    def bind(self, addr: str) -> None:
        """``socket.bind(addr)``."""
        self._passthrough().bind(addr)

    def bind_to_random_port(self, addr: str, min_port: int = 49152, max_port: int = 65536, max_tries: int = 100) -> int:
        """``socket.bind_to_random_port(...)``: the port bound."""
        return self._passthrough().bind_to_random_port(addr, min_port, max_port, max_tries)

    def connect(self, addr: str) -> None:
        """``socket.connect(addr)``."""
        self._passthrough().connect(addr)

    def unbind(self, addr: str) -> None:
        """``socket.unbind(addr)``."""
        self._passthrough().unbind(addr)

    def disconnect(self, addr: str) -> None:
        """``socket.disconnect(addr)``."""
        self._passthrough().disconnect(addr)

    def setsockopt(self, option: int, value: Any) -> None:
        """``socket.setsockopt(option, value)``."""
        self._passthrough().setsockopt(option, value)

    def getsockopt(self, option: int) -> Any:
        """``socket.getsockopt(option)`` (reading EVENTS makes the stream re-check)."""
        value = _get(self._passthrough(), option)
        if option == _EVENTS:
            self._watcher.schedule()
        return value

    def setsockopt_string(self, option: int, value: str, encoding: str = "utf-8") -> None:
        """``socket.setsockopt_string(option, value, encoding)``."""
        self._passthrough().setsockopt_string(option, value, encoding)

    def getsockopt_string(self, option: int, encoding: str = "utf-8") -> str:
        """``socket.getsockopt_string(option, encoding)``."""
        return self._passthrough().getsockopt_string(option, encoding)

    # -- callbacks -----------------------------------------------------------------

    def on_recv(self, callback: Callable[[list], Any] | None, copy: bool = True) -> None:
        """Call ``callback(msg)`` with each message received (a list of parts).

        Parts are bytes, or Frames with ``copy=False``. ``None`` stops
        receiving: messages then wait in the socket.
        """
        if self.socket is None:
            raise OSError("Stream is closed")
        if callback is not None and not callable(callback):
            raise CallbackError(f"on_recv callback must be callable or None, not {type(callback).__name__}")
        self._recv_callback = callback
        self._recv_copy = copy
        self._open_socket()  # a socket closed under the stream fails here, as in pyzmq
        self._refresh()

    def on_recv_stream(self, callback: Callable[[ZMQStream, list], Any] | None, copy: bool = True) -> None:
        """Like :meth:`on_recv`, calling ``callback(stream, msg)``."""
        if callback is None:
            self.on_recv(None)
            return
        if not callable(callback):
            raise CallbackError(f"on_recv_stream callback must be callable or None, not {type(callback).__name__}")
        self.on_recv(lambda msg: callback(self, msg), copy=copy)

    def on_send(self, callback: Callable[[list, Any], Any] | None) -> None:
        """Call ``callback(msg, status)`` after each message is sent.

        ``status`` is what the socket's send returned (None, or a
        MessageTracker), or the ``zmq.ZMQError`` if the send failed. ``None``
        removes the callback (sending goes on).
        """
        if self.socket is None:
            raise OSError("Stream is closed")
        if callback is not None and not callable(callback):
            raise CallbackError(f"on_send callback must be callable or None, not {type(callback).__name__}")
        self._send_callback = callback

    def on_send_stream(self, callback: Callable[[ZMQStream, list, Any], Any] | None) -> None:
        """Like :meth:`on_send`, calling ``callback(stream, msg, status)``."""
        if callback is None:
            self.on_send(None)
            return
        if not callable(callback):
            raise CallbackError(f"on_send_stream callback must be callable or None, not {type(callback).__name__}")
        self.on_send(lambda msg, status: callback(self, msg, status))

    def stop_on_recv(self) -> None:
        """Stop receiving (``on_recv(None)``); nothing to do once closed."""
        if self.socket is not None:
            self.on_recv(None)

    def stop_on_send(self) -> None:
        """Remove the send callback (``on_send(None)``); nothing to do once closed."""
        if self.socket is not None:
            self.on_send(None)

    def on_err(self, callback: Any) -> None:
        """Deprecated, does nothing: zmq sockets report no error events."""
        _warn_on_err()

    def stop_on_err(self) -> None:
        """Deprecated, does nothing."""
        _warn_on_err()

    def set_close_callback(self, callback: Callable[[], Any] | None) -> None:
        """Call ``callback()`` when the stream is closed."""
        if callback is not None and not callable(callback):
            raise CallbackError(f"close callback must be callable or None, not {type(callback).__name__}")
        self._close_callback = callback

    # -- sending -------------------------------------------------------------------

    def send(self, msg: Any, flags: int = 0, copy: bool = True, track: bool = False, callback: Callable | None = None) -> None:
        """Queue one frame (see :meth:`send_multipart`)."""
        self.send_multipart([msg], flags, copy, track, callback)

    def send_multipart(
        self, msg: Any, flags: int = 0, copy: bool = True, track: bool = False, callback: Callable | None = None
    ) -> None:
        """Queue a multipart message; it is sent when the socket can take it.

        A ``callback`` becomes the stream's :meth:`on_send` callback (for
        this and later messages). With ``copy=False`` do not change the
        buffers until :meth:`on_send` reports the message sent.
        """
        self._open_socket()
        if isinstance(msg, (bytes, str, memoryview, bytearray, zmq.Frame)):
            raise TypeError("send_multipart takes a list of parts (use send for one frame)")
        parts = list(msg)
        if not parts:
            raise ValueError("a multipart message needs at least one part")
        for part in parts:
            if isinstance(part, str):
                raise TypeError("message parts must be bytes-like, not str (use send_string)")
        if callback is not None:
            self.on_send(callback)
        self._send_queue.append((parts, flags, copy, track))
        self._refresh()

    def send_string(self, u: str, flags: int = 0, encoding: str = "utf-8", callback: Callable | None = None) -> None:
        """Queue a str, encoded with ``encoding``."""
        if not isinstance(u, str):
            raise TypeError(f"send_string expects str, not {type(u).__name__}")
        self.send(u.encode(encoding), flags, callback=callback)

    def send_json(self, obj: Any, flags: int = 0, callback: Callable | None = None, **kwargs: Any) -> None:
        """Queue ``obj`` as JSON; kwargs go to ``json.dumps``."""
        self.send(jsonapi.dumps(obj, **kwargs), flags, callback=callback)

    def send_pyobj(self, obj: Any, flags: int = 0, protocol: int = -1, callback: Callable | None = None) -> None:
        """Queue a pickled object."""
        import pickle

        self.send(pickle.dumps(obj, protocol), flags, callback=callback)

    # -- state ---------------------------------------------------------------------

    def receiving(self) -> bool:
        """Whether an on_recv callback is set."""
        return self._recv_callback is not None

    def sending(self) -> bool:
        """Whether messages are queued for sending."""
        return bool(self._send_queue)

    def closed(self) -> bool:
        """Whether the stream (or its socket) is closed."""
        if self.socket is None:
            return True
        if self._owner.closed:
            self._socket_closed_under_us()
            return True
        return False

    def flush(self, flag: int = _POLLIN | _POLLOUT, limit: int | None = None) -> int:
        """Handle waiting events now, without the loop; the number handled.

        ``flag``: zmq.POLLIN (receive waiting messages), zmq.POLLOUT (send
        queued messages) or both; ``limit`` caps the count. As in pyzmq,
        flushing POLLIN receives even without an on_recv callback: the
        messages are then dropped (a way to discard what waits).
        """
        socket = self._open_socket()
        count = 0
        while limit is None or count < limit:
            events = _get(socket, _EVENTS)
            handled = False
            if flag & _POLLIN and events & _POLLIN:
                self._handle_recv()
                count += 1
                handled = True
                if self.socket is None or (limit is not None and count >= limit):
                    break
            if flag & _POLLOUT and events & _POLLOUT and self._send_queue:
                self._handle_send()
                count += 1
                handled = True
            if not handled or self.socket is None:
                break
        self._refresh()
        return count

    def close(self, linger: int | None = None) -> None:
        """Stop handling events, close the socket (``linger`` ms) and call the close callback.

        Closing twice does nothing. Messages still queued for sending are dropped.
        """
        self._close(linger, 4)

    def _close(self, linger: int | None, warn_stacklevel: int) -> None:
        if self.socket is None:
            return
        if self._owner.closed:
            self._warn_closed_under_us(warn_stacklevel)
        socket, self.socket = self._owner, None
        self.zmq_mask = 0
        self._watcher.remove(self)  # before the socket's FD goes away
        self._send_queue.clear()
        self._recv_callback = None
        if not socket.closed:
            socket.close(linger)
        callback, self._close_callback = self._close_callback, None
        if callback is not None:
            self._run_callback(callback)

    # -- the Watcher listener ------------------------------------------------------

    def zmq_events(self, events: int) -> None:
        """Handle one receive and/or one send (called by the socket's Watcher)."""
        if events & _POLLIN and self._recv_callback is not None:
            self._handle_recv()
        if events & _POLLOUT and self._send_queue and self.socket is not None:
            self._handle_send()
        self._refresh()

    def zmq_closed(self) -> None:
        """The socket was closed without closing the stream: stop listening.

        The stream says so (UserWarning) and closes itself when next used,
        as pyzmq does.
        """
        self.zmq_mask = 0

    def zmq_close(self) -> None:
        """The loop closes every fd it watches (``close(all_fds=True)``): close the stream."""
        self.close()

    # -- internals -----------------------------------------------------------------

    def _open_socket(self) -> zmq.Socket:
        socket = self.socket
        if socket is None:
            raise OSError("Stream is closed")
        if self._owner.closed:
            # as pyzmq: the closed socket's error; closed() then says so and closes the stream
            raise zmq.ZMQError(zmq.ENOTSOCK, "Socket operation on non-socket (the ZMQStream's socket was closed)")
        return socket

    def _passthrough(self) -> zmq.Socket:
        # the socket's own methods: a closed stream or socket fails as the socket does
        if self.socket is None:
            raise zmq.ZMQError(zmq.ENOTSOCK, "Socket operation on non-socket (the ZMQStream was closed)")
        return self._open_socket()

    def _socket_closed_under_us(self, warn_stacklevel: int = 5) -> None:
        if self.socket is not None:
            self._close(None, warn_stacklevel)  # warns

    def _warn_closed_under_us(self, stacklevel: int) -> None:
        warnings.warn(
            f"ZMQStream unregistering FD {self._watcher.fd} after closing socket directly: "
            "close the stream (stream.close()), not its socket",
            UserWarning,
            stacklevel=stacklevel,
        )

    def _refresh(self) -> None:
        if self.socket is None:
            return
        mask = (_POLLIN if self._recv_callback is not None else 0) | (_POLLOUT if self._send_queue else 0)
        if mask != self.zmq_mask:
            self.zmq_mask = mask
            self._watcher.update()

    def _handle_recv(self) -> None:
        socket = self.socket
        if socket is None:
            return
        try:
            msg = _recv_multipart(socket, _DONTWAIT, self._recv_copy)
        except zmq.Again:
            return
        except zmq.ZMQError as error:
            if self._owner.closed or error.errno in (zmq.ENOTSOCK, zmq.ETERM):
                self._socket_closed_under_us()
            else:
                log.error("ZMQStream recv failed: %s", error)
            return
        callback = self._recv_callback
        if callback is not None:
            self._run_callback(callback, msg)

    def _handle_send(self) -> None:
        socket = self.socket
        if socket is None:
            return
        parts, flags, copy, track = self._send_queue[0]
        try:
            status = _send_multipart(socket, parts, flags | _DONTWAIT, copy, track)
        except zmq.Again:
            return  # the socket filled up after all: stays queued
        except zmq.ZMQError as error:
            self._send_queue.popleft()
            log.error("ZMQStream send failed: %s", error)
            status = error
        else:
            self._send_queue.popleft()
        callback = self._send_callback
        if callback is not None:
            self._run_callback(callback, parts, status)

    def _run_callback(self, callback: Callable, *args: Any) -> None:
        try:
            result = callback(*args)
        except Exception:
            log.error("Uncaught exception in a ZMQStream callback %r", callback, exc_info=True)
            return
        if result is not None and inspect.isawaitable(result):
            # a coroutine callback runs as a task; the stream goes on meanwhile
            # (sends go out, the next message is received), as in pyzmq
            task = asyncio.ensure_future(result, loop=self.io_loop.asyncio_loop)  # type: ignore[attr-defined]
            self._tasks.add(task)  # a strong reference until it is done
            task.add_done_callback(self._callback_done)

    def _callback_done(self, task: asyncio.Future) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            error = task.exception()
            log.error("Uncaught exception in a ZMQStream coroutine callback", exc_info=(type(error), error, error.__traceback__))

    def __repr__(self) -> str:
        return f"<ZMQStream {self.socket!r}>"


def _warn_on_err() -> None:
    global _on_err_warned
    if not _on_err_warned:
        _on_err_warned = True
        warnings.warn(
            "ZMQStream.on_err is deprecated and does nothing: zmq sockets report no error events",
            DeprecationWarning,
            stacklevel=3,
        )


__all__ = ["CallbackError", "ZMQStream"]
