# SPDX-License-Identifier: BSD-3-Clause
"""``monitored_queue``: a two-way queue that also reports every message it
relays, prefixed with its direction, on a monitor socket.

Two ways to run it, chosen per call:

* one-way traffic (the in socket cannot send or the out socket cannot
  receive, e.g. PULL→PUSH or SUB→PUB) runs entirely inside libzmq: a
  ``zmq.proxy`` relays and captures to an internal DEALER whose routing id is
  the prefix; an internal ROUTER puts that id in front of each captured
  message and a second ``zmq.proxy`` hands the result to the monitor socket.
  No Python code runs per message, and the GIL is released.
* two-way traffic (ROUTER/DEALER, ROUTER/ROUTER, ...) runs a loop that waits
  with one poll and then drains every ready message before polling again, so
  the cost of waiting is shared by a whole batch of messages.
"""

from __future__ import annotations

import itertools
import os
import threading
from typing import Any

import zmq

__all__ = ["monitored_queue"]

# socket types that never receive / never send (their messages flow one way)
_SEND_ONLY = frozenset({zmq.PUSH, zmq.PUB})
_RECEIVE_ONLY = frozenset({zmq.PULL, zmq.SUB})
# messages relayed from one socket before the other gets its turn
_BATCH = 256
_tap_numbers = itertools.count()


def monitored_queue(in_socket: zmq.Socket, out_socket: zmq.Socket, mon_socket: zmq.Socket,
                    in_prefix: bytes = b"in", out_prefix: bytes = b"out") -> None:
    """Relay messages both ways between ``in_socket`` and ``out_socket``, and
    send a copy of each to ``mon_socket``.

    A message received on ``in_socket`` goes to ``out_socket`` and, as
    ``[in_prefix, *parts]``, to ``mon_socket``; one received on
    ``out_socket`` goes to ``in_socket`` and, as ``[out_prefix, *parts]``, to
    ``mon_socket``. The prefixes must be bytes (TypeError otherwise). When
    both sockets are ROUTERs, the first two frames (the sender's and the
    receiver's routing ids) are swapped, so that the reply can find its way
    back; the monitor sees the message as it is sent on. ``in_socket`` may
    also be ``out_socket`` (one socket serving both sides: its messages come
    back to it, prefixed with ``in_prefix``).

    Blocks until the context is terminated (raises ``zmq.ContextTerminated``,
    like ``zmq.proxy``). The monitor socket is only written to.
    """
    for name, sock in (("in_socket", in_socket), ("out_socket", out_socket), ("mon_socket", mon_socket)):
        if not isinstance(sock, zmq.Socket):
            raise TypeError(f"{name} must be a zmq.Socket, not {type(sock).__name__}")
    for name, prefix in (("in_prefix", in_prefix), ("out_prefix", out_prefix)):
        if not isinstance(prefix, bytes):
            raise TypeError(f"{name} must be bytes, not {type(prefix).__name__}")
    in_type, out_type = in_socket.type, out_socket.type
    # one socket for both sides always takes the loop: libzmq's proxy relays
    # frame by frame, which a REP socket refuses for multipart messages (EFSM)
    one_way = in_socket is not out_socket and (in_type in _RECEIVE_ONLY or out_type in _SEND_ONLY)
    if one_way and _usable_as_routing_id(in_prefix):
        _captured_queue(in_socket, out_socket, mon_socket, in_prefix)
    else:
        swap_ids = in_type == zmq.ROUTER and out_type == zmq.ROUTER
        _relay_loop(in_socket, out_socket, mon_socket, in_prefix, out_prefix, swap_ids)


def _usable_as_routing_id(prefix: bytes) -> bool:
    # libzmq: 1 to 255 bytes, and a leading zero byte is reserved
    return 0 < len(prefix) < 256 and prefix[0] != 0


def _captured_queue(in_socket: zmq.Socket, out_socket: zmq.Socket, mon_socket: zmq.Socket,
                    prefix: bytes) -> None:
    """One-way monitored queue, entirely in libzmq (see the module docstring)."""
    ctx = in_socket.context
    name = f"inproc://zmq.devices.monitored-queue-{os.getpid()}-{next(_tap_numbers)}"
    internal: list[zmq.Socket] = []

    def make(kind: int) -> zmq.Socket:
        sock = ctx.socket(kind)
        internal.append(sock)
        sock.linger = 0
        return sock

    try:
        collector = make(zmq.ROUTER)
        collector.bind(name)
        tap = make(zmq.DEALER)
        tap.routing_id = prefix
        tap.connect(name)
        control = make(zmq.PAIR)
        control.bind(name + "-control")
        stopper = make(zmq.PAIR)
        stopper.connect(name + "-control")
    except BaseException:
        for sock in internal:
            sock.close()
        raise

    def forward_captures() -> None:
        try:
            zmq.proxy_steerable(collector, mon_socket, None, control)
        except zmq.ZMQError as error:
            if error.errno not in (zmq.ETERM, zmq.ENOTSOCK):
                raise

    forwarder = threading.Thread(target=forward_captures, name="monitored_queue-monitor", daemon=True)
    forwarder.start()
    try:
        zmq.proxy(in_socket, out_socket, tap)
    finally:
        try:
            stopper.send(b"TERMINATE", zmq.NOBLOCK)
        except zmq.ZMQError:
            pass  # the context is ending: the forwarder stops by itself
        forwarder.join()
        for sock in internal:
            sock.close()


def _relay_loop(in_socket: zmq.Socket, out_socket: zmq.Socket, mon_socket: zmq.Socket,
                in_prefix: bytes, out_prefix: bytes, swap_ids: bool) -> None:
    """Two-way monitored queue: poll, then drain each ready socket in batches."""
    poller = zmq.Poller()
    poller.register(in_socket, zmq.POLLIN)
    routes = {in_socket: (out_socket, in_prefix)}
    if out_socket is not in_socket:
        poller.register(out_socket, zmq.POLLIN)
        routes[out_socket] = (in_socket, out_prefix)
    nonblocking, more = zmq.NOBLOCK, zmq.SNDMORE
    again = zmq.Again
    while True:
        for source, _ in poller.poll():
            target, prefix = routes[source]
            recv, send, monitor = source.recv_multipart, target.send_multipart, mon_socket.send_multipart
            mark = mon_socket.send
            for _ in range(_BATCH):
                try:
                    parts: Any = recv(nonblocking, copy=False)
                except again:
                    break
                if swap_ids:
                    parts[0], parts[1] = parts[1], parts[0]
                send(parts, copy=False)
                mark(prefix, more)
                monitor(parts, copy=False)
