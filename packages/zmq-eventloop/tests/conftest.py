# SPDX-License-Identifier: BSD-3-Clause
"""Fixtures for the event-loop tests: a real asyncio loop per test, real libzmq sockets."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable, Coroutine
from typing import Any

import pytest

import zmq
from zmq.testing import bound_pair, context, pair  # noqa: F401  (shared pytest fixtures)

# a generous bound that only stops a broken test from hanging
TIMEOUT_S = 30.0
_names = itertools.count()


@pytest.fixture
def run() -> Callable[[Coroutine[Any, Any, Any]], Any]:
    """``run(coro)``: run a coroutine on a fresh asyncio loop, bounded by TIMEOUT_S."""

    def run_coro(coro: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run(asyncio.wait_for(coro, TIMEOUT_S))

    return run_coro


@pytest.fixture
def endpoint() -> Callable[[], str]:
    """``endpoint()``: a fresh inproc address."""
    return lambda: f"inproc://eventloop-test-{next(_names)}"


def connect_pair(ctx: zmq.Context, bind_type: int, connect_type: int, transport: str = "inproc", hwm: int | None = None):
    """(bound, connected) sockets of ``ctx``; ``hwm`` sets both high-water marks."""
    bound, connected = ctx.socket(bind_type), ctx.socket(connect_type)
    for sock in (bound, connected):
        sock.linger = 0
        if hwm is not None:
            sock.sndhwm = sock.rcvhwm = hwm
    if transport == "inproc":
        address = f"inproc://eventloop-pair-{next(_names)}"
        bound.bind(address)
    else:
        address = f"tcp://127.0.0.1:{bound.bind_to_random_port('tcp://127.0.0.1')}"
    connected.connect(address)
    return bound, connected


@pytest.fixture
def socket_pair() -> Callable[..., tuple[zmq.Socket, zmq.Socket]]:
    """``socket_pair(ctx, bind_type, connect_type, transport='inproc', hwm=None)``."""
    return connect_pair
