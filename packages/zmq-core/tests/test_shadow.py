# SPDX-License-Identifier: BSD-3-Clause
"""Shadows: Context and Socket objects over libzmq objects owned elsewhere."""

import gc

import pytest

import zmq


def test_shadow_socket_shares_the_libzmq_socket(context):
    pull, push = context.socket(zmq.PULL), context.socket(zmq.PUSH)
    pull.bind("inproc://shadow")
    push.connect("inproc://shadow")
    shadow = zmq.Socket.shadow(pull.underlying)
    assert shadow.shadowed and not pull.shadowed
    assert shadow.underlying == pull.underlying
    assert shadow.socket_type == zmq.PULL
    assert shadow.type == zmq.SocketType.PULL
    push.send(b"one")
    shadow.rcvtimeo = 10_000
    assert shadow.recv() == b"one"
    assert pull.rcvtimeo == 10_000  # options are the one socket's
    # Socket(other) is a shadow too, keeping the other's context
    again = zmq.Socket(pull)
    assert again.shadowed and again.context is context
    push.send(b"two")
    assert again.recv() == b"two"


def test_closing_or_dropping_a_shadow_leaves_the_owner_open(context):
    pull, push = context.socket(zmq.PULL), context.socket(zmq.PUSH)
    pull.bind("inproc://shadow-close")
    push.connect("inproc://shadow-close")
    shadow = zmq.Socket.shadow(pull)
    shadow.close()
    assert shadow.closed and not pull.closed
    with pytest.raises(zmq.ZMQError) as info:
        shadow.recv()
    assert info.value.errno == zmq.ENOTSOCK
    zmq.Socket.shadow(pull)
    gc.collect()  # a dropped shadow does not close the socket either
    push.send(b"still open")
    pull.rcvtimeo = 10_000
    assert pull.recv() == b"still open"


def test_shadow_context_makes_sockets_and_does_not_terminate():
    owner = zmq.Context()
    shadow = zmq.Context.shadow(owner.underlying)
    assert shadow.shadowed and zmq.Context(owner).shadowed
    a = shadow.socket(zmq.PAIR)
    b = owner.socket(zmq.PAIR)
    a.bind("inproc://shadow-ctx")  # same libzmq context: inproc reaches across
    b.connect("inproc://shadow-ctx")
    b.send(b"across")
    a.rcvtimeo = 10_000
    assert a.recv() == b"across"
    shadow.destroy(linger=0)  # closes the shadow's own socket, lets go of the context
    assert a.closed and shadow.closed and not owner.closed
    c = owner.socket(zmq.PAIR)  # the owner's context still works
    c.close()
    owner.destroy(linger=0)


@pytest.mark.parametrize("bad", [0, -5, "0x1234", 1.5, None, True])
def test_bad_shadow_addresses(bad):
    with pytest.raises((TypeError, ValueError)):
        zmq.Socket.shadow(bad)
    with pytest.raises((TypeError, ValueError)):
        zmq.Context.shadow(bad)


def test_shadow_of_closed_objects_is_refused(context):
    sock = context.socket(zmq.PAIR)
    sock.close()
    with pytest.raises(ValueError):
        zmq.Socket.shadow(sock)
    ctx = zmq.Context()
    ctx.term()
    with pytest.raises(ValueError):
        zmq.Context.shadow(ctx)


def test_socket_needs_a_context():
    with pytest.raises(TypeError):
        zmq.Socket("not a context", zmq.PAIR)
    with pytest.raises(TypeError):
        zmq.Socket(None, zmq.PAIR)


def test_copies_of_contexts_and_sockets_are_shadows():
    import copy

    ctx = zmq.Context()
    try:
        sock = ctx.socket(zmq.PAIR)
        for duplicate in (copy.copy, copy.deepcopy):
            ctx_copy, sock_copy = duplicate(ctx), duplicate(sock)
            assert ctx_copy.shadowed and ctx_copy.underlying == ctx.underlying
            assert sock_copy.shadowed and sock_copy.underlying == sock.underlying
            assert type(sock_copy) is type(sock) and sock_copy.socket_type == zmq.PAIR
            sock_copy.close()
            ctx_copy.term()
            assert not sock.closed and not ctx.closed  # the originals stay usable
        sock.bind("inproc://copied")
    finally:
        ctx.destroy(linger=0)
