# SPDX-License-Identifier: BSD-3-Clause
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
        assert ctx.get(zmq.IO_THREADS) == 2
        ctx.io_threads = 3  # allowed until the first socket starts the I/O threads
        assert ctx.get(zmq.IO_THREADS) == 3
    finally:
        ctx.term()


def test_io_threads_zero_is_allowed():
    ctx = zmq.Context(io_threads=0)  # inproc needs no I/O thread
    try:
        assert ctx.io_threads == 0
        a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
        a.bind("inproc://no-io-threads")
        b.connect("inproc://no-io-threads")
        a.send(b"ok")
        assert b.recv() == b"ok"
    finally:
        ctx.destroy(linger=0)


def test_negative_io_threads_is_einval():
    with pytest.raises(zmq.ZMQError) as info:
        zmq.Context(io_threads=-1)
    assert info.value.errno == zmq.EINVAL


def test_unknown_context_option_is_einval(context):
    with pytest.raises(zmq.ZMQError) as info:
        context.get(9999)
    assert info.value.errno == zmq.EINVAL
    with pytest.raises(zmq.ZMQError) as info:
        context.set(9999, 1)
    assert info.value.errno == zmq.EINVAL
    with pytest.raises(TypeError):
        context.set(zmq.MAX_SOCKETS, b"100")


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
    with pytest.raises(zmq.ZMQError) as info:
        zmq.Socket(ctx, zmq.PUSH)
    assert info.value.errno == zmq.ENOTSUP
    with pytest.raises(RuntimeError, match="Context has been destroyed"):  # as pyzmq
        ctx.get(zmq.IO_THREADS)
    with pytest.raises(RuntimeError, match="Context has been destroyed"):
        ctx.max_sockets = 3


def test_socket_method_and_direct_construction(context):
    made = context.socket(zmq.PUSH)
    direct = zmq.Socket(context, zmq.PULL)
    assert isinstance(made, zmq.Socket) and isinstance(direct, zmq.Socket)
    assert made.context is context and direct.context is context
    assert made.socket_type == zmq.PUSH and direct.socket_type == zmq.PULL
    context.destroy(linger=0)  # sockets made either way belong to the context
    assert made.closed and direct.closed


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


def test_term_returns_after_the_last_socket_closes():
    # the same, with several sockets and term() not racing the closes
    ctx = zmq.Context()
    sockets = [ctx.socket(zmq.PAIR) for _ in range(3)]
    thread = threading.Thread(target=ctx.term)
    thread.start()
    for sock in sockets:
        assert thread.is_alive()  # still blocked: at least this socket is open
        sock.close()
    thread.join(30)  # hang guard only
    assert not thread.is_alive()
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
    ctx.destroy()  # idempotent
    assert ctx.closed


def test_destroy_applies_linger_to_every_socket():
    ctx = zmq.Context()
    push = ctx.socket(zmq.PUSH)
    push.linger = -1  # would block term() forever with the pending message ...
    push.connect("tcp://127.0.0.1:9")
    push.send(b"never delivered")
    ctx.destroy(linger=0)  # ... but destroy(linger=0) overrides it
    assert push.closed and ctx.closed


def test_destroy_without_linger_keeps_socket_linger():
    ctx = zmq.Context()
    sockets = [ctx.socket(zmq.PUSH) for _ in range(2)]
    for sock in sockets:
        sock.linger = 0
    sockets[0].connect("tcp://127.0.0.1:9")
    sockets[0].send(b"dropped at close")
    ctx.destroy()
    assert all(sock.closed for sock in sockets)
    assert ctx.closed


def test_context_manager_destroys():
    with zmq.Context() as ctx:
        sock = ctx.socket(zmq.PAIR)
        sock.linger = 0
    assert ctx.closed
    assert sock.closed


def test_context_manager_destroys_on_error():
    with pytest.raises(RuntimeError):
        with zmq.Context() as ctx:
            sock = ctx.socket(zmq.PAIR)
            sock.linger = 0
            raise RuntimeError("boom")
    assert ctx.closed and sock.closed


@pytest.fixture
def no_instance(monkeypatch):
    """Start without a global Context.instance(); term the one the test creates."""
    monkeypatch.setattr(zmq.Context, "_instance", None)
    yield
    created = zmq.Context.__dict__.get("_instance")
    if created is not None:
        created.destroy(linger=0)


def test_instance_returns_the_same_object(no_instance):
    first = zmq.Context.instance()
    assert isinstance(first, zmq.Context)
    assert zmq.Context.instance() is first
    assert zmq.Context.instance(io_threads=2) is first  # io_threads only counts on creation
    assert first.io_threads == 1


