# SPDX-License-Identifier: BSD-3-Clause
"""Forward a local TCP port through a paramiko transport (like ``ssh -L``).

Each connection accepted on ``127.0.0.1:local_port`` gets its own
``direct-tcpip`` channel to ``remote_host:remote_port`` (as the ssh server
sees it) and bytes are copied both ways until either side closes.
"""

from __future__ import annotations

import select
import socket
import socketserver
import threading
import time
from typing import Any

from .addresses import check_port

__all__ = ["ForwardServer", "make_forward_server", "forward_tunnel"]

_CHUNK = 65536
_POLL = 0.5  # seconds between checks whether the server is shutting down


class _ForwardHandler(socketserver.BaseRequestHandler):
    server: ForwardServer

    def handle(self) -> None:
        server = self.server
        sock: socket.socket = self.request
        try:
            channel = server.transport.open_channel(
                "direct-tcpip", (server.remote_host, server.remote_port),
                sock.getpeername()[:2], timeout=server.channel_timeout)
        except Exception as exc:  # the server refused: drop this connection only
            server.note_error(f"cannot open a channel to {server.remote_host}:{server.remote_port}: {exc}")
            return
        if channel is None:
            return
        server.connection_started(sock, channel)
        try:
            self._pump(sock, channel)
        finally:
            server.connection_ended(sock, channel)
            channel.close()

    def _pump(self, sock: socket.socket, channel: Any) -> None:
        server = self.server
        while not server.closing:
            readable, _, _ = select.select([sock, channel], [], [], _POLL)
            if sock in readable:
                data = sock.recv(_CHUNK)
                if not data:
                    return
                channel.sendall(data)
            if channel in readable:
                data = channel.recv(_CHUNK)
                if not data:
                    return
                sock.sendall(data)


class ForwardServer(socketserver.ThreadingTCPServer):
    """A TCP server on ``127.0.0.1:local_port`` forwarding through ``transport``.

    ``active_connections`` counts the connections being forwarded and
    ``last_active`` is the ``time.monotonic()`` when the last one ended (or the
    server started), so an owner can end the server once it is idle.
    ``server_close()`` also cuts the open connections.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, local_port: int, remote_host: str, remote_port: int, transport: Any,
                 *, bind_host: str = "127.0.0.1", channel_timeout: float = 30.0) -> None:
        self.remote_host = remote_host
        self.remote_port = remote_port
        self.transport = transport
        self.channel_timeout = channel_timeout
        self.closing = False
        self.errors: list[str] = []
        self.last_active = time.monotonic()
        self._open: dict[socket.socket, Any] = {}
        self._lock = threading.Lock()
        super().__init__((bind_host, local_port), _ForwardHandler)

    @property
    def local_port(self) -> int:
        """The port the server listens on."""
        return self.server_address[1]

    @property
    def active_connections(self) -> int:
        """How many connections are being forwarded right now."""
        with self._lock:
            return len(self._open)

    def connection_started(self, sock: socket.socket, channel: Any) -> None:
        """Record a forwarded connection (called by the handler)."""
        with self._lock:
            self._open[sock] = channel
            self.last_active = time.monotonic()

    def connection_ended(self, sock: socket.socket, channel: Any) -> None:
        """Forget a forwarded connection (called by the handler)."""
        with self._lock:
            self._open.pop(sock, None)
            self.last_active = time.monotonic()

    def note_error(self, message: str) -> None:
        """Keep the last few forwarding errors (a refused channel does not stop the server)."""
        with self._lock:
            self.errors = (self.errors + [message])[-20:]

    def server_close(self) -> None:
        """Stop listening and cut every forwarded connection."""
        self.closing = True
        super().server_close()
        with self._lock:
            open_now = list(self._open.items())
        for sock, channel in open_now:
            for end in (sock, channel):
                try:
                    end.close()
                except Exception:
                    pass


def make_forward_server(local_port: int, remote_host: str, remote_port: int, transport: Any,
                        *, bind_host: str = "127.0.0.1") -> ForwardServer:
    """A bound (not yet serving) :class:`ForwardServer`; call ``serve_forever()`` on it.

    ``local_port`` 0 picks a free port (see ``server.local_port``).
    """
    if isinstance(local_port, bool) or not isinstance(local_port, int):
        raise TypeError(f"local_port must be an int, not {type(local_port).__name__}")
    if local_port != 0:
        check_port(local_port, "local_port")
    check_port(remote_port, "remote_port")
    if not isinstance(remote_host, str) or not remote_host:
        raise ValueError(f"malformed remote_host {remote_host!r}")
    if not callable(getattr(transport, "open_channel", None)):
        raise TypeError("transport must be a paramiko.Transport (an object with open_channel)")
    return ForwardServer(local_port, remote_host, remote_port, transport, bind_host=bind_host)


def forward_tunnel(local_port: int, remote_host: str, remote_port: int, transport: Any) -> None:
    """Forward ``127.0.0.1:local_port`` to ``remote_host:remote_port`` through ``transport``.

    ``transport`` is an authenticated ``paramiko.Transport`` (for instance
    ``SSHClient.get_transport()``). Serves until the calling thread is
    interrupted or the server is shut down; blocks, as in pyzmq.
    """
    server = make_forward_server(local_port, remote_host, remote_port, transport)
    try:
        server.serve_forever()
    finally:
        server.server_close()
