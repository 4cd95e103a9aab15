# SPDX-License-Identifier: BSD-3-Clause
"""Lifecycle: interpreter exit with an undeliverable message, Ctrl-C, a forked
child ending on an inherited context (os.fork and multiprocessing), garbage
collection, and send_multipart's errors. Each program runs in a child process
of the same interpreter; its exit status and output are recorded.

Not compared here, because this project differs on purpose (docs/migration.rst):
a socket closed in a forked child reads ``closed`` True (pyzmq: False),
messages queued to a live peer are delivered at exit (pyzmq drops what libzmq
has not written yet), and after send_multipart raises the peer never sees a
partial message (pyzmq has sent the parts before the bad one), and collecting
a context and its socket in a reference cycle returns (pyzmq hangs there).
"""

import signal
import subprocess
import sys
import textwrap
import time

import zmq


def _run(p, label, program, *args):
    """Run ``program`` under this interpreter; record exit status and output."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(program), *args],
            capture_output=True, text=True, timeout=60,  # a hang guard
        )
    except subprocess.TimeoutExpired:
        p.value(label, "hung")
        return
    p.value(label, {"rc": done.returncode, "stdout": done.stdout, "stderr": done.stderr})


_UNDELIVERABLE = """
import zmq
{make}
s.connect("tcp://127.0.0.1:1")
s.send(b"x", zmq.DONTWAIT)
{end}
print("end")
"""


def exit_with_an_undeliverable_message(p):
    makes = {
        "module level": ("ctx = zmq.Context(); s = ctx.socket(zmq.PUSH)", ""),
        "Context.instance()": ("s = zmq.Context.instance().socket(zmq.PUSH)", ""),
        "reference cycle": (
            "class Holder: pass\n"
            "holder = Holder(); holder.me = holder\n"
            "holder.ctx = zmq.Context(); holder.s = s = holder.ctx.socket(zmq.PUSH)",
            "del holder, s",
        ),
    }
    for label, (make, end) in makes.items():
        _run(p, label, _UNDELIVERABLE.format(make=make, end=end))


def ctrl_c_in_recv_with_an_undeliverable_message(p):
    program = """
        import zmq
        ctx = zmq.Context(); s = ctx.socket(zmq.PUSH)
        s.connect("tcp://127.0.0.1:1"); s.send(b"x", zmq.DONTWAIT)
        pull = ctx.socket(zmq.PULL); pull.bind("tcp://127.0.0.1:0")
        print("ready", flush=True)
        pull.recv()
    """
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(program)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        p.value("ready", child.stdout.readline().strip())
        time.sleep(0.5)  # into the blocking recv (a SIGINT before it ends the program the same way)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)  # a hang guard: one SIGINT must do
        p.value("after one SIGINT", {"rc": child.returncode, "last line": err.strip().splitlines()[-1]})
    except subprocess.TimeoutExpired:
        p.value("after one SIGINT", "hung")
    finally:
        child.kill()
        child.wait()


_FORK = """
import os, sys, zmq
how = sys.argv[1]
ctx = zmq.Context()
s = ctx.socket(zmq.PUSH)
s.connect("tcp://127.0.0.1:1"); s.send(b"queued", zmq.DONTWAIT)
keep = ctx.socket(zmq.PUSH); port = keep.bind_to_random_port("tcp://127.0.0.1")
pid = os.fork()
if pid == 0:
    if how == "close and term":
        s.close(); ctx.term()
    elif how == "term":
        ctx.term()
    elif how == "destroy":
        ctx.destroy()
    elif how == "with ctx":
        with ctx:
            pass
    elif how == "garbage collection":
        del ctx, s, keep
        import gc; gc.collect()
    elif how == "interpreter exit":
        print("child exits", flush=True)
        sys.exit(0)
    print("child", how, ctx.closed if "ctx" in globals() else "-", flush=True)
    os._exit(0)
