# SPDX-License-Identifier: BSD-3-Clause
"""Read the events a monitored socket publishes (``Socket.get_monitor_socket``)."""

from __future__ import annotations

import struct

import zmq

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Awaitable
    from typing import Any


def parse_monitor_message(msg: list) -> dict[str, Any]:
    """Decode a two-frame monitor message into ``{'event', 'value', 'endpoint'}``.

    The first frame holds the event number (16 bits) and value (32 bits), the
    second the endpoint. Anything else raises RuntimeError.
    """
    if len(msg) != 2 or len(msg[0]) != 6:
        raise RuntimeError(f"Invalid event message format: {msg!r}")
    event, value = struct.unpack("=hi", bytes(msg[0]))
    return {"event": _as_event(event), "value": _as_event(value), "endpoint": bytes(msg[1])}


def _as_event(number: int) -> Any:
    # the value too is given as a zmq.Event, as pyzmq does (it still compares
    # equal to the fd, errno or interval it is)
    try:
        return zmq.Event(number)
    except ValueError:
        return number


def recv_monitor_message(socket: Any, flags: int = 0) -> Any:
    """Receive one monitor message from ``socket`` and parse it.

    For an awaitable socket (``zmq.asyncio``) the result is an awaitable
    that gives the parsed message.
    """
    msg = socket.recv_multipart(flags)
    if isinstance(msg, list):
        return parse_monitor_message(msg)
    return _parse_when_received(msg)


async def _parse_when_received(msg: Awaitable[list[Any]]) -> dict[str, Any]:
    return parse_monitor_message(await msg)


__all__ = ["parse_monitor_message", "recv_monitor_message"]
