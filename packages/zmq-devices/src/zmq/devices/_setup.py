# SPDX-License-Identifier: BSD-3-Clause
"""What a device does to one of its sockets before relaying: queued options,
binds and connects, recorded in the caller's thread and applied in the worker.
"""

from __future__ import annotations

from typing import Any

import zmq


class SocketSetup:
    """The queued configuration of one device socket (in, out, mon or ctrl).

    Nothing touches libzmq until ``apply_*`` runs in the device's worker, so a
    device can be configured in one thread (or process) and run in another.
    """

    def __init__(self, role: str, reserved: list[str] | None = None) -> None:
        self.role = role
        self.options: list[tuple[int, Any]] = []
        self.binds: list[str] = []
        self.connects: list[str] = []
        # tcp addresses whose ports were reserved by bind_*_to_random_port: one
        # list shared by all the sockets of a device, so no two get the same port
        self.reserved: list[str] = [] if reserved is None else reserved

    def add_option(self, option: int, value: Any) -> None:
        """Queue ``socket.setsockopt(option, value)``."""
        if isinstance(option, bool) or not isinstance(option, int):
            raise TypeError(f"setsockopt_{self.role}: option must be an int (e.g. zmq.LINGER), "
                            f"not {type(option).__name__}")
        self.options.append((option, value))

    def add_bind(self, addr: str) -> None:
        """Queue ``socket.bind(addr)``."""
        self.binds.append(_endpoint(addr, f"bind_{self.role}"))

    def add_connect(self, addr: str) -> None:
        """Queue ``socket.connect(addr)``."""
        self.connects.append(_endpoint(addr, f"connect_{self.role}"))

    def add_random_port_bind(self, addr: str, min_port: int = 49152, max_port: int = 65536,
                             max_tries: int = 100) -> int:
        """Reserve a free port on ``addr`` now and queue the bind to it; return the port.

        The port is found by binding a throw-away socket (so every address
        form libzmq accepts works: ``tcp://*``, an interface name, ...), then
        released for the worker to take. A port already reserved for any
        socket sharing this setup's ``reserved`` list (every socket of one
        device) is never handed out twice.
        """
        addr = _endpoint(addr, f"bind_{self.role}_to_random_port")
        with zmq.Context() as ctx:
            probe = ctx.socket(zmq.PUSH)
            probe.linger = 0
            for _ in range(5):
                port = probe.bind_to_random_port(addr, min_port, max_port, max_tries)
                endpoint = f"{addr}:{port}"
                if endpoint not in self.reserved:
                    break
            else:
                raise zmq.ZMQBindError(f"could not reserve a new random port on {addr}")
            probe.close()
        self.reserved.append(endpoint)
        self.binds.append(endpoint)
        return port

    def apply_options(self, sock: zmq.Socket) -> None:
        """Set the queued options on ``sock``, in the order they were given."""
        for option, value in self.options:
            sock.setsockopt(option, value)

    def apply_binds(self, sock: zmq.Socket) -> None:
        """Bind ``sock`` to every queued address."""
        for addr in self.binds:
            sock.bind(addr)

    def apply_connects(self, sock: zmq.Socket) -> None:
        """Connect ``sock`` to every queued address."""
        for addr in self.connects:
            sock.connect(addr)


def _endpoint(addr: Any, method: str) -> str:
    if not isinstance(addr, str):
        raise TypeError(f"{method}: the address must be a str such as 'tcp://127.0.0.1:5555', "
                        f"not {type(addr).__name__}")
    if "://" not in addr:
        raise ValueError(f"{method}: {addr!r} is not an endpoint (transport://address)")
    return addr


def socket_type(value: Any, name: str) -> int:
    """``value`` checked as a libzmq socket type: TypeError if missing or not an int,
    ValueError if it names no socket type."""
    if value is None:
        raise TypeError(f"{name} is required (a socket type such as zmq.ROUTER)")
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a socket type (int), not {type(value).__name__}")
    try:
        zmq.SocketType(value)
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a zmq socket type") from None
    return value  # as given (zmq.REP stays the enum member), like pyzmq
