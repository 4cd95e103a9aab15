# SPDX-License-Identifier: BSD-3-Clause
"""zmq.eventloop.ioloop: tornado's IOLoop, ZMQIOLoop (level-triggered zmq handlers), ZMQPoller, timed callbacks."""

from __future__ import annotations

import asyncio
import datetime
import os
import subprocess
import sys
import threading

import pytest
import tornado.ioloop
import tornado.web
from tornado.httpclient import AsyncHTTPClient
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

import zmq
from zmq.eventloop import ioloop
from zmq.eventloop.ioloop import IOLoop
from zmq.eventloop.zmqstream import ZMQStream


def test_ioloop_is_tornados_with_tornados_values():
    assert ioloop.IOLoop is tornado.ioloop.IOLoop
    assert (IOLoop.READ, IOLoop.WRITE, IOLoop.ERROR) == (0x001, 0x004, 0x018)
    assert issubclass(ioloop.ZMQIOLoop, tornado.ioloop.IOLoop)
    assert issubclass(ioloop.ZMQIOMainLoop, tornado.ioloop.IOLoop)
    assert issubclass(ioloop.PeriodicCallback, tornado.ioloop.PeriodicCallback)


def test_install_is_deprecated_and_changes_nothing():
    before = IOLoop.configured_class()
    with pytest.warns(DeprecationWarning):
        ioloop.install()
    assert IOLoop.configured_class() is before


_UNTOUCHED = """
import tornado.ioloop
from tornado.platform.asyncio import AsyncIOLoop, BaseAsyncIOLoop
names = ("add_handler", "update_handler", "remove_handler", "close")
before = {name: getattr(BaseAsyncIOLoop, name) for name in names}
before_async = {name: getattr(AsyncIOLoop, name) for name in names}
before_current = tornado.ioloop.IOLoop.current
configured = tornado.ioloop.IOLoop.configured_class()
import zmq.eventloop.zmqstream, zmq.eventloop.future, zmq.eventloop.ioloop, zmq.asyncio
changed = [name for name in names if getattr(BaseAsyncIOLoop, name) is not before[name]]
changed += [name for name in names if getattr(AsyncIOLoop, name) is not before_async[name]]
assert tornado.ioloop.IOLoop.current is before_current
assert tornado.ioloop.IOLoop.configured_class() is configured
print("changed:", changed)
"""


