# SPDX-License-Identifier: BSD-3-Clause
"""Awaitable ``Poller`` for asyncio: zmq sockets and plain file descriptors."""

from __future__ import annotations

import asyncio
from typing import Any

import zmq
from zmq._loop_shared.watcher import watcher_for

from ._future import running_loop

_POLLIN = int(zmq.POLLIN)
_POLLOUT = int(zmq.POLLOUT)
_poll_now = zmq.Poller.poll


class _ZMQSocketListener:
    """Wakes a :class:`_PollWait` when its zmq socket has a wanted event."""

    __slots__ = ("wait", "zmq_mask")

    def __init__(self, wait: _PollWait, mask: int) -> None:
        self.wait = wait
        self.zmq_mask = mask

    def zmq_events(self, events: int) -> None:
        self.wait.wake()

    def zmq_closed(self) -> None:
        self.wait.cancel()


class _PollWait:
    """One pending ``Poller.poll()``: watches every registered socket and fd until one is ready."""

    def __init__(self, poller: zmq.Poller, loop: asyncio.AbstractEventLoop, future: asyncio.Future) -> None:
        self.poller = poller
        self.loop = loop
        self.future = future
        self.watching: list[tuple[Any, Any]] = []  # (watcher, listener)
        self.readers: list[int] = []
        self.writers: list[int] = []
        self.timer: asyncio.TimerHandle | None = None

    def start(self, timeout: float | None) -> None:
        try:
            for sock, flags in self.poller.sockets:
                if isinstance(sock, zmq.Socket):
                    mask = flags & (_POLLIN | _POLLOUT)
                    if mask:
                        listener = _ZMQSocketListener(self, mask)
                        watcher = watcher_for(sock, self.loop)
                        watcher.add(listener)
                        self.watching.append((watcher, listener))
                else:
                    fd = sock if isinstance(sock, int) else sock.fileno()
                    if flags & _POLLIN:
                        self.loop.add_reader(fd, self.wake)
                        self.readers.append(fd)
                    if flags & _POLLOUT:
                        self.loop.add_writer(fd, self.wake)
                        self.writers.append(fd)
        except BaseException:
            self.cleanup()
            raise
        if timeout is not None and timeout >= 0:
            self.timer = self.loop.call_later(timeout / 1000, self.expire)
        self.future.add_done_callback(lambda _: self.cleanup())

    def wake(self) -> None:
        if self.future.done():
            return
        try:
            ready = _poll_now(self.poller, 0)
        except Exception as error:
            self.future.set_exception(error)
            return
        if ready:
            self.future.set_result(ready)

    def expire(self) -> None:
        self.timer = None
        if not self.future.done():
            self.future.set_result([])

    def cancel(self) -> None:
        self.future.cancel()

    def cleanup(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        for watcher, listener in self.watching:
            watcher.remove(listener)
        self.watching = []
        for fd in self.readers:
            self.loop.remove_reader(fd)
        for fd in self.writers:
            self.loop.remove_writer(fd)
        self.readers = self.writers = []


class Poller(zmq.Poller):
    """A ``zmq.Poller`` whose ``poll()`` returns a future.

    Register zmq sockets (plain or async) and file descriptors (ints or objects
    with ``fileno()``) as usual; ``await poller.poll(timeout)`` gives
    ``[(socket, events), ...]``, an empty list when ``timeout`` (ms) passes.
    An object registered by its ``fileno()`` is reported as that integer fd,
    as ``zmq.Poller`` (whose results these are) and pyzmq do.
    """

    def poll(self, timeout: float | None = None) -> asyncio.Future:  # type: ignore[override]
        """Future of the ready ``[(socket, events), ...]`` within ``timeout`` ms (None: forever)."""
        loop = running_loop()
        future = loop.create_future()
        try:
            ready = _poll_now(self, 0)
        except zmq.ZMQError as error:
            future.set_exception(error)
            return future
        if ready or timeout == 0:
            future.set_result(ready)
            return future
        _PollWait(self, loop, future).start(timeout)
        return future


__all__ = ["Poller"]
