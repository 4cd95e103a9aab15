# SPDX-License-Identifier: BSD-3-Clause
"""spin_us: blocking sends and receives retry briefly before they sleep in libzmq."""

import subprocess
import sys
import textwrap
import threading
import time

import pytest
import zmq


def test_defaults_come_from_the_context_at_socket_creation():
    ctx = zmq.Context()
    try:
        assert ctx.spin_us == zmq.SPIN_US == 0  # no spin unless asked for
        first = ctx.socket(zmq.PULL)
        assert first.spin_us == 0
        ctx.spin_us = 25
        second = ctx.socket(zmq.PULL)
        assert (first.spin_us, second.spin_us) == (0, 25)
        first.spin_us = 1000
        assert (first.spin_us, second.spin_us, ctx.spin_us) == (1000, 25, 25)
    finally:
        ctx.destroy(linger=0)


@pytest.mark.parametrize("value, error", [
    ("50", TypeError), (1.5, TypeError), (True, TypeError), (None, TypeError),
    (-1, ValueError), (1_000_001, ValueError), (2**70, ValueError),
])
def test_bad_values_are_refused(value, error):
    ctx = zmq.Context()
    try:
        sock = ctx.socket(zmq.PULL)
        with pytest.raises(error, match="spin_us"):
            sock.spin_us = value
        with pytest.raises(error, match="spin_us"):
            ctx.spin_us = value
        assert (sock.spin_us, ctx.spin_us) == (0, 0)
    finally:
        ctx.destroy(linger=0)


@pytest.mark.parametrize("spin_us", [0, 50, 20_000])
def test_every_message_arrives_once_in_order_through_blocked_sends_and_receives(spin_us):
    """A one-message queue forces both ends to wait (and so to spin) nearly every call."""
    ctx = zmq.Context()
    count = 3000
    big = bytes(range(256)) * 400  # 100 KiB: sent zero-copy, with a tracker
    try:
        push = ctx.socket(zmq.PUSH)
        pull = ctx.socket(zmq.PULL)
        for sock in (push, pull):
            sock.sndhwm = sock.rcvhwm = 1
            sock.spin_us = spin_us
        push.bind("inproc://spin")
        pull.connect("inproc://spin")
        trackers = []

        def send_all():
            for i in range(count):
                if i % 10 == 0:
                    trackers.append(push.send(big, copy=False, track=True))
                    push.send_multipart([b"big", b"%d" % i])
                else:
                    push.send(b"%d" % i)

        sender = threading.Thread(target=send_all)
        sender.start()
        received = []
        buf = bytearray(16)
        for i in range(count):
            if i % 10 == 0:
                assert pull.recv(copy=False).bytes == big
                assert pull.recv_multipart() == [b"big", b"%d" % i]
                received.append(i)
            elif i % 10 == 5:
                size = pull.recv_into(buf)
                received.append(int(buf[:size]))
            else:
                received.append(int(pull.recv()))
        sender.join()
        assert received == list(range(count))
        for tracker in trackers:
            tracker.wait(10)
        assert all(tracker.done for tracker in trackers)
    finally:
        ctx.destroy(linger=0)


def test_context_termination_ends_a_spinning_receive():
    ctx = zmq.Context()
    pull = ctx.socket(zmq.PULL)
    pull.spin_us = 1_000_000  # a second of spinning: term() comes during it
    pull.bind("inproc://spin-term")
    outcome = []

    def receive():
        try:
            pull.recv()
        except zmq.ContextTerminated:
            outcome.append("terminated")
        finally:
            pull.close()

    receiver = threading.Thread(target=receive)
    receiver.start()
    ctx.term()
    receiver.join()
    assert outcome == ["terminated"]


def test_a_timeout_of_zero_raises_again_with_spinning_on():
    ctx = zmq.Context()
    try:
        pull = ctx.socket(zmq.PULL)
        pull.spin_us = 1_000_000
        pull.rcvtimeo = 0
        pull.bind("inproc://spin-zero")
        with pytest.raises(zmq.Again):
            pull.recv()
    finally:
        ctx.destroy(linger=0)


