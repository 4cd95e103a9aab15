# SPDX-License-Identifier: BSD-3-Clause
"""Item 2: a zero-copy buffer lives exactly as long as libzmq uses it.

A buffer sent with copy=False stays alive and unchanged while libzmq holds
it: after the sender dropped every reference, after the socket was closed
with a linger, while the context is being destroyed. A received Frame's
memoryview stays valid after the Frame, the socket and the context are gone.
MessageTracker.done is False while libzmq still holds the buffer and True
once it has let go, at which point the buffer is free to change or resize.

Liveness is observed through weak references to the sent objects (a
bytearray subclass), never through timing. Between dropping the references
and checking the content, freshly allocated buffers of the same size are
filled with another pattern: a buffer freed too early would be reused and
overwritten by them.
"""

from __future__ import annotations

import gc
import socket
import threading
import time
import weakref

import zmq

BIG = 300_000  # well above zmq.COPY_THRESHOLD: shared with libzmq, never copied


class Payload(bytearray):
    """A bytearray that can be weakly referenced."""


def payloads(count: int) -> list[Payload]:
    return [Payload(bytes([65 + i % 26]) * BIG) for i in range(count)]


def expected(count: int) -> list[bytes]:
    return [bytes([65 + i % 26]) * BIG for i in range(count)]


def churn() -> list[bytearray]:
    """Allocate and fill buffers of the same size, reusing freed memory if any."""
    gc.collect()
    return [bytearray(b"\xee" * BIG) for _ in range(30)]


