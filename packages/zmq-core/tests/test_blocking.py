# SPDX-License-Identifier: LGPL-3.0-or-later
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
    received = []
    thread = threading.Thread(target=lambda: received.append(pull.recv()))
    thread.start()
    # the main thread keeps running Python code while the other blocks in recv
    total = sum(range(200_000))
    push = context.socket(zmq.PUSH)
    push.connect("inproc://gil")
    push.send(b"wake up")
    thread.join(30)
    assert total == 199_999 * 100_000
    assert received == [b"wake up"]


# poll/ppoll on x86_64, ppoll on arm64: where a blocking libzmq call waits
POLL_SYSCALLS = {"7", "271", "73"}


def _wait_until_blocked_in_poll(pid: int) -> None:
    """Wait until the main thread of ``pid`` sits in a poll system call."""
    for _ in range(3000):  # a hang guard (30 s), not a timing check
        with open(f"/proc/{pid}/syscall") as status:
            if status.read().split()[0] in POLL_SYSCALLS:
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
