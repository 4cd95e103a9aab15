# SPDX-License-Identifier: BSD-3-Clause
"""Free local TCP ports for the local end of tunnels."""

from __future__ import annotations

import collections
import socket
import threading

__all__ = ["select_random_ports", "RESERVED_PORTS"]

#: how many of the most recently handed-out ports are never handed out again.
#: A port is selected some time before the tunnel binds it; meanwhile the
#: kernel could give it to another caller. A bounded window (well below the
#: ~28,000 ephemeral ports) keeps that guarantee without the set growing until
#: no free port is left to find.
RESERVED_PORTS = 1024

_reserved: collections.OrderedDict[int, None] = collections.OrderedDict()
_lock = threading.Lock()


def _reserve(port: int) -> None:
    _reserved[port] = None
    while len(_reserved) > RESERVED_PORTS:
        _reserved.popitem(last=False)  # the oldest reservation ends


def select_random_ports(n: int) -> list[int]:
    """Return ``n`` distinct free TCP ports on 127.0.0.1.

    Each port is found by binding to port 0. A port returned here is
    reserved: it is not returned again until :data:`RESERVED_PORTS` newer
    ports have been handed out, so tunnels opened one after the other (or
    from several threads) never get the same local port while the first has
    yet to bind it. It can be called any number of times in one process.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"n must be an int, not {type(n).__name__}")
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    ports: list[int] = []
    held: list[socket.socket] = []
    try:
        with _lock:
            while len(ports) < n:
                sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                held.append(sock)  # keep it bound so the next bind gets another port
                sock.bind(("127.0.0.1", 0))
                port = sock.getsockname()[1]
                if port not in _reserved:
                    ports.append(port)
            for port in ports:
                _reserve(port)
    finally:
        for sock in held:
            sock.close()
    return ports
