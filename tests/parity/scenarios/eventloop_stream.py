# SPDX-License-Identifier: BSD-3-Clause
"""ZMQStream and the asyncio Poller as pyzmq 27 runs them (zmq-eventloop).

Coroutine callbacks (the stream sends and receives while one awaits),
``IOLoop.close(all_fds=True)``, sockets closed under a stream, what the
stream accepts, ``flush``, ``PeriodicCallback``'s third argument, and the
asyncio Poller's keys for objects registered by ``fileno()``.
"""

import asyncio
import os
import threading
import warnings

import zmq
import zmq.asyncio
from tornado.ioloop import IOLoop
from zmq.eventloop.zmqstream import ZMQStream

with warnings.catch_warnings():
    # pyzmq deprecates the module on import (this project does not: migration.rst)
    warnings.simplefilter("ignore", DeprecationWarning)
    from zmq.eventloop import ioloop

WAIT_S = 10.0


def _pair(ctx, a_type, b_type):
    a, b = ctx.socket(a_type), ctx.socket(b_type)
    a.linger = b.linger = 0
    port = a.bind_to_random_port("tcp://127.0.0.1")
    b.connect(f"tcp://127.0.0.1:{port}")
    return a, b


def coroutine_callback_sends_and_receives_while_it_awaits(p):
    async def main():
        ctx = zmq.Context()
        a, b = _pair(ctx, zmq.PAIR, zmq.PAIR)
        stream = ZMQStream(a)
        gate = asyncio.get_running_loop().create_future()
        log = []

        async def on_recv(msg):
            log.append(["start", msg[0]])
            if msg[0] == b"first":
                stream.send(b"reply queued while awaiting")
                try:
                    await asyncio.wait_for(asyncio.shield(gate), WAIT_S)
                    log.append(["gate opened by the second message", msg[0]])
                except asyncio.TimeoutError:
                    log.append(["gate timed out", msg[0]])
            elif msg[0] == b"second":
                gate.set_result(None)
            log.append(["end", msg[0]])

        stream.on_recv(on_recv)
        b.send(b"first")
        reply = await asyncio.get_running_loop().run_in_executor(None, lambda: b.poll(int(WAIT_S * 1000)))
        log.append(["reply arrived while the callback awaits", bool(reply)])
        if reply:
            log.append(["reply", b.recv()])
        b.send(b"second")
        for _ in range(200):
            if len(log) >= 7:
                break
            await asyncio.sleep(0.02)
        stream.close()
        b.close()
        ctx.term()
        return log

    p.value("log", asyncio.run(main()))


def coroutine_callbacks_start_in_arrival_order_without_waiting(p):
    async def main():
        ctx = zmq.Context()
        pull, push = _pair(ctx, zmq.PULL, zmq.PUSH)
        stream = ZMQStream(pull)
        events = []
        release = asyncio.Event()

        async def on_recv(msg):
            events.append(["start", msg[0]])
            if msg[0] == b"3":
                release.set()
            await release.wait()
            events.append(["end", msg[0]])

        stream.on_recv(on_recv)
        for i in range(4):
            push.send(b"%d" % i)
        for _ in range(200):
            if len(events) == 8:
                break
            await asyncio.sleep(0.02)
        stream.close()
        push.close()
        ctx.term()
        return events[:4], sorted(events[4:])

    p.value("starts, then ends", asyncio.run(main()))


def close_all_fds_closes_stream_sockets(p):
    ctx = zmq.Context()
    sockets = [ctx.socket(zmq.PULL) for _ in range(3)]
    for i, sock in enumerate(sockets):
        sock.bind(f"inproc://parity-iopub-{i}")
    result = {}

    def thread_main():
        loop = IOLoop(make_current=False)

        def setup():
            ZMQStream(sockets[0], loop).on_recv(lambda msg: None)
            ZMQStream(sockets[1], loop).on_recv(lambda msg: None)
            ZMQStream(sockets[2], loop)  # no callback at all
            loop.stop()

        loop.add_callback(setup)
        loop.start()
        loop.close(all_fds=True)
        result["closed"] = [sock.closed for sock in sockets]

    thread = threading.Thread(target=thread_main)
    thread.start()
    thread.join(WAIT_S)
    p.value("thread done", not thread.is_alive())
    p.value("sockets closed by the loop", result.get("closed"))
    term = threading.Thread(target=ctx.term, daemon=True)
    term.start()
    term.join(WAIT_S)
    p.value("Context.term() returned", not term.is_alive())


