# SPDX-License-Identifier: BSD-3-Clause
"""zmq.decorators: context() and socket() give a call its own context/socket
and close them when it returns or raises."""

import threading

import pytest

import zmq
from zmq.decorators import context, socket


def test_context_is_appended_and_destroyed_after_the_call():
    @context()
    def work(a, b, ctx):
        assert (a, b) == (1, 2)
        assert isinstance(ctx, zmq.Context) and not ctx.closed
        return ctx

    ctx = work(1, 2)
    assert ctx.closed
    assert work(1, 2) is not ctx  # a new context per call


def test_context_arguments_go_to_the_constructor():
    @context(2)
    def positional(ctx):
        return ctx.get(zmq.IO_THREADS)

    @context("ctx", io_threads=3)
    def named(ctx=None):
        return ctx.get(zmq.IO_THREADS)

    assert positional() == 2
    assert named() == 3


@pytest.mark.parametrize("decorate", [context("ctx"), context(name="ctx")])
def test_named_context_is_a_keyword_argument(decorate):
    @decorate
    def work(*args, **kwargs):
        return args, kwargs

    args, kwargs = work(1)
    assert args == (1,) and list(kwargs) == ["ctx"] and kwargs["ctx"].closed
    with pytest.raises(TypeError, match=r"work\(\) got multiple values for argument 'ctx'"):
        work(ctx=None)


def test_context_is_destroyed_when_the_function_raises():
    seen = []

    @context()
    @socket(zmq.PUSH)
    def fail(ctx, push):
        seen.extend([ctx, push])
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        fail()
    ctx, push = seen
    assert push.closed and ctx.closed


def test_sockets_of_the_decorated_context_carry_messages():
    @context()
    @socket(zmq.PULL)
    @socket(zmq.PUSH)
    def roundtrip(ctx, pull, push):
        assert pull.context is ctx and push.context is ctx
        assert (pull.type, push.type) == (zmq.PULL, zmq.PUSH)
        port = pull.bind_to_random_port("tcp://127.0.0.1")
        push.connect(f"tcp://127.0.0.1:{port}")
        pull.rcvtimeo = 10_000
        push.send(b"through the decorators")
        return pull.recv(), ctx, pull, push

    message, ctx, pull, push = roundtrip()
    assert message == b"through the decorators"
    assert pull.closed and push.closed and ctx.closed


def test_socket_without_a_context_uses_the_instance():
    @socket(zmq.PUSH)
    def work(push):
        return push

    push = work()
    assert push.closed
    assert push.context is zmq.Context.instance()
    assert not push.context.closed


def test_socket_takes_the_callers_context(context):
    @socket(zmq.PUB)
    def positional(ctx, pub):
        return pub.context

    @socket(zmq.PUB)
    def by_keyword(pub, context=None):
        return pub.context

    @socket(zmq.PUB, context_name="cx")
    def by_own_keyword(pub, cx=None):
        return pub.context

    @socket(zmq.PUB)
    def not_a_context(x, pub):
        return pub.context

    assert positional(context) is context
    assert by_keyword(context=context) is context
    assert by_own_keyword(cx=context) is context
    assert by_keyword(context=None) is zmq.Context.instance()
    assert not_a_context(5) is zmq.Context.instance()


@pytest.mark.parametrize("decorate", [socket("pub", zmq.PUB), socket(zmq.PUB, name="pub")])
def test_named_socket_is_a_keyword_argument(context, decorate):
    @decorate
    def work(ctx, pub=None):
        assert pub.type == zmq.PUB and pub.context is ctx
        return pub

    assert work(context).closed
    with pytest.raises(TypeError, match="multiple values for argument 'pub'"):
        work(context, pub=1)


def test_socket_arguments_go_to_context_socket(context):
    class Tagged(zmq.Socket):
        pass

    @socket(zmq.SUB, socket_class=Tagged)
    def work(ctx, sub):
        return type(sub)

    assert work(context) is Tagged


def test_bad_socket_type_raises_and_leaves_nothing_open(context):
    @socket(999)
    def work(ctx, sock):
        raise AssertionError("not called")

    with pytest.raises(zmq.ZMQError) as info:
        work(context)
    assert info.value.errno == zmq.EINVAL

    @socket()
    def no_type(ctx, sock):
        raise AssertionError("not called")

    with pytest.raises(TypeError):
        no_type(context)


def test_wrapper_keeps_the_functions_identity():
    @context()
    @socket(zmq.PUSH)
    def documented(ctx, push):
        """Docs."""

    assert documented.__name__ == "documented"
    assert documented.__doc__ == "Docs."
    assert documented.__wrapped__.__wrapped__.__name__ == "documented"


def test_each_thread_gets_its_own_socket():
    seen = []
    lock = threading.Lock()

    @socket(zmq.PUSH)
    def work(push):
        with lock:
            seen.append(push)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len({id(s) for s in seen}) == 4 and all(s.closed for s in seen)
