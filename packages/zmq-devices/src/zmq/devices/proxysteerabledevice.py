# SPDX-License-Identifier: BSD-3-Clause
"""Steerable proxies: a proxy with a control socket that answers PAUSE,
RESUME, TERMINATE and STATISTICS (``zmq.proxy_steerable``)."""

from __future__ import annotations

from typing import Any

import zmq

from ._setup import SocketSetup, socket_type
from .proxydevice import Proxy, ProxyBase, ProcessProxy, ThreadProxy

__all__ = ["ProxySteerableBase", "ProxySteerable", "ThreadProxySteerable", "ProcessProxySteerable"]


class ProxySteerableBase(ProxyBase):
    """Adds the control socket (``ctrl``): ``bind_ctrl``, ``connect_ctrl``,
    ``setsockopt_ctrl``, ``bind_ctrl_to_random_port``.

    ``ctrl_type`` defaults to PAIR, the one type that both takes commands and
    can carry the STATISTICS reply. Commands are single frames: ``PAUSE``
    (stop relaying, keep messages queued), ``RESUME``, ``TERMINATE`` (end the
    device: sockets closed, ``done`` set) and ``STATISTICS`` (reply: eight
    64-bit counters in native byte order: messages and bytes received and sent
    on the frontend, then the same four for the backend).
    """

    ctrl_type: int
    _setups: dict[str, SocketSetup]

    def __init__(self, in_type: int, out_type: int, mon_type: int = zmq.PUB,
                 ctrl_type: int | None = None) -> None:
        super().__init__(in_type, out_type, mon_type)
        self.ctrl_type = zmq.PAIR if ctrl_type is None else socket_type(ctrl_type, "ctrl_type")
        self._add_setup("ctrl")  # type: ignore[attr-defined]

    def bind_ctrl(self, addr: str) -> None:
        """Queue a bind of the control socket to ``addr``."""
        self._setups["ctrl"].add_bind(addr)

    def connect_ctrl(self, addr: str) -> None:
        """Queue a connect of the control socket to ``addr``."""
        self._setups["ctrl"].add_connect(addr)

    def setsockopt_ctrl(self, opt: int, value: Any) -> None:
        """Queue ``setsockopt(opt, value)`` on the control socket."""
        self._setups["ctrl"].add_option(opt, value)

    def bind_ctrl_to_random_port(self, addr: str, *args: int, **kwargs: int) -> int:
        """Reserve a random port on ``addr``, queue the control socket's bind to
        it and return the port."""
        return self._setups["ctrl"].add_random_port_bind(addr, *args, **kwargs)

    def _roles(self) -> list[tuple[str, int]]:
        return super()._roles() + [("ctrl", self.ctrl_type)]

    def run_device(self) -> None:
        """Set up the sockets and run ``zmq.proxy_steerable`` until TERMINATE
        or the end of the context."""
        sockets = self._setup_sockets()  # type: ignore[attr-defined]
        zmq.proxy_steerable(sockets["in"], sockets["out"], sockets["mon"], sockets["ctrl"])


class ProxySteerable(ProxySteerableBase, Proxy):
    """A steerable proxy run in the calling thread:
    ``ProxySteerable(in_type, out_type, mon_type=zmq.PUB, ctrl_type=zmq.PAIR)``."""


class ThreadProxySteerable(ProxySteerableBase, ThreadProxy):
    """A ``ProxySteerable`` running in a background thread."""


class ProcessProxySteerable(ProxySteerableBase, ProcessProxy):
    """A ``ProxySteerable`` running in a child process."""
