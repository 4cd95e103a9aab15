# SPDX-License-Identifier: BSD-3-Clause
"""Future helpers of :mod:`zmq.asyncio`: the running loop, chained futures."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any


def running_loop() -> asyncio.AbstractEventLoop:
    """The running asyncio loop; a RuntimeError that says why outside one."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        raise RuntimeError(
            "zmq.asyncio sockets must be used from a coroutine or callback running in an asyncio loop"
        ) from None


def chain(source: asyncio.Future, transform: Callable[[Any], Any]) -> asyncio.Future:
    """A future of ``transform(source.result())``; cancelling it cancels ``source``."""
    if source.done() and not source.cancelled() and source.exception() is None:
        out = source.get_loop().create_future()
        try:
            out.set_result(transform(source.result()))
        except Exception as error:
            out.set_exception(error)
        return out
    out = source.get_loop().create_future()

    def copy(done: asyncio.Future) -> None:
        if out.done():
            return
        if done.cancelled():
            out.cancel()
            return
        error = done.exception()
        if error is not None:
            out.set_exception(error)
            return
        try:
            out.set_result(transform(done.result()))
        except Exception as error:
            out.set_exception(error)

    def propagate_cancel(done: asyncio.Future) -> None:
        if done.cancelled():
            source.cancel()

    source.add_done_callback(copy)
    out.add_done_callback(propagate_cancel)
    return out


__all__ = ["chain", "running_loop"]
