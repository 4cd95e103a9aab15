# SPDX-License-Identifier: LGPL-3.0-or-later
"""Context: creation, options, sockets, term/destroy semantics, instance()."""

import threading

import pytest

import zmq


def test_io_threads_option(context):
    assert context.io_threads == 1
    assert context.get(zmq.IO_THREADS) == 1
    ctx = zmq.Context(io_threads=2)
    try:
        assert ctx.io_threads == 2
    finally:
        ctx.term()


def test_negative_io_threads_is_einval():
    with pytest.raises(zmq.ZMQError) as info:
        zmq.Context(io_threads=-1)
    assert info.value.errno == zmq.EINVAL


def test_context_option_attributes(context):
    context.max_sockets = 100
    assert context.max_sockets == 100
    assert context.get(zmq.MAX_SOCKETS) == 100


def test_term_is_idempotent_and_closes():
    ctx = zmq.Context()
    assert not ctx.closed
    ctx.term()
    assert ctx.closed
    ctx.term()
    assert ctx.closed


def test_socket_on_closed_context_raises():
    ctx = zmq.Context()
    ctx.term()
    with pytest.raises(zmq.ZMQError) as info:
        ctx.socket(zmq.PUSH)
    assert info.value.errno == zmq.ENOTSUP


def test_term_waits_for_open_sockets():
    ctx = zmq.Context()
    sock = ctx.socket(zmq.PUSH)
    finished = threading.Event()

    def term():
        ctx.term()
        finished.set()

    thread = threading.Thread(target=term)
    thread.start()
    # term() cannot finish while the socket is open ...
    assert not finished.wait(0.2)
    sock.close()
    # ... and finishes once it is closed
    thread.join(30)
    assert finished.is_set()
    assert ctx.closed


def test_term_interrupts_blocking_recv_in_other_thread():
    ctx = zmq.Context()
    sock = ctx.socket(zmq.PULL)
    sock.bind("inproc://term-interrupts")
    errors = []

    def receive():
        try:
            sock.recv()
        except zmq.ContextTerminated as error:
            errors.append(error)
        finally:
            sock.close()

    thread = threading.Thread(target=receive)
    thread.start()
    ctx.term()
    thread.join(30)
    assert len(errors) == 1
    assert errors[0].errno == zmq.ETERM


def test_destroy_closes_sockets_and_terms():
    ctx = zmq.Context()
    sockets = [ctx.socket(zmq.PUSH) for _ in range(3)]
    sockets[0].connect("tcp://127.0.0.1:9")  # unreachable peer: linger matters
    sockets[0].send(b"pending")
    ctx.destroy(linger=0)
    assert all(sock.closed for sock in sockets)
    assert ctx.closed
    sockets[1].close()  # harmless after destroy


def test_destroy_without_sockets_terms():
    ctx = zmq.Context()
    ctx.destroy()
    assert ctx.closed


def test_context_manager_destroys():
    with zmq.Context() as ctx:
        sock = ctx.socket(zmq.PAIR)
    assert ctx.closed
    assert sock.closed


def test_instance_is_a_singleton_across_threads():
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(zmq.Context.instance())) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(ctx) for ctx in seen}) == 1
    assert seen[0] is zmq.Context.instance()


def test_instance_recreated_after_close():
    first = zmq.Context.instance()
    first.term()
    second = zmq.Context.instance()
    assert second is not first
    assert not second.closed


def test_default_socket_options_apply_to_new_sockets(context):
    context.linger = 0
    context.sndhwm = 17
    sock = context.socket(zmq.PUSH)
    assert sock.linger == 0
    assert sock.sndhwm == 17
    assert context.getsockopt(zmq.LINGER) == 0


def test_inapplicable_default_is_skipped(context):
    context.subscribe = b""
    req = context.socket(zmq.REQ)  # SUBSCRIBE does not apply to REQ
    sub = context.socket(zmq.SUB)
    assert not req.closed and not sub.closed


def test_unset_and_unknown_defaults(context):
    with pytest.raises(AttributeError):
        context.linger
    with pytest.raises(AttributeError):
        context.no_such_option
    with pytest.raises(AttributeError):
        context.no_such_option = 1
    context.linger = 5
    del context.linger
    with pytest.raises(AttributeError):
        context.linger
    assert context.socket(zmq.PUSH).linger != 5


def test_repr_counts_sockets(context):
    sock = context.socket(zmq.PUSH)
    assert "1 sockets" in repr(context)
    sock.close()
    assert "0 sockets" in repr(context)
