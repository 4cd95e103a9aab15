# SPDX-License-Identifier: BSD-3-Clause
"""Lifecycle without hangs: interpreter exit, fork, Ctrl-C at exit, half-sent multipart.

Each case is the program a user writes without thinking about it, run in a
child process; the test checks its exit status and output. The timeout of
each run only turns a hang into a failure, it never judges speed.
"""

from __future__ import annotations

import signal
import subprocess

import pytest

from reliability_support import python_child, run_child

# A PUSH that connected to a port where nobody listens, holding one message
# it can never deliver (libzmq's default LINGER is -1: wait forever).
UNDELIVERABLE = """
import zmq
{make}
s.connect("tcp://127.0.0.1:1")
s.send(b"x", zmq.DONTWAIT)
"""

EXIT_PROGRAMS = {
    "module level": "ctx = zmq.Context(); s = ctx.socket(zmq.PUSH)",
    "Context.instance()": "s = zmq.Context.instance().socket(zmq.PUSH)",
    "reference cycle": (
        "class Holder: pass\n"
        "holder = Holder(); holder.me = holder\n"
        "holder.ctx = zmq.Context(); holder.s = s = holder.ctx.socket(zmq.PUSH)"
    ),
    "closed socket, open context": "ctx = zmq.Context(); s = ctx.socket(zmq.PUSH)\nimport atexit; atexit.register(s.close)",
}


@pytest.mark.parametrize("case", list(EXIT_PROGRAMS))
def test_exit_with_an_undeliverable_message(case):
    """The interpreter exits (rc 0) although a socket holds a message for a dead peer."""
    program = UNDELIVERABLE.format(make=EXIT_PROGRAMS[case])
    if case == "reference cycle":
        program += "del holder, s\n"
    done = run_child(program + 'print("end")\n', timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "end\n", "")


def test_exit_delivers_to_a_live_peer():
    """Messages queued to a reachable peer when the sender exits still arrive.

    The sender leaves its context and socket open at module level and exits
    right after its sends; EXIT_LINGER is raised so that a slow machine
    cannot turn this into a timing test.
    """
    receiver = python_child(
        """
        import zmq
        ctx = zmq.Context(); pull = ctx.socket(zmq.PULL); pull.rcvtimeo = 60_000
        print(pull.bind_to_random_port("tcp://127.0.0.1"), flush=True)
        count = 0
        while pull.recv() != b"last":
            count += 1
        print(count, flush=True)
        """
    )
    try:
        port = receiver.stdout.readline().strip()
        sender = run_child(
            f"""
            import zmq
            zmq.EXIT_LINGER = 60_000
            ctx = zmq.Context(); s = ctx.socket(zmq.PUSH)
            s.connect("tcp://127.0.0.1:{port}")
            for i in range(500):
                s.send(b"x" * 100_000)
            s.send(b"last")
            """,
            timeout=120,
        )
        assert (sender.returncode, sender.stderr) == (0, "")
        out, err = receiver.communicate(timeout=120)
    finally:
        receiver.kill()
    assert (out.strip(), receiver.returncode) == ("500", 0), err


CTRL_C_AT_EXIT = """
import atexit
atexit.register(print, "exiting", flush=True)  # runs after zmq's own exit hook
import zmq
{setup}
ctx = zmq.Context(); s = ctx.socket(zmq.PUSH)
s.connect("tcp://127.0.0.1:1"); s.send(b"x", zmq.DONTWAIT)
pull = ctx.socket(zmq.PULL); pull.bind("tcp://127.0.0.1:0")
print("ready", flush=True)
{end}
"""

# futex: where a thread waits on a condition variable (the exit's bounded wait)
_FUTEX = {"x86_64": 202, "aarch64": 98}


def _wait_until_in_futex(pid: int) -> None:
    """Wait until the main thread of ``pid`` sleeps on a futex (30 s hang guard)."""
    import os
    import time

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/syscall") as syscall:
                number = syscall.read().split()[0]
        except (OSError, IndexError):
            number = ""
        if number == str(_FUTEX.get(os.uname().machine)):
            return
        time.sleep(0.01)
    raise AssertionError("the child never waited at exit")


@pytest.mark.parametrize("when", ["blocked in recv", "waiting at exit"])
def test_one_ctrl_c_ends_a_program_with_an_undeliverable_message(when):
    """One SIGINT ends the program: from a blocking recv (KeyboardInterrupt, then
    exit) or while the exit waits for delivery (EXIT_LINGER -1: no limit)."""
    from reliability_support import wait_until_blocked

    if when == "blocked in recv":
        program = CTRL_C_AT_EXIT.format(setup="", end="pull.recv()")
    else:
        program = CTRL_C_AT_EXIT.format(setup="zmq.EXIT_LINGER = -1", end="")
    child = python_child(program, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert child.stdout.readline().strip() == "ready"
        if when == "blocked in recv":
            wait_until_blocked(child.pid)
        else:
            assert child.stdout.readline().strip() == "exiting"
            _wait_until_in_futex(child.pid)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)  # a hang guard: one SIGINT must do
    except subprocess.TimeoutExpired:
        raise AssertionError("one SIGINT did not end the program") from None
    finally:
        child.kill()
    assert child.returncode == -signal.SIGINT, err
    if when == "blocked in recv":
        assert err.rstrip().endswith("KeyboardInterrupt"), err
        assert out == "exiting\n"


