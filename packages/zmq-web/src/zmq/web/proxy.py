# SPDX-License-Identifier: BSD-3-Clause
"""The frontend: a tornado HTTP server that hands its requests to backends over zmq.

::

    proxy = ZMQApplicationProxy()
    proxy.bind("tcp://127.0.0.1:5555")        # backends' ZMQApplication.connect() here
    app = tornado.web.Application([(r"/.*", ZMQRequestHandlerProxy, {"proxy": proxy, "timeout": 5000})])
    app.listen(8888)

:class:`ZMQApplicationProxy` owns one DEALER socket: libzmq spreads the
requests round-robin over every connected backend and skips the ones that
went away. :class:`ZMQRequestHandlerProxy` is the tornado handler that
forwards a request and answers the HTTP client with the backend's reply, or
with 504 Gateway Timeout when none came within its ``timeout``.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import uuid
from typing import Any

from tornado import httputil
from tornado.ioloop import IOLoop
from tornado.web import HTTPError, RequestHandler

import zmq
from zmq.eventloop.ioloop import DelayedCallback
from zmq.eventloop.zmqstream import ZMQStream

from . import _wire
from .endpoints import StreamEndpoints

log = logging.getLogger("zmq.web")

# Seconds of silence on a backend connection before libzmq drops it (a stopped
# or unreachable backend then takes no more requests).
_HEARTBEAT_IVL_MS = 2000
_HEARTBEAT_TIMEOUT_MS = 6000
# seconds between tries to send requests that waited for a backend to be up
_RETRY_S = 0.01


class _Pending:
    """A request waiting for its reply."""

    __slots__ = ("handler", "timer", "head", "buffer")

    def __init__(self, handler: RequestHandler, timer: DelayedCallback | None) -> None:
        self.handler = handler
        self.timer = timer
        self.head: _wire.ResponseHead | None = None  # streaming: set once the head arrived
        self.buffer = bytearray()

    def stop_timer(self) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None


class ZMQApplicationProxy(StreamEndpoints):
    """The frontend end of zmq.web: forwards HTTP requests to backends.

    ``ZMQApplicationProxy(loop=None, context=None)``: ``loop`` defaults to
    ``IOLoop.current()``, ``context`` to ``zmq.Context.instance()``. Backends
    (:class:`zmq.web.ZMQApplication`) connect to an address given to
    :meth:`bind`, or bind themselves and are reached with :meth:`connect`.
    Requests go out on one DEALER socket, spread over all live backends.

    Replies are whole responses; use :class:`ZMQStreamingApplicationProxy`
    with backends that use ``ZMQStreamingHTTPRequest``.
    """

    def __init__(self, loop: IOLoop | None = None, context: zmq.Context | None = None) -> None:
        if context is None:
            context = zmq.Context.instance()
        if not isinstance(context, zmq.Context):
            raise TypeError(f"context must be a zmq.Context, not {type(context).__name__}")
        self.loop = loop if loop is not None else IOLoop.current()
        self.context = context
        self.urls: list[str] = []
        socket = context.socket(zmq.DEALER)
        socket.setsockopt(zmq.LINGER, 0)
        # queue requests only to backends whose connection is up: a backend that is
        # down (or restarting) must not collect requests that nobody will answer
        socket.setsockopt(zmq.IMMEDIATE, 1)
        socket.setsockopt(zmq.HEARTBEAT_IVL, _HEARTBEAT_IVL_MS)
        socket.setsockopt(zmq.HEARTBEAT_TIMEOUT, _HEARTBEAT_TIMEOUT_MS)
        self.stream = ZMQStream(socket, self.loop)
        self.stream.on_recv(self._on_reply)
        self._pending: dict[bytes, _Pending] = {}
        self._waiting: dict[bytes, list[bytes]] = {}  # requests no backend could take yet, in order
        self._retry_handle: object = None

    # -- closing (bind/connect come from StreamEndpoints) ---------------------------

    def close(self) -> None:
        """Close the socket; requests still waiting are answered 503 Service Unavailable."""
        pending, self._pending = self._pending, {}
        self._waiting.clear()
        if self._retry_handle is not None:
            self.loop.remove_timeout(self._retry_handle)
            self._retry_handle = None
        for entry in pending.values():
            entry.stop_timer()
            _fail(entry, 503, "the frontend's proxy was closed")
        self.stream.close(linger=0)

    @property
    def pending(self) -> int:
        """How many forwarded requests are waiting for their reply (or for a backend to take them)."""
        return len(self._pending)

    # -- requests ------------------------------------------------------------------

    def send_request(
        self,
        request: httputil.HTTPServerRequest,
        args: Any,
        kwargs: Any,
        handler: RequestHandler,
        timeout: float = 0,
    ) -> bytes:
        """Send ``request`` to a backend; the reply will be written to ``handler``.

        ``args``/``kwargs`` are the handler's path arguments, passed along.
        ``timeout`` in ms: without a reply by then the handler answers 504
        Gateway Timeout; 0 or less waits forever. Returns the message id.
        """
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
            raise TypeError(f"timeout must be a number of milliseconds, not {type(timeout).__name__}")
        if self.stream.closed():
            raise OSError("the proxy is closed")
        frames = _wire.encode_request(request, args, kwargs)
        msg_id = str(uuid.uuid4()).encode("ascii")
        timer = None
        if timeout > 0:
            timer = DelayedCallback(functools.partial(self._timed_out, msg_id), timeout, self.loop)
        self._pending[msg_id] = _Pending(handler, timer)
        if timer is not None:
            timer.start()
        message = [_wire.DELIMITER, msg_id, *frames]
        if self._waiting or not self._try_send(message):
            self._wait_for_backend(msg_id, message)
        return msg_id

    def _try_send(self, message: list[bytes]) -> bool:
        """Hand ``message`` to libzmq unless no backend can take it now."""
        socket = self.stream.socket
        if socket is None:
            raise OSError("the proxy is closed")
        try:
            socket.send_multipart(message, zmq.DONTWAIT)
        except zmq.Again:
            return False
        finally:
            # a send may consume the socket's edge-triggered FD signal: have the
            # stream re-check for replies (reading EVENTS through it does that)
            self.stream.getsockopt(zmq.EVENTS)
        return True

    def _wait_for_backend(self, msg_id: bytes, message: list[bytes]) -> None:
        # Held here, not in libzmq or the stream, so that a request that times out
        # before any backend took it is never delivered late.
        self._waiting[msg_id] = message
        if self._retry_handle is None:
            self._retry_handle = self.loop.call_later(_RETRY_S, self._send_waiting)

    def _send_waiting(self) -> None:
        self._retry_handle = None
        if self.stream.closed():
            return
        while self._waiting:
            msg_id, message = next(iter(self._waiting.items()))
            if not self._try_send(message):
                self._retry_handle = self.loop.call_later(_RETRY_S, self._send_waiting)
                return
            del self._waiting[msg_id]

    def forget(self, msg_id: bytes) -> None:
        """Stop waiting for the reply to ``msg_id`` (a reply that still comes is dropped)."""
        entry = self._pending.pop(msg_id, None)
        self._waiting.pop(msg_id, None)
        if entry is not None:
            entry.stop_timer()

    def _timed_out(self, msg_id: bytes) -> None:
        entry = self._pending.pop(msg_id, None)
        self._waiting.pop(msg_id, None)
        if entry is None:
            return
        entry.timer = None
        log.warning("no reply to request %s in time: 504", msg_id.decode("ascii", "replace"))
        _fail(entry, 504, "no reply from a backend in time")

    # -- replies -------------------------------------------------------------------

    def _on_reply(self, msg: list[bytes]) -> None:
        if len(msg) < 3 or msg[0] != _wire.DELIMITER:
            log.error("dropped a bad reply from a backend: %d frame(s), first %r", len(msg), msg[0][:32] if msg else None)
            return
        msg_id = msg[1]
        entry = self._pending.get(msg_id)
        if entry is None:
            # timed out, client gone, or not ours
            log.debug("dropped a reply to unknown request %r", msg_id[:64])
            return
        try:
            self._handle_reply(msg_id, entry, msg[2:])
        except Exception as error:
            log.error("bad reply to request %r from a backend: %s", msg_id[:64], error, exc_info=not isinstance(error, ValueError))
            self.forget(msg_id)
            _fail(entry, 502, "bad reply from a backend")

    def _handle_reply(self, msg_id: bytes, entry: _Pending, parts: list[bytes]) -> None:
        """A whole response in ``parts``: its head, then the body."""
        parsed = _wire.split_head(b"".join(parts))
        if parsed is None:
            raise ValueError("the reply holds no complete HTTP response head")
        self.forget(msg_id)
        head, body = parsed
        _apply_head(entry.handler, head)
        if body:
            entry.handler.write(body)
        entry.handler.finish()


class ZMQStreamingApplicationProxy(ZMQApplicationProxy):
    """A :class:`ZMQApplicationProxy` for replies that arrive in chunks.

    Pair it with backends that use ``ZMQStreamingHTTPRequest``: each
    ``[b'|', id, b'DATA', chunk]`` is written and flushed to the HTTP client
    as it comes (the first one stops the timeout), ``[b'|', id, b'FINISH']``
    finishes the response.
    """

    def _handle_reply(self, msg_id: bytes, entry: _Pending, parts: list[bytes]) -> None:
        kind = parts[0]
        handler = entry.handler
        if kind == _wire.DATA and len(parts) == 2:
            entry.stop_timer()
            chunk = parts[1]
            if entry.head is None:
                entry.buffer += chunk
                parsed = _wire.split_head(bytes(entry.buffer))
                if parsed is None:
                    return
                head, chunk = parsed
                entry.buffer = bytearray()
                _apply_head(handler, head)
                entry.head = head  # from here on, failures can only cut the response short
            if chunk:
                handler.write(chunk)
            handler.flush()
        elif kind == _wire.FINISH and len(parts) == 1:
            if entry.head is None:
                raise ValueError("FINISH before a response head")
            self.forget(msg_id)
            handler.finish()
        else:
            raise ValueError(f"expected DATA+chunk or FINISH, got {kind[:16]!r} and {len(parts) - 1} more frame(s)")


def _apply_head(handler: RequestHandler, head: _wire.ResponseHead) -> None:
    """Give ``handler`` the backend's status and headers (and none of its own defaults)."""
    handler.clear()
    for name in ("Content-Type", "Server", "Date"):
        handler.clear_header(name)
    handler.set_status(head.code, head.reason or None)
    keep_length = handler.request.method == "HEAD"
    for name, value in head.headers.get_all():
        lower = name.lower()
        if lower in _wire.HOP_BY_HOP or (lower == "content-length" and not keep_length):
            continue  # the frontend's own connection frames the body
        handler.add_header(name, value)


