# SPDX-License-Identifier: BSD-3-Clause
"""ThreadAuthenticator: ZAP requests answered in a background thread."""

from __future__ import annotations

import inspect
import itertools
import logging
import threading

import zmq

from .base import ZAP_ENDPOINT, Authenticator

_TERMINATE = b"TERMINATE"
_pipe_numbers = itertools.count()


class ThreadAuthenticator(Authenticator):
    """An :class:`~zmq.auth.Authenticator` whose ZAP socket is served by a thread.

    ``start()`` returns once the ZAP socket is bound (so no connection slips
    through unauthenticated); ``stop()`` ends the thread. Policy calls
    (``allow``, ``configure_plain``, ...) may be made before or after start.
    """

    def __init__(
        self,
        context: zmq.Context | None = None,
        encoding: str = "utf-8",
        log: logging.Logger | None = None,
    ) -> None:
        super().__init__(context, encoding, log)
        self.thread: threading.Thread | None = None
        self.pipe: zmq.Socket | None = None
        self._started = threading.Event()
        self._start_error: BaseException | None = None

    def start(self) -> None:
        """Start the thread and wait until it listens for ZAP requests."""
        if self.thread is not None:
            raise RuntimeError("this authenticator is already started")
        endpoint = f"inproc://zmq.auth.thread-{id(self):x}-{next(_pipe_numbers)}"
        # plain sockets even on a zmq.asyncio.Context: the thread blocks on them
        self.pipe = self.context.socket(zmq.PAIR, socket_class=zmq.Socket)
        self.pipe.linger = 0
        self.pipe.bind(endpoint)
        self._started.clear()
        self._start_error = None
        self.thread = threading.Thread(target=self._run, args=(endpoint,), name="zmq.auth", daemon=True)
        self.thread.start()
        self._started.wait()
        if self._start_error is not None:
            self.thread.join()
            self.thread = None
            self.pipe.close()
            self.pipe = None
            raise self._start_error

    def _run(self, endpoint: str) -> None:
        pipe = self.context.socket(zmq.PAIR, socket_class=zmq.Socket)
        pipe.linger = 0
        try:
            pipe.connect(endpoint)
            try:
                Authenticator.start(self)
            except BaseException as error:  # reported to start()
                self._start_error = error
                return
            finally:
                self._started.set()
            self._serve(pipe)
        finally:
            Authenticator.stop(self)
            pipe.close()

    def _serve(self, pipe: zmq.Socket) -> None:
        zap = self.zap_socket
        assert zap is not None
        poller = zmq.Poller()
        poller.register(pipe, zmq.POLLIN)
        poller.register(zap, zmq.POLLIN)
        while True:
            try:
                events = dict(poller.poll())
            except zmq.ContextTerminated:
                return
            if pipe in events:
                if pipe.recv() == _TERMINATE:
                    return
            if zap in events:
                try:
                    frames = zap.recv_multipart()
                except zmq.ContextTerminated:
                    return
                try:
                    handled = self.handle_zap_message(frames)
                    if inspect.iscoroutine(handled):  # a subclass's ``async def`` override
                        import asyncio

                        asyncio.run(handled)
                except zmq.ContextTerminated:
                    return
                except Exception:
                    self.log.exception("ZAP request failed")

    def stop(self) -> None:
        """End the thread; the ZAP socket is closed."""
        if self.thread is None:
            return
        assert self.pipe is not None
        try:
            self.pipe.send(_TERMINATE)
        except zmq.ZMQError:
            pass  # context already terminated: the thread ends by itself
        self.thread.join()
        self.thread = None
        self.pipe.close()
        self.pipe = None

    def is_alive(self) -> bool:
        """Whether the authenticator thread runs."""
        return self.thread is not None and self.thread.is_alive()

    def __enter__(self) -> ThreadAuthenticator:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


__all__ = ["ThreadAuthenticator", "ZAP_ENDPOINT"]
