# SPDX-License-Identifier: BSD-3-Clause
"""ZMQStream's life: ``IOLoop.close(all_fds=True)``, sockets closed under it, what it accepts.

Each behaviour was compared with pyzmq 27 running the same program.
"""

from __future__ import annotations

import asyncio
import threading
import warnings

import pytest
from tornado.ioloop import IOLoop

import zmq
import zmq.asyncio
from zmq.eventloop.zmqstream import ZMQStream

# only turns a hang into a failure
WAIT_S = 30.0


def _term_returns(ctx: zmq.Context, sockets: list[zmq.Socket]) -> bool:
    """Whether ``ctx.term()`` returns; if it hangs, close ``sockets`` so it can (and say False)."""
    thread = threading.Thread(target=ctx.term, daemon=True)
    thread.start()
    thread.join(5)
    if thread.is_alive():
        for sock in sockets:
            sock.close(linger=0)
        thread.join(WAIT_S)
        return False
    return True


@pytest.mark.parametrize("loop_kind", ["tornado", "zmq"])
def test_close_all_fds_closes_stream_sockets_so_term_returns(loop_kind):
    """ipykernel's IOPub thread: its own loop with streams, closed with all_fds=True, then term()."""
    from zmq.eventloop.ioloop import ZMQIOLoop

    ctx = zmq.Context()
    sockets = [ctx.socket(zmq.PULL) for _ in range(3)]
    for i, sock in enumerate(sockets):
        sock.bind(f"inproc://iopub-pipe-{loop_kind}-{i}")
    pusher = ctx.socket(zmq.PUSH)
    pusher.linger = 0
    pusher.connect(f"inproc://iopub-pipe-{loop_kind}-0")
    state: dict = {"received": [], "closed_callbacks": 0}

    def thread_main():
        loop = IOLoop(make_current=False) if loop_kind == "tornado" else ZMQIOLoop(make_current=False)

        def setup():
            receiving = ZMQStream(sockets[0], loop)

            def on_recv(msg):
                state["received"].append(msg)
                loop.stop()

            receiving.on_recv(on_recv)
            receiving.set_close_callback(lambda: state.__setitem__("closed_callbacks", state["closed_callbacks"] + 1))
            sending = ZMQStream(sockets[1], loop)
            sending.on_recv(lambda msg: None)
            idle = ZMQStream(sockets[2], loop)  # no callbacks at all: closed too, as pyzmq does
            state["streams"] = [receiving, sending, idle]
            pusher.send(b"flush")

        loop.add_callback(setup)
        loop.start()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            loop.close(all_fds=True)
        state["warnings"] = [str(w.message) for w in caught]

    thread = threading.Thread(target=thread_main)
    thread.start()
    thread.join(WAIT_S)
    assert not thread.is_alive()
    pusher.close()
    assert state["received"] == [[b"flush"]]
    assert [sock.closed for sock in sockets] == [True, True, True]
    assert [stream.closed() for stream in state["streams"]] == [True, True, True]
    assert state["closed_callbacks"] == 1
    assert state["warnings"] == []
    assert _term_returns(ctx, sockets)


def test_close_without_all_fds_leaves_the_sockets_open(context, socket_pair):
    pull, push = socket_pair(context, zmq.PULL, zmq.PUSH)
    loop = IOLoop(make_current=False)
    loop.run_sync(lambda: asyncio.sleep(0))
    created = []
    loop.add_callback(lambda: created.append(ZMQStream(pull, loop)))
    loop.run_sync(lambda: asyncio.sleep(0.01))
    loop.close()
    assert not pull.closed
    # and the socket works on another loop afterwards
    push.send(b"later")

    async def main():
        got = asyncio.get_running_loop().create_future()
        stream = ZMQStream(pull)
        stream.on_recv(got.set_result)
        result = await asyncio.wait_for(got, WAIT_S)
        stream.close()
        return result

    assert asyncio.run(main()) == [b"later"]


