# SPDX-License-Identifier: BSD-3-Clause
"""A zmq socket's FD registered through tornado's ``IOLoop.add_handler``.

``ZMQStream`` and ``ZMQIOLoop.add_handler`` register their socket's
:class:`~zmq._loop_shared.watcher.Watcher` with the tornado loop itself (not
behind its back with ``add_reader``), as pyzmq registers a stream's socket.
The loop's ``close(all_fds=True)`` then reaches :meth:`TornadoRegistrar.close`,
which closes every stream and handler on the socket, so ``Context.term()``
does not wait for sockets nobody can close any more (ipykernel's IOPub thread
relies on this). Only tornado's public ``add_handler``/``remove_handler`` are
used: any tornado asyncio loop will do, nothing is patched.
"""

from __future__ import annotations

from typing import Any

from tornado.ioloop import IOLoop

from zmq._loop_shared.watcher import Watcher


class TornadoRegistrar:
    """Registers a Watcher's FD with a tornado IOLoop: a file object with ``fileno()`` and ``close()``."""

    __slots__ = ("io_loop", "watcher")

    def __init__(self, io_loop: IOLoop, watcher: Watcher) -> None:
        self.io_loop = io_loop
        self.watcher = watcher

    def fileno(self) -> int:
        """The zmq socket's FD (what tornado registers)."""
        return self.watcher.fd

    def start(self) -> None:
        """Have the loop call the watcher when the FD is readable."""
        self.io_loop.add_handler(self, self._ready, IOLoop.READ)

    def stop(self) -> None:
        """Unregister (unless the loop is closing: it unregisters everything itself)."""
        if not getattr(self.io_loop, "closing", False):
            self.io_loop.remove_handler(self)

    def close(self) -> None:
        """Called by ``IOLoop.close(all_fds=True)``: close the streams and handlers on the socket."""
        self.watcher.close_all()

    def _ready(self, fileobj: Any, events: int) -> None:
        self.watcher.check()

    def __repr__(self) -> str:
        return f"<zmq socket FD {self.watcher.fd} of {self.watcher.socket!r}>"


def register_with(watcher: Watcher, io_loop: IOLoop) -> None:
    """Make ``io_loop`` own the FD registration of ``watcher`` (while pinned listeners remain)."""
    registrar = watcher.registrar
    if isinstance(registrar, TornadoRegistrar) and registrar.io_loop is io_loop:
        return
    watcher.use_registrar(TornadoRegistrar(io_loop, watcher))


__all__ = ["TornadoRegistrar", "register_with"]
