# SPDX-License-Identifier: BSD-3-Clause
"""Blocking calls release the GIL, Ctrl-C interrupts them, harmless signals are retried."""

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import zmq


def test_blocking_recv_releases_the_gil(context):
    pull = context.socket(zmq.PULL)
    pull.bind("inproc://gil")
    # a hang guard: were the GIL held during recv, the main thread would only
    # run after the timeout, the message would come too late, and the test fail
    pull.rcvtimeo = 30_000
    received = []
    entered = threading.Event()

    def receive():
        entered.set()
        try:
            received.append(pull.recv())
        except zmq.Again:
            received.append("timed out")

    thread = threading.Thread(target=receive)
    thread.start()
    entered.wait()
    # the main thread keeps running Python code while the other blocks in recv
    total = sum(range(200_000))
    push = context.socket(zmq.PUSH)
    push.connect("inproc://gil")
    push.send(b"wake up")
    thread.join(60)
    assert total == 199_999 * 100_000
    assert received == [b"wake up"]


def test_blocking_send_releases_the_gil(context):
    push = context.socket(zmq.PUSH)
    push.sndhwm = 1
    push.sndtimeo = 30_000  # hang guard, as above
    push.bind("inproc://gil-send")
    outcome = []

    def send_until_blocked():
        try:
            for i in range(100):  # no peer yet: the first send blocks
                push.send(b"%d" % i)
            outcome.append("sent")
        except zmq.Again:
            outcome.append("timed out")

    thread = threading.Thread(target=send_until_blocked)
    thread.start()
    pull = context.socket(zmq.PULL)
    pull.connect("inproc://gil-send")
    received = [pull.recv() for _ in range(100)]
    thread.join(60)
    assert outcome == ["sent"]
    assert received == [b"%d" % i for i in range(100)]


# where a blocking libzmq call waits: poll(2) or ppoll(2), by machine
POLL_SYSCALL = {"x86_64": "7", "amd64": "7"}
PPOLL_SYSCALL = {"x86_64": "271", "amd64": "271", "aarch64": "73", "arm64": "73"}


def _in_blocking_poll(pid: int) -> bool:
    """Whether the main thread of ``pid`` waits in poll/ppoll with a timeout other than 0.

    libzmq also polls with timeout 0 on the way in (the non-blocking attempt);
    a signal that arrives then does not interrupt anything, so it must not be
    mistaken for the blocking wait.
    """
    with open(f"/proc/{pid}/syscall") as status:
        fields = status.read().split()
    machine = os.uname().machine
    if len(fields) < 4:  # "running" or "-1 ..." (not in a system call)
        return False
    number, timeout_arg = fields[0], int(fields[3], 16)
    if number == POLL_SYSCALL.get(machine):  # poll(fds, nfds, int timeout)
        return timeout_arg & 0xFFFFFFFF != 0
    if number == PPOLL_SYSCALL.get(machine):  # ppoll(fds, nfds, const timespec *tsp, ...)
        if timeout_arg == 0:
            return True  # NULL: wait forever
        with open(f"/proc/{pid}/mem", "rb") as memory:
            memory.seek(timeout_arg)
            return memory.read(16) != bytes(16)  # {tv_sec, tv_nsec} other than zero
    return False


def _wait_until_blocked_in_poll(pid: int) -> None:
    """Wait until the main thread of ``pid`` blocks in libzmq's poll."""
    for _ in range(3000):  # a hang guard (30 s), not a timing check
        if _in_blocking_poll(pid):
            return
        time.sleep(0.01)
    raise AssertionError("the child never blocked in libzmq")


def _run_child(code: str, signum: int) -> subprocess.CompletedProcess:
    """Run ``code``; once it prints 'ready' and blocks in libzmq, send it ``signum``."""
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert child.stdout.readline().strip() == "ready"
    _wait_until_blocked_in_poll(child.pid)
    child.send_signal(signum)
    out, err = child.communicate(timeout=60)  # a hang guard, not a timing check
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)


def _thread_ids() -> set[str]:
    return set(os.listdir("/proc/self/task"))


def test_libzmq_threads_never_take_signals():
    """libzmq's threads start with every signal blocked (not only once they run).

    A thread that could take Ctrl-C would run the (Python C-level) handler
    there, and a blocking call in the main thread would never be interrupted.
    """
    before = _thread_ids()
    ctx = zmq.Context(io_threads=2)
    try:
        ctx.socket(zmq.PAIR)  # the first socket starts the I/O and reaper threads
        started = _thread_ids() - before
        assert len(started) >= 3
        for tid in started:
            with open(f"/proc/self/task/{tid}/status") as status:
                fields = dict(line.split(":\t", 1) for line in status.read().splitlines())
            blocked = int(fields["SigBlk"], 16)
            for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGUSR1):
                assert blocked & (1 << (signum - 1)), (tid, fields["Name"], signum)
    finally:
        ctx.destroy(linger=0)
    assert not signal.pthread_sigmask(signal.SIG_BLOCK, [])  # this thread's mask is restored


