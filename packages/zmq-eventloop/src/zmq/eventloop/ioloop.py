# SPDX-License-Identifier: BSD-3-Clause
"""tornado's IOLoop, able to watch zmq sockets.

``IOLoop`` *is* ``tornado.ioloop.IOLoop``: any tornado application runs on it.
Importing this module lets every tornado (asyncio) loop take a zmq ``Socket``
in ``add_handler(socket, handler, IOLoop.READ)``: the handler is called as
``handler(socket, events)`` as long as messages wait (level-triggered), even
though libzmq's own FD is edge-triggered. ``IOLoop.READ/WRITE/ERROR`` keep
tornado's values.

Also here: :class:`ZMQPoller` (tornado-style events over ``zmq.Poller``),
:class:`PeriodicCallback` and :class:`DelayedCallback` (times in ms, optional
``io_loop``), :class:`ZMQIOLoop` and :func:`install` for code written for
pyzmq's own loop.
"""

from __future__ import annotations

import datetime
import warnings
from typing import Any, Callable

import tornado.ioloop
from tornado.ioloop import IOLoop
from tornado.platform.asyncio import AsyncIOLoop

import zmq

from . import _handlers
from ._handlers import to_tornado, to_zmq

_handlers.enable()


class ZMQIOLoop(AsyncIOLoop):
    """A new tornado IOLoop on a new asyncio loop (kept for pyzmq 2.x code).

    Every tornado loop handles zmq sockets once :mod:`zmq.eventloop.ioloop` is
    imported, so this is tornado's ``AsyncIOLoop`` under the old name.
    """


def install() -> None:
    """Kept for old code: tornado's IOLoop already is the zmq-capable loop.

    Emits a DeprecationWarning; zmq sockets work in ``add_handler`` once this
    module is imported.
    """
    warnings.warn(
        "zmq.eventloop.ioloop.install() is not needed: tornado's IOLoop handles zmq sockets",
        DeprecationWarning,
        stacklevel=2,
    )
    _handlers.enable()


class ZMQPoller:
    """A poller with tornado's interface over ``zmq.Poller``.

    ``register(fd, events)`` takes zmq sockets, int fds or objects with
    ``fileno()`` and tornado events (``IOLoop.READ|WRITE|ERROR``);
    ``poll(timeout)`` waits ``timeout`` *seconds* and returns
    ``[(fd, events), ...]`` in tornado events.
    """

    def __init__(self) -> None:
        self._poller = zmq.Poller()

    def register(self, fd: Any, events: int) -> None:
        """Watch ``fd`` for tornado ``events``."""
        if fd in self._poller:
            raise ValueError(f"{fd!r} is already registered")
        self._poller.register(fd, self._zmq_flags(events))

    def modify(self, fd: Any, events: int) -> None:
        """Change the events ``fd`` is watched for."""
        if fd not in self._poller:
            raise KeyError(f"{fd!r} is not registered")
        self._poller.modify(fd, self._zmq_flags(events))

    def unregister(self, fd: Any) -> None:
        """Stop watching ``fd``."""
        self._poller.unregister(fd)

    def poll(self, timeout: float | None) -> list[tuple[Any, int]]:
        """Wait up to ``timeout`` seconds (None: forever); the ready fds and their events."""
        if timeout is not None and timeout < 0:
            timeout = None
        ready = self._poller.poll(None if timeout is None else timeout * 1000)
        return [(fd, to_tornado(events)) for fd, events in ready]

    def close(self) -> None:
        """Forget every registered fd."""
        self._poller = zmq.Poller()

    @staticmethod
    def _zmq_flags(events: int) -> int:
        if not isinstance(events, int):
            raise TypeError(f"events must be an int of IOLoop.READ/WRITE/ERROR, not {type(events).__name__}")
        flags = to_zmq(events)
        if events & IOLoop.ERROR:
            flags |= int(zmq.POLLERR)
        return flags


def _milliseconds(callback_time: float | datetime.timedelta) -> float:
    if isinstance(callback_time, datetime.timedelta):
        return callback_time / datetime.timedelta(milliseconds=1)
    if not isinstance(callback_time, (int, float)) or isinstance(callback_time, bool):
        raise TypeError(f"callback_time is in milliseconds (a number), not {type(callback_time).__name__}")
    return callback_time


class PeriodicCallback(tornado.ioloop.PeriodicCallback):
    """tornado's PeriodicCallback: ``callback`` every ``callback_time`` ms once started.

    ``io_loop`` (the old argument) pins the loop; by default it is the current
    loop at ``start()``.
    """

    def __init__(
        self,
        callback: Callable[[], Any],
        callback_time: float | datetime.timedelta,
        io_loop: IOLoop | None = None,
        jitter: float = 0,
    ) -> None:
        super().__init__(callback, _milliseconds(callback_time), jitter)
        self._pinned_loop = io_loop

    def start(self) -> None:
        """Start calling back (the first call after ``callback_time``)."""
        super().start()
        if self._pinned_loop is not None and self._pinned_loop is not self.io_loop:
            super().stop()
            self.io_loop = self._pinned_loop
            self._running = True
            self._next_timeout = self.io_loop.time()
            self._schedule_next()


class DelayedCallback:
    """Call ``callback`` once, ``callback_time`` ms after ``start()`` (unless stopped)."""

    def __init__(
        self,
        callback: Callable[[], Any],
        callback_time: float | datetime.timedelta,
        io_loop: IOLoop | None = None,
    ) -> None:
        if not callable(callback):
            raise TypeError("callback must be callable")
        self.callback = callback
        self.callback_time = _milliseconds(callback_time)
        if self.callback_time < 0:
            raise ValueError("callback_time must be >= 0")
        self.io_loop = io_loop
        self._timeout: object = None

    def start(self) -> None:
        """Schedule the call ``callback_time`` ms from now (again, if already started)."""
        self.stop()
        if self.io_loop is None:
            self.io_loop = IOLoop.current()
        self._timeout = self.io_loop.call_later(self.callback_time / 1000, self._run)

    def stop(self) -> None:
        """Cancel the call if it has not happened yet."""
        if self._timeout is not None and self.io_loop is not None:
            self.io_loop.remove_timeout(self._timeout)
        self._timeout = None

    def is_running(self) -> bool:
        """Whether the call is still to come."""
        return self._timeout is not None

    def _run(self) -> Any:
        self._timeout = None
        # tornado's loop logs an exception and awaits a returned coroutine
        return self.callback()

__all__ = [
    "DelayedCallback",
    "IOLoop",
    "PeriodicCallback",
    "ZMQIOLoop",
    "ZMQPoller",
    "install",
]
