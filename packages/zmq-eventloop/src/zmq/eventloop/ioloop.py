# SPDX-License-Identifier: BSD-3-Clause
"""tornado's IOLoop, and the opt-in loop whose ``add_handler`` takes zmq sockets level-triggered.

``IOLoop`` *is* ``tornado.ioloop.IOLoop`` (as in pyzmq 27): any tornado
application runs on it, and ``ZMQStream`` and the futures of
:mod:`zmq.eventloop.future` work on every tornado loop. Importing this module
changes nothing in tornado.

tornado's own ``add_handler(socket, handler, IOLoop.READ)`` takes a zmq
socket through its ``fileno()`` (libzmq's FD), which is *edge-triggered*:
the handler runs when the socket's state may have changed, and must drain
it (as with pyzmq). For *level-triggered* handlers, called as long as
messages wait, use a :class:`ZMQIOLoop` (a new loop, like ``IOLoop()``) or a
:class:`ZMQIOMainLoop` (the running asyncio loop, made before anything asks
for ``IOLoop.current()``). ``IOLoop.READ/WRITE/ERROR`` keep tornado's values.

Also here: :class:`ZMQPoller` (tornado-style events over ``zmq.Poller``),
:class:`PeriodicCallback` and :class:`DelayedCallback` (times in ms, optional
``io_loop``), and :func:`install` (deprecated, as in pyzmq).
"""

from __future__ import annotations

import datetime
import numbers
import warnings
from typing import Any, Callable

import tornado.ioloop
from tornado.ioloop import IOLoop
from tornado.platform.asyncio import AsyncIOLoop, AsyncIOMainLoop

import zmq

from ._handlers import ZMQHandlers, to_tornado, to_zmq


class ZMQIOLoop(ZMQHandlers, AsyncIOLoop):
    """A new tornado IOLoop (on a new asyncio loop) whose ``add_handler`` takes zmq sockets level-triggered.

    Made like ``IOLoop()``; ``add_handler(socket, handler, IOLoop.READ)`` calls ``handler(socket, events)``
    as long as a message waits; ``update_handler``/``remove_handler`` take
    the socket too; ``close(all_fds=True)`` closes it. Other fds behave as in
    tornado.
    """


class ZMQIOMainLoop(ZMQHandlers, AsyncIOMainLoop):
    """tornado's wrapper of the current asyncio loop, with level-triggered zmq handlers.

    Create it first thing in the coroutine given to ``asyncio.run`` (before
    anything calls ``IOLoop.current()``, which would make a plain wrapper);
    ``IOLoop.current()`` then returns it.
    """


def install() -> None:
    """Deprecated, does nothing (as in pyzmq 17+): tornado's IOLoop runs ZMQStream.

    For level-triggered zmq handlers use :class:`ZMQIOLoop` or
    :class:`ZMQIOMainLoop`.
    """
    warnings.warn(
        "zmq.eventloop.ioloop.install() is deprecated and does nothing: tornado's IOLoop runs ZMQStream "
        "(use ZMQIOLoop for level-triggered zmq socket handlers)",
        DeprecationWarning,
        stacklevel=2,
    )


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

    ``PeriodicCallback(callback, callback_time, jitter)`` as in tornado (and
    pyzmq 27): a number in third place is the ``jitter``. An IOLoop there
    (or ``io_loop=``, the old pyzmq argument) pins the loop; by default it is
    the current loop at ``start()``.
    """

    def __init__(
        self,
        callback: Callable[[], Any],
        callback_time: float | datetime.timedelta,
        io_loop: IOLoop | float | None = None,
        jitter: float = 0,
    ) -> None:
        if io_loop is not None and not isinstance(io_loop, IOLoop):
            if not isinstance(io_loop, numbers.Real) or isinstance(io_loop, bool):
                raise TypeError(
                    f"the third argument is the jitter (a number) or an IOLoop, not {type(io_loop).__name__}"
                )
            if jitter:
                raise TypeError("jitter given twice (third argument and jitter=)")
            io_loop, jitter = None, io_loop
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
    "ZMQIOMainLoop",
    "ZMQPoller",
    "install",
]