def socket_closed_under_the_stream(p):
    async def main():
        ctx = zmq.Context()
        push = ctx.socket(zmq.PUSH)
        stream = ZMQStream(push)
        closed_callbacks = []
        stream.set_close_callback(lambda: closed_callbacks.append(1))
        push.close()
        p.call("send", stream.send, b"x")
        p.call("send_multipart", stream.send_multipart, [b"x"])
        p.call("on_recv", stream.on_recv, print)
        p.call("flush", stream.flush)
        p.call("bind", stream.bind, "inproc://parity-closed")
        p.call("getsockopt", stream.getsockopt, zmq.LINGER)
        p.call("on_send", stream.on_send, print)
        p.call("receiving", stream.receiving)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            p.value("closed()", stream.closed())
        p.value("its warnings", [(w.category.__name__, "after closing socket" in str(w.message)) for w in caught])
        p.value("close callback calls", len(closed_callbacks))
        p.call("socket is None", lambda: stream.socket is None)
        p.call("closed() again", stream.closed)
        p.call("close()", stream.close)
        p.call("send after close", stream.send, b"x", message=True)
        p.call("on_recv after close", stream.on_recv, print, message=True)
        ctx.term()

    asyncio.run(main())


def closed_stream(p):
    async def main():
        ctx = zmq.Context()
        stream = ZMQStream(ctx.socket(zmq.PUSH))
        stream.close()
        p.call("send", stream.send, b"x", message=True)
        p.call("on_recv", stream.on_recv, print, message=True)
        p.call("on_send", stream.on_send, print, message=True)
        p.call("flush", stream.flush, message=True)
        p.call("bind", stream.bind, "inproc://parity-closed-stream")
        p.call("getsockopt", stream.getsockopt, zmq.LINGER)
        p.call("closed", stream.closed)
        p.call("close twice", stream.close)
        p.call("socket", lambda: stream.socket)
        ctx.term()

    asyncio.run(main())


def non_callable_callbacks(p):
    async def main():
        ctx = zmq.Context()
        stream = ZMQStream(ctx.socket(zmq.PULL))
        p.call("on_recv(5)", stream.on_recv, 5, kinds=(AssertionError,))
        p.call("on_send(5)", stream.on_send, 5, kinds=(AssertionError,))
        p.call("send_multipart(callback=5)", stream.send_multipart, [b"x"], callback=5, kinds=(AssertionError,))
        p.call("on_recv(None)", stream.on_recv, None)
        p.call("on_send(None)", stream.on_send, None)
        stream.close()
        ctx.term()

    asyncio.run(main())


def async_socket_gets_a_plain_shadow(p):
    async def main():
        ctx = zmq.asyncio.Context()
        pull, push = ctx.socket(zmq.PULL), ctx.socket(zmq.PUSH)
        pull.bind("inproc://parity-shadow")
        push.connect("inproc://parity-shadow")
        stream = p.call("ZMQStream(async socket)", ZMQStream, pull)
        stream = ZMQStream(pull) if stream is None else stream
        p.value("type is zmq.Socket", type(stream.socket) is zmq.Socket)
        p.value("same libzmq socket", stream.socket.underlying == pull.underlying)
        got = asyncio.get_running_loop().create_future()
        stream.on_recv(lambda msg: got.done() or got.set_result(msg))
        await push.send(b"through the shadow")
        p.value("received", await asyncio.wait_for(got, WAIT_S))
        stream.close()
        p.value("original closed with the stream", pull.closed)
        ctx.destroy(linger=0)

    asyncio.run(main())


def plain_socket_subclass_is_kept(p):
    class Mine(zmq.Socket):
        pass

    async def main():
        ctx = zmq.Context()
        sock = Mine(ctx, zmq.PULL)
        stream = p.call("ZMQStream(subclass)", lambda: ZMQStream(sock))
        p.value("socket kept", stream is not None and stream.socket is sock)
        sock.close()
        ctx.term()

    asyncio.run(main())


def flush(p):
    async def main():
        ctx = zmq.Context()
        pull, push = ctx.socket(zmq.PULL), ctx.socket(zmq.PUSH)
        pull.bind("inproc://parity-flush")
        push.connect("inproc://parity-flush")
        for i in range(5):
            push.send(b"%d" % i)
        stream = ZMQStream(pull)
        await asyncio.sleep(0.01)
        p.call("flush without a callback", stream.flush)
        p.call("left in the socket", pull.poll, 10)
        got = []
        stream.on_recv(got.append)
        for i in range(3):
            push.send(b"x%d" % i)
        p.call("flush POLLIN limit 2", stream.flush, zmq.POLLIN, 2)
        p.value("received", got)
        sender = ZMQStream(push)
        for _ in range(3):
            sender.send(b"y")
        p.call("sending", sender.sending)
        p.call("flush POLLOUT", sender.flush, zmq.POLLOUT)
        p.call("sending after", sender.sending)
        stream.close()
        sender.close()
        ctx.term()

    asyncio.run(main())