FORK = """
import os, sys, zmq
how = sys.argv[1]
ctx = zmq.Context()
s = ctx.socket(zmq.PUSH)
s.connect("tcp://127.0.0.1:1"); s.send(b"queued", zmq.DONTWAIT)  # undeliverable
keep = ctx.socket(zmq.PUSH); port = keep.bind_to_random_port("tcp://127.0.0.1")
pid = os.fork()
if pid == 0:
    if how == "close and term":
        s.close(); ctx.term()
    elif how == "term":
        ctx.term()
    elif how == "destroy":
        ctx.destroy()
    elif how == "destroy(linger=0)":
        ctx.destroy(linger=0)
    elif how == "with ctx":
        with ctx:
            pass
    elif how == "garbage collection":
        class Holder: pass
        holder = Holder(); holder.me = holder; holder.objects = [ctx, s, keep]
        del holder, ctx, s, keep
        import gc; gc.collect()
    if how == "interpreter exit":
        print("child", how, flush=True)
        sys.exit(0)  # the interpreter's shutdown deallocates the inherited objects
    states = [ctx.closed, s.closed] if how != "garbage collection" else "collected"
    print("child", how, states, flush=True)
    os._exit(0)
_, status = os.waitpid(pid, 0)
print("child status", os.waitstatus_to_exitcode(status), flush=True)
# the parent's context, sockets and queued message are untouched
pull = ctx.socket(zmq.PULL); pull.connect("tcp://127.0.0.1:%d" % port)
keep.send(b"after fork"); print("tcp", pull.recv())
a = ctx.socket(zmq.PAIR); a.bind("inproc://after-fork")
b = ctx.socket(zmq.PAIR); b.connect("inproc://after-fork")
a.send(b"inproc"); print("inproc", b.recv())
print("parent", [ctx.closed, s.closed, s.linger])
ctx.destroy(linger=0)
"""

FORK_CASES = {
    "close and term": "[True, True]",
    "term": "[True, False]",
    "destroy": "[True, True]",
    "destroy(linger=0)": "[True, True]",
    "with ctx": "[True, True]",
    "garbage collection": "collected",
    "interpreter exit": None,
}


@pytest.mark.parametrize("how", list(FORK_CASES))
def test_forked_child_ends_on_an_inherited_context(how):
    """term/destroy/with/GC/exit in a forked child return at once (nothing of
    the parent's libzmq is touched), and the parent's context keeps working."""
    done = run_child(FORK, how, timeout=60)
    states = FORK_CASES[how]
    first = f"child {how}" + (f" {states}" if states else "")
    assert done.stdout.splitlines() == [
        first,
        "child status 0",
        "tcp b'after fork'",
        "inproc b'inproc'",
        "parent [False, False, -1]",
    ], done.stderr
    assert (done.returncode, done.stderr) == (0, "")


MULTIPROCESSING = """
import multiprocessing, sys, zmq
how = sys.argv[1]
ctx = zmq.Context()
s = ctx.socket(zmq.PUSH); s.connect("tcp://127.0.0.1:1"); s.send(b"q", zmq.DONTWAIT)
instance = zmq.Context.instance()
si = instance.socket(zmq.PUSH); si.connect("tcp://127.0.0.1:1"); si.send(b"q", zmq.DONTWAIT)

def child():
    if how == "term":
        ctx.term(); instance.term()
    elif how == "destroy":
        ctx.destroy(); instance.destroy()
    elif how == "with ctx":
        with ctx:
            pass
    elif how == "own context":
        # Context.instance() in the child is a new one; left open with an undeliverable message
        own = zmq.Context.instance(); assert own is not instance
        t = own.socket(zmq.PUSH); t.connect("tcp://127.0.0.1:1"); t.send(b"x", zmq.DONTWAIT)
    print("child", how, flush=True)

if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    process = multiprocessing.Process(target=child)
    process.start(); process.join(60)
    print("exitcode", process.exitcode, flush=True)
    a = ctx.socket(zmq.PAIR); a.bind("inproc://mp"); b = ctx.socket(zmq.PAIR); b.connect("inproc://mp")
    a.send(b"still works"); print("parent", b.recv(), flush=True)
    ctx.destroy(linger=0); instance.destroy(linger=0)
"""


@pytest.mark.parametrize("how", ["nothing", "term", "destroy", "with ctx", "own context"])
def test_multiprocessing_fork_child_on_inherited_contexts(how):
    """multiprocessing with the fork start method: the child ends (exit code 0)
    whatever it does with the contexts it inherited; the parent's keep working."""
    done = run_child(MULTIPROCESSING, how, timeout=90)
    assert done.stdout.splitlines() == [f"child {how}", "exitcode 0", "parent b'still works'"], done.stderr
    assert (done.returncode, done.stderr) == (0, "")