SIGNAL_CHILD = textwrap.dedent(
    """
    import signal, zmq

    class Alarm(Exception):
        pass

    def on_alarm(signum, frame):
        raise Alarm()

    def fill(sock):
        while True:
            try:
                sock.send(b"x", zmq.DONTWAIT)
            except zmq.Again:
                return

    signal.signal(signal.SIGALRM, on_alarm)
    ctx = zmq.Context()
    sock = ctx.socket(zmq.{kind})
    sock.spin_us = 1_000_000
    sock.sndhwm = 1
    sock.bind("inproc://nobody")
    {prepare}
    # the alarm comes while the call spins: its handler must run then, not
    # after the (never-ending) sleep in libzmq that follows the spin
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    try:
        {call}
    except Alarm:
        print("alarm")
    ctx.destroy(linger=0)
    """
)


@pytest.mark.parametrize("kind, prepare, call", [
    ("PULL", "", "sock.recv()"),
    ("PULL", "", "sock.recv_into(bytearray(4))"),
    ("PAIR", "peer = ctx.socket(zmq.PAIR); peer.rcvhwm = 1; peer.connect('inproc://nobody'); fill(sock)",
     "sock.send(b'y' * 100000, copy=False)"),
    ("PAIR", "peer = ctx.socket(zmq.PAIR); peer.rcvhwm = 1; peer.connect('inproc://nobody'); fill(sock)",
     "sock.send(b'y')"),
], ids=["recv", "recv_into", "send-zero-copy", "send"])
def test_a_signal_during_the_spin_runs_its_handler(kind, prepare, call):
    code = SIGNAL_CHILD.format(kind=kind, prepare=prepare, call=call)
    # the timeout only guards against a hang; it is not what the test checks
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["alarm"]




@pytest.mark.parametrize("spin_us, interval, frames, states", [
    # spins that end with a frame (0.2 s into a 1 s spin) never back off;
    # the wait after the large frame does not spin: it sleeps in libzmq
    (1_000_000, 0.2, [b"small", b"L" * 100_000, b"small", b"small"],
     [(0, 0, False, False), (0, 0, True, False), (0, 0, False, True), (0, 0, False, False)]),
    # spins that run out (0.1 s spin, frames 0.3 s apart) back off: after n
    # misses in a row, the next 2**n - 1 waits sleep at once
    (100_000, 0.3, [b"small"] * 5,
     [(1, 1, False, True), (0, 1, False, True), (3, 2, False, True), (2, 2, False, True),
      (1, 2, False, True)]),
    # the wait after a large frame neither spins nor counts as a skipped spin
    (100_000, 0.3, [b"L" * 100_000, b"small", b"small"],
     [(1, 1, True, True), (1, 1, False, True), (0, 1, False, True)]),
], ids=["hits", "backoff", "after-large-frame"])
def test_the_spin_adapts_to_the_sockets_waits(spin_us, interval, frames, states):
    ctx = zmq.Context()
    try:
        receiver = ctx.socket(zmq.PAIR)
        sender = ctx.socket(zmq.PAIR)
        receiver.spin_us = spin_us
        receiver.bind("inproc://spin-adapt")
        sender.connect("inproc://spin-adapt")
        gone = threading.Event()
        waiting = threading.Semaphore(0)  # released as the receiver starts each wait

        def send_slowly():
            # the interval counts from the receiver's wait, not from this
            # thread's start: a loaded machine may start either one late
            for frame in frames:
                while not waiting.acquire(timeout=0.05):
                    if gone.is_set():
                        return
                if gone.wait(interval):
                    return
                sender.send(frame)

        thread = threading.Thread(target=send_slowly)
        thread.start()
        seen = []
        try:
            for frame in frames:
                waiting.release()
                assert receiver.recv() == frame
                seen.append(receiver._spin_state["recv"])
        finally:
            gone.set()
            thread.join()
        assert seen == states
        assert receiver._spin_state["send"] == (0, 0, False, False)  # nothing waited to send
    finally:
        ctx.destroy(linger=0)