def test_importing_zmq_eventloop_patches_nothing_in_tornado():
    """In a fresh interpreter: the import leaves tornado's classes as they were."""
    out = subprocess.run([sys.executable, "-c", _UNTOUCHED], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "changed: []"


def test_plain_tornado_loop_add_handler_on_a_zmq_socket_is_edge_triggered(run, context, socket_pair):
    """As with pyzmq: tornado takes the socket by fileno(); a handler that drains sees every message."""

    async def main():
        pull, push = socket_pair(context, zmq.PULL, zmq.PUSH)
        loop = IOLoop.current()
        assert not isinstance(loop, ioloop.ZMQIOMainLoop)
        got, done = [], asyncio.Event()

        def handler(sock, events):
            while pull.getsockopt(zmq.EVENTS) & zmq.POLLIN:
                got.append(pull.recv())
            if len(got) == 100:
                done.set()

        loop.add_handler(pull, handler, IOLoop.READ)
        for i in range(100):
            push.send(b"%d" % i)
        await done.wait()
        loop.remove_handler(pull)
        return got

    assert run(main()) == [b"%d" % i for i in range(100)]


def test_add_handler_level_triggered_receives_every_message(run, context, socket_pair):
    count = 10_000

    async def main():
        pull, push = socket_pair(context, zmq.PULL, zmq.PUSH, hwm=0)
        loop = ioloop.ZMQIOMainLoop()
        assert IOLoop.current() is loop
        got, calls, done = [], [], asyncio.Event()

        def handler(sock, events):
            calls.append(events)
            got.append(sock.recv(zmq.DONTWAIT))  # one message per call: the loop calls again
            if len(got) == count:
                done.set()

        for i in range(count):
            push.send(b"%d" % i)
        loop.add_handler(pull, handler, IOLoop.READ)
        with pytest.raises(ValueError):
            loop.add_handler(pull, handler, IOLoop.READ)
        await done.wait()
        loop.remove_handler(pull)
        push.send(b"after removal")
        await asyncio.sleep(0.05)
        return got, set(calls), pull.recv()

    got, events, after = run(main())
    assert got == [b"%d" % i for i in range(count)]
    assert events == {IOLoop.READ}
    assert after == b"after removal"


def test_update_handler_write_and_read(run, context, socket_pair):
    async def main():
        pull, push = socket_pair(context, zmq.PULL, zmq.PUSH)
        loop = ioloop.ZMQIOMainLoop()
        seen, done = [], asyncio.Event()

        def handler(sock, events):
            seen.append(events)
            if events & IOLoop.WRITE:
                sock.send(b"written")
                loop.update_handler(sock, 0)  # nothing more wanted
                done.set()

        loop.add_handler(push, handler, IOLoop.WRITE)
        await done.wait()
        await asyncio.sleep(0.02)
        loop.remove_handler(push)
        return seen, pull.recv()

    seen, data = run(main())
    assert seen == [IOLoop.WRITE]
    assert data == b"written"


def test_handler_exception_is_logged_and_loop_goes_on(run, context, socket_pair, caplog):
    async def main():
        pull, push = socket_pair(context, zmq.PULL, zmq.PUSH)
        loop = ioloop.ZMQIOMainLoop()
        got, done = [], asyncio.Event()

        def handler(sock, events):
            msg = sock.recv()
            got.append(msg)
            if msg == b"bad":
                raise RuntimeError("handler failed")
            done.set()

        loop.add_handler(pull, handler, IOLoop.READ)
        push.send(b"bad")
        push.send(b"good")
        await done.wait()
        loop.remove_handler(pull)
        return got

    assert run(main()) == [b"bad", b"good"]
    assert any("handler failed" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)


def test_plain_fds_still_go_to_tornado(run):
    read_fd, write_fd = os.pipe()

    async def main():
        loop = ioloop.ZMQIOMainLoop()
        got = asyncio.get_running_loop().create_future()
        loop.add_handler(read_fd, lambda fd, events: got.done() or got.set_result(os.read(fd, 10)), IOLoop.READ)
        os.write(write_fd, b"pipe")
        data = await got
        loop.remove_handler(read_fd)
        return data

    try:
        assert run(main()) == b"pipe"
    finally:
        os.close(read_fd)
        os.close(write_fd)


def test_zmq_poller_maps_events_and_seconds(context, socket_pair):
    pull, push = socket_pair(context, zmq.PULL, zmq.PUSH)
    poller = ioloop.ZMQPoller()
    poller.register(pull, IOLoop.READ | IOLoop.ERROR)
    poller.register(push, IOLoop.WRITE)
    with pytest.raises(ValueError):
        poller.register(pull, IOLoop.READ)
    assert poller.poll(0.01) == [(push, IOLoop.WRITE)]
    push.send(b"x")
    assert dict(poller.poll(5)) == {pull: IOLoop.READ, push: IOLoop.WRITE}
    poller.modify(push, IOLoop.READ)
    assert poller.poll(5) == [(pull, IOLoop.READ)]
    poller.unregister(pull)
    # 50 ms timeout in seconds: returns empty (generous bound only guards a hang)
    assert poller.poll(0.05) == []
    with pytest.raises(KeyError):
        poller.modify(pull, IOLoop.READ)
    with pytest.raises(TypeError):
        poller.register(pull, "READ")
    poller.close()
    assert pull.recv() == b"x"


def test_periodic_and_delayed_callbacks(run):
    async def main():
        loop = IOLoop.current()
        ticks, fired, cancelled = [], [], []
        done = asyncio.Event()

        def tick():
            ticks.append(1)
            if len(ticks) == 3:
                periodic.stop()
                done.set()

        periodic = ioloop.PeriodicCallback(tick, 5, io_loop=loop)
        periodic.start()
        delayed = ioloop.DelayedCallback(lambda: fired.append(1), datetime.timedelta(milliseconds=10), io_loop=loop)
        delayed.start()
        assert delayed.is_running()
        never = ioloop.DelayedCallback(lambda: cancelled.append(1), 10)
        never.start()
        never.stop()
        await done.wait()
        await asyncio.sleep(0.05)
        return ticks, fired, cancelled, delayed.is_running(), periodic.is_running()

    ticks, fired, cancelled, delayed_running, periodic_running = run(main())
    assert ticks == [1, 1, 1]
    assert fired == [1] and cancelled == [] and not delayed_running and not periodic_running
    with pytest.raises(TypeError):
        ioloop.DelayedCallback(print, "10")
    with pytest.raises(TypeError):
        ioloop.DelayedCallback("not callable", 10)
    with pytest.raises(ValueError):
        ioloop.DelayedCallback(print, -1)


def test_periodic_callback_third_argument_is_jitter_unless_a_loop(run):
    async def main():
        loop = IOLoop.current()
        with_jitter = ioloop.PeriodicCallback(print, 10, 0.5)
        assert with_jitter.jitter == 0.5 and with_jitter._pinned_loop is None
        pinned = ioloop.PeriodicCallback(print, 10, loop)
        assert pinned.jitter == 0 and pinned._pinned_loop is loop
        assert ioloop.PeriodicCallback(print, 10, None, jitter=0.2).jitter == 0.2
        with pytest.raises(TypeError):
            ioloop.PeriodicCallback(print, 10, "0.5")
        ticks, done = [], asyncio.Event()

        def tick():
            ticks.append(1)
            if len(ticks) == 2:
                jittered.stop()
                done.set()

        jittered = ioloop.PeriodicCallback(tick, 5, 0.1)
        jittered.start()
        await done.wait()
        return ticks

    assert run(main()) == [1, 1]


class _Hello(tornado.web.RequestHandler):
    def initialize(self, stream):
        self.stream = stream

    async def get(self):
        # the request is answered by a zmq peer through a ZMQStream on the same loop
        reply = asyncio.get_running_loop().create_future()
        self.stream.on_recv(lambda msg: reply.done() or reply.set_result(msg))
        self.stream.send(self.get_argument("q").encode())
        self.write(b"".join(await reply))


def test_tornado_application_and_zmqstream_share_the_loop(run, context, socket_pair):
    async def main():
        rep, req = socket_pair(context, zmq.REP, zmq.REQ)
        backend = ZMQStream(rep)
        backend.on_recv(lambda msg: backend.send(msg[0].upper()))
        app = tornado.web.Application([("/", _Hello, {"stream": ZMQStream(req)})])
        sockets = bind_sockets(0, "127.0.0.1")
        port = sockets[0].getsockname()[1]
        server = HTTPServer(app)
        server.add_sockets(sockets)
        client = AsyncHTTPClient()
        try:
            bodies = []
            for word in ("hello", "zmq"):
                response = await client.fetch(f"http://127.0.0.1:{port}/?q={word}", request_timeout=20)
                bodies.append(response.body)
            return bodies
        finally:
            server.stop()
            await server.close_all_connections()

    assert run(main()) == [b"HELLO", b"ZMQ"]


def test_loop_close_all_fds_closes_zmq_handlers(context):
    asyncio_loop = asyncio.new_event_loop()
    loop = ioloop.ZMQIOLoop(asyncio_loop=asyncio_loop)
    sock = context.socket(zmq.PULL)
    loop.add_handler(sock, lambda s, e: None, IOLoop.READ)
    loop.close(all_fds=True)
    assert sock.closed


def test_zmqioloop_in_its_own_thread_level_triggered(context, socket_pair):
    """ZMQIOLoop() as a thread's loop (like IOLoop(make_current=False)): one recv per call, every message."""
    pull, push = socket_pair(context, zmq.PULL, zmq.PUSH, hwm=0)
    count, got = 500, []

    def serve():
        loop = ioloop.ZMQIOLoop(make_current=False)

        def handler(sock, events):
            got.append(sock.recv(zmq.DONTWAIT))
            if len(got) == count:
                loop.stop()

        loop.add_handler(pull, handler, IOLoop.READ)
        loop.start()
        loop.close(all_fds=True)

    for i in range(count):
        push.send(b"%d" % i)
    thread = threading.Thread(target=serve)
    thread.start()
    thread.join(30)
    assert not thread.is_alive()
    assert got == [b"%d" % i for i in range(count)]
    assert pull.closed