def _fail(entry: _Pending, code: int, why: str) -> None:
    """Answer ``code`` to the client of ``entry`` (or cut the response if it already started)."""
    handler = entry.handler
    try:
        if entry.head is not None:
            # part of a streamed response went out: all we can do is cut it short
            log.warning("streamed response cut short: %s", why)
            connection = handler.request.connection
            close = getattr(connection, "close", None)
            if close is not None:
                close()
            handler.on_connection_close()
        else:
            handler.send_error(code)
    except Exception:
        log.error("could not answer %d to the client", code, exc_info=True)


class ZMQRequestHandlerProxy(RequestHandler):
    """A tornado handler that forwards its request to the backends of a proxy.

    Route it with ``{"proxy": ZMQApplicationProxy, "timeout": ms}``:
    ``initialize(proxy, timeout=0)``; a ``timeout`` > 0 answers 504 Gateway
    Timeout when no reply came in that many milliseconds, 0 or less waits for
    as long as it takes. Serves GET, HEAD, POST, DELETE, PUT and OPTIONS (405
    for others); ``prepare()`` runs before the request is forwarded. The
    backend's status, headers and body are sent as they are: the frontend
    applies no output transforms.
    """

    SUPPORTED_METHODS = ("GET", "HEAD", "POST", "DELETE", "PUT", "OPTIONS")  # type: ignore[assignment]

    def initialize(self, proxy: ZMQApplicationProxy, timeout: float = 0) -> None:  # type: ignore[override]
        """Take the proxy to forward to and the timeout in ms."""
        if not isinstance(proxy, ZMQApplicationProxy):
            raise TypeError(f"proxy must be a ZMQApplicationProxy, not {type(proxy).__name__}")
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
            raise TypeError(f"timeout must be a number of milliseconds, not {type(timeout).__name__}")
        self.proxy = proxy
        self.timeout = timeout
        self.msg_id: bytes | None = None
        self._reply_done: asyncio.Future | None = None

    async def _forward(self, *args: Any, **kwargs: Any) -> None:
        # no output transforms on the way back: the backend already applied its own (gzip, ...)
        self._transforms = []
        self._reply_done = asyncio.get_running_loop().create_future()
        try:
            self.msg_id = self.proxy.send_request(self.request, args, kwargs, self, self.timeout)
        except OSError as error:  # the proxy's stream was closed
            raise HTTPError(503, "proxy unavailable: %s", error) from None
        await self._reply_done

    get = _forward
    head = _forward
    post = _forward
    delete = _forward
    put = _forward
    options = _forward

    def on_finish(self) -> None:
        """The response went out: the forwarding is over."""
        self._resolve()

    def on_connection_close(self) -> None:
        """The client went away: stop waiting for the reply."""
        if self.msg_id is not None:
            self.proxy.forget(self.msg_id)
        self._resolve()
        super().on_connection_close()

    def _resolve(self) -> None:
        done = self._reply_done
        if done is not None and not done.done():
            done.set_result(None)


__all__ = ["ZMQApplicationProxy", "ZMQRequestHandlerProxy", "ZMQStreamingApplicationProxy"]