HALF_SENT = """
import json, zmq
ctx = zmq.Context()
a = ctx.socket(zmq.PAIR); b = ctx.socket(zmq.PAIR)
a.bind("inproc://half"); b.connect("inproc://half")
a.linger = b.linger = 0
cases = [
    ([b"a", zmq.Frame(b"f"), b"c"], dict(copy=False, track=True)),
    ([b"a", b"b", zmq.Frame(b"f")], dict(copy=True, track=True)),
    ([memoryview(b"a"), zmq.Frame(b"f")], dict(copy=False, track=True)),
    ([b"a", "text", b"c"], {}),
    ([b"a", bytearray(b"b"), 3], dict(copy=False)),
    ([b"a", memoryview(bytes(range(10)))[::2], b"c"], {}),
    ([b"a", memoryview(bytes(range(10)))[::2]], dict(copy=False)),
    ([bytearray(b"a")] * 9 + [None], {}),  # more parts than fit on the stack
]
report = []
for parts, options in cases:
    try:
        a.send_multipart(parts, **options)
        outcome = "sent"
    except Exception as error:
        outcome = type(error).__name__
    a.send_multipart([b"next", b"message"])
    report.append([outcome, [part.decode() for part in b.recv_multipart()]])
# every part is sent once its buffer was checked: large zero-copy parts too
big = bytearray(200_000)
tracker = a.send_multipart([big, memoryview(big), zmq.Frame(b"f", track=True)], copy=False, track=True)
got = b.recv_multipart()
report.append([type(tracker).__name__, [len(part) for part in got]])
print(json.dumps(report))
ctx.destroy()
"""


def test_send_multipart_never_sends_part_of_a_message():
    """After any error raised by send_multipart the peer sees no partial message:
    the next message arrives alone, not glued to the parts of the failed one."""
    done = run_child(HALF_SENT, timeout=60)
    assert done.returncode == 0, done.stderr
    import json

    report = json.loads(done.stdout)
    after = ["next", "message"]
    assert report == [
        ["ValueError", after],
        ["ValueError", after],
        ["ValueError", after],
        ["TypeError", after],
        ["TypeError", after],
        ["BufferError", after],
        ["BufferError", after],
        ["TypeError", after],
        ["MessageTracker", [200_000, 200_000, 1]],
    ]


GC_UNDELIVERABLE = """
import gc, os, sys, zmq
where = sys.argv[1]

def make(linger):
    ctx = zmq.Context()
    if linger is not None:
        ctx.linger = linger  # the default LINGER of the sockets it makes
    s = ctx.socket(zmq.PUSH); s.connect("tcp://127.0.0.1:1"); s.send(b"x", zmq.DONTWAIT)
    class Holder: pass
    holder = Holder(); holder.me = holder; holder.objects = [ctx, s]
    return holder

if where == "in the program, LINGER set":
    make(linger=0); gc.collect()
    make(linger=100); gc.collect()
elif where == "at exit":
    holder = make(linger=None)
elif where == "in a forked child":
    holder = make(linger=None)
    pid = os.fork()
    if pid == 0:
        del holder; gc.collect()
        print("collected in the child", flush=True)
        os._exit(0)
    print("child status", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), flush=True)
    holder.objects[0].destroy(linger=0)
print("end", flush=True)
"""


@pytest.mark.parametrize("where", ["in the program, LINGER set", "at exit", "in a forked child"])
def test_garbage_collected_context_with_an_undeliverable_message(where):
    """Collecting a context (in a reference cycle) whose socket holds an
    undeliverable message returns: with a finite LINGER, at interpreter exit,
    and in a forked child. (With LINGER -1 in the running program it waits,
    as zmq_ctx_term does: see docs/reliability.rst.)"""
    done = run_child(GC_UNDELIVERABLE, where, timeout=60)
    expected = ["end"]
    if where == "in a forked child":
        expected = ["collected in the child", "child status 0", "end"]
    assert (done.returncode, done.stdout.splitlines(), done.stderr) == (0, expected, "")


GC_WAITS = """
import zmq
ctx = zmq.Context()
# a socket made through a shadow keeps the libzmq context busy without
# referencing ctx: dropping ctx then waits in zmq_ctx_term for that socket,
# as it would for an undeliverable message under LINGER -1
other = zmq.Context.shadow(ctx.underlying).socket(zmq.PAIR)
print("ready", flush=True)
try:
    del ctx
    print("returned", flush=True)
except KeyboardInterrupt:
    print("interrupted", flush=True)
other.close()
print("end", flush=True)
"""


def test_one_ctrl_c_ends_a_garbage_collection_that_waits():
    """A context deallocated in the running program waits as term() does, but
    one SIGINT ends the wait and raises KeyboardInterrupt in the program."""
    child = python_child(GC_WAITS, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert child.stdout.readline().strip() == "ready"
        _wait_until_in_futex(child.pid)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)  # a hang guard: one SIGINT must do
    except subprocess.TimeoutExpired:
        raise AssertionError("one SIGINT did not end the wait") from None
    finally:
        child.kill()
    assert (child.returncode, out, err) == (0, "interrupted\nend\n", "")
