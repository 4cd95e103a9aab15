# SPDX-License-Identifier: BSD-3-Clause
"""zmq.asyncio as pyzmq programs use it: awaitables, Poller, timeouts, cancellation."""

import asyncio

import zmq
import zmq.asyncio


def _run(coro):
    return asyncio.run(asyncio.wait_for(coro, 30))


def roundtrip(p):
    async def main():
        ctx = zmq.asyncio.Context()
        a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
        a.bind("inproc://sweep-aio")
        b.connect("inproc://sweep-aio")
        fut = a.send(b"x")
        p.value("send returns awaitable", asyncio.isfuture(fut) or asyncio.iscoroutine(fut))
        p.value("send result", await fut)
        p.value("recv", await b.recv())
        await a.send_multipart([b"1", b"2"])
        p.value("recv_multipart", await b.recv_multipart())
        await a.send_multipart([b"1", b"2"])
        frames = await b.recv_multipart(copy=False)
        p.value("copy=False", [(type(f).__name__, f.bytes) for f in frames])
        await a.send_string("s")
        p.value("recv_string", await b.recv_string())
        await a.send_json({"k": 1})
        p.value("recv_json", await b.recv_json())
        await a.send_pyobj((1, 2))
        p.value("recv_pyobj", await b.recv_pyobj())
        await a.send_serialized("z", lambda m: [m.encode()])
        p.value("recv_serialized", await b.recv_serialized(lambda fs: fs))
        p.value("poll nothing", await b.poll(10))
        await a.send(b"y")
        p.value("poll", await b.poll(1000))
        p.value("poll returns", type(b.poll(0)).__name__ != "int")
        await b.recv()
        try:
            await b.recv(zmq.NOBLOCK)
        except zmq.Again as e:
            p.value("NOBLOCK", (type(e).__name__, e.errno))
        b.rcvtimeo = 50
        try:
            await b.recv()
        except zmq.Again as e:
            p.value("rcvtimeo", type(e).__name__)
        b.rcvtimeo = -1
        p.value("sync property", b.linger)
        p.value("socket type", type(b).__name__)
        p.value("context type", type(ctx).__name__)
        a.close()
        b.close()
        ctx.term()

    _run(main())


def cancellation(p):
    async def main():
        ctx = zmq.asyncio.Context()
        a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
        a.bind("inproc://sweep-aio-cancel")
        b.connect("inproc://sweep-aio-cancel")
        fut = b.recv()
        await asyncio.sleep(0.01)
        fut.cancel()
        try:
            await fut
        except asyncio.CancelledError:
            p.value("cancelled", True)
        p.value("cancelled()", fut.cancelled())
        await a.send(b"after")
        p.value("next recv gets it", await b.recv())
        try:
            await asyncio.wait_for(b.recv(), 0.05)
        except asyncio.TimeoutError:
            p.value("wait_for timeout", True)
        await a.send(b"later")
        p.value("after wait_for", await b.recv())
        task = asyncio.ensure_future(b.recv_multipart())
        await asyncio.sleep(0.01)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await a.send_multipart([b"m1", b"m2"])
        p.value("multipart after cancel", await b.recv_multipart())
        fut = b.recv()
        b.close()
        try:
            await fut
        except BaseException as e:
            p.value("pending recv on close", type(e).__name__)
        a.close()
        ctx.term()

    _run(main())


def poller(p):
    async def main():
        ctx = zmq.asyncio.Context()
        a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
        a.bind("inproc://sweep-aio-poll")
        b.connect("inproc://sweep-aio-poll")
        poller = zmq.asyncio.Poller()
        poller.register(b, zmq.POLLIN)
        p.value("empty poll", await poller.poll(10))
        await a.send(b"x")
        events = await poller.poll(1000)
        p.value("poll", [(s is b, e) for s, e in events])
        p.value("dict", dict(events).get(b))
        await b.recv()
        fut = poller.poll()
        fut.cancel()
        p.value("poll cancel", fut.cancelled() or fut.done())
        a.close()
        b.close()
        ctx.term()

    _run(main())


def sync_socket_from_async_context(p):
    ctx = zmq.asyncio.Context()
    s = zmq.Socket(ctx, zmq.PUSH)
    p.value("plain socket", type(s).__name__)
    s.close()
    shadow = zmq.Context(ctx)
    p.value("shadow type", type(shadow).__name__)
    p.value("shadow underlying", shadow.underlying == ctx.underlying)
    ctx.term()
