# SPDX-License-Identifier: BSD-3-Clause
"""zmq.decorators: context() and socket() injection, naming, nesting, closing, errors."""

import zmq
from zmq.decorators import context, socket


def _closed(obj):
    return obj.closed


def unnamed_context_is_appended(p):
    @context()
    def work(a, b, ctx):
        return a, b, type(ctx).__name__, ctx.closed, ctx

    a, b, kind, closed_inside, ctx = work(1, 2)
    p.value("inside", (a, b, kind, closed_inside))
    p.value("closed after", ctx.closed)


def context_arguments_and_names(p):
    @context(2)
    def positional(ctx):
        return ctx.get(zmq.IO_THREADS)

    @context("ctx", io_threads=3)
    def named(ctx=None):
        return ctx.get(zmq.IO_THREADS)

    @context(name="c")
    def keyword(*args, **kwargs):
        return len(args), sorted(kwargs)

    p.call("io_threads positional", positional)
    p.call("named by position", named)
    p.call("named by keyword", keyword, 1, 2)
    p.call("duplicate keyword", keyword, c=3)
    p.call("name and positional str", context("a", name="b")(lambda *a, **k: None))


def nested_sockets(p):
    @context()
    @socket(zmq.PULL)
    @socket(zmq.PUSH)
    def roundtrip(ctx, pull, push):
        port = pull.bind_to_random_port("tcp://127.0.0.1")
        push.connect(f"tcp://127.0.0.1:{port}")
        pull.rcvtimeo = 10_000
        push.send(b"through")
        return [pull.recv(), pull.type, push.type, pull.context is ctx, push.context is ctx], (ctx, pull, push)

    result, objects = roundtrip()
    p.value("inside", result)
    p.value("closed after", [obj.closed for obj in objects])


def socket_context_lookup(p):
    ctx = zmq.Context()

    @socket(zmq.PUB)
    def positional(c, pub):
        return pub.context is c

    @socket(zmq.PUB)
    def keyword(pub, context=None):
        return pub.context is context, pub.context is zmq.Context.instance()

    @socket(zmq.PUB, context_name="cx")
    def own_keyword(pub, cx=None):
        return pub.context is cx

    @socket(zmq.PUB)
    def not_a_context(x, pub):
        return pub.context is zmq.Context.instance()

    p.call("positional", positional, ctx)
    p.call("keyword", keyword, context=ctx)
    p.call("keyword None", keyword, context=None)
    p.call("context_name", own_keyword, cx=ctx)
    p.call("non-context positional", not_a_context, 5)
    ctx.term()


def named_sockets_and_errors(p):
    @context()
    @socket("pub", zmq.PUB)
    def by_position(ctx, pub=None):
        return pub.type, pub.context is ctx

    @context()
    @socket(zmq.SUB, name="sub")
    def by_keyword(ctx, sub=None):
        return sub.type

    p.call("named socket", by_position)
    p.call("name=", by_keyword)
    p.call("duplicate", by_keyword, sub=1)

    @socket(999)
    def bad_type(s):
        return s

    @socket()
    def no_type(s):
        return s

    p.call("bad socket type", bad_type)
    p.call("no socket type", no_type)
    p.call("socket_class", socket(zmq.PUSH, socket_class=zmq.Socket)(lambda s: (type(s).__name__, s.closed)))


def closed_when_raising(p):
    seen = []

    @context()
    @socket(zmq.PUSH)
    def fail(ctx, push):
        seen.extend([ctx, push])
        raise ValueError("boom")

    p.call("raises", fail)
    p.value("closed", [obj.closed for obj in seen])
    p.value("wraps", (fail.__name__, fail.__wrapped__.__wrapped__.__name__))


def socket_left_open_at_exit(p):
    @context()
    def leave_open(ctx):
        return ctx.socket(zmq.PUSH)

    p.call("closed by the context's exit, with a warning", lambda: leave_open().closed)