_, status = os.waitpid(pid, 0)
print("child status", os.waitstatus_to_exitcode(status), flush=True)
pull = ctx.socket(zmq.PULL); pull.connect("tcp://127.0.0.1:%d" % port)
keep.send(b"after fork"); print("tcp", pull.recv())
a = ctx.socket(zmq.PAIR); a.bind("inproc://after-fork")
b = ctx.socket(zmq.PAIR); b.connect("inproc://after-fork")
a.send(b"inproc"); print("inproc", b.recv())
print("parent", ctx.closed, s.closed)
ctx.destroy(linger=0)
"""


def forked_child_ends_on_an_inherited_context(p):
    for how in ("close and term", "term", "destroy", "with ctx", "garbage collection", "interpreter exit"):
        _run(p, how, _FORK, how)


_MULTIPROCESSING = """
import multiprocessing, sys, zmq
how = sys.argv[1]
ctx = zmq.Context()
s = ctx.socket(zmq.PUSH); s.connect("tcp://127.0.0.1:1"); s.send(b"q", zmq.DONTWAIT)

def child():
    if how == "term":
        ctx.term()
    elif how == "destroy":
        ctx.destroy()
    elif how == "own context":
        own = zmq.Context.instance()
        t = own.socket(zmq.PUSH); t.connect("tcp://127.0.0.1:1"); t.send(b"x", zmq.DONTWAIT)
    print("child", how, flush=True)

if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    process = multiprocessing.Process(target=child)
    process.start(); process.join(60)
    print("exitcode", process.exitcode, flush=True)
    a = ctx.socket(zmq.PAIR); a.bind("inproc://mp"); b = ctx.socket(zmq.PAIR); b.connect("inproc://mp")
    a.send(b"still works"); print("parent", b.recv(), flush=True)
    ctx.destroy(linger=0)
"""


def multiprocessing_fork_child_on_an_inherited_context(p):
    for how in ("nothing", "term", "destroy", "own context"):
        _run(p, how, _MULTIPROCESSING, how)


_GC = """
import gc, os, sys, zmq
where = sys.argv[1]
def make(linger, cycle=True):
    ctx = zmq.Context()
    if linger is not None:
        ctx.linger = linger
    s = ctx.socket(zmq.PUSH); s.connect("tcp://127.0.0.1:1"); s.send(b"x", zmq.DONTWAIT)
    class Holder: pass
    holder = Holder(); holder.objects = [ctx, s]
    if cycle:
        holder.me = holder
    return holder
if where == "LINGER set":
    make(0, cycle=False); gc.collect()  # pyzmq hangs collecting a context in a cycle
elif where == "at exit":
    holder = make(None)
else:
    holder = make(None)
    pid = os.fork()
    if pid == 0:
        del holder; gc.collect(); print("collected in the child", flush=True); os._exit(0)
    print("child status", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), flush=True)
    holder.objects[0].destroy(linger=0)
print("end")
"""


def garbage_collected_context_with_an_undeliverable_message(p):
    for where in ("LINGER set", "at exit", "forked child"):
        _run(p, where, _GC, where)


def send_multipart_errors(p):
    """Which exception each bad multipart message raises (what the peer then
    receives differs on purpose: see the module docstring)."""
    ctx = zmq.Context()
    a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
    a.linger = b.linger = 0
    a.bind("inproc://multipart-errors")
    b.connect("inproc://multipart-errors")  # a peer: pyzmq sends the parts before the bad one
    cases = {
        "untracked Frame, track=True": ([b"a", zmq.Frame(b"f"), b"c"], dict(copy=False, track=True)),
        "untracked Frame, copy, track=True": ([b"a", zmq.Frame(b"f")], dict(track=True)),
        "str part": ([b"a", "text", b"c"], {}),
        "int part, copy=False": ([b"a", bytearray(b"b"), 3], dict(copy=False)),
        "non-contiguous part": ([b"a", memoryview(bytes(range(10)))[::2], b"c"], {}),
    }
    for label, (parts, options) in cases.items():
        p.call(label, a.send_multipart, parts, **options)
    ctx.destroy()
