# SPDX-License-Identifier: BSD-3-Clause
"""zmq.asyncio: awaitable sockets and poller on a real asyncio loop with real libzmq sockets."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading

import pytest

import zmq
import zmq.asyncio


@pytest.fixture
def actx():
    """A zmq.asyncio.Context, destroyed (linger 0) after the test."""
    ctx = zmq.asyncio.Context()
    yield ctx
    ctx.destroy(linger=0)


def test_context_makes_async_sockets(actx):
    sock = actx.socket(zmq.PUSH)
    assert isinstance(sock, zmq.asyncio.Socket)
    assert isinstance(sock, zmq.Socket)
    assert zmq.asyncio.Context.instance() is zmq.asyncio.Context.instance()
    assert zmq.asyncio.Context.instance() is not zmq.Context.instance()
    assert isinstance(zmq.asyncio.Context.instance(), zmq.asyncio.Context)


def test_import_does_not_import_tornado():
    code = "import sys, zmq.asyncio; print('tornado' in sys.modules, 'zmq.eventloop' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.split() == ["False", "False"]


def test_use_outside_a_loop_is_a_clear_error(actx):
    sock = actx.socket(zmq.PULL)
    with pytest.raises(RuntimeError, match="running in an asyncio loop"):
        sock.recv()


def test_flood_of_queued_messages_all_received(run, actx, socket_pair):
    pull, push = socket_pair(actx, zmq.PULL, zmq.PUSH, hwm=0)
    count = 20_000

    async def main():
        for i in range(count):
            await push.send(b"%d" % i)
        return [await pull.recv() for _ in range(count)]

    assert run(main()) == [b"%d" % i for i in range(count)]


def test_flood_to_a_waiting_receiver_one_recv_per_wakeup(run, actx, socket_pair):
    """The receiver waits first; a thread floods; other tasks keep running meanwhile."""
    pull = actx.socket(zmq.PULL)
    pull.rcvhwm = 0
    address = f"inproc://flood-{id(pull)}"
    pull.bind(address)
    count = 20_000
    push = actx.socket(zmq.PUSH, socket_class=zmq.Socket)  # a plain socket for the thread
    push.sndhwm = 0

    def flood():
        push.connect(address)
        for i in range(count):
            push.send(b"%d" % i)

    async def main():
        ticks = 0
        stop = False

        async def ticker():
            nonlocal ticks
            while not stop:
                ticks += 1
                await asyncio.sleep(0)

        tick_task = asyncio.ensure_future(ticker())
        waiting = asyncio.ensure_future(pull.recv())
        await asyncio.sleep(0.01)
        assert not waiting.done()
        thread = threading.Thread(target=flood)
        thread.start()
        got = [await waiting]
        # many recvs pending at once: each wake-up completes one of them
        pending = [pull.recv() for _ in range(count - 1)]
        got += await asyncio.gather(*pending)
        stop = True
        await tick_task
        thread.join()
        return got, ticks

    got, ticks = run(main())
    assert got == [b"%d" % i for i in range(count)]
    assert ticks > 100  # the loop was never monopolised by the flood


def test_multipart_and_copy_false(run, actx, socket_pair):
    pull, push = socket_pair(actx, zmq.PULL, zmq.PUSH)

    async def main():
        await push.send_multipart([b"a", b"bb", b"ccc"])
        first = await pull.recv_multipart()
        await push.send_multipart([b"x" * 100_000, memoryview(b"y")], copy=False)
        frames = await pull.recv_multipart(copy=False)
        return first, [f.bytes for f in frames], [type(f) for f in frames]

    first, second, kinds = run(main())
    assert first == [b"a", b"bb", b"ccc"]
    assert second == [b"x" * 100_000, b"y"]
    assert kinds == [zmq.Frame, zmq.Frame]


def test_every_helper_returns_an_awaitable(run, actx, socket_pair):
    pull, push = socket_pair(actx, zmq.PULL, zmq.PUSH)

    async def main():
        assert (await push.send_string("héllo")) is None
        assert await pull.recv_string() == "héllo"
        await push.send_json({"a": [1, 2]})
        assert await pull.recv_json() == {"a": [1, 2]}
        await push.send_pyobj({"set": {1, 2}})
        assert await pull.recv_pyobj() == {"set": {1, 2}}
        await push.send_serialized("a,b", lambda s: [p.encode() for p in s.split(",")])
        assert await pull.recv_serialized(lambda frames: b"+".join(frames)) == b"a+b"
        await push.send(b"into")
        buf = bytearray(10)
        assert await pull.recv_into(buf) == 4
        assert bytes(buf[:4]) == b"into"
        with pytest.raises(TypeError):
            push.send_string(b"not str")
        with pytest.raises(TypeError):
            await push.send("a str")

    run(main())


def test_dealer_router_interleaved(run, actx, socket_pair):
    router, dealer = socket_pair(actx, zmq.ROUTER, zmq.DEALER, transport="tcp")
    rounds = 2_000

    async def server():
        for _ in range(rounds):
            ident, body = await router.recv_multipart()
            await router.send_multipart([ident, body + b"!"])

    async def client():
        replies = []
        for i in range(rounds):
            send = dealer.send(b"%d" % i)
            replies.append(await dealer.recv())
            await send
        return replies

    async def main():
        _, replies = await asyncio.gather(server(), client())
        return replies

    assert run(main()) == [b"%d!" % i for i in range(rounds)]


def test_req_rep_ten_thousand_round_trips(run, actx, socket_pair):
    rep, req = socket_pair(actx, zmq.REP, zmq.REQ)
    rounds = 10_000

    async def server():
        for _ in range(rounds):
            await rep.send(await rep.recv())

    async def client():
        ok = 0
        for i in range(rounds):
            await req.send(b"%d" % i)
            ok += (await req.recv()) == b"%d" % i
        return ok

    async def main():
        return (await asyncio.gather(server(), client()))[1]

    assert run(main()) == rounds


def test_rcvtimeo_raises_again(run, actx, socket_pair):
    pull, _push = socket_pair(actx, zmq.PULL, zmq.PUSH)
    pull.rcvtimeo = 50

    async def main():
        with pytest.raises(zmq.Again):
            await pull.recv()
        with pytest.raises(zmq.Again):
            await pull.recv(zmq.DONTWAIT)

    run(main())


def test_sndtimeo_raises_again(run, actx):
    push = actx.socket(zmq.PUSH)  # no peer: sending would block
    push.linger = 0
    push.sndtimeo = 50

    async def main():
        with pytest.raises(zmq.Again):
            await push.send(b"nobody")

    run(main())


def test_cancelled_recv_loses_no_message(run, actx, socket_pair):
    pull, push = socket_pair(actx, zmq.PULL, zmq.PUSH)

    async def main():
        cancelled = pull.recv()
        await asyncio.sleep(0)
        cancelled.cancel()
        with pytest.raises(asyncio.CancelledError):
            await cancelled
        await push.send(b"after")
        return await pull.recv()

    assert run(main()) == b"after"


def test_cancelled_helper_cancels_the_underlying_recv(run, actx, socket_pair):
    pull, push = socket_pair(actx, zmq.PULL, zmq.PUSH)

    async def main():
        text = pull.recv_string()
        await asyncio.sleep(0)
        text.cancel()
        await asyncio.sleep(0)
        await push.send(b"kept")
        return await asyncio.wait_for(pull.recv(), 5)

    assert run(main()) == b"kept"


def test_close_cancels_pending_futures(run, actx, socket_pair):
    pull, push = socket_pair(actx, zmq.PULL, zmq.PUSH)

    async def main():
        pending = [pull.recv(), pull.recv_multipart(), pull.poll()]
        await asyncio.sleep(0.01)
        pull.close()
        results = await asyncio.gather(*pending, return_exceptions=True)
        assert all(isinstance(r, asyncio.CancelledError) for r in results), results
        with pytest.raises(zmq.ZMQError):
            await pull.recv()

    run(main())


def test_reading_events_does_not_lose_the_edge(run, actx, socket_pair):
    """A user reads EVENTS while a recv waits: the message still arrives."""
    pull, push = socket_pair(actx, zmq.PULL, zmq.PUSH)
    count = 200

    async def main():
        got = []
        for i in range(count):
            waiting = asyncio.ensure_future(pull.recv())
            await asyncio.sleep(0)
            push.send(b"%d" % i)
            # consume libzmq's FD edge before the loop polls it
            for _ in range(3):
                pull.getsockopt(zmq.EVENTS)
                pull.events  # noqa: B018
            got.append(await waiting)
        return got

    assert run(main()) == [b"%d" % i for i in range(count)]


def test_poll_socket_and_timeout(run, actx, socket_pair):
    pull, push = socket_pair(actx, zmq.PULL, zmq.PUSH)

    async def main():
        assert await pull.poll(timeout=20) == 0
        later = asyncio.get_running_loop().call_later(0.02, push.send, b"x")
        assert await pull.poll() == zmq.POLLIN
        later.cancel()
        assert await push.poll(flags=zmq.POLLOUT) == zmq.POLLOUT
        assert await pull.recv() == b"x"

    run(main())


def test_poller_mixes_sockets_and_fds(run, actx, socket_pair):
    pull, push = socket_pair(actx, zmq.PULL, zmq.PUSH)
    read_fd, write_fd = os.pipe()
    try:

        async def main():
            poller = zmq.asyncio.Poller()
            poller.register(pull, zmq.POLLIN)
            poller.register(read_fd, zmq.POLLIN)
            assert await poller.poll(timeout=20) == []
            asyncio.get_running_loop().call_later(0.01, os.write, write_fd, b"!")
            assert await poller.poll() == [(read_fd, zmq.POLLIN)]
            os.read(read_fd, 1)
            asyncio.get_running_loop().call_later(0.01, push.send, b"m")
            assert await poller.poll(timeout=10_000) == [(pull, zmq.POLLIN)]
            assert await pull.recv() == b"m"

        run(main())
    finally:
        os.close(read_fd)
        os.close(write_fd)


class _HasFileno:
    def __init__(self, fd):
        self.fd = fd

    def fileno(self):
        return self.fd


def test_poller_reports_objects_with_fileno_as_their_int_fd(run):
    """As pyzmq 27 (zmq.asyncio.Poller): the ready list holds the integer fd, not the object."""
    read_fd, write_fd = os.pipe()
    other_read, other_write = os.pipe()
    try:

        async def main():
            ready_now = zmq.asyncio.Poller()
            ready_now.register(_HasFileno(write_fd), zmq.POLLOUT)
            first = await ready_now.poll(timeout=1000)
            waiting = zmq.asyncio.Poller()
            waiting.register(_HasFileno(read_fd), zmq.POLLIN)
            waiting.register(other_read, zmq.POLLIN)
            pending = waiting.poll(timeout=10_000)
            asyncio.get_running_loop().call_later(0.01, os.write, write_fd, b"!")
            second = await pending
            return first, second

        first, second = run(main())
        assert first == [(write_fd, zmq.POLLOUT)] and type(first[0][0]) is int
        assert second == [(read_fd, zmq.POLLIN)] and type(second[0][0]) is int
    finally:
        for fd in (read_fd, write_fd, other_read, other_write):
            os.close(fd)


def test_plain_sockets_in_the_async_poller(run, context, socket_pair):
    pull, push = socket_pair(context, zmq.PULL, zmq.PUSH)

    async def main():
        poller = zmq.asyncio.Poller()
        poller.register(pull, zmq.POLLIN)
        waiting = poller.poll()
        await asyncio.sleep(0.01)
        assert not waiting.done()
        push.send(b"plain")
        return await waiting

    assert run(main()) == [(pull, zmq.POLLIN)]
    assert pull.recv() == b"plain"


def test_send_queue_keeps_order_under_hwm(run, actx, socket_pair):
    pull, push = socket_pair(actx, zmq.PULL, zmq.PUSH, transport="tcp", hwm=10)
    count = 3_000

    async def main():
        sends = [push.send(b"%d" % i) for i in range(count)]  # most of them must wait
        got = [await pull.recv() for _ in range(count)]
        await asyncio.gather(*sends)
        return got

    assert run(main()) == [b"%d" % i for i in range(count)]


def test_install_is_deprecated():
    with pytest.warns(DeprecationWarning):
        zmq.asyncio.install()


def test_from_socket_shadows_a_plain_socket(run, context):
    """An awaitable shadow receives from the plain socket; closing it leaves the owner open."""
    pull, push = context.socket(zmq.PULL), context.socket(zmq.PUSH)
    pull.bind("inproc://from-socket")
    push.connect("inproc://from-socket")
    shadow = zmq.asyncio.Socket.from_socket(pull)
    assert shadow.underlying == pull.underlying and shadow.socket_type == zmq.PULL

    async def exchange():
        waiting = shadow.recv_multipart()
        push.send_multipart([b"a", b"b"])
        return await waiting

    assert run(exchange()) == [b"a", b"b"]
    shadow.close()
    assert shadow.closed and not pull.closed
    push.send(b"owner still open")
    pull.rcvtimeo = 10_000
    assert pull.recv() == b"owner still open"
    with pytest.raises(TypeError):
        zmq.asyncio.Socket.from_socket("not a socket")


def test_recv_monitor_message_on_an_asyncio_socket_is_awaitable(run, actx):
    """As pyzmq: an awaitable of the parsed event; disable_monitor() delivers
    EVENT_MONITOR_STOPPED to the task reading, which closes the socket."""
    import inspect

    from zmq.utils.monitor import recv_monitor_message

    async def main():
        sock = actx.socket(zmq.PULL)
        events = sock.get_monitor_socket()
        assert isinstance(events, zmq.asyncio.Socket)
        sock.bind("tcp://127.0.0.1:*")
        pending = recv_monitor_message(events)
        assert inspect.isawaitable(pending)
        message = await pending
        assert message["event"] == zmq.EVENT_LISTENING
        assert message["endpoint"] == sock.last_endpoint

        async def read_until_stopped():
            seen = []
            while not seen or seen[-1] != zmq.EVENT_MONITOR_STOPPED:
                seen.append((await recv_monitor_message(events))["event"])
            events.close()
            return seen

        reader = asyncio.ensure_future(read_until_stopped())
        await asyncio.sleep(0)
        sock.disable_monitor()
        assert await reader == [zmq.EVENT_MONITOR_STOPPED]
        assert events.closed
        with pytest.raises(zmq.Again):
            await recv_monitor_message(sock.get_monitor_socket(), zmq.NOBLOCK)
        sock.disable_monitor()
        sock.close()

    run(main())