def test_instance_is_a_singleton_across_threads(no_instance):
    seen = []
    start = threading.Barrier(16)

    def get_instance():
        start.wait()  # all threads ask at once: creation races if it is not locked
        seen.append(zmq.Context.instance())

    threads = [threading.Thread(target=get_instance) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(ctx) for ctx in seen}) == 1
    assert seen[0] is zmq.Context.instance()


def test_instance_recreated_after_close(no_instance):
    first = zmq.Context.instance()
    first.term()
    second = zmq.Context.instance()
    assert second is not first
    assert not second.closed
    second.destroy()
    third = zmq.Context.instance()
    assert third is not second and not third.closed


def test_instance_of_a_subclass_with_its_own_instance_attribute(no_instance):
    class MyContext(zmq.Context):
        _instance = None

    base = zmq.Context.instance()
    mine = MyContext.instance()
    try:
        assert type(mine) is MyContext
        assert mine is not base
        assert MyContext.instance() is mine
        assert zmq.Context.instance() is base
    finally:
        mine.term()


def test_instance_of_a_subclass_without_one_is_shared_with_its_base(no_instance):
    # as pyzmq: _instance is looked up through the class hierarchy
    class Shares(zmq.Context):
        pass

    base = zmq.Context.instance()
    assert Shares.instance() is base
    base.term()
    made = Shares.instance()  # the shared one is closed: a new one, kept on the subclass
    try:
        assert type(made) is Shares
        assert "_instance" in Shares.__dict__
        assert Shares.instance() is made
        assert zmq.Context.instance() is not made
    finally:
        made.term()


def test_default_socket_options_apply_to_new_sockets(context):
    before = context.socket(zmq.PUSH)
    default_linger = before.linger
    context.linger = 0
    context.sndhwm = 17
    context.setsockopt(zmq.RCVHWM, 18)
    sock = context.socket(zmq.PUSH)
    assert sock.linger == 0
    assert sock.sndhwm == 17
    assert sock.rcvhwm == 18
    assert context.getsockopt(zmq.LINGER) == 0
    assert context.linger == 0 and context.LINGER == 0
    assert context.sockopts == {zmq.LINGER: 0, zmq.SNDHWM: 17, zmq.RCVHWM: 18}
    assert before.linger == default_linger  # sockets made earlier are not changed


def test_inapplicable_default_is_skipped(context):
    context.subscribe = b""
    context.linger = 0
    req = context.socket(zmq.REQ)  # SUBSCRIBE does not apply to REQ
    assert not req.closed
    assert req.linger == 0  # the defaults that apply are still set
    pub, sub = context.socket(zmq.PUB), context.socket(zmq.SUB)
    pub.bind("inproc://default-subscribe")
    sub.connect("inproc://default-subscribe")
    sub.rcvtimeo = 10
    for _ in range(1000):  # the default subscription (everything) reaches the PUB
        pub.send(b"hello")
        try:
            assert sub.recv() == b"hello"
            break
        except zmq.Again:
            continue
    else:
        pytest.fail("the default subscription was not applied to the SUB socket")


def test_unset_and_unknown_defaults(context):
    with pytest.raises(AttributeError):
        context.linger
    with pytest.raises(AttributeError):
        context.no_such_option
    with pytest.raises(AttributeError):
        context.no_such_option = 1
    with pytest.raises(AttributeError):
        del context.linger  # not set
    with pytest.raises(KeyError):
        context.getsockopt(zmq.LINGER)
    context.linger = 5
    del context.linger
    with pytest.raises(AttributeError):
        context.linger
    assert context.socket(zmq.PUSH).linger != 5


def test_repr_counts_sockets(context):
    sock = context.socket(zmq.PUSH)
    assert repr(context).startswith("<zmq.Context(1 socket) at 0x")
    other = context.socket(zmq.PULL)
    assert repr(context).startswith("<zmq.Context(2 sockets) at 0x")
    sock.close()
    other.close()
    assert repr(context).startswith("<zmq.Context() at 0x")
    context.term()
    assert repr(context).endswith(" closed>")


def test_context_option_values_are_ints(context):
    # as pyzmq: a float is refused, not truncated
    with pytest.raises(TypeError):
        context.set(zmq.MAX_SOCKETS, 1.5)
    with pytest.raises(TypeError):
        context.io_threads = 2.0
    context.set(zmq.MAX_SOCKETS, 100)
    assert context.get(zmq.MAX_SOCKETS) == 100


def test_minus_one_is_an_option_value(context):
    # THREAD_SCHED_POLICY's default is -1: a value, not a failure (whatever errno says)
    with pytest.raises(zmq.ZMQError):
        context.set(zmq.IO_THREADS, -1)  # leaves EINVAL in errno
    assert context.get(zmq.THREAD_SCHED_POLICY) == -1
    assert context.thread_sched_policy == -1
    with pytest.raises(zmq.ZMQError) as info:
        context.get(9999)
    assert info.value.errno == zmq.EINVAL
