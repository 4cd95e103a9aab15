# SPDX-License-Identifier: BSD-3-Clause
"""Fixtures for the zmq.web tests: a real tornado HTTP frontend on 127.0.0.1, real
backends (in this process or in child processes), tornado's HTTP client."""

from __future__ import annotations

import asyncio
import importlib.util
import signal
import socket
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import tornado.web
from tornado.httpclient import AsyncHTTPClient, HTTPResponse
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

import zmq
from zmq.testing import bound_pair, context, pair  # noqa: F401  (shared pytest fixtures)
from zmq.web import (
    ZMQApplication,
    ZMQApplicationProxy,
    ZMQRequestHandlerProxy,
    ZMQStreamingApplicationProxy,
    ZMQStreamingHTTPRequest,
)

# generous bounds that only stop a broken test from hanging
TIMEOUT_S = 45.0
REQUEST_TIMEOUT_S = 20.0
APPS_PATH = Path(__file__).with_name("apps.py")


def load_apps() -> ModuleType:
    """tests/apps.py as a module (the tests run in importlib mode: no sibling imports)."""
    name = "zmq_web_test_apps"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, APPS_PATH)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture
def apps() -> ModuleType:
    """The test handlers, with their shared state cleared."""
    module = load_apps()
    module.seen.clear()
    module.gates.clear()
    return module


@pytest.fixture
def run() -> Callable[[Coroutine[Any, Any, Any]], Any]:
    """``run(coro)``: run a coroutine on a fresh asyncio loop, bounded by TIMEOUT_S."""

    def run_coro(coro: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run(asyncio.wait_for(coro, TIMEOUT_S))

    return run_coro


class Web:
    """A frontend (HTTP server, plain and streaming proxies) and its backends.

    ``/stream/...`` goes through the streaming proxy, everything else through
    the plain one. ``backends`` in-process ZMQApplications are connected (use
    :meth:`add_backend_process` for real processes).
    """

    def __init__(self, context: zmq.Context, timeout: float = 0, backends: int = 1, **backend_settings: Any) -> None:
        self.context = context
        self.timeout = timeout
        self.backend_count = backends
        self.backend_settings = backend_settings
        self.backends: list[ZMQApplication] = []
        self.processes: list[asyncio.subprocess.Process] = []
        self.client: AsyncHTTPClient | None = None

    async def __aenter__(self) -> Web:
        self.proxy = ZMQApplicationProxy(context=self.context)
        self.streaming = ZMQStreamingApplicationProxy(context=self.context)
        self.zmq_url = f"tcp://127.0.0.1:{self.proxy.bind_to_random_port('tcp://127.0.0.1')}"
        self.stream_zmq_url = f"tcp://127.0.0.1:{self.streaming.bind_to_random_port('tcp://127.0.0.1')}"
        app = tornado.web.Application(
            [
                (r"/stream/.*", ZMQRequestHandlerProxy, {"proxy": self.streaming, "timeout": self.timeout}),
                (r"/.*", ZMQRequestHandlerProxy, {"proxy": self.proxy, "timeout": self.timeout}),
            ]
        )
        self.server = HTTPServer(app)
        [sock] = bind_sockets(0, "127.0.0.1", family=socket.AF_INET)
        self.server.add_sockets([sock])
        self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.client = AsyncHTTPClient(force_instance=True, max_clients=60)
        for _ in range(self.backend_count):
            self.add_backend()
        return self

    def add_backend(self, **settings: Any) -> tuple[ZMQApplication, ZMQApplication]:
        """Connect an in-process backend pair (plain and streaming) to the frontend.

        An ``http_request_class`` in ``settings`` is used by both (to test mismatches).
        """
        apps = load_apps()
        merged = {**self.backend_settings, **settings}
        plain = ZMQApplication(apps.handlers(), context=self.context, **merged)
        plain.connect(self.zmq_url)
        merged.setdefault("http_request_class", ZMQStreamingHTTPRequest)
        streaming = ZMQApplication(apps.handlers(), context=self.context, **merged)
        streaming.connect(self.stream_zmq_url)
        self.backends += [plain, streaming]
        return plain, streaming

    async def add_backend_process(self) -> tuple[asyncio.subprocess.Process, int]:
        """Start tests/apps.py as a backend process; (process, pid) once it is connected."""
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            str(APPS_PATH),
            "--connect",
            self.zmq_url,
            "--stream-connect",
            self.stream_zmq_url,
            stdout=asyncio.subprocess.PIPE,
        )
        self.processes.append(process)
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), REQUEST_TIMEOUT_S)
        assert line.startswith(b"ready "), line
        return process, int(line.split()[1])

    async def fetch(self, path: str, **kwargs: Any) -> HTTPResponse:
        """An HTTP request to the frontend (errors come back as responses, not raised)."""
        assert self.client is not None
        kwargs.setdefault("request_timeout", REQUEST_TIMEOUT_S)
        kwargs.setdefault("raise_error", False)
        kwargs.setdefault("follow_redirects", False)
        if kwargs.get("method") in ("POST", "PUT", "PATCH") and "body" not in kwargs:
            kwargs["body"] = b""
        return await self.client.fetch(self.url + path, **kwargs)

    async def __aexit__(self, *exc: Any) -> None:
        for process in self.processes:
            if process.returncode is None:
                process.send_signal(signal.SIGKILL)
            await process.wait()
        self.server.stop()
        if self.client is not None:
            self.client.close()
        for backend in self.backends:
            backend.close()
        self.proxy.close()
        self.streaming.close()
        await self.server.close_all_connections()


@pytest.fixture
def web(context: zmq.Context) -> Callable[..., Web]:
    """``web(timeout=0, backends=1, **backend_settings)``: a :class:`Web` on the test's context."""

    def make(**kwargs: Any) -> Web:
        return Web(context, **kwargs)

    return make
