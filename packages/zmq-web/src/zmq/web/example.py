# SPDX-License-Identifier: BSD-3-Clause
"""A runnable zmq.web example: one HTTP frontend and N backend processes.

::

    python -m zmq.web.example --backends 3 --port 8888

prints ``frontend: http://127.0.0.1:8888 (3 backends)`` and serves until
Ctrl-C or SIGTERM, which also stops the backends. ``--port 0`` picks a free
port. Try::

    curl http://127.0.0.1:8888/                    # which backend answered
    curl -d 'some data' http://127.0.0.1:8888/echo
    curl -N http://127.0.0.1:8888/stream/count?n=5 # one line every 0.2 s

Every backend process runs the same ordinary tornado handlers
(:func:`backend_handlers`) in a :class:`~zmq.web.ZMQApplication`; the
frontend forwards ``/stream/...`` through a streaming proxy and everything
else through a plain one.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import subprocess
import sys
from typing import Any

import tornado.web
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

import zmq

from .proxy import ZMQApplicationProxy, ZMQRequestHandlerProxy, ZMQStreamingApplicationProxy
from .zmqweb import ZMQApplication, ZMQStreamingHTTPRequest


class HelloHandler(tornado.web.RequestHandler):
    """``GET /``: a greeting that names the backend process."""

    def get(self) -> None:
        self.set_header("X-Backend-Pid", str(os.getpid()))
        self.write(f"Hello from backend {os.getpid()}\n")


class EchoHandler(tornado.web.RequestHandler):
    """``/echo`` (any method): the request as JSON: method, query, headers, cookies, body size."""

    SUPPORTED_METHODS = ("GET", "HEAD", "POST", "DELETE", "PUT", "OPTIONS")  # type: ignore[assignment]

    def _echo(self) -> None:
        self.set_header("X-Backend-Pid", str(os.getpid()))
        self.write(
            {
                "method": self.request.method,
                "path": self.request.path,
                "query": {name: self.get_query_arguments(name) for name in self.request.query_arguments},
                "headers": dict(self.request.headers),
                "cookies": {name: morsel.value for name, morsel in self.request.cookies.items()},
                "body_length": len(self.request.body),
                "backend": os.getpid(),
            }
        )

    get = post = put = delete = options = _echo  # type: ignore[assignment]

    def head(self) -> None:
        """HEAD: headers only."""
        self.set_header("X-Backend-Pid", str(os.getpid()))


class SlowHandler(tornado.web.RequestHandler):
    """``GET /slow?ms=N``: answers after N milliseconds (without blocking the backend)."""

    async def get(self) -> None:
        await asyncio.sleep(float(self.get_query_argument("ms", "100")) / 1000)
        self.set_header("X-Backend-Pid", str(os.getpid()))
        self.write("done\n")


class CountHandler(tornado.web.RequestHandler):
    """``GET /stream/count?n=N``: N lines, one every 0.2 s, each flushed to the client at once."""

    async def get(self) -> None:
        self.set_header("Content-Type", "text/plain")
        self.set_header("X-Backend-Pid", str(os.getpid()))
        for number in range(1, int(self.get_query_argument("n", "5")) + 1):
            self.write(f"{number}\n")
            await self.flush()
            await asyncio.sleep(0.2)


def backend_handlers() -> list[tuple[str, type[tornado.web.RequestHandler]]]:
    """The routes every backend serves."""
    return [
        (r"/", HelloHandler),
        (r"/echo", EchoHandler),
        (r"/slow", SlowHandler),
        (r"/stream/count", CountHandler),
    ]


async def run_backend(url: str, stream_url: str | None = None, parent: int | None = None) -> None:
    """Serve :func:`backend_handlers` to the frontend at ``url`` (plain) and ``stream_url`` (streaming, if given).

    With ``parent`` (a pid), exit when that process is gone.
    """
    apps = [ZMQApplication(backend_handlers())]
    apps[0].connect(url)
    if stream_url:
        apps.append(ZMQApplication(backend_handlers(), http_request_class=ZMQStreamingHTTPRequest))
        apps[1].connect(stream_url)
    stop = asyncio.Event()
    _stop_on_signals(stop)
    try:
        while not stop.is_set():
            if parent is not None and os.getppid() != parent:
                break  # orphaned: the frontend died without stopping us
            try:
                await asyncio.wait_for(stop.wait(), 0.5)
            except asyncio.TimeoutError:
                pass
    finally:
        for app in apps:
            app.close()
        zmq.Context.instance().destroy(linger=0)


async def run_frontend(port: int, backends: int, timeout: int, host: str = "127.0.0.1") -> None:
    """Serve HTTP on ``host:port`` and start ``backends`` backend processes."""
    proxy = ZMQApplicationProxy()
    streaming = ZMQStreamingApplicationProxy()
    url = f"tcp://127.0.0.1:{proxy.bind_to_random_port('tcp://127.0.0.1')}"
    stream_url = f"tcp://127.0.0.1:{streaming.bind_to_random_port('tcp://127.0.0.1')}"
    app = tornado.web.Application(
        [
            (r"/stream/.*", ZMQRequestHandlerProxy, {"proxy": streaming, "timeout": timeout}),
            (r"/.*", ZMQRequestHandlerProxy, {"proxy": proxy, "timeout": timeout}),
        ]
    )
    server = HTTPServer(app)
    [sock] = _bind(port, host)
    server.add_sockets([sock])
    actual = sock.getsockname()[1]
    children = [_start_backend(url, stream_url) for _ in range(backends)]
    stop = asyncio.Event()
    _stop_on_signals(stop)
    print(f"frontend: http://{host}:{actual} ({backends} backends)", flush=True)
    try:
        await stop.wait()
    finally:
        server.stop()
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(5)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        proxy.close()
        streaming.close()
        zmq.Context.instance().destroy(linger=0)


def _bind(port: int, host: str) -> list[Any]:
    return bind_sockets(port, host, family=socket.AF_INET)


def _start_backend(url: str, stream_url: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "zmq.web.example", "--backend", url, "--stream-backend", stream_url, "--parent", str(os.getpid())]
    return subprocess.Popen(command)


def _stop_on_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)


def main(argv: list[str] | None = None) -> int:
    """Command line: a frontend with ``--backends N``, or (internally) one backend."""
    parser = argparse.ArgumentParser(prog="python -m zmq.web.example", description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", type=int, default=2, help="backend processes to start (default 2)")
    parser.add_argument("--port", type=int, default=8888, help="HTTP port of the frontend; 0 picks a free one")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--timeout", type=int, default=5000, help="ms to wait for a backend before 504 (default 5000)")
    parser.add_argument("--backend", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--stream-backend", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--parent", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.backend:
        asyncio.run(run_backend(args.backend, args.stream_backend, args.parent))
        return 0
    if args.backends < 1:
        parser.error("--backends must be at least 1")
    asyncio.run(run_frontend(args.port, args.backends, args.timeout, args.host))
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["backend_handlers", "main", "run_backend", "run_frontend"]
