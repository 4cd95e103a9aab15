# SPDX-License-Identifier: BSD-3-Clause
"""RCVTIMEO/SNDTIMEO still end in zmq.Again when signals interrupt the wait."""

import subprocess
import sys
import textwrap

CHILD = textwrap.dedent(
    """
    import signal, zmq
    ticks = []
    signal.signal(signal.SIGALRM, lambda signum, frame: ticks.append(signum))
    # a signal every 20 ms: were each retry to restart the 300 ms timeout,
    # the call would never time out
    signal.setitimer(signal.ITIMER_REAL, 0.02, 0.02)
    ctx = zmq.Context()
    sock = ctx.socket(zmq.{kind})
    sock.{option} = 300
    sock.bind("inproc://nobody")
    try:
        {call}
    except zmq.Again:
        signal.setitimer(signal.ITIMER_REAL, 0)
        print("again", len(ticks) > 3, sock.{option})
    ctx.destroy(linger=0)
    """
)


def run_child(kind, option, call):
    code = CHILD.format(kind=kind, option=option, call=call)
    # the timeout only guards against a hang; it is not what the test checks
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_rcvtimeo_ends_in_again_despite_periodic_signals():
    done = run_child("PULL", "rcvtimeo", "sock.recv()")
    assert done.returncode == 0, done.stderr
    # Again, after several signal handlers ran, and the option is unchanged
    assert done.stdout.split() == ["again", "True", "300"]


def test_rcvtimeo_multipart_and_recv_into():
    done = run_child("PULL", "rcvtimeo", "sock.recv_multipart()")
    assert done.stdout.split() == ["again", "True", "300"], done.stderr
    done = run_child("PULL", "rcvtimeo", "sock.recv_into(bytearray(10))")
    assert done.stdout.split() == ["again", "True", "300"], done.stderr


def test_sndtimeo_ends_in_again_despite_periodic_signals():
    done = run_child("PUSH", "sndtimeo", "sock.send(b'x')")
    assert done.stdout.split() == ["again", "True", "300"], done.stderr
    done = run_child("PUSH", "sndtimeo", "sock.send(b'x' * 100000, copy=False)")
    assert done.stdout.split() == ["again", "True", "300"], done.stderr
