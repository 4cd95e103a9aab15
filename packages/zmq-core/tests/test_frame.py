# SPDX-License-Identifier: BSD-3-Clause
"""Frame, zero-copy sends and receives, MessageTracker."""

import copy
import gc
import sys
import threading

import pytest

import zmq

BIG = 200_000  # above zmq.COPY_THRESHOLD: shared with libzmq, not copied


def test_frame_wraps_buffers():
    for data in (b"bytes", bytearray(b"bytearray"), memoryview(b"view"), b"x" * BIG):
        frame = zmq.Frame(data)
        assert len(frame) == len(data)
        assert frame.bytes == bytes(data)
        assert bytes(frame) == bytes(data)
        assert frame.bytes is frame.bytes  # cached
        assert frame.buffer is frame.buffer
        assert frame.buffer.tobytes() == bytes(data)
    assert zmq.Frame().bytes == b""
    assert zmq.Frame(b"abc").more is False


def test_frame_rejects_str_and_non_buffers():
    for bad in ("text", 5, object()):
        with pytest.raises(TypeError):
            zmq.Frame(bad)


def test_zero_copy_frame_holds_a_reference_until_released(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    data = bytearray(b"y" * BIG)
    base = sys.getrefcount(data)
    frame = zmq.Frame(data, track=True)
    assert sys.getrefcount(data) > base  # libzmq points into data: it is kept alive
    tracker = frame.tracker
    push.send(frame, copy=False)
    assert pull.recv() == bytes(data)
    assert not tracker.done  # the Frame itself still holds the message
    del frame
    tracker.wait(10)
    assert tracker.done
    zmq.core._zmq._collect_released()
    assert sys.getrefcount(data) == base
    data.extend(b"!")  # no buffer export left: resizable again


def test_send_copy_false_returns_a_live_tracker(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    tracker = push.send(b"z" * BIG, copy=False)
    assert isinstance(tracker, zmq.MessageTracker)
    received = pull.recv(copy=False)
    assert not tracker.done  # inproc: the receiver's frame shares the buffer
    del received
    tracker.wait(10)
    assert tracker.done


def test_small_copy_false_sends_are_copied(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    tracker = push.send(b"small", copy=False, track=True)
    assert tracker is zmq.core.tracker._FINISHED_TRACKER and tracker.done
    assert pull.recv() == b"small"
    push.copy_threshold = 0  # share even small buffers
    tracker = push.send(b"shared", copy=False)
    assert pull.recv() == b"shared"
    tracker.wait(10)


def test_recv_copy_false_gives_frames_with_more(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH, "tcp")
    push.send_multipart([b"a", b"b" * BIG, b"c"], copy=False)
    frames = pull.recv_multipart(copy=False)
    assert [type(f) for f in frames] == [zmq.Frame] * 3
    assert [f.more for f in frames] == [True, True, False]
    assert [f.bytes for f in frames] == [b"a", b"b" * BIG, b"c"]
    push.send(b"single")
    frame = pull.recv(copy=False)
    assert frame.more is False and frame.get(zmq.MORE) == 0


def test_received_buffers_are_never_clobbered(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    views = []
    for i in range(50):
        push.send(bytes([i]) * 100)
        views.append(pull.recv(copy=False).buffer)
    gc.collect()
    assert [bytes(v) for v in views] == [bytes([i]) * 100 for i in range(50)]


def test_frame_can_be_sent_many_times_and_copied(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    frame = zmq.Frame(b"again" * 30000)
    for copy_flag in (True, False, True):
        push.send(frame, copy=copy_flag)
    assert [pull.recv() for _ in range(3)] == [b"again" * 30000] * 3
    assert frame.bytes == b"again" * 30000
    twin = copy.copy(frame)
    assert twin.bytes == frame.bytes and twin is not frame


def test_track_requires_a_tracked_frame(pair):
    _, push = pair(zmq.PULL, zmq.PUSH)
    with pytest.raises(ValueError):
        push.send(zmq.Frame(b"x" * BIG), copy=False, track=True)


def test_frame_metadata(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH, "tcp")
    push.send(b"meta")
    frame = pull.recv(copy=False)
    assert frame["Socket-Type"] == "PUSH"
    assert frame.get("Peer-Address") == "127.0.0.1"
    with pytest.raises(zmq.ZMQError):
        frame["No-Such-Property"]
    with pytest.raises(TypeError):
        frame[5]
    assert "meta" in repr(frame)


def test_message_tracker_inputs_and_wait():
    event = threading.Event()
    tracker = zmq.MessageTracker(event)
    assert not tracker.done
    with pytest.raises(zmq.NotDone):
        tracker.wait(0.01)
    event.set()
    tracker.wait(1)
    assert zmq.MessageTracker(tracker, zmq.Frame(b"x", track=True)).done
    with pytest.raises(ValueError):
        zmq.MessageTracker(zmq.Frame(b"x"))
    with pytest.raises(TypeError):
        zmq.MessageTracker("not trackable")


def test_zero_copy_buffer_survives_sender_dropping_it(pair):
    """The sender may drop its reference right away; libzmq's copy stays valid."""
    pull, push = pair(zmq.PULL, zmq.PUSH, "tcp")
    for i in range(20):
        push.send(bytearray([i % 256]) * BIG, copy=False)
    gc.collect()
    received = [pull.recv() for _ in range(20)]
    assert received == [bytes([i % 256]) * BIG for i in range(20)]


def test_recv_into(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    buffer = bytearray(8)
    push.send(b"hello")
    assert pull.recv_into(buffer) == 5 and buffer[:5] == b"hello"
    push.send(b"much too long")
    assert pull.recv_into(buffer) == 13 and buffer == b"much too"  # truncated, full size told
    push.send(b"abc")
    assert pull.recv_into(buffer, nbytes=2) == 3 and buffer[:2] == b"ab"
    with pytest.raises(BufferError):  # as pyzmq: read-only or non-contiguous buffers
        pull.recv_into(b"read-only")
    with pytest.raises(BufferError):
        pull.recv_into(memoryview(bytearray(8))[::2])
    with pytest.raises(TypeError):
        pull.recv_into("not a buffer")
    with pytest.raises(ValueError):
        pull.recv_into(buffer, nbytes=100)
    with pytest.raises(zmq.Again):
        pull.recv_into(buffer, flags=zmq.DONTWAIT)


def test_frame_refuses_a_misspelled_keyword():
    # pyzmq 27 accepts Frame(b"x", trak=True) silently; a typo must not pass unseen
    with pytest.raises(TypeError, match="trak"):
        zmq.Frame(b"x", trak=True)
    with pytest.raises(TypeError):
        zmq.Frame(b"x", False, None, None, 5)


def test_frame_subclass_may_add_keywords():
    class Labelled(zmq.Frame):
        def __init__(self, data=None, label="", **kwargs):
            super().__init__(data, **kwargs)
            self.label = label

    frame = Labelled(b"abc", label="mine", track=True)
    assert (frame.bytes, frame.label, frame.tracker is not None) == (b"abc", "mine", True)


@pytest.mark.parametrize("send_multipart", [False, True])
def test_copy_threshold_copies_only_frames_below_it(pair, send_multipart):
    # pyzmq's meaning: with copy=False, frames of fewer than copy_threshold bytes are copied
    pull, push = pair(zmq.PULL, zmq.PUSH)
    push.copy_threshold = 1000
    for size, copied in ((999, True), (1000, False), (1001, False)):
        if send_multipart:
            tracker = push.send_multipart([b"x" * size], copy=False, track=True)
        else:
            tracker = push.send(b"x" * size, copy=False, track=True)
        assert (tracker is zmq._FINISHED_TRACKER) is copied, size
        assert len(pull.recv()) == size
        if not copied:
            tracker.wait(10)


def test_frame_copy_threshold_boundary():
    data = b"y" * 100
    assert zmq.Frame(data, track=True, copy_threshold=101).tracker is zmq._FINISHED_TRACKER
    shared = zmq.Frame(data, track=True, copy_threshold=100)
    assert shared.tracker is not zmq._FINISHED_TRACKER
    del shared


@pytest.mark.parametrize("multipart", [False, True])
def test_recv_track_gives_a_finished_tracker(pair, multipart):
    # as pyzmq: a received Frame has nothing to track, so track=True gives it
    # the finished tracker, track=False none; with copy=True track is ignored
    pull, push = pair(zmq.PULL, zmq.PUSH)
    for track in (True, False):
        push.send_multipart([b"a", b"b"])
        if multipart:
            frames = pull.recv_multipart(copy=False, track=track)
        else:
            frames = [pull.recv(copy=False, track=track), pull.recv(copy=False, track=track)]
        expected = zmq._FINISHED_TRACKER if track else None
        assert [frame.tracker for frame in frames] == [expected, expected]
        assert [frame.bytes for frame in frames] == [b"a", b"b"]
    if track:
        assert frames[0].tracker.done
    push.send(b"c")
    assert pull.recv(copy=True, track=True) == b"c"
