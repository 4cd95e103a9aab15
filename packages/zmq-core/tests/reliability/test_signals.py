# SPDX-License-Identifier: BSD-3-Clause
"""Item 3: signals during blocking calls, in child processes.

Ctrl-C (SIGINT, sent with os.kill once the child sleeps in libzmq's poll)
raises KeyboardInterrupt promptly from a blocking recv, a send on a full
high-water mark, a poll, a proxy and Context.term. A signal whose Python
handler returns (SIGALRM from an interval timer) runs the handler and the call
resumes, ending normally. Timeouts (RCVTIMEO, SNDTIMEO, poll timeouts) end on
time even while signals keep arriving.

"Promptly" is a generous bound (5 s, where the real figure is milliseconds),
the only timing these tests judge. test_blocking.py beside the other core
tests covers SIGINT in recv/send-without-peer/term and SIGUSR1 retries;
test_timeouts.py covers RCVTIMEO/SNDTIMEO ending in Again under signals.
"""

from __future__ import annotations

import signal

import pytest

from reliability_support import interrupt_when_blocked, last_json, python_child, record, run_child

PROMPT_SECONDS = 5.0

PRELUDE = """
import json, signal, sys, threading, time
import zmq
ctx = zmq.Context()
"""

# each case: set-up code, then the blocking call (one expression)
BLOCKING_CALLS = {
    "recv": (
        "s = ctx.socket(zmq.PULL); s.bind('inproc://x')",
        "s.recv()",
    ),
    "recv_multipart": (
        "s = ctx.socket(zmq.DEALER); s.bind('tcp://127.0.0.1:*')",
        "s.recv_multipart(copy=False)",
    ),
    "send_full_hwm": (
        "s = ctx.socket(zmq.PUSH); s.sndhwm = 1; peer = ctx.socket(zmq.PULL); peer.rcvhwm = 1\n"
        "s.bind('inproc://x'); peer.connect('inproc://x')\n"
        "try:\n"
        "    while True: s.send(b'fill', zmq.DONTWAIT)\n"
        "except zmq.Again: pass",
        "s.send(b'one too many')",
    ),
    "poller_poll": (
        "s = ctx.socket(zmq.PULL); s.bind('inproc://x'); poller = zmq.Poller(); poller.register(s, zmq.POLLIN)",
        "poller.poll()",
    ),
    "socket_poll": (
        "s = ctx.socket(zmq.SUB); s.bind('inproc://x')",
        "s.poll()",
    ),
    "proxy": (
        "front = ctx.socket(zmq.ROUTER); front.bind('inproc://front')\n"
        "back = ctx.socket(zmq.DEALER); back.bind('inproc://back')",
        "zmq.proxy(front, back)",
    ),
    "term": (
        "s = ctx.socket(zmq.PAIR)  # open: term() waits for it",
        "ctx.term()",
    ),
}

SIGINT_CHILD = PRELUDE + """
{setup}
print("ready", flush=True)
try:
    {call}
    print("returned", flush=True)
except KeyboardInterrupt:
    print("interrupted", flush=True)
ctx.destroy(linger=0)
"""


@pytest.mark.parametrize("case", sorted(BLOCKING_CALLS))
def test_ctrl_c_interrupts_promptly(case):
    setup, call = BLOCKING_CALLS[case]
    child = python_child(SIGINT_CHILD.format(setup=setup, call=call))
    seconds = interrupt_when_blocked(child, signal.SIGINT)
    out, err = child.communicate()
    record(f"sigint[{case}]", seconds_to_exit=round(seconds, 3))
    assert child.returncode == 0, err
    assert out.split() == ["interrupted"], (out, err)
    assert seconds < PROMPT_SECONDS


# the helper thread finishes the call once the SIGALRM handler has run 5 times
RESUME_CASES = {
    "recv": (
        "s = ctx.socket(zmq.PULL); s.bind('inproc://x'); peer = ctx.socket(zmq.PUSH); peer.connect('inproc://x')",
        "peer.send(b'after the signals')",
        "s.recv()",
    ),
    "send_full_hwm": (
        "s = ctx.socket(zmq.PUSH); s.sndhwm = 1; peer = ctx.socket(zmq.PULL); peer.rcvhwm = 1\n"
        "s.bind('inproc://x'); peer.connect('inproc://x')\n"
        "queued = 0\n"
        "try:\n"
        "    while True: s.send(b'fill', zmq.DONTWAIT); queued += 1\n"
        "except zmq.Again: pass",
        "got = [peer.recv() for _ in range(queued + 1)]",
        "s.send(b'after the signals')",
    ),
    "poll": (
        "s = ctx.socket(zmq.PULL); s.bind('inproc://x'); peer = ctx.socket(zmq.PUSH); peer.connect('inproc://x')\n"
        "poller = zmq.Poller(); poller.register(s, zmq.POLLIN)",
        "peer.send(b'wake')",
        "len(poller.poll())",
    ),
    "proxy": (
        "front = ctx.socket(zmq.PULL); front.bind('inproc://front')\n"
        "back = ctx.socket(zmq.PUSH); back.bind('inproc://back')\n"
        "control = ctx.socket(zmq.PAIR); control.bind('inproc://control')\n"
        "sender = ctx.socket(zmq.PUSH); sender.connect('inproc://front')\n"
        "receiver = ctx.socket(zmq.PULL); receiver.connect('inproc://back')\n"
        "steer = ctx.socket(zmq.PAIR); steer.connect('inproc://control')",
        "sender.send(b'through the proxy'); got = receiver.recv(); steer.send(b'TERMINATE')",
        "zmq.proxy_steerable(front, back, None, control)",
    ),
    "term": (
        "s = ctx.socket(zmq.PAIR)",
        "s.close()",
        "ctx.term()",
    ),
}

