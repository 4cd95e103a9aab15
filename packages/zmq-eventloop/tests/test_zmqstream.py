# SPDX-License-Identifier: BSD-3-Clause
"""ZMQStream on tornado's IOLoop (on asyncio) with real libzmq sockets."""

from __future__ import annotations

import asyncio
import logging
import threading
import warnings

import pytest
from tornado.ioloop import IOLoop

import zmq
import zmq.asyncio
from zmq.eventloop import zmqstream
from zmq.eventloop.zmqstream import ZMQStream


def stream_pair(context, socket_pair, bind_type, connect_type, **kwargs):
    """Two ZMQStreams on a connected socket pair (call inside the running loop)."""
    bound, connected = socket_pair(context, bind_type, connect_type, **kwargs)
    return ZMQStream(bound), ZMQStream(connected)


def test_default_loop_and_attributes(run, context, socket_pair):
    async def main():
        a, _ = stream_pair(context, socket_pair, zmq.PULL, zmq.PUSH)
        assert a.io_loop is IOLoop.current()
        assert isinstance(a.socket, zmq.Socket)
        assert not a.receiving() and not a.sending() and not a.closed()
        loop = IOLoop.current()
        other = ZMQStream(context.socket(zmq.PUSH), io_loop=loop)
        assert other.io_loop is loop
        other.close()

    run(main())


def test_flood_of_twenty_thousand_messages_one_per_wakeup(run, context, socket_pair):
    count = 20_000

    async def main():
        pull, push = socket_pair(context, zmq.PULL, zmq.PUSH, hwm=0)
        for i in range(count):
            push.send(b"%d" % i)
        stream = ZMQStream(pull)
        got, done, ticks = [], asyncio.Event(), [0]

        async def ticker():
            while not done.is_set():
                ticks[0] += 1
                await asyncio.sleep(0)

        def on_msg(msg):
            got.append(msg)
            if len(got) == count:
                done.set()

        tick_task = asyncio.ensure_future(ticker())
        stream.on_recv(on_msg)
        await done.wait()
        await tick_task
        return got, ticks[0]

    got, ticks = run(main())
    assert got == [[b"%d" % i] for i in range(count)]
    # one message per loop iteration: the other task ran all along
    assert ticks >= count // 2


def test_multipart_echo_and_on_send(run, context, socket_pair):
    async def main():
        server, client = stream_pair(context, socket_pair, zmq.ROUTER, zmq.DEALER, transport="tcp")
        server.on_recv(lambda msg: server.send_multipart(msg))
        sent, replies, done = [], [], asyncio.Event()
        client.on_send(lambda msg, status: sent.append((msg, status)))

        def on_reply(msg):
            replies.append(msg)
            if len(replies) == 100:
                done.set()

        client.on_recv(on_reply)
        for i in range(100):
            client.send_multipart([b"part-%d" % i, b"", b"tail"])
        await done.wait()
        return sent, replies

    sent, replies = run(main())
    assert replies == [[b"part-%d" % i, b"", b"tail"] for i in range(100)]
    assert sent == [([b"part-%d" % i, b"", b"tail"], None) for i in range(100)]


def test_dealer_router_interleaved_send_and_recv(run, context, socket_pair):
    rounds = 2_000

    async def main():
        router, dealer = stream_pair(context, socket_pair, zmq.ROUTER, zmq.DEALER)
        router.on_recv(lambda msg: router.send_multipart([msg[0], msg[1] + b"!"]))
        replies, done = [], asyncio.Event()

        def on_reply(msg):
            replies.append(msg[0])
            if len(replies) < rounds:
                dealer.send(b"%d" % len(replies))
            else:
                done.set()

        dealer.on_recv(on_reply)
        dealer.send(b"0")
        await done.wait()
        return replies

    assert run(main()) == [b"%d!" % i for i in range(rounds)]


