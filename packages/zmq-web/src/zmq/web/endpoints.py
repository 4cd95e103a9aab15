# SPDX-License-Identifier: BSD-3-Clause
"""The endpoint methods shared by the frontend proxy and the backend application."""

from __future__ import annotations

from typing import Any

from zmq.eventloop.zmqstream import ZMQStream


class StreamEndpoints:
    """``bind``, ``connect`` and ``bind_to_random_port`` for an object whose
    socket is ``self.stream``; every URL joins ``self.urls``."""

    stream: ZMQStream
    urls: list[str]

    def bind(self, url: str) -> None:
        """Bind the socket to ``url``; the other side connects to it."""
        self.stream.bind(url)
        self.urls.append(url)

    def connect(self, url: str) -> None:
        """Connect the socket to the other side, bound at ``url``."""
        self.stream.connect(url)
        self.urls.append(url)

    def bind_to_random_port(self, addr: str = "tcp://127.0.0.1", **kwargs: Any) -> int:
        """Bind to a random port of ``addr``; the port (its URL joins :attr:`urls`)."""
        port = self.stream.bind_to_random_port(addr, **kwargs)
        self.urls.append(f"{addr}:{port}")
        return port