RESUME_CHILD = PRELUDE + """
ticks = []
signal.signal(signal.SIGALRM, lambda signum, frame: ticks.append(signum))
{setup}

def finish():
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])  # the main thread takes them
    while len(ticks) < 5:
        time.sleep(0.005)
    {finisher}

helper = threading.Thread(target=finish)
signal.setitimer(signal.ITIMER_REAL, 0.02, 0.02)
helper.start()
result = {call}
signal.setitimer(signal.ITIMER_REAL, 0)
helper.join()
print(json.dumps({{"ticks": len(ticks), "result": repr(result)}}))
ctx.destroy(linger=0)
"""


@pytest.mark.parametrize("case", sorted(RESUME_CASES))
def test_handler_runs_and_the_call_resumes(case):
    setup, finisher, call = RESUME_CASES[case]
    done = run_child(RESUME_CHILD.format(setup=setup, finisher=finisher, call=call))
    assert done.returncode == 0, done.stderr
    outcome = last_json(done.stdout)
    assert outcome["ticks"] >= 5  # the handler ran while the call was blocked...
    # ...and the call went on to its normal end
    assert outcome["result"] == {
        "recv": "b'after the signals'", "send_full_hwm": "None", "poll": "1", "proxy": "0", "term": "None",
    }[case]


TIMEOUT_CASES = {
    "rcvtimeo": ("s = ctx.socket(zmq.PULL); s.rcvtimeo = 400; s.bind('inproc://x')", "s.recv()"),
    "sndtimeo": ("s = ctx.socket(zmq.PUSH); s.sndtimeo = 400; s.bind('inproc://x')", "s.send(b'x')"),
    "poller": (
        "s = ctx.socket(zmq.PULL); s.bind('inproc://x'); poller = zmq.Poller(); poller.register(s, zmq.POLLIN)",
        "poller.poll(400)",
    ),
    "socket_poll": ("s = ctx.socket(zmq.PULL); s.bind('inproc://x')", "s.poll(400)"),
    "select": ("s = ctx.socket(zmq.PULL); s.bind('inproc://x')", "zmq.select([s], [], [], 0.4)"),
}

TIMEOUT_CHILD = PRELUDE + """
ticks = []
signal.signal(signal.SIGALRM, lambda signum, frame: ticks.append(signum))
{setup}
# a signal every 15 ms: a timeout restarted by each retry would never end
signal.setitimer(signal.ITIMER_REAL, 0.015, 0.015)
start = time.monotonic()
try:
    result = repr({call})
except zmq.Again:
    result = "Again"
seconds = time.monotonic() - start
signal.setitimer(signal.ITIMER_REAL, 0)
print(json.dumps({{"ticks": len(ticks), "result": result, "seconds": seconds}}))
ctx.destroy(linger=0)
"""


@pytest.mark.parametrize("case", sorted(TIMEOUT_CASES))
def test_timeouts_end_on_time_despite_signals(case):
    setup, call = TIMEOUT_CASES[case]
    done = run_child(TIMEOUT_CHILD.format(setup=setup, call=call), timeout=60)
    assert done.returncode == 0, done.stderr
    outcome = last_json(done.stdout)
    record(f"timeout[{case}]", seconds=round(outcome["seconds"], 3), signals=outcome["ticks"])
    expected = {"rcvtimeo": "Again", "sndtimeo": "Again", "poller": "[]", "socket_poll": "0",
                "select": "([], [], [])"}[case]
    assert outcome["result"] == expected
    assert outcome["ticks"] >= 5
    # not before the 400 ms timeout (10 ms of millisecond rounding allowed); the upper bound is generous
    assert 0.39 <= outcome["seconds"] < PROMPT_SECONDS
