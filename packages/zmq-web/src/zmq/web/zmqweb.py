# SPDX-License-Identifier: BSD-3-Clause
"""The backend: ordinary tornado ``RequestHandler`` classes serving requests that arrive over zmq.

::

    app = ZMQApplication([(r"/hello", HelloHandler)])
    app.connect("tcp://127.0.0.1:5555")      # the frontend's ZMQApplicationProxy
    await asyncio.Event().wait()

:class:`ZMQApplication` is a ``tornado.web.Application`` whose requests come
from a ROUTER socket instead of an HTTP server. Each request becomes a
:class:`ZMQHTTPRequest` (a ``tornado.httputil.HTTPServerRequest``) whose
connection (a :class:`ZMQHTTPConnection`, tornado's ``HTTPConnection``
interface) sends the response back to the frontend: whole, or chunk by chunk
with :class:`ZMQStreamingHTTPRequest`.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import types
import warnings
from typing import Any

from tornado import httputil
from tornado.concurrent import Future
from tornado.ioloop import IOLoop
from tornado.web import Application

import zmq
from zmq.eventloop.zmqstream import ZMQStream

from . import _wire
from .endpoints import StreamEndpoints

log = logging.getLogger("zmq.web")


def _done_future() -> Future[None]:
    future: Future[None] = Future()
    future.set_result(None)
    return future


class ZMQHTTPConnection(httputil.HTTPConnection):
    """tornado's ``HTTPConnection`` for one request that came over zmq.

    ``write_headers``/``write`` collect the response (status line and headers
    as HTTP/1.1 text, then the body); ``finish`` sends it to the frontend as
    one message ``idents + [b'|', msg_id, part, ...]``.
    """

    def __init__(self, stream: ZMQStream, idents: list[bytes], msg_id: bytes, remote_ip: str = "", protocol: str = "http") -> None:
        self.stream = stream
        self.idents = list(idents)
        self.msg_id = msg_id
        # HTTPServerRequest reads remote_ip and protocol from here
        self.context = types.SimpleNamespace(remote_ip=remote_ip, protocol=protocol)
        self._chunks: list[bytes] = []
        self._close_callback: Any = None
        self.finished = False

    def write_headers(
        self,
        start_line: httputil.RequestStartLine | httputil.ResponseStartLine,
        headers: httputil.HTTPHeaders,
        chunk: bytes | None = None,
    ) -> Future[None]:
        """Take the status line and headers (and a first body chunk)."""
        if not isinstance(start_line, httputil.ResponseStartLine):
            raise TypeError("a backend connection writes responses only")
        head = _wire.encode_head(start_line, headers)
        self._emit(head + bytes(chunk or b""))
        return _done_future()

    def write(self, chunk: bytes) -> Future[None]:
        """Take a body chunk."""
        if chunk:
            self._emit(bytes(chunk))
        return _done_future()

    def finish(self) -> None:
        """The response is complete: send it."""
        if self.finished:
            return
        self.finished = True
        self._close_callback = None
        self._send([*self._chunks] or [b""])
        self._chunks = []

    def set_close_callback(self, callback: Any) -> None:
        """Kept for tornado; a backend never learns that the HTTP client went away."""
        self._close_callback = callback

    def _emit(self, data: bytes) -> None:
        if self.finished:
            raise RuntimeError("the response was already finished")
        self._chunks.append(data)

    def _send(self, parts: list[bytes]) -> None:
        if self.stream.closed():
            log.warning("reply %r dropped: the application's socket is closed", self.msg_id)
            return
        self.stream.send_multipart([*self.idents, _wire.DELIMITER, self.msg_id, *parts])


class ZMQStreamingHTTPConnection(ZMQHTTPConnection):
    """A :class:`ZMQHTTPConnection` that sends every flushed chunk at once.

    Each ``write_headers``/``write`` sends ``idents + [b'|', msg_id, b'DATA',
    chunk]``; ``finish`` sends ``idents + [b'|', msg_id, b'FINISH']``.
    """

    def _emit(self, data: bytes) -> None:
        if self.finished:
            raise RuntimeError("the response was already finished")
        self._send([_wire.DATA, data])

    def finish(self) -> None:
        """Send the finish marker."""
        if self.finished:
            return
        self.finished = True
        self._close_callback = None
        self._send([_wire.FINISH])


class ZMQHTTPRequest(httputil.HTTPServerRequest):
    """A tornado ``HTTPServerRequest`` that arrived over zmq.

    Extra attributes: ``idents`` (the routing identities of the frontend),
    ``msg_id`` and ``stream`` (the backend's ZMQStream). The response goes
    back through ``request.connection``, a :class:`ZMQHTTPConnection`, which
    sends it whole when the handler finishes.
    """

    connection_class: type[ZMQHTTPConnection] = ZMQHTTPConnection

    def __init__(
        self,
        method: str,
        uri: str,
        version: str = "HTTP/1.1",
        headers: httputil.HTTPHeaders | None = None,
        body: bytes | None = None,
        host: str | None = None,
        *,
        idents: list[bytes],
        msg_id: bytes,
        stream: ZMQStream,
        remote_ip: str = "",
        protocol: str = "http",
    ) -> None:
        self.idents = list(idents)
        self.msg_id = msg_id
        self.stream = stream
        connection = self.connection_class(stream, self.idents, msg_id, remote_ip, protocol)
        headers = headers if headers is not None else httputil.HTTPHeaders()
        if host is not None and "Host" not in headers:
            headers["Host"] = host
        super().__init__(
            start_line=httputil.RequestStartLine(method, uri, version),
            headers=headers,
            body=body,
            connection=connection,
        )

    def write(self, chunk: bytes, callback: Any = None) -> None:
        """Write raw response bytes (the tornado 2 request interface; handlers use ``RequestHandler.write``)."""
        assert isinstance(self.connection, ZMQHTTPConnection)
        self.connection.write(chunk)
        if callback is not None:
            IOLoop.current().add_callback(callback)

    def finish(self) -> None:
        """Send the response (the tornado 2 request interface)."""
        assert self.connection is not None
        self.connection.finish()

    def get_ssl_certificate(self, binary_form: bool = False) -> Any:
        """Not available: TLS, if any, ended at the frontend."""
        raise NotImplementedError("a request that came over zmq carries no SSL certificate")


class ZMQStreamingHTTPRequest(ZMQHTTPRequest):
    """A :class:`ZMQHTTPRequest` whose response is sent chunk by chunk as it is flushed.

    Pair it with :class:`zmq.web.ZMQStreamingApplicationProxy` on the frontend.
    """

    connection_class = ZMQStreamingHTTPConnection


class ZMQApplication(StreamEndpoints, Application):
    """A tornado ``Application`` that serves requests arriving on a ROUTER socket.

    ``ZMQApplication(handlers=None, default_host="", transforms=None,
    wsgi=False, **settings)``: handlers, routing, transforms and settings are
    tornado's. Extra settings: ``context`` (default ``zmq.Context.instance()``),
    ``loop`` (default ``IOLoop.current()``), ``http_request_class`` (default
    :class:`ZMQHTTPRequest`; use :class:`ZMQStreamingHTTPRequest` behind a
    streaming proxy). Call :meth:`bind` or :meth:`connect` to reach the
    frontend's :class:`~zmq.web.ZMQApplicationProxy`.
    """

    def __init__(
        self,
        handlers: Any = None,
        default_host: str | None = "",
        transforms: Any = None,
        wsgi: bool = False,
        **settings: Any,
    ) -> None:
        if wsgi:
            raise ValueError("wsgi=True is not supported: tornado 6 has no WSGI application mode")
        context = settings.pop("context", None)
        loop = settings.pop("loop", None)
        request_class = settings.pop("http_request_class", ZMQHTTPRequest)
        if "redirect_handler_class" in settings:
            settings.pop("redirect_handler_class")
            warnings.warn(
                "redirect_handler_class is not used: tornado 6 routes unmatched hosts to default_host itself",
                DeprecationWarning,
                stacklevel=2,
            )
        if context is None:
            context = zmq.Context.instance()
        if not isinstance(context, zmq.Context):
            raise TypeError(f"context must be a zmq.Context, not {type(context).__name__}")
        if not (isinstance(request_class, type) and issubclass(request_class, ZMQHTTPRequest)):
            raise TypeError("http_request_class must be a subclass of ZMQHTTPRequest")
        super().__init__(handlers, default_host or None, transforms, **settings)
        self.context = context
        self.loop: IOLoop = loop if loop is not None else IOLoop.current()
        self.http_request_class = request_class
        self.urls: list[str] = []
        socket = context.socket(zmq.ROUTER)
        socket.setsockopt(zmq.LINGER, 0)
        self.stream = ZMQStream(socket, self.loop)
        self.stream.on_recv(self._on_request)
        self._tasks: set[asyncio.Future] = set()

    # -- endpoints -----------------------------------------------------------------

    def listen(self, *args: Any, **kwargs: Any) -> Any:
        """Not available: a ZMQApplication is reached through a frontend proxy, not over HTTP."""
        raise NotImplementedError("a ZMQApplication takes requests over zmq: use bind() or connect()")

    def close(self) -> None:
        """Stop serving and close the socket (replies still being made are dropped)."""
        self.stream.close(linger=0)

    # -- serving -------------------------------------------------------------------

    def _on_request(self, msg: list[bytes]) -> None:
        try:
            info = _wire.parse_request(msg)
        except ValueError as error:
            log.error("dropped a bad request message from a frontend: %s", error.args[0])
            if len(error.args) == 3:
                self._reply_bad_request(error.args[1], error.args[2])
            return
        # a task per request: a slow handler must not hold up the others
        task = asyncio.ensure_future(self._serve(info))  # on the running loop: the stream's
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Future) -> None:
        self._tasks.discard(task)
        error = None if task.cancelled() else task.exception()
        if error is not None:
            log.error("error serving a request over zmq", exc_info=error)

    async def _serve(self, info: _wire.RequestInfo) -> None:
        try:
            request = self._make_request(info)
        except (httputil.HTTPInputError, ValueError) as error:
            log.error("dropped a bad request from a frontend: %s", error)
            self._reply_bad_request(info.idents, info.msg_id)
            return
        # tornado's own request path: route, then feed the message delegate
        delegate = self.find_handler(request)
        start_line = httputil.RequestStartLine(info.method, request.path, info.version)
        await _maybe_await(delegate.headers_received(start_line, info.headers))
        if info.body:
            await _maybe_await(delegate.data_received(info.body))
        delegate.finish()

    def _make_request(self, info: _wire.RequestInfo) -> ZMQHTTPRequest:
        return self.http_request_class(
            info.method,
            info.uri,
            info.version,
            info.headers,
            None,
            info.host,
            idents=info.idents,
            msg_id=info.msg_id,
            stream=self.stream,
            remote_ip=info.remote_ip,
            protocol=info.protocol,
        )

    def _reply_bad_request(self, idents: list[bytes], msg_id: bytes) -> None:
        connection = self.http_request_class.connection_class(self.stream, idents, msg_id)
        body = b"malformed request\n"
        headers = httputil.HTTPHeaders({"Content-Type": "text/plain", "Content-Length": str(len(body))})
        connection.write_headers(httputil.ResponseStartLine("HTTP/1.1", 400, "Bad Request"), headers, body)
        connection.finish()


async def _maybe_await(result: Any) -> None:
    if result is not None and inspect.isawaitable(result):
        await result


__all__ = [
    "ZMQApplication",
    "ZMQHTTPConnection",
    "ZMQHTTPRequest",
    "ZMQStreamingHTTPConnection",
    "ZMQStreamingHTTPRequest",
]