def test_socket_closed_directly_fails_like_the_socket_and_warns_after_closing_socket(run, context, socket_pair):
    async def main():
        push, pull = socket_pair(context, zmq.PUSH, zmq.PULL)
        stream = ZMQStream(push)
        closed_calls = []
        stream.set_close_callback(lambda: closed_calls.append(1))
        push.close()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            for call in (lambda: stream.send(b"x"), lambda: stream.on_recv(print), stream.flush):
                with pytest.raises(zmq.ZMQError) as info:
                    call()
                assert info.value.errno == zmq.ENOTSOCK
            stream.on_send(print)  # touches no socket: accepted, as in pyzmq
        with pytest.warns(UserWarning, match="after closing socket"):
            assert stream.closed()
        assert stream.socket is None and closed_calls == [1]

        # noticed by closed(), as in pyzmq
        other = ZMQStream(pull)
        other.on_recv(print)
        pull.close()
        await asyncio.sleep(0.05)  # the loop notices too: it stops listening, silently
        with pytest.warns(UserWarning, match="after closing socket"):
            assert other.closed()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert other.closed()
            other.close()

    run(main())


def test_non_callable_callbacks_raise_assertion_error_and_type_error(run, context):
    async def main():
        stream = ZMQStream(context.socket(zmq.PULL))
        for call in (
            lambda: stream.on_recv(5),
            lambda: stream.on_send(5),
            lambda: stream.send_multipart([b"x"], callback=5),
            lambda: stream.on_recv_stream("no"),
        ):
            with pytest.raises(AssertionError):
                call()
            with pytest.raises(TypeError, match="callable"):
                call()
        assert not stream.sending()  # the rejected send was not queued
        stream.close()

    run(main())


def test_async_socket_gets_a_plain_shadow_and_a_runtime_warning(run):
    async def main():
        ctx = zmq.asyncio.Context()
        try:
            pull, push = ctx.socket(zmq.PULL), ctx.socket(zmq.PUSH)
            pull.bind("inproc://async-shadow")
            push.connect("inproc://async-shadow")
            with pytest.warns(RuntimeWarning, match="takes a plain zmq.Socket"):
                stream = ZMQStream(pull)
            assert type(stream.socket) is zmq.Socket
            assert stream.socket.underlying == pull.underlying
            got = asyncio.get_running_loop().create_future()
            stream.on_recv(got.set_result)
            await push.send(b"via stream")
            result = await asyncio.wait_for(got, WAIT_S)
            # the awaitable socket still works beside the stream
            stream.stop_on_recv()
            await push.send(b"awaited")
            direct = await asyncio.wait_for(pull.recv(), WAIT_S)
            stream.close()
            return result, direct, pull.closed
        finally:
            ctx.destroy(linger=0)

    assert run(main()) == ([b"via stream"], b"awaited", True)


def test_plain_socket_subclass_is_kept(run, context):
    class Mine(zmq.Socket):
        pass

    async def main():
        sock = Mine(context, zmq.PULL)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            stream = ZMQStream(sock)
        assert stream.socket is sock
        stream.close()
        return sock.closed

    assert run(main())


def test_stream_made_before_the_loop_runs_closed_after_join():
    """ipykernel's IOPub thread: stream made in the main thread, loop run in another, closed after join."""
    ctx = zmq.Context()
    loop = IOLoop(make_current=False)
    pipe = ctx.socket(zmq.PULL)
    pipe.bind("inproc://iopub-after-join")
    stream = ZMQStream(pipe, loop)
    got = []
    arrived = threading.Event()
    stream.on_recv(lambda msg: (got.append(msg), arrived.set()))
    thread = threading.Thread(target=loop.start)
    thread.start()
    push = ctx.socket(zmq.PUSH)
    push.connect("inproc://iopub-after-join")
    push.send(b"event")
    assert arrived.wait(WAIT_S)
    loop.add_callback(loop.stop)
    thread.join(WAIT_S)
    assert not thread.is_alive()
    loop.close(all_fds=True)
    push.close()
    assert got == [[b"event"]]
    assert pipe.closed and stream.closed()
    assert _term_returns(ctx, [pipe])