def test_req_rep_ten_thousand_round_trips(run, context, socket_pair):
    rounds = 10_000

    async def main():
        rep, req = stream_pair(context, socket_pair, zmq.REP, zmq.REQ)
        rep.on_recv_stream(lambda stream, msg: stream.send_multipart(msg))
        count, done = [0], asyncio.Event()

        def on_reply(msg):
            assert msg == [b"%d" % count[0]]
            count[0] += 1
            if count[0] == rounds:
                done.set()
            else:
                req.send(b"%d" % count[0])

        req.on_recv(on_reply)
        req.send(b"0")
        await done.wait()
        return count[0]

    assert run(main()) == rounds


def test_copy_false_delivers_frames(run, context, socket_pair):
    async def main():
        pull, push = stream_pair(context, socket_pair, zmq.PULL, zmq.PUSH)
        got = asyncio.get_running_loop().create_future()
        pull.on_recv(got.set_result, copy=False)
        push.send(b"frame")
        return await got

    (frame,) = run(main())
    assert isinstance(frame, zmq.Frame) and frame.bytes == b"frame"


def test_send_helpers_and_callbacks(run, context, socket_pair):
    async def main():
        pull, push = socket_pair(context, zmq.PULL, zmq.PUSH)
        stream = ZMQStream(push)
        statuses = []
        stream.on_send_stream(lambda s, msg, status: statuses.append((s is stream, msg)))
        stream.send_string("héllo")
        stream.send_json({"k": 1})
        stream.send_pyobj((1, 2))
        stream.send(b"x" * 100_000, copy=False, track=True)
        for _ in range(100):
            if len(statuses) == 4:
                break
            await asyncio.sleep(0.01)
        return statuses, [pull.recv_string(), pull.recv_json(), pull.recv_pyobj(), pull.recv()]

    statuses, received = run(main())
    assert [ok for ok, _ in statuses] == [True] * 4
    assert received == ["héllo", {"k": 1}, (1, 2), b"x" * 100_000]


def test_send_callback_gets_tracker_and_replaces_on_send(run, context, socket_pair):
    async def main():
        pull, push = socket_pair(context, zmq.PULL, zmq.PUSH)
        stream = ZMQStream(push)
        first, second = [], []
        stream.on_send(lambda msg, status: first.append(status))
        done = asyncio.Event()
        stream.send(b"y" * 100_000, copy=False, track=True, callback=lambda msg, status: (second.append(status), done.set()))
        await done.wait()
        return first, second, pull.recv()

    first, second, data = run(main())
    assert first == []
    assert isinstance(second[0], zmq.MessageTracker)
    assert data == b"y" * 100_000


def test_bad_input_is_a_clear_error(run, context, socket_pair):
    async def main():
        stream = ZMQStream(context.socket(zmq.PUSH))
        with pytest.raises(TypeError):
            stream.on_recv("not callable")
        with pytest.raises(TypeError):
            stream.on_send(42)
        with pytest.raises(TypeError):
            stream.send_string(b"bytes")
        with pytest.raises(TypeError):
            stream.send_multipart(b"a bytes object is not a list of parts")
        with pytest.raises(TypeError):
            stream.send_multipart(["str part"])
        with pytest.raises(ValueError):
            stream.send_multipart([])
        with pytest.raises(TypeError):
            ZMQStream("not a socket")
        stream.close()

    run(main())


def test_user_reading_events_in_the_middle_of_a_stream(run, context, socket_pair):
    """EVENTS read by the user inside and outside callbacks: no message is stranded."""
    count = 2_000

    async def main():
        pull, push = socket_pair(context, zmq.PULL, zmq.PUSH, hwm=0)
        stream = ZMQStream(pull)
        got, done = [], asyncio.Event()

        def on_msg(msg):
            pull.getsockopt(zmq.EVENTS)  # the plain socket, inside our callback
            got.append(msg[0])
            if len(got) % 2:
                stream.getsockopt(zmq.EVENTS)
            if len(got) == count:
                done.set()

        stream.on_recv(on_msg)
        for i in range(count):
            push.send(b"%d" % i)
            if i % 10 == 0:
                await asyncio.sleep(0)
                pull.EVENTS  # noqa: B018  (outside any stream callback)
        await done.wait()
        # a message arrives and the user consumes the FD edge before the loop looks
        for i in range(3):
            arrived = asyncio.Event()
            stream.on_recv(lambda msg: arrived.set())
            await asyncio.sleep(0.02)  # the stream is idle, waiting for the FD
            push.send(b"late")
            for _ in range(3):
                pull.EVENTS  # noqa: B018
            await arrived.wait()
        return got

    assert run(main()) == [b"%d" % i for i in range(count)]


