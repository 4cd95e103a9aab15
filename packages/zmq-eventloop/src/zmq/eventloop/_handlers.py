# SPDX-License-Identifier: BSD-3-Clause
"""Level-triggered zmq sockets in tornado's ``IOLoop.add_handler``.

tornado 6 runs on asyncio and registers an fd's readiness with the selector.
A zmq socket's FD is edge-triggered, so a handler registered on it would fire
once per burst, not once per message. :func:`enable` teaches every tornado
asyncio loop (``BaseAsyncIOLoop``) to take a zmq ``Socket`` in
``add_handler``/``update_handler``/``remove_handler`` and call the handler as
long as the socket has the requested events (READ ↔ POLLIN, WRITE ↔ POLLOUT).
Other file descriptors go to tornado unchanged.
"""

from __future__ import annotations

from typing import Any, Callable

from tornado.ioloop import IOLoop
from tornado.log import app_log
from tornado.platform.asyncio import BaseAsyncIOLoop

import zmq
from zmq.asyncio._watcher import Watcher, watcher_for

_READ, _WRITE, _ERROR = IOLoop.READ, IOLoop.WRITE, IOLoop.ERROR
_POLLIN, _POLLOUT = int(zmq.POLLIN), int(zmq.POLLOUT)


def to_zmq(events: int) -> int:
    """tornado READ/WRITE → zmq POLLIN/POLLOUT (ERROR has no zmq counterpart)."""
    return (_POLLIN if events & _READ else 0) | (_POLLOUT if events & _WRITE else 0)


def to_tornado(events: int) -> int:
    """zmq POLLIN/POLLOUT/POLLERR → tornado READ/WRITE/ERROR."""
    return (
        (_READ if events & _POLLIN else 0)
        | (_WRITE if events & _POLLOUT else 0)
        | (_ERROR if events & int(zmq.POLLERR) else 0)
    )


class SocketHandler:
    """A tornado handler on a zmq socket: a listener of the socket's Watcher."""

    __slots__ = ("io_loop", "socket", "handler", "zmq_mask", "watcher")

    def __init__(self, io_loop: IOLoop, socket: zmq.Socket, handler: Callable[[Any, int], Any], events: int) -> None:
        self.io_loop = io_loop
        self.socket = socket
        self.handler = handler
        self.zmq_mask = to_zmq(events)
        self.watcher: Watcher = watcher_for(socket, io_loop.selector_loop)  # type: ignore[attr-defined]
        self.watcher.add(self)

    def zmq_events(self, events: int) -> None:
        try:
            self.handler(self.socket, to_tornado(events))
        except Exception:
            app_log.error("Exception in zmq socket handler %r", self.handler, exc_info=True)

    def zmq_closed(self) -> None:
        handlers = _socket_handlers(self.io_loop)
        if handlers.get(self.socket) is self:
            del handlers[self.socket]

    def update(self, events: int) -> None:
        self.zmq_mask = to_zmq(events)
        self.watcher.update()

    def remove(self) -> None:
        self.zmq_mask = 0
        self.watcher.remove(self)


def _socket_handlers(io_loop: Any) -> dict[zmq.Socket, SocketHandler]:
    handlers = io_loop.__dict__.get("_zmq_socket_handlers")
    if handlers is None:
        handlers = io_loop._zmq_socket_handlers = {}
    return handlers


_tornado_add = BaseAsyncIOLoop.add_handler
_tornado_update = BaseAsyncIOLoop.update_handler
_tornado_remove = BaseAsyncIOLoop.remove_handler
_tornado_close = BaseAsyncIOLoop.close


def add_handler(self: Any, fd: Any, handler: Callable[..., None], events: int) -> None:
    """tornado's add_handler; a zmq Socket gets a level-triggered handler."""
    if not isinstance(fd, zmq.Socket):
        return _tornado_add(self, fd, handler, events)
    handlers = _socket_handlers(self)
    if fd in handlers:
        raise ValueError(f"{fd!r} added twice")
    handlers[fd] = SocketHandler(self, fd, handler, events)


def update_handler(self: Any, fd: Any, events: int) -> None:
    """tornado's update_handler, zmq sockets included."""
    if not isinstance(fd, zmq.Socket):
        return _tornado_update(self, fd, events)
    handler = _socket_handlers(self).get(fd)
    if handler is None:
        raise KeyError(f"{fd!r} has no handler")
    handler.update(events)


def remove_handler(self: Any, fd: Any) -> None:
    """tornado's remove_handler, zmq sockets included."""
    if not isinstance(fd, zmq.Socket):
        return _tornado_remove(self, fd)
    handler = _socket_handlers(self).pop(fd, None)
    if handler is not None:
        handler.remove()


def close(self: Any, all_fds: bool = False) -> None:
    """tornado's close; zmq socket handlers are removed (and the sockets closed with all_fds)."""
    for socket in list(_socket_handlers(self)):
        remove_handler(self, socket)
        if all_fds:
            socket.close()
    _tornado_close(self, all_fds)


def enable() -> None:
    """Make tornado's asyncio loops accept zmq sockets in add_handler (idempotent)."""
    if BaseAsyncIOLoop.add_handler is add_handler:
        return
    BaseAsyncIOLoop.add_handler = add_handler  # type: ignore[method-assign]
    BaseAsyncIOLoop.update_handler = update_handler  # type: ignore[method-assign]
    BaseAsyncIOLoop.remove_handler = remove_handler  # type: ignore[method-assign]
    BaseAsyncIOLoop.close = close  # type: ignore[method-assign]


__all__ = ["SocketHandler", "enable", "to_tornado", "to_zmq"]