def test_a_shadow_of_a_socket_takes_its_contexts_spin_us():
    ctx = zmq.Context()
    try:
        ctx.spin_us = 5
        sock = ctx.socket(zmq.PAIR)
        assert zmq.Socket(sock).spin_us == 5
        assert zmq.Socket.shadow(sock.underlying).spin_us == zmq.SPIN_US  # no context known
    finally:
        ctx.destroy(linger=0)


def _recv_into(sock, flags=0):
    buffer = bytearray(16)
    return bytes(buffer[:sock.recv_into(buffer, flags=flags)])


RECEIVES = {
    "recv": lambda sock, flags=0: sock.recv(flags),
    "recv-copy-false": lambda sock, flags=0: sock.recv(flags, copy=False).bytes,
    "recv_into": _recv_into,
}


def _sleepy_pair(ctx, name):
    """A PAIR receiver whose last wait slept in libzmq (spin off, the frame came 0.1 s later)."""
    receiver, sender = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
    receiver.spin_us = 0
    receiver.bind(f"inproc://{name}")
    sender.connect(f"inproc://{name}")
    later = threading.Timer(0.1, sender.send, (b"first",))
    later.start()
    assert receiver.recv() == b"first"
    later.join()
    assert receiver._spin_state["recv"][3] is True  # it slept
    return receiver, sender


@pytest.mark.parametrize("receive", RECEIVES.values(), ids=RECEIVES.keys())
def test_a_receive_after_a_sleep_still_gets_queued_frames_in_order(receive):
    """It skips the non-blocking try and goes straight to the blocking call, which finds them."""
    ctx = zmq.Context()
    try:
        receiver, sender = _sleepy_pair(ctx, "sleepy-queued")
        for i in range(3):
            sender.send(b"f%d" % i)
        while not receiver.poll(0):
            time.sleep(0.001)
        assert [receive(receiver) for _ in range(3)] == [b"f0", b"f1", b"f2"]
    finally:
        ctx.destroy(linger=0)


@pytest.mark.parametrize("receive", RECEIVES.values(), ids=RECEIVES.keys())
def test_dontwait_and_timeouts_after_a_sleep_raise_again(receive):
    ctx = zmq.Context()
    try:
        receiver, _ = _sleepy_pair(ctx, "sleepy-again")
        started = time.monotonic()
        with pytest.raises(zmq.Again):
            receive(receiver, zmq.DONTWAIT)
        receiver.rcvtimeo = 50
        with pytest.raises(zmq.Again):
            receive(receiver)
        # only a guard against a hang: DONTWAIT must not have waited forever
        assert time.monotonic() - started < 30
    finally:
        ctx.destroy(linger=0)


@pytest.mark.parametrize("receive", RECEIVES.values(), ids=RECEIVES.keys())
def test_context_termination_ends_a_receive_that_skipped_its_try(receive):
    ctx = zmq.Context()
    receiver, sender = _sleepy_pair(ctx, "sleepy-term")
    sender.close()
    outcome = []

    def wait():
        try:
            receive(receiver)
        except zmq.ContextTerminated:
            outcome.append("terminated")
        finally:
            receiver.close()

    thread = threading.Thread(target=wait)
    thread.start()
    time.sleep(0.05)
    ctx.term()
    thread.join()
    assert outcome == ["terminated"]


def test_a_spin_that_meets_its_frame_clears_the_sleep_mark():
    ctx = zmq.Context()
    try:
        receiver, sender = _sleepy_pair(ctx, "sleepy-spin")
        receiver.spin_us = 1_000_000
        later = threading.Timer(0.05, sender.send, (b"second",))
        later.start()
        assert receiver.recv() == b"second"  # met by the spin, 0.05 s into a 1 s spin
        later.join()
        assert receiver._spin_state["recv"] == (0, 0, False, False)
    finally:
        ctx.destroy(linger=0)
