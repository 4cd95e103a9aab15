# SPDX-License-Identifier: BSD-3-Clause
"""Free local TCP ports for the local end of tunnels."""

from __future__ import annotations

import socket
import threading

__all__ = ["select_random_ports"]

_handed_out: set[int] = set()
_lock = threading.Lock()


def select_random_ports(n: int) -> list[int]:
    """Return ``n`` distinct free TCP ports on 127.0.0.1.

    Each port is found by binding to port 0; ports already returned by an
    earlier call in this process are not returned again, so two tunnels
    opened one after the other never get the same local port.
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
                if port not in _handed_out:
                    _handed_out.add(port)
                    ports.append(port)
    finally:
        for sock in held:
            sock.close()
    return ports
