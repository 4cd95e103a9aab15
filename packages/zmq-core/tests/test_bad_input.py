# SPDX-License-Identifier: BSD-3-Clause
"""Bad input raises a Python exception and leaves everything usable; nothing crashes or hangs."""

import gc
import threading

import pytest

import zmq


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda ctx: zmq.Context("one"), TypeError),
        (lambda ctx: zmq.Context(io_threads=None), TypeError),
        (lambda ctx: zmq.Socket(None, zmq.PUSH), TypeError),
        (lambda ctx: zmq.Socket(ctx, "PUSH"), TypeError),
        (lambda ctx: zmq.Socket(ctx, None), TypeError),
        (lambda ctx: ctx.socket(999), zmq.ZMQError),
        (lambda ctx: ctx.socket(-1), zmq.ZMQError),
        (lambda ctx: ctx.set("IO_THREADS", 1), TypeError),
        (lambda ctx: ctx.get(None), TypeError),
    ],
)
def test_bad_context_and_socket_arguments(context, call, error):
    with pytest.raises(error):
        call(context)
    sock = context.socket(zmq.PAIR)  # the context is still fine
    assert not sock.closed


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda s: s.send(b"x", "DONTWAIT"), TypeError),
        (lambda s: s.send(b"x", None), TypeError),
        (lambda s: s.send(b"x", 2**40), OverflowError),
        (lambda s: s.recv("DONTWAIT"), TypeError),
        (lambda s: s.recv_multipart(b"1"), TypeError),
        (lambda s: s.send_multipart([b"x"], "SNDMORE"), TypeError),
        (lambda s: s.send(b"x", zmq.DONTWAIT, copy=True, extra=1), TypeError),
        (lambda s: s.bind(None), TypeError),
        (lambda s: s.connect(12), TypeError),
        (lambda s: s.bind(""), zmq.ZMQError),
        (lambda s: s.connect("inproc://"), zmq.ZMQError),
        (lambda s: s.bind("tcp://127.0.0.1:notaport"), zmq.ZMQError),
        (lambda s: s.bind("tcp://no-such-interface-name:5555"), zmq.ZMQError),
        (lambda s: s.bind("inproc://\udcff"), UnicodeEncodeError),
        (lambda s: s.set(zmq.LINGER, object()), TypeError),
        (lambda s: s.set(None, 1), TypeError),
        (lambda s: s.get(2**40), OverflowError),
        (lambda s: s.close(linger="0"), TypeError),
        (lambda s: s.setsockopt_string(zmq.ROUTING_ID, b"x"), TypeError),
        (lambda s: s.send_json(object()), TypeError),
        (lambda s: s.bind_to_random_port("tcp://127.0.0.1", 10, 5), ValueError),
    ],
)
def test_bad_socket_arguments(pair, call, error):
    a, b = pair(zmq.PAIR, zmq.PAIR)
    with pytest.raises(error):
        call(b)
    assert not b.closed  # still usable
    b.send(b"still works")
    assert a.recv() == b"still works"


def test_error_on_bad_bind_leaves_the_socket_usable(context):
    sock = context.socket(zmq.PULL)
    for bad in ("ipc://", "udp://127.0.0.1:5555", "tcp://[::1", "tcp://127.0.0.1:65536x"):
        with pytest.raises(zmq.ZMQError):
            sock.bind(bad)
    sock.bind("inproc://after-errors")


def test_sockets_and_contexts_collected_in_a_thread_do_not_hang():
    def make_and_drop():
        ctx = zmq.Context()
        sock = ctx.socket(zmq.PUSH)
        sock.bind("inproc://garbage")
        del ctx, sock

    thread = threading.Thread(target=make_and_drop)
    thread.start()
    thread.join(30)  # hang guard only
    assert not thread.is_alive()


def test_reference_cycles_are_collected():
    class Tagged(zmq.Socket):
        pass

    ctx = zmq.Context()
    sock = Tagged(ctx, zmq.PUSH)
    sock.cycle = sock  # a cycle through the instance dict
    ctx_ref_holder = [ctx]
    ctx_ref_holder.append(ctx_ref_holder)  # and one holding the context
    del sock, ctx
    gc.collect()
    ctx = ctx_ref_holder[0]
    ctx.destroy(linger=0)  # whatever gc did, destroy still works
    assert ctx.closed


NORM_ABORTING = ["norm://*:5555", "norm://x", "norm://localhost:5555", "norm://[::1]:5555", "norm://127.0.0.1:0"]


@pytest.mark.parametrize("endpoint", NORM_ABORTING)
@pytest.mark.parametrize("method", ["bind", "connect"])
def test_norm_addresses_libzmq_would_abort_on_raise_einval(endpoint, method):
    """In a child process: libzmq 4.3.4 aborts on these; the core refuses them first."""
    import subprocess
    import sys

    code = (
        "import zmq\n"
        "ctx = zmq.Context(); sock = ctx.socket(zmq.SUB)\n"
        "try:\n"
        f"    sock.{method}({endpoint!r})\n"
        "except zmq.ZMQError as error:\n"
        "    assert error.errno == zmq.EINVAL, error.errno\n"
        "    assert 'NORM' in str(error)\n"
        "    print('refused')\n"
        "sock.close(linger=0); ctx.term()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "refused"
