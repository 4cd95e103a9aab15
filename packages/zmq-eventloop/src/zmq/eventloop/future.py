# SPDX-License-Identifier: BSD-3-Clause
"""Awaitable zmq sockets returning tornado Futures: the :mod:`zmq.asyncio` API for tornado code.

``Context``, ``Socket`` and ``Poller`` behave as in :mod:`zmq.asyncio`; their
futures are tornado Futures (which, since tornado 5, are asyncio Futures), so
they work with ``await``, ``tornado.gen`` and ``IOLoop.add_future`` alike.
Use them from the thread running the IOLoop.
"""

from __future__ import annotations

from asyncio import CancelledError

from tornado.concurrent import Future

import zmq.asyncio


class Socket(zmq.asyncio.Socket):
    """A zmq socket whose send, recv and poll return tornado Futures."""

    __slots__ = ()


class Context(zmq.asyncio.Context):
    """A zmq Context whose ``socket()`` makes :class:`Socket` sockets."""

    __slots__ = ()
    _socket_class = Socket
    _instance = None  # instance() is one of this class's own, not its base's


class Poller(zmq.asyncio.Poller):
    """A ``zmq.Poller`` whose ``poll()`` returns a tornado Future."""


__all__ = ["CancelledError", "Context", "Future", "Poller", "Socket"]
