# SPDX-License-Identifier: BSD-3-Clause
"""zmq.eventloop.future: the zmq.asyncio API with tornado Futures, on tornado's IOLoop."""

from __future__ import annotations

import pytest
from tornado import gen
from tornado.concurrent import Future
from tornado.ioloop import IOLoop

import zmq
from zmq.eventloop import future


def test_names():
    assert future.CancelledError is not None
    assert issubclass(future.Socket, zmq.Socket)
    assert future.Context._socket_class is future.Socket


def test_round_trips_on_a_tornado_loop():
    ctx = future.Context()
    try:
        rep, req = ctx.socket(zmq.REP), ctx.socket(zmq.REQ)
        assert isinstance(rep, future.Socket)
        rep.bind("inproc://future-test")
        req.connect("inproc://future-test")

        async def server():
            for _ in range(100):
                msg = await rep.recv_multipart()
                await rep.send_multipart(msg)

        @gen.coroutine
        def client():  # the old tornado style works too
            replies = []
            for i in range(100):
                yield req.send_string(str(i))
                replies.append((yield req.recv_string()))
            return replies

        async def main():
            pending = req.poll(timeout=10)
            assert isinstance(pending, Future)
            assert (await pending) == 0
            _, replies = await gen.multi([server(), client()])
            poller = future.Poller()
            poller.register(rep, zmq.POLLIN)
            assert (await poller.poll(timeout=10)) == []
            waiting = rep.recv()
            waiting.cancel()
            with pytest.raises(future.CancelledError):
                await waiting
            return replies

        replies = IOLoop.current().run_sync(main, timeout=30)
    finally:
        ctx.destroy(linger=0)
    assert replies == [str(i) for i in range(100)]
