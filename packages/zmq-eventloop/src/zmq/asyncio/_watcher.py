# SPDX-License-Identifier: BSD-3-Clause
"""Level-triggered readiness of a zmq socket on an asyncio loop.

libzmq's ``FD`` is edge-triggered: it becomes readable when the socket's state
*may* have changed, and reading ``EVENTS`` resets it. A :class:`Watcher` turns
that into level-triggered callbacks: whenever the FD fires, and again on the
next loop iteration after every callback that found work, it reads ``EVENTS``
and calls each listener whose mask matches. It stops re-checking only after a
read of ``EVENTS`` that found nothing a listener wants; from then on libzmq
signals the FD on the next change, so no message is missed.

Code that reads ``EVENTS`` (or polls the socket) behind the watcher's back
consumes the edge too; async sockets report their own EVENTS reads, and for
plain sockets a slow safety re-check (every :data:`RECHECK_INTERVAL` seconds
while someone waits) bounds the delay instead of leaving a message stranded.

Several listeners may share one socket (asyncio allows one reader per FD):
the async socket's own send/recv queue, ``poll()`` futures, a ``ZMQStream`` or
a tornado ``add_handler``.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import Protocol

import zmq

_POLLIN = int(zmq.POLLIN)
_POLLOUT = int(zmq.POLLOUT)
_EVENTS = int(zmq.EVENTS)
_FD = int(zmq.FD)
# the plain getter: an async socket's own ``get(EVENTS)`` asks for a re-check
_get = zmq.Socket.get

#: seconds between safety re-checks of a waited-on socket (see module doc)
RECHECK_INTERVAL = 0.5


class Listener(Protocol):
    """What a :class:`Watcher` calls: ``zmq_mask`` says which events it wants now."""

    zmq_mask: int

    def zmq_events(self, events: int) -> None:
        """Called with ``EVENTS & zmq_mask`` (never 0)."""

    def zmq_closed(self) -> None:
        """Called once if the socket turns out to be closed under the listener."""


class Watcher:
    """Level-triggered events of one zmq socket on one asyncio loop (see module doc)."""

    __slots__ = ("loop", "socket", "fd", "listeners", "reading", "scheduled", "timer", "__weakref__")

    def __init__(self, loop: asyncio.AbstractEventLoop, socket: zmq.Socket) -> None:
        self.loop = loop
        self.socket = socket
        self.fd: int = _get(socket, _FD)
        self.listeners: list[Listener] = []
        self.reading = False
        self.scheduled = False
        self.timer: asyncio.TimerHandle | None = None

    def add(self, listener: Listener) -> None:
        """Start calling ``listener`` (with whatever ``zmq_mask`` it sets)."""
        if listener not in self.listeners:
            self.listeners.append(listener)
        self.update()

    def remove(self, listener: Listener, lazy: bool = False) -> None:
        """Stop calling ``listener``; the last one gone, the watcher is dropped.

        ``lazy``: keep the FD registered until the next wake-up finds nobody
        interested (saves re-registering it for request/reply patterns). Only
        for owners that close the watcher themselves before closing the socket.
        """
        try:
            self.listeners.remove(listener)
        except ValueError:
            pass
        if self.listeners or lazy:
            self.update(lazy)
        else:
            self.close()

    def update(self, lazy: bool = False) -> None:
        """Re-read the listeners' masks: watch the FD while any wants something."""
        wanted = any(listener.zmq_mask for listener in self.listeners)
        if wanted:
            if not self.reading:
                if self.socket.closed:
                    self._socket_closed()
                    return
                self.loop.add_reader(self.fd, self._check)
                self.reading = True
                self.timer = self.loop.call_later(RECHECK_INTERVAL, self._recheck)
            # the edge may already have been consumed (by a recv or an EVENTS read)
            self.schedule()
        elif self.reading and not lazy:
            self._stop_reading()
            if not self.listeners:
                _forget(self)

    def schedule(self) -> None:
        """Check ``EVENTS`` on the next loop iteration (a missed edge is harmless)."""
        if not self.scheduled and self.reading:
            self.scheduled = True
            self.loop.call_soon(self._scheduled_check)

    def _scheduled_check(self) -> None:
        self.scheduled = False
        self._check()

    def _recheck(self) -> None:
        self.timer = None
        if self.reading:
            self.timer = self.loop.call_later(RECHECK_INTERVAL, self._recheck)
            self._check()

    def _check(self) -> None:
        if not self.reading:
            return
        socket = self.socket
        if socket.closed:
            self._socket_closed()
            return
        if not any(listener.zmq_mask for listener in self.listeners):
            # idle after a lazy removal: stop watching now
            self._stop_reading()
            if not self.listeners:
                _forget(self)
            return
        try:
            events = _get(socket, _EVENTS)
        except zmq.ZMQError:  # context terminated under us
            self._socket_closed()
            return
        found = False
        for listener in tuple(self.listeners):
            mask = listener.zmq_mask & events
            if mask:
                found = True
                try:
                    listener.zmq_events(mask)
                except Exception as error:  # listeners log their own; this is a last resort
                    self.loop.call_exception_handler(
                        {"message": f"zmq socket listener {listener!r} failed", "exception": error}
                    )
        if found:
            # level-triggered: come back while there is work (one unit per wake-up,
            # so other tasks and sockets get their turn)
            self.schedule()

    def _stop_reading(self) -> None:
        self.reading = False
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        try:
            self.loop.remove_reader(self.fd)
        except (OSError, ValueError, RuntimeError):
            pass  # loop already closed, or the fd with it

    def _socket_closed(self) -> None:
        if self.reading:
            self._stop_reading()
        listeners, self.listeners = self.listeners, []
        for listener in listeners:
            listener.zmq_closed()
        _forget(self)

    def close(self) -> None:
        """Stop watching (call before the socket is closed: its FD goes with it)."""
        if self.reading:
            self._stop_reading()
        self.listeners = []
        _forget(self)


# socket → its Watcher (one per socket: asyncio allows one reader per FD)
_watchers: weakref.WeakKeyDictionary[zmq.Socket, Watcher] = weakref.WeakKeyDictionary()


def watcher_for(socket: zmq.Socket, loop: asyncio.AbstractEventLoop) -> Watcher:
    """The socket's Watcher on ``loop`` (created on first use).

    RuntimeError if the socket is already being watched by another, still
    running, loop.
    """
    watcher = _watchers.get(socket)
    if watcher is not None:
        if watcher.loop is loop:
            return watcher
        if watcher.listeners and not watcher.loop.is_closed():
            raise RuntimeError(f"{socket!r} is already in use by another event loop")
        watcher.close()
    if socket.closed:
        raise zmq.ZMQError(zmq.ENOTSOCK, "the socket is closed")
    watcher = Watcher(loop, socket)
    _watchers[socket] = watcher
    return watcher


def existing_watcher(socket: zmq.Socket) -> Watcher | None:
    """The socket's Watcher if it has one."""
    return _watchers.get(socket)


def _forget(watcher: Watcher) -> None:
    try:
        if _watchers.get(watcher.socket) is watcher:
            del _watchers[watcher.socket]
    except TypeError:
        pass


__all__ = ["Listener", "Watcher", "existing_watcher", "watcher_for"]
