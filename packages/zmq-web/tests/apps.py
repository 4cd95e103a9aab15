# SPDX-License-Identifier: BSD-3-Clause
"""Backend handlers for the zmq.web tests, and a backend process running them.

Imported by the tests (through conftest.load_apps) to serve in-process, and
run as ``python apps.py --connect URL [--stream-connect URL]`` to be a backend
process: it prints ``ready <pid>`` once its connections are up.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import signal
import sys

import tornado.web

import zmq
from zmq.utils.monitor import recv_monitor_message
from zmq.web import ZMQApplication, ZMQStreamingHTTPRequest

# what in-process handlers share with the test that runs them
seen: list[str] = []  # uri of every request a backend handler started on
gates: dict[str, asyncio.Event] = {}  # /wait/<name> blocks until gates[name] is set


def gate(name: str) -> asyncio.Event:
    """The event ``/wait/<name>`` waits for (created on first use)."""
    return gates.setdefault(name, asyncio.Event())


class BaseHandler(tornado.web.RequestHandler):
    """Every response names the backend process; every request is recorded in ``seen``."""

    def prepare(self) -> None:
        seen.append(self.request.uri or "")
        self.set_header("X-Backend-Pid", str(os.getpid()))


class EchoHandler(BaseHandler):
    """Any method: the request as JSON (body base64-encoded)."""

    SUPPORTED_METHODS = ("GET", "HEAD", "POST", "DELETE", "PUT", "OPTIONS", "PATCH")  # type: ignore[assignment]

    def _echo(self, *args: str) -> None:
        request = self.request
        self.write(
            {
                "method": request.method,
                "uri": request.uri,
                "path": request.path,
                "path_args": list(args),
                "query": {name: self.get_query_arguments(name) for name in request.query_arguments},
                "body_arguments": {name: self.get_body_arguments(name) for name in request.body_arguments},
                "files": {name: [(f.filename, f.body.decode("latin-1")) for f in files] for name, files in request.files.items()},
                "headers": list(request.headers.get_all()),
                "cookies": {name: morsel.value for name, morsel in request.cookies.items()},
                "body": base64.b64encode(request.body).decode("ascii"),
                "remote_ip": request.remote_ip,
                "protocol": request.protocol,
                "host": request.host,
                "version": request.version,
            }
        )

    get = post = put = delete = options = patch = _echo  # type: ignore[assignment]

    def head(self, *args: str) -> None:
        """Headers only, with a length of its own."""
        self.set_header("Content-Length", "1234")


class RawHandler(BaseHandler):
    """POST/PUT: the request body back, as it is."""

    def post(self) -> None:
        self.set_header("Content-Type", self.request.headers.get("Content-Type", "application/octet-stream"))
        self.write(self.request.body)

    put = post


class StatusHandler(BaseHandler):
    """``/status/<code>?reason=...``: that status, two cookies, a repeated header, some body."""

    def get(self, code: str) -> None:
        self.set_status(int(code), self.get_query_argument("reason", None))
        self.set_cookie("first", "1")
        self.set_cookie("second", "two")
        self.add_header("X-Repeated", "a")
        self.add_header("X-Repeated", "b")
        if int(code) == 302:
            self.set_header("Location", "/elsewhere")
        if int(code) not in (204, 304):
            self.write(f"status {code}\n")


class NotFoundHandler(BaseHandler):
    """Raises HTTPError(404) from the handler."""

    def get(self) -> None:
        raise tornado.web.HTTPError(404, "no such thing")


class FailHandler(BaseHandler):
    """Raises: tornado answers 500."""

    def get(self) -> None:
        raise RuntimeError("backend handler failed on purpose")


class SlowHandler(BaseHandler):
    """``/slow?ms=N``: answers after N ms."""

    async def get(self) -> None:
        await asyncio.sleep(float(self.get_query_argument("ms", "50")) / 1000)
        self.write(str(os.getpid()))


class WaitHandler(BaseHandler):
    """``/wait/<name>``: answers once the test sets ``gate(name)``."""

    async def get(self, name: str) -> None:
        await gate(name).wait()
        self.write(f"released {name}")


class PidHandler(BaseHandler):
    """The backend's process id."""

    def get(self) -> None:
        self.write(str(os.getpid()))


class ChunksHandler(BaseHandler):
    """``/stream/chunks?n=N``: N chunks, each flushed on its own."""

    async def get(self) -> None:
        self.set_header("Content-Type", "text/plain")
        for number in range(int(self.get_query_argument("n", "3"))):
            self.write(f"chunk {number}\n")
            await self.flush()
            await asyncio.sleep(0.01)


class GatedStreamHandler(BaseHandler):
    """``/stream/gated/<name>``: one chunk, then waits for ``gate(name)``, then a last chunk."""

    async def get(self, name: str) -> None:
        self.write("first\n")
        await self.flush()
        await gate(name).wait()
        self.write("last\n")


class BigHandler(BaseHandler):
    """``/big?kb=N``: N KiB of bytes 0..255 repeated."""

    def get(self) -> None:
        self.set_header("Content-Type", self.get_query_argument("type", "application/octet-stream"))
        self.write(bytes(range(256)) * 4 * int(self.get_query_argument("kb", "64")))


def handlers() -> list:
    """The test backend's routes."""
    return [
        (r"/echo", EchoHandler),
        (r"/echo/(\w+)/(\w+)", EchoHandler),
        (r"/raw", RawHandler),
        (r"/status/(\d+)", StatusHandler),
        (r"/notfound", NotFoundHandler),
        (r"/fail", FailHandler),
        (r"/slow", SlowHandler),
        (r"/wait/(\w+)", WaitHandler),
        (r"/pid", PidHandler),
        (r"/big", BigHandler),
        (r"/stream/chunks", ChunksHandler),
        (r"/stream/gated/(\w+)", GatedStreamHandler),
        (r"/stream/big", BigHandler),
    ]


async def serve(url: str, stream_url: str | None) -> None:
    """Be a backend process until SIGTERM."""
    apps = [ZMQApplication(handlers())]
    if stream_url:
        apps.append(ZMQApplication(handlers(), http_request_class=ZMQStreamingHTTPRequest))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    # the monitor must be in place before connecting, or the handshake is missed
    monitors = [app.stream.socket.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED) for app in apps]
    apps[0].connect(url)
    if stream_url:
        apps[1].connect(stream_url)
    for app, monitor in zip(apps, monitors):
        while not monitor.poll(0):
            await asyncio.sleep(0.01)
        recv_monitor_message(monitor)
        app.stream.socket.disable_monitor()
        monitor.close(0)
    print(f"ready {os.getpid()}", flush=True)
    await stop.wait()
    for app in apps:
        app.close()
    zmq.Context.instance().destroy(linger=0)


def main() -> int:
    """``apps.py --connect URL [--stream-connect URL]``."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--connect", required=True)
    parser.add_argument("--stream-connect")
    args = parser.parse_args()
    asyncio.run(serve(args.connect, args.stream_connect))
    return 0


if __name__ == "__main__":
    sys.exit(main())
