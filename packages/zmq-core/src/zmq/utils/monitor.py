# SPDX-License-Identifier: BSD-3-Clause
"""Read the events a monitored socket publishes (``Socket.get_monitor_socket``)."""

from __future__ import annotations

import struct

import zmq

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def parse_monitor_message(msg: list) -> dict[str, Any]:
    """Decode a two-frame monitor message into ``{'event', 'value', 'endpoint'}``.

    The first frame holds the event number (16 bits) and value (32 bits), the
    second the endpoint. Anything else raises RuntimeError.
    """
    if len(msg) != 2 or len(msg[0]) != 6:
        raise RuntimeError(f"not a monitor message: {msg!r}")
    event, value = struct.unpack("=hi", bytes(msg[0]))
    try:
        event = zmq.Event(event)
    except ValueError:
        pass
    return {"event": event, "value": value, "endpoint": bytes(msg[1])}


def recv_monitor_message(socket: Any, flags: int = 0) -> dict[str, Any]:
    """Receive one monitor message from ``socket`` and parse it."""
    return parse_monitor_message(socket.recv_multipart(flags))


__all__ = ["parse_monitor_message", "recv_monitor_message"]