def periodic_callback_third_argument(p):
    async def main():
        loop = IOLoop.current()
        p.value("number is jitter", ioloop.PeriodicCallback(print, 10, 0.5).jitter)
        p.value("jitter keyword", ioloop.PeriodicCallback(print, 10, jitter=0.25).jitter)
        p.value("None", ioloop.PeriodicCallback(print, 10, None).callback_time)
        ticks = []
        done = asyncio.Event()

        def tick():
            ticks.append(1)
            if len(ticks) == 2:
                pc.stop()
                done.set()

        pc = ioloop.PeriodicCallback(tick, 5, 0.1)
        pc.start()
        await asyncio.wait_for(done.wait(), WAIT_S)
        p.value("ticks", ticks)
        p.value("IOLoop is tornado's", ioloop.IOLoop is IOLoop)
        p.call("install()", ioloop.install)
        del loop

    asyncio.run(main())


class _HasFileno:
    def __init__(self, fd):
        self.fd = fd

    def fileno(self):
        return self.fd


def asyncio_poller_keys_fileno_objects_by_int_fd(p):
    async def main():
        read_fd, write_fd = os.pipe()
        try:
            os.write(write_fd, b"x")
            poller = zmq.asyncio.Poller()
            poller.register(_HasFileno(read_fd), zmq.POLLIN)
            ready = await poller.poll(1000)
            p.value("ready now: key is the int fd", [(fd == read_fd, type(fd).__name__, ev) for fd, ev in ready])
            os.read(read_fd, 1)
            waiting = zmq.asyncio.Poller()
            waiting.register(_HasFileno(read_fd), zmq.POLLIN)
            waiting.register(_HasFileno(write_fd), 0)
            pending = waiting.poll(int(WAIT_S * 1000))
            asyncio.get_running_loop().call_later(0.02, os.write, write_fd, b"y")
            ready = await pending
            p.value("after waiting", [(fd == read_fd, type(fd).__name__, ev) for fd, ev in ready])
            p.value("registered object is in the poller", [type(s).__name__ for s, _ in waiting.sockets])
        finally:
            os.close(read_fd)
            os.close(write_fd)

    asyncio.run(main())


def tornado_add_handler_on_a_zmq_socket(p):
    """tornado's own add_handler takes the socket by fileno(): edge-triggered, closed by close(all_fds=True)."""
    ctx = zmq.Context()
    pull, push = _pair(ctx, zmq.PULL, zmq.PUSH)
    loop = IOLoop(make_current=False)
    got, calls = [], set()

    def handler(sock, events):
        calls.add((sock is pull, events == IOLoop.READ))  # how many calls depends on timing
        while sock.getsockopt(zmq.EVENTS) & zmq.POLLIN:
            got.append(sock.recv())
        if len(got) == 20:
            loop.stop()

    def setup():
        loop.add_handler(pull, handler, IOLoop.READ)
        for i in range(20):
            push.send(b"%d" % i)

    loop.add_callback(setup)
    loop.call_later(WAIT_S, loop.stop)
    loop.start()
    p.value("handler gets the socket and READ", sorted(calls))
    p.value("every message", got == [b"%d" % i for i in range(20)])
    p.call("add twice", loop.add_handler, pull, handler, IOLoop.READ)
    loop.close(all_fds=True)
    p.value("closed by close(all_fds=True)", pull.closed)
    push.close()
    ctx.term()


def eventloop_future_sockets(p):
    from zmq.eventloop import future

    async def main():
        ctx = future.Context()
        pull, push = ctx.socket(zmq.PULL), ctx.socket(zmq.PUSH)
        pull.bind("inproc://parity-future")
        push.connect("inproc://parity-future")
        p.value("socket class", [isinstance(pull, future.Socket), isinstance(pull, zmq.Socket)])
        sent = push.send_multipart([b"a", b"b"])
        p.value("send returns a future", isinstance(sent, asyncio.Future))
        await sent
        received = pull.recv_multipart()
        p.value("recv returns a tornado Future", isinstance(received, future.Future))
        p.value("message", await received)
        pull.rcvtimeo = 10
        try:
            await pull.recv()
        except zmq.Again as error:
            p.value("rcvtimeo", ["Again", error.errno == zmq.EAGAIN])
        ctx.destroy(linger=0)

    asyncio.run(main())
