# SPDX-License-Identifier: BSD-3-Clause
"""AsyncioAuthenticator: ZAP requests answered by a task on the asyncio loop.

Part of the zmq-eventloop distribution (the policy itself is
:class:`zmq.auth.Authenticator` from zmq-core).
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from typing import Any

import zmq
import zmq.asyncio
from zmq.auth import Authenticator


class AsyncioAuthenticator(Authenticator):
    """An :class:`~zmq.auth.Authenticator` served on an asyncio loop.

    ``start()`` binds the ZAP socket and starts a task on ``loop`` (default:
    the running loop) that answers each request; ``stop()`` ends it. A
    ``configure_curve_callback`` provider may be a coroutine function here.
    The context may be a plain or a :mod:`zmq.asyncio` one.
    """

    def __init__(
        self,
        context: zmq.Context | None = None,
        loop: asyncio.AbstractEventLoop | None = None,
        encoding: str = "utf-8",
        log: logging.Logger | None = None,
    ) -> None:
        super().__init__(context, encoding, log)
        self.loop = loop
        self._task: asyncio.Task | None = None

    zap_socket_class = zmq.asyncio.Socket

    def start(self) -> None:
        """Bind the ZAP socket and start answering requests on the loop."""
        if self.loop is None:
            try:
                self.loop = asyncio.get_running_loop()
            except RuntimeError:
                raise RuntimeError("AsyncioAuthenticator.start() needs a running loop, or pass loop=") from None
        super().start()
        self._task = self.loop.create_task(self._serve(self.zap_socket))

    def stop(self) -> None:
        """Stop answering and close the ZAP socket."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        super().stop()

    def is_alive(self) -> bool:
        """Whether requests are being answered."""
        return self._task is not None and not self._task.done()

    async def _serve(self, socket: Any) -> None:
        while True:
            try:
                frames = await socket.recv_multipart()
            except (asyncio.CancelledError, zmq.ContextTerminated):
                return
            except zmq.ZMQError as error:
                if socket.closed:
                    return
                self.log.error("ZAP recv failed: %s", error)
                continue
            try:
                await self.handle_zap_message_async(frames)
            except zmq.ContextTerminated:
                return
            except Exception:
                self.log.exception("ZAP request failed")

    async def handle_zap_message_async(self, msg: list[bytes]) -> None:
        """Answer one ZAP request, awaiting an async credentials provider."""
        request = self.zap_request(msg)
        if request is None:
            return
        decision = self.decide(request)
        allowed: Any = decision.allowed
        if inspect.isawaitable(allowed):
            try:
                allowed = await allowed
            except Exception:
                self.log.exception("the credentials provider failed")
                self.send_zap_reply(request.request_id, 500, "Credentials provider failed")
                return
        self.reply(request, bool(allowed), decision)

    async def __aenter__(self) -> AsyncioAuthenticator:
        self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.stop()


__all__ = ["AsyncioAuthenticator"]
