# SPDX-License-Identifier: BSD-3-Clause
"""Proxies: devices that relay with ``zmq.proxy`` and copy every message to a
monitor (capture) socket."""

from __future__ import annotations

from typing import Any

import zmq

from ._setup import SocketSetup, socket_type
from .basedevice import Device, ProcessDevice, ThreadDevice

__all__ = ["ProxyBase", "Proxy", "ThreadProxy", "ProcessProxy"]


class ProxyBase:
    """Adds the monitor socket (``mon``) to a device: ``bind_mon``,
    ``connect_mon``, ``setsockopt_mon``, ``bind_mon_to_random_port``.

    Mixed in before a Device class; the device type is always QUEUE.
    """

    mon_type: int
    _setups: dict[str, SocketSetup]

    def __init__(self, in_type: int, out_type: int, mon_type: int = zmq.PUB) -> None:
        super().__init__(zmq.QUEUE, in_type, out_type)  # type: ignore[call-arg]
        self.mon_type = socket_type(mon_type, "mon_type")
        self._add_setup("mon")  # type: ignore[attr-defined]

    def bind_mon(self, addr: str) -> None:
        """Queue a bind of the monitor socket to ``addr``."""
        self._setups["mon"].add_bind(addr)

    def connect_mon(self, addr: str) -> None:
        """Queue a connect of the monitor socket to ``addr``."""
        self._setups["mon"].add_connect(addr)

    def setsockopt_mon(self, opt: int, value: Any) -> None:
        """Queue ``setsockopt(opt, value)`` on the monitor socket."""
        self._setups["mon"].add_option(opt, value)

    def bind_mon_to_random_port(self, addr: str, *args: int, **kwargs: int) -> int:
        """Reserve a random port on ``addr``, queue the monitor socket's bind to
        it and return the port."""
        return self._setups["mon"].add_random_port_bind(addr, *args, **kwargs)

    def _roles(self) -> list[tuple[str, int]]:
        return super()._roles() + [("mon", self.mon_type)]  # type: ignore[misc]

    def run_device(self) -> None:
        """Set up the sockets and run ``zmq.proxy(in, out, mon)``."""
        sockets = self._setup_sockets()  # type: ignore[attr-defined]
        zmq.proxy(sockets["in"], sockets["out"], sockets["mon"])


class Proxy(ProxyBase, Device):
    """A proxy run in the calling thread: ``Proxy(in_type, out_type, mon_type=zmq.PUB)``.

    Every message relayed in either direction is also sent, unchanged, to the
    monitor socket (a PUB socket is the usual choice).
    """


class ThreadProxy(ProxyBase, ThreadDevice):
    """A ``Proxy`` running in a background thread (sockets from ``Context.instance()``)."""


class ProcessProxy(ProxyBase, ProcessDevice):
    """A ``Proxy`` running in a child process."""
