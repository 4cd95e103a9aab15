# SPDX-License-Identifier: BSD-3-Clause
"""Level-triggered zmq sockets in ``add_handler``: the :class:`ZMQHandlers` mixin.

tornado 6 runs on asyncio and registers an fd's readiness with the selector.
A zmq socket's FD is edge-triggered, so a handler registered on it with
tornado's own ``add_handler`` (which takes the socket through ``fileno()``,
as with pyzmq) fires once per burst, not once per message. Loops built with
:class:`ZMQHandlers` (``zmq.eventloop.ioloop.ZMQIOLoop`` and
``ZMQIOMainLoop``) take a zmq ``Socket`` in
``add_handler``/``update_handler``/``remove_handler`` and call the handler
as long as the socket has the requested events (READ ↔ POLLIN,
WRITE ↔ POLLOUT). Other file descriptors go to tornado unchanged. Nothing
here changes tornado's own classes.
"""

from __future__ import annotations

from typing import Any, Callable

from tornado.ioloop import IOLoop
from tornado.log import app_log

import zmq
from zmq._loop_shared.watcher import Watcher, watcher_for

from ._registration import register_with

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

    __slots__ = ("handlers", "socket", "handler", "zmq_mask", "watcher")

    def __init__(
        self, io_loop: IOLoop, handlers: dict, socket: zmq.Socket, handler: Callable[[Any, int], Any], events: int
    ) -> None:
        self.handlers = handlers
        self.socket = socket
        self.handler = handler
        self.zmq_mask = to_zmq(events)
        self.watcher: Watcher = watcher_for(socket, io_loop.selector_loop)  # type: ignore[attr-defined]
        register_with(self.watcher, io_loop)
        self.watcher.add(self, pin=True)

    def zmq_events(self, events: int) -> None:
        try:
            self.handler(self.socket, to_tornado(events))
        except Exception:
            app_log.error("Exception in zmq socket handler %r", self.handler, exc_info=True)

    def zmq_closed(self) -> None:
        if self.handlers.get(self.socket) is self:
            del self.handlers[self.socket]

    def zmq_close(self) -> None:
        """The loop closes all its fds: so does this socket."""
        self.remove()
        self.socket.close()

    def update(self, events: int) -> None:
        self.zmq_mask = to_zmq(events)
        self.watcher.update()

    def remove(self) -> None:
        self.zmq_mask = 0
        self.zmq_closed()
        self.watcher.remove(self)


class ZMQHandlers:
    """Mixin for a tornado asyncio IOLoop: zmq sockets in ``add_handler`` are level-triggered."""

    _zmq_socket_handlers: dict[zmq.Socket, SocketHandler]

    def add_handler(self, fd: Any, handler: Callable[..., None], events: int) -> None:
        """tornado's add_handler; a zmq Socket gets a level-triggered handler.

        The handler is called as ``handler(socket, events)`` for as long as
        the socket has one of ``events`` (``IOLoop.READ``/``WRITE``).
        """
        if not isinstance(fd, zmq.Socket):
            return super().add_handler(fd, handler, events)  # type: ignore[misc]
        handlers = self._socket_handlers()
        if fd in handlers:
            raise ValueError(f"{fd!r} added twice")
        handlers[fd] = SocketHandler(self, handlers, fd, handler, events)  # type: ignore[arg-type]

    def update_handler(self, fd: Any, events: int) -> None:
        """tornado's update_handler, zmq sockets included."""
        if not isinstance(fd, zmq.Socket):
            return super().update_handler(fd, events)  # type: ignore[misc]
        handler = self._socket_handlers().get(fd)
        if handler is None:
            raise KeyError(f"{fd!r} has no handler")
        handler.update(events)

    def remove_handler(self, fd: Any) -> None:
        """tornado's remove_handler, zmq sockets included."""
        if not isinstance(fd, zmq.Socket):
            return super().remove_handler(fd)  # type: ignore[misc]
        handler = self._socket_handlers().get(fd)
        if handler is not None:
            handler.remove()

    def _socket_handlers(self) -> dict[zmq.Socket, SocketHandler]:
        handlers = self.__dict__.get("_zmq_socket_handlers")
        if handlers is None:
            handlers = self._zmq_socket_handlers = {}
        return handlers


__all__ = ["SocketHandler", "ZMQHandlers", "to_tornado", "to_zmq"]