def test_coroutine_callbacks_start_in_order_and_run_concurrently(run, context, socket_pair):
    """As pyzmq 27: each coroutine callback is a task; the next message does not wait for it."""

    async def main():
        pull, push = stream_pair(context, socket_pair, zmq.PULL, zmq.PUSH)
        events, done = [], asyncio.Event()
        all_started = asyncio.Event()

        async def slow(msg):
            events.append(("start", msg[0]))
            if len([e for e in events if e[0] == "start"]) == 10:
                all_started.set()
            await all_started.wait()  # only the last message's callback releases the others
            events.append(("end", msg[0]))
            if len(events) == 20:
                done.set()

        pull.on_recv(slow)
        for i in range(10):
            push.send(b"%d" % i)
        await done.wait()
        return events

    events = run(main())
    assert events[:10] == [("start", b"%d" % i) for i in range(10)]
    assert sorted(events[10:]) == [("end", b"%d" % i) for i in range(10)]


def test_raising_callbacks_are_logged_and_the_stream_goes_on(run, context, socket_pair, caplog):
    async def main():
        pull, push = stream_pair(context, socket_pair, zmq.PULL, zmq.PUSH)
        seen, done = [], asyncio.Event()

        async def failing(msg):
            seen.append(msg[0])
            if msg[0] == b"boom":
                raise RuntimeError("coroutine failed")
            if msg[0] == b"sync":
                raise ValueError("plain callback failed")  # raised inside the coroutine too
            if len(seen) == 3:
                done.set()

        pull.on_recv(failing)
        for body in (b"boom", b"sync", b"ok"):
            push.send(body)
        await done.wait()
        pull.on_recv(lambda msg: 1 / 0)
        push.send(b"div")
        await asyncio.sleep(0.05)
        return seen, pull.closed()

    with caplog.at_level(logging.ERROR, logger="zmq.eventloop.zmqstream"):
        seen, closed = run(main())
    assert seen == [b"boom", b"sync", b"ok"]
    assert not closed
    messages = [r.getMessage() for r in caplog.records]
    errors = [str(r.exc_info[1]) for r in caplog.records if r.exc_info]
    assert any("coroutine callback" in m for m in messages)
    assert "coroutine failed" in errors and "plain callback failed" in errors
    assert "division by zero" in errors


def test_flush(run, context, socket_pair):
    async def main():
        pull, push = stream_pair(context, socket_pair, zmq.PULL, zmq.PUSH)
        got = []
        for i in range(5):
            push.send(b"%d" % i)
        assert push.sending()
        assert push.flush(zmq.POLLOUT, limit=2) == 2
        assert push.flush(zmq.POLLOUT) == 3
        assert not push.sending()
        await asyncio.sleep(0.01)
        pull.on_recv(got.append)
        assert pull.flush(zmq.POLLIN, limit=3) == 3
        assert pull.flush() == 2
        # as pyzmq: without a callback, flushing POLLIN drops what waits
        pull.stop_on_recv()
        for i in range(4):
            push.send(b"dropped %d" % i)
        push.flush(zmq.POLLOUT)
        await asyncio.sleep(0.01)
        assert pull.flush(zmq.POLLIN, limit=1) == 1
        assert pull.flush(zmq.POLLIN) == 3
        assert pull.socket.poll(0) == 0
        return got

    assert run(main()) == [[b"%d" % i] for i in range(5)]


