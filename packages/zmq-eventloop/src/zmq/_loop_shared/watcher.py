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

Several listeners may share one socket (asyncio allows one reader per FD, so
there is one watcher per libzmq socket, shadows included): the async socket's
own send/recv queue, ``poll()`` futures, a ``ZMQStream`` or a tornado
``add_handler``.

The FD is registered with ``loop.add_reader`` unless a :class:`Registrar` is
attached: ``zmq.eventloop`` attaches one that registers it through tornado's
``IOLoop.add_handler``, so ``IOLoop.close(all_fds=True)`` reaches the
socket's listeners. Listeners added with ``pin=True`` keep the FD registered
even while they want nothing (the watcher then only resets the edge); when
the last of them goes, so does the registrar.
"""

from __future__ import annotations

import asyncio
from asyncio import _get_running_loop  # C fast path, None outside a running loop
from typing import Protocol

import zmq

_EVENTS = int(zmq.EVENTS)
_FD = int(zmq.FD)
# the plain getter: an async socket's own ``get(EVENTS)`` asks for a re-check
_get = zmq.Socket.get

#: seconds between safety re-checks of a waited-on socket (see module doc)
RECHECK_INTERVAL = 0.5


class Listener(Protocol):
    """What a :class:`Watcher` calls: ``zmq_mask`` says which events it wants now.

    A listener may also define ``zmq_close()``: called when the loop closes
    every fd it watches (tornado's ``IOLoop.close(all_fds=True)``).
    """

    zmq_mask: int

    def zmq_events(self, events: int) -> None:
        """Called with ``EVENTS & zmq_mask`` (never 0)."""

    def zmq_closed(self) -> None:
        """Called once if the socket turns out to be closed under the listener."""


class Registrar(Protocol):
    """Registers a watcher's FD with something other than ``loop.add_reader``."""

    def start(self) -> None:
        """Call ``watcher.check()`` whenever the FD is readable."""

    def stop(self) -> None:
        """Stop calling back."""


class Watcher:
    """Level-triggered events of one zmq socket on one asyncio loop (see module doc)."""

    __slots__ = ("loop", "socket", "key", "fd", "listeners", "pinned", "registrar", "reading", "scheduled", "timer")

    def __init__(self, loop: asyncio.AbstractEventLoop, socket: zmq.Socket, key: int) -> None:
        self.loop = loop
        self.socket = socket
        self.key = key
        self.fd: int = _get(socket, _FD)
        self.listeners: list[Listener] = []
        self.pinned: list[Listener] = []
        self.registrar: Registrar | None = None
        self.reading = False
        self.scheduled = False
        self.timer: asyncio.TimerHandle | None = None

    def add(self, listener: Listener, pin: bool = False) -> None:
        """Start calling ``listener`` (with whatever ``zmq_mask`` it sets).

        ``pin``: keep the FD registered as long as ``listener`` is here.
        """
        if listener not in self.listeners:
            self.listeners.append(listener)
        if pin and listener not in self.pinned:
            self.pinned.append(listener)
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
        was_pinned = listener in self.pinned
        if was_pinned:
            self.pinned.remove(listener)
        if not self.listeners and not lazy:
            self.close()
        elif was_pinned and not self.pinned and self.registrar is not None:
            # the registrar served the pinned listeners: back to add_reader
            self.use_registrar(None)
        else:
            self.update(lazy)

    def use_registrar(self, registrar: Registrar | None) -> None:
        """Register the FD through ``registrar`` from now on (None: ``loop.add_reader``)."""
        if registrar is self.registrar:
            return
        if self.reading:
            self._stop_reading()
        self.registrar = registrar
        self.update()

    def wanted(self) -> bool:
        """Whether any listener wants an event now."""
        return any(listener.zmq_mask for listener in self.listeners)

    def update(self, lazy: bool = False) -> None:
        """Re-read the listeners' masks: watch the FD while any wants something (or is pinned).

        From another thread while the loop runs (ipykernel calls ``on_recv`` in
        its main thread on a stream of its shell thread's loop), the loop's own
        thread does it, woken up: ``call_soon`` from elsewhere would wait for
        an unrelated wake-up, and a message already queued would never be read.
        """
        if _get_running_loop() is not self.loop and self.loop.is_running():
            self.loop.call_soon_threadsafe(self.update, lazy)
            return
        wanted = False
        for listener in self.listeners:
            if listener.zmq_mask:
                wanted = True
                break
        if wanted or self.pinned:
            if not self.reading:
                if self.socket.closed:
                    self._socket_closed()
                    return
                self._start_reading()
            if wanted:
                if self.timer is None:
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
        self.check()

    def _recheck(self) -> None:
        self.timer = None
        if self.reading and self.wanted():
            self.timer = self.loop.call_later(RECHECK_INTERVAL, self._recheck)
            self.check()

    def check(self) -> None:
        """Read ``EVENTS`` and call the listeners that want what it shows."""
        if not self.reading:
            return
        socket = self.socket
        if socket.closed:
            self._socket_closed()
            return
        try:
            events = _get(socket, _EVENTS)  # also resets the FD's edge
        except zmq.ZMQError:  # context terminated under us
            self._socket_closed()
            return
        found = wanted = False
        for listener in tuple(self.listeners):
            want = listener.zmq_mask
            if want:
                wanted = True
                mask = want & events
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
        elif not wanted and not self.pinned:
            # idle after a lazy removal: stop watching now
            self._stop_reading()
            if not self.listeners:
                _forget(self)

    def _start_reading(self) -> None:
        if self.registrar is not None:
            self.registrar.start()
        else:
            self.loop.add_reader(self.fd, self.check)
        self.reading = True

    def _stop_reading(self) -> None:
        self.reading = False
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        try:
            if self.registrar is not None:
                self.registrar.stop()
            else:
                self.loop.remove_reader(self.fd)
        except (OSError, ValueError, RuntimeError):
            pass  # loop already closed, or the fd with it

    def _socket_closed(self) -> None:
        if self.reading:
            self._stop_reading()
        listeners, self.listeners, self.pinned = self.listeners, [], []
        for listener in listeners:
            listener.zmq_closed()
        _forget(self)

    def close_all(self) -> None:
        """The loop closes every fd it watches: each listener with ``zmq_close`` closes itself.

        The registration is gone already; the socket's remaining listeners are
        told it closed if one of them closed it.
        """
        self.reading = False
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        for listener in tuple(self.listeners):
            closer = getattr(listener, "zmq_close", None)
            if closer is not None:
                closer()
        if self.listeners and self.socket.closed:
            self._socket_closed()

    def close(self) -> None:
        """Stop watching (call before the socket is closed: its FD goes with it)."""
        if self.reading:
            self._stop_reading()
        self.listeners = []
        self.pinned = []
        _forget(self)


# libzmq socket address → its Watcher (one per socket and its shadows: asyncio
# allows one reader per FD). Watchers live only while they have listeners.
_watchers: dict[int, Watcher] = {}


def watcher_for(socket: zmq.Socket, loop: asyncio.AbstractEventLoop) -> Watcher:
    """The socket's Watcher on ``loop`` (created on first use).

    RuntimeError if the socket is already being watched by another, still
    running, loop.
    """
    if socket.closed:
        raise zmq.ZMQError(zmq.ENOTSOCK, "the socket is closed")
    key = socket.underlying
    watcher = _watchers.get(key)
    if watcher is not None:
        if watcher.socket.closed:
            # a socket closed without anyone looking; its address was reused
            watcher._socket_closed()
        elif watcher.loop is loop:
            return watcher
        elif watcher.listeners and not watcher.loop.is_closed():
            raise RuntimeError(f"{socket!r} is already in use by another event loop")
        else:
            watcher.close()
    watcher = Watcher(loop, socket, key)
    _watchers[key] = watcher
    return watcher


def existing_watcher(socket: zmq.Socket) -> Watcher | None:
    """The socket's Watcher if it has one."""
    if socket.closed:
        return None
    watcher = _watchers.get(socket.underlying)
    if watcher is not None and watcher.socket.closed:
        return None
    return watcher


def _forget(watcher: Watcher) -> None:
    if _watchers.get(watcher.key) is watcher:
        del _watchers[watcher.key]


__all__ = ["Listener", "Registrar", "Watcher", "existing_watcher", "watcher_for"]
