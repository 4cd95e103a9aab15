# SPDX-License-Identifier: LGPL-3.0-or-later
"""Poller and select over zmq sockets, fds and objects with ``fileno()``."""

from __future__ import annotations

from ._zmq import _poll as zmq_poll
from ..constants import PollEvent

POLLIN, POLLOUT, POLLERR = PollEvent.POLLIN, PollEvent.POLLOUT, PollEvent.POLLERR

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class Poller:
    """Wait for events on several sockets at once.

    ``register(socket, flags)`` accepts zmq Sockets, int fds and objects with
    ``fileno()``; ``poll(timeout_ms)`` returns ``[(socket, events), ...]`` for
    the ready ones: zmq Sockets as registered, anything else as its int fd
    (as pyzmq reports them).
    """

    def __init__(self) -> None:
        #: ``[(socket, flags), ...]`` in registration order
        self.sockets: list[tuple[Any, int]] = []
        self._index: dict[Any, int] = {}

    def __contains__(self, socket: Any) -> bool:
        return socket in self._index

    def register(self, socket: Any, flags: int = POLLIN | POLLOUT) -> None:
        """Watch ``socket`` for ``flags``; flags=0 unregisters (if registered)."""
        if flags:
            if socket in self._index:
                self.sockets[self._index[socket]] = (socket, flags)
            else:
                self._index[socket] = len(self.sockets)
                self.sockets.append((socket, flags))
        elif socket in self._index:
            self.unregister(socket)

    def modify(self, socket: Any, flags: int = POLLIN | POLLOUT) -> None:
        """Change the flags ``socket`` is watched for (same as ``register``)."""
        self.register(socket, flags)

    def unregister(self, socket: Any) -> None:
        """Stop watching ``socket`` (KeyError if it is not registered)."""
        position = self._index.pop(socket)
        del self.sockets[position]
        for moved, _ in self.sockets[position:]:
            self._index[moved] -= 1

    def poll(self, timeout: float | None = None) -> list[tuple[Any, int]]:
        """Wait up to ``timeout`` milliseconds (None or negative: forever).

        Returns ``[(socket, events), ...]``; fractional milliseconds are
        truncated.
        """
        if not self.sockets:  # nothing to wait for: at once, as pyzmq
            return []
        if timeout is None or timeout < 0:
            timeout = -1
        return zmq_poll(self.sockets, int(timeout))


def select(rlist: list, wlist: list, xlist: list, timeout: float | None = None) -> tuple[list, list, list]:
    """``select.select`` for zmq sockets (and fds): timeout in seconds.

    Returns ``(readable, writable, errored)``: zmq Sockets as given, anything
    else as its int fd.
    """
    timeout_ms = -1 if timeout is None or timeout < 0 else int(timeout * 1000)
    flags: dict[Any, int] = {}
    for sockets, flag in ((rlist, POLLIN), (wlist, POLLOUT), (xlist, POLLERR)):
        for sock in sockets:
            flags[sock] = flags.get(sock, 0) | flag
    if not flags:  # nothing to wait for: at once, as pyzmq
        return [], [], []
    ready = zmq_poll(list(flags.items()), timeout_ms)
    readable = [s for s, events in ready if events & POLLIN]
    writable = [s for s, events in ready if events & POLLOUT]
    errored = [s for s, events in ready if events & POLLERR]
    return readable, writable, errored


__all__ = ["Poller", "select", "zmq_poll"]