def test_close_and_closed_stream_errors(run, context, socket_pair):
    async def main():
        pull, push = stream_pair(context, socket_pair, zmq.PULL, zmq.PUSH)
        closed = []
        pull.set_close_callback(lambda: closed.append(True))
        pull.on_recv(lambda msg: None)
        socket = pull.socket
        pull.close(linger=0)
        assert closed == [True] and pull.closed() and socket.closed and pull.socket is None
        pull.close()  # twice is fine
        assert closed == [True]
        for call in (
            lambda: pull.send(b"x"),
            lambda: pull.on_recv(print),
            lambda: pull.on_recv(None),
            lambda: pull.on_send(print),
            lambda: pull.flush(),
        ):
            with pytest.raises(OSError, match="closed"):
                call()
        # the socket's own methods fail as the closed socket does (as in pyzmq)
        for call in (lambda: pull.connect("inproc://x"), lambda: pull.getsockopt(zmq.LINGER)):
            with pytest.raises(zmq.ZMQError) as info:
                call()
            assert info.value.errno == zmq.ENOTSOCK
        pull.stop_on_recv()  # harmless
        pull.stop_on_send()

    run(main())


def test_on_err_is_deprecated_and_warns_once(run, context):
    async def main():
        stream = ZMQStream(context.socket(zmq.PUSH))
        zmqstream._on_err_warned = False
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            stream.on_err(print)
            stream.on_err(print)
            stream.stop_on_err()
        assert [w.category for w in caught] == [DeprecationWarning]
        stream.close()

    run(main())


def test_passthroughs(run, context):
    async def main():
        stream = ZMQStream(context.socket(zmq.SUB))
        port = stream.bind_to_random_port("tcp://127.0.0.1")
        stream.setsockopt(zmq.LINGER, 5)
        assert stream.getsockopt(zmq.LINGER) == 5
        stream.setsockopt_string(zmq.SUBSCRIBE, "topic")
        assert stream.getsockopt_string(zmq.LAST_ENDPOINT) == f"tcp://127.0.0.1:{port}"
        stream.unbind(f"tcp://127.0.0.1:{port}")
        stream.connect(f"tcp://127.0.0.1:{port}")
        stream.disconnect(f"tcp://127.0.0.1:{port}")
        stream.bind("inproc://passthrough")
        stream.close()

    run(main())


def test_stream_on_a_loop_in_another_thread(context, socket_pair):
    """The classic way: an IOLoop started in its own thread, stopped with add_callback."""
    pull, push = socket_pair(context, zmq.PULL, zmq.PUSH)
    result = []

    def serve():
        asyncio.set_event_loop(asyncio.new_event_loop())
        loop = IOLoop.current()
        stream = ZMQStream(pull, loop)

        def on_msg(msg):
            result.append(msg)
            stream.close()
            loop.stop()

        stream.on_recv(on_msg)
        loop.start()
        loop.close(all_fds=True)

    thread = threading.Thread(target=serve)
    thread.start()
    push.send(b"in a thread")
    thread.join(30)
    assert not thread.is_alive()
    assert result == [[b"in a thread"]]


@pytest.mark.parametrize("callback_kind", ["function", "coroutine"])
def test_on_recv_from_another_thread_reads_what_is_already_queued(context, callback_kind):
    """ipykernel's shell stream: made on a thread's loop, on_recv called from the main thread
    after a message already waits (its FD edge gone). Both that message and later ones arrive."""
    router = context.socket(zmq.ROUTER)
    port = router.bind_to_random_port("tcp://127.0.0.1")
    dealer = context.socket(zmq.DEALER)
    dealer.connect(f"tcp://127.0.0.1:{port}")
    loop = IOLoop(make_current=False)
    stream = ZMQStream(router, loop)
    thread = threading.Thread(target=loop.start, name="stream loop")
    thread.start()
    received = []
    arrived = threading.Event()

    def note(msg):
        received.append((threading.current_thread().name, msg[-1]))
        if len(received) == 2:
            arrived.set()

    async def note_async(msg):
        note(msg)

    try:
        dealer.send(b"queued before on_recv")
        assert router.poll(10_000), "the message must wait in the socket first"
        stream.on_recv(note if callback_kind == "function" else note_async)
        dealer.send(b"after on_recv")
        assert arrived.wait(10), received
        assert received == [("stream loop", b"queued before on_recv"), ("stream loop", b"after on_recv")]
    finally:
        loop.add_callback(stream.close, 0)
        loop.add_callback(loop.stop)
        thread.join(10)
        loop.close()