def unused_tcp_endpoint() -> str:
    """A tcp endpoint on 127.0.0.1 whose port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"tcp://127.0.0.1:{probe.getsockname()[1]}"


def wait_until(condition, guard: float = 30.0) -> bool:
    """Poll ``condition`` until true; False after ``guard`` seconds (a hang guard)."""
    deadline = time.monotonic() + guard
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.005)
    return False


def all_dead(refs) -> bool:
    return all(ref() is None for ref in refs)


def send_and_forget(push: zmq.Socket, count: int) -> list[weakref.ref]:
    """Send ``count`` buffers with copy=False; keep nothing but weak references."""
    refs = []
    for data in payloads(count):
        refs.append(weakref.ref(data))
        push.send(data, copy=False)
    return refs


def test_buffer_outlives_every_sender_reference(context):
    endpoint = unused_tcp_endpoint()
    push = context.socket(zmq.PUSH)
    push.connect(endpoint)  # no listener yet: the messages wait in libzmq's queue
    refs = send_and_forget(push, 12)
    noise = churn()
    assert not any(ref() is None for ref in refs), "a queued buffer was freed"
    pull = context.socket(zmq.PULL)
    pull.bind(endpoint)
    assert [pull.recv() for _ in refs] == expected(len(refs))
    assert wait_until(lambda: all_dead(refs)), "delivered buffers were never released"
    del noise


def test_buffer_outlives_socket_closed_with_linger(context):
    endpoint = unused_tcp_endpoint()
    push = context.socket(zmq.PUSH)
    push.connect(endpoint)
    refs = send_and_forget(push, 12)
    push.close(linger=60_000)  # libzmq keeps the queue to deliver it
    del push
    noise = churn()
    assert not any(ref() is None for ref in refs), "close() freed a queued buffer"
    pull = context.socket(zmq.PULL)
    pull.bind(endpoint)
    assert [pull.recv() for _ in refs] == expected(len(refs))
    assert wait_until(lambda: all_dead(refs))
    del noise


def test_buffer_outlives_context_being_destroyed(context):
    endpoint = unused_tcp_endpoint()
    sender_ctx = zmq.Context()
    push = sender_ctx.socket(zmq.PUSH)
    push.connect(endpoint)
    refs = send_and_forget(push, 12)
    del push
    # destroy() blocks while the lingering messages are undelivered
    destroyer = threading.Thread(target=sender_ctx.destroy, kwargs={"linger": 60_000})
    destroyer.start()
    noise = churn()
    assert destroyer.is_alive() and not any(ref() is None for ref in refs)
    pull = context.socket(zmq.PULL)
    pull.bind(endpoint)
    assert [pull.recv() for _ in refs] == expected(len(refs))
    destroyer.join(60)  # a hang guard
    assert not destroyer.is_alive() and sender_ctx.closed
    assert wait_until(lambda: all_dead(refs))
    del noise


def test_buffers_of_discarded_messages_are_released():
    """linger=0 discards the queue: every buffer is let go, nothing crashes."""
    ctx = zmq.Context()
    push = ctx.socket(zmq.PUSH)
    push.connect(unused_tcp_endpoint())
    refs = send_and_forget(push, 12)
    trackers = [push.send(Payload(b"t" * BIG), copy=False, track=True) for _ in range(3)]
    assert not any(tracker.done for tracker in trackers)
    ctx.destroy(linger=0)
    assert wait_until(lambda: all_dead(refs))
    assert all(tracker.done for tracker in trackers)


def test_received_view_outlives_frame_socket_and_context():
    for transport in ("inproc", "tcp"):
        ctx = zmq.Context()
        pull, push = ctx.socket(zmq.PULL), ctx.socket(zmq.PUSH)
        port = pull.bind_to_random_port("tcp://127.0.0.1") if transport == "tcp" else None
        if port is None:
            pull.bind("inproc://views")
        push.connect(f"tcp://127.0.0.1:{port}" if port else "inproc://views")
        refs = send_and_forget(push, 4)
        frames = [pull.recv(copy=False) for _ in refs]
        views = [frame.buffer for frame in frames]
        direct = memoryview(frames[0])  # a view of the Frame itself
        del frames
        pull.close()
        push.close()
        ctx.destroy()
        noise = churn()
        assert [view.tobytes() for view in views] == expected(4), transport
        assert direct.tobytes() == expected(1)[0]
        if transport == "inproc":  # the views share the sender's buffers
            assert not any(ref() is None for ref in refs)
        del views, direct, noise
        assert wait_until(lambda: all_dead(refs)), transport


def test_tracker_not_done_while_libzmq_holds_the_buffer(context):
    endpoint = unused_tcp_endpoint()
    push = context.socket(zmq.PUSH)
    push.connect(endpoint)
    data = Payload(b"q" * BIG)
    tracker = push.send(data, copy=False, track=True)
    for _ in range(20):  # queued, undeliverable: never done, however often asked
        assert not tracker.done
        time.sleep(0.005)
    pull = context.socket(zmq.PULL)
    pull.bind(endpoint)
    assert pull.recv() == bytes(data)
    tracker.wait(30)
    assert tracker.done


def test_tracker_not_done_while_a_received_view_shares_the_buffer(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)  # inproc: the receiver gets the same memory
    tracker = push.send(Payload(b"v" * BIG), copy=False, track=True)
    frame = pull.recv(copy=False)
    view = frame.buffer
    del frame
    gc.collect()
    assert not tracker.done  # the view still reads libzmq's message
    assert view.tobytes() == b"v" * BIG
    del view
    tracker.wait(30)
    assert tracker.done


def test_tracker_of_several_messages_waits_for_all(context):
    endpoint = unused_tcp_endpoint()
    first, second = context.socket(zmq.PUSH), context.socket(zmq.PUSH)
    pull = context.socket(zmq.PULL)
    pull.bind(endpoint)
    first.connect(endpoint)
    second.connect(unused_tcp_endpoint())  # nobody there
    both = zmq.MessageTracker(
        first.send(Payload(b"1" * BIG), copy=False, track=True),
        second.send(Payload(b"2" * BIG), copy=False, track=True),
    )
    assert pull.recv() == b"1" * BIG
    assert not both.done
    second.close(linger=0)  # the second message is discarded: released too
    both.wait(30)
    assert both.done


def test_done_is_never_early_and_the_buffer_is_free_once_done(pair):
    """Once done, the buffer may change or grow at once; the peer got the original."""
    pull, push = pair(zmq.PULL, zmq.PUSH, "tcp")
    for round_number in range(50):
        data = bytearray(bytes([round_number]) * BIG)
        tracker = push.send(data, copy=False, track=True)
        while not tracker.done:  # no sleeping: look the moment libzmq lets go
            pass
        data[:] = b"\x00" * BIG  # overwrite in place...
        data.extend(b"grown")  # ...and resize: no export may be left
        assert pull.recv() == bytes([round_number]) * BIG
