# SPDX-License-Identifier: BSD-3-Clause
"""ResourceWarning for sockets and contexts left open (pyzmq's messages)."""

import gc

import zmq


def socket_collected_unclosed(p):
    ctx = zmq.Context()
    s = ctx.socket(zmq.PUSH)
    p.warnings("while open")
    del s
    p.warnings("collected", with_text=True)
    p.call("term returns", ctx.term)


def closed_socket_collected(p):
    ctx = zmq.Context()
    s = ctx.socket(zmq.PUSH)
    s.close()
    del s
    p.warnings("collected after close")
    ctx.term()


def shadow_socket_collected(p):
    ctx = zmq.Context()
    s = ctx.socket(zmq.PUSH)
    shadow = zmq.Socket.shadow(s.underlying)
    del shadow
    p.warnings("shadow collected")
    p.value("owner still open", s.closed)
    s.close()
    ctx.term()


def context_left_by_with(p):
    with zmq.Context() as ctx:
        s = ctx.socket(zmq.PUSH)
        s.linger = 0
    p.warnings("left with one open socket", with_text=True)
    p.value("socket closed", s.closed)
    p.value("context closed", ctx.closed)
    with zmq.Context() as ctx:
        s = ctx.socket(zmq.PUSH)
        s.close()
    p.warnings("left with none open")


def context_destroyed(p):
    ctx = zmq.Context()
    s = ctx.socket(zmq.PUSH)
    p.call("destroy", ctx.destroy, 0)
    p.value("socket closed", s.closed)
    p.warnings("after destroy")


def context_collected(p):
    ctx = zmq.Context()
    del ctx
    p.warnings("unterminated context collected", with_text=True)
    ctx = zmq.Context()
    ctx.term()
    del ctx
    p.warnings("terminated context collected")
    ctx = zmq.Context()
    shadow = zmq.Context.shadow(ctx.underlying)
    del shadow
    p.warnings("shadow collected")
    ctx.term()


def context_with_sockets_collected_later(p):
    ctx = zmq.Context()
    s = ctx.socket(zmq.PUSH)
    del ctx
    p.warnings("context still referenced by its socket")
    p.value("socket open", s.closed)
    s.close(linger=0)
    del s
    gc.collect()
    p.warnings("after the socket closed and went away")