def test_ctrl_c_interrupts_blocking_recv():
    done = _run_child(
        """
        import time, zmq
        ctx = zmq.Context()
        pull = ctx.socket(zmq.PULL)
        pull.bind("inproc://nobody-sends")
        print("ready", flush=True)
        try:
            pull.recv()
        except KeyboardInterrupt:
            print("interrupted", flush=True)
        ctx.destroy(linger=0)
        """,
        signal.SIGINT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "interrupted"


def test_uncaught_ctrl_c_ends_the_program_with_keyboard_interrupt():
    done = _run_child(
        """
        import zmq
        ctx = zmq.Context()
        pull = ctx.socket(zmq.PULL)
        pull.bind("inproc://nobody-sends")
        print("ready", flush=True)
        pull.recv()
        """,
        signal.SIGINT,
    )
    assert done.returncode != 0
    assert "KeyboardInterrupt" in done.stderr


def test_ctrl_c_interrupts_recv_with_timeout():
    done = _run_child(
        """
        import zmq
        ctx = zmq.Context()
        pull = ctx.socket(zmq.PULL)
        pull.rcvtimeo = 600_000
        pull.bind("inproc://nobody-sends")
        print("ready", flush=True)
        try:
            pull.recv()
        except KeyboardInterrupt:
            print("interrupted", flush=True)
        ctx.destroy(linger=0)
        """,
        signal.SIGINT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "interrupted"


def test_ctrl_c_interrupts_term_which_can_be_retried():
    done = _run_child(
        """
        import zmq
        ctx = zmq.Context()
        sock = ctx.socket(zmq.PULL)  # open: term() waits for it
        print("ready", flush=True)
        try:
            ctx.term()
        except KeyboardInterrupt:
            print("interrupted", ctx.closed, flush=True)
        sock.close()
        ctx.term()
        print("terminated", ctx.closed, flush=True)
        """,
        signal.SIGINT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["interrupted False", "terminated True"]


def test_ctrl_c_interrupts_blocking_send():
    done = _run_child(
        """
        import time, zmq
        ctx = zmq.Context()
        push = ctx.socket(zmq.PUSH)  # no peer: send blocks
        push.bind("inproc://nobody-receives")
        print("ready", flush=True)
        try:
            push.send(b"x")
        except KeyboardInterrupt:
            print("interrupted", flush=True)
        ctx.destroy(linger=0)
        """,
        signal.SIGINT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "interrupted"


def test_signal_whose_handler_returns_is_retried_in_send():
    done = _run_child(
        """
        import signal, threading, time, zmq
        seen = []
        signal.signal(signal.SIGUSR1, lambda signum, frame: seen.append(signum))
        ctx = zmq.Context()
        push = ctx.socket(zmq.PUSH)
        push.bind("inproc://retry-send")

        def receive_after_signal():
            while not seen:
                time.sleep(0.01)
            pull = ctx.socket(zmq.PULL)
            pull.connect("inproc://retry-send")
            print(pull.recv().decode(), flush=True)
            pull.close()

        thread = threading.Thread(target=receive_after_signal)
        thread.start()
        print("ready", flush=True)
        push.send(b"sent after the signal")  # interrupted by SIGUSR1, retried
        thread.join()
        print(len(seen), flush=True)
        ctx.destroy(linger=0)
        """,
        signal.SIGUSR1,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["sent", "after", "the", "signal", "1"]


def test_signal_whose_handler_returns_is_retried():
    done = _run_child(
        """
        import signal, threading, time, zmq
        seen = []
        signal.signal(signal.SIGUSR1, lambda signum, frame: seen.append(signum))
        ctx = zmq.Context()
        pull = ctx.socket(zmq.PULL)
        pull.bind("inproc://retry")
        push = ctx.socket(zmq.PUSH)
        push.connect("inproc://retry")

        def send_after_signal():
            while not seen:
                time.sleep(0.01)
            push.send(b"after the signal")

        threading.Thread(target=send_after_signal, daemon=True).start()
        print("ready", flush=True)
        message = pull.recv()  # interrupted by SIGUSR1, retried, then gets the message
        print(len(seen), message.decode(), flush=True)
        ctx.destroy(linger=0)
        """,
        signal.SIGUSR1,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1 after the signal"


def test_instance_is_recreated_in_a_forked_child(monkeypatch):
    monkeypatch.setattr(zmq.Context, "_instance", None)
    parent = zmq.Context.instance()
    try:
        pid = os.fork()
        if pid == 0:
            try:
                child = zmq.Context.instance()
                ok = child is not parent and not child.closed and zmq.Context.instance() is child
                sock = child.socket(zmq.PAIR)
                sock.bind("inproc://in-child")
                child.destroy(linger=0)
                os._exit(0 if ok else 1)
            except BaseException:
                os._exit(2)
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
        assert zmq.Context.instance() is parent and not parent.closed
    finally:
        parent.term()


def test_fork_child_does_not_touch_parent_context(context):
    sock = context.socket(zmq.PUSH)
    pid = os.fork()
    if pid == 0:  # child: drop the inherited objects; nothing may hang or crash
        try:
            del sock
            os._exit(0)
        except BaseException:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert not sock.closed
