# SPDX-License-Identifier: BSD-3-Clause
"""How contexts, sockets, frames and bind/connect results print."""

import zmq


class MyContext(zmq.Context):
    pass


class MySocket(zmq.Socket):
    pass


def context_repr(p):
    ctx = zmq.Context()
    p.text("no sockets", repr(ctx))
    a = ctx.socket(zmq.PUSH)
    p.text("one socket", repr(ctx))
    b = ctx.socket(zmq.PULL)
    p.text("two sockets", repr(ctx))
    a.close()
    b.close()
    p.text("closed sockets", repr(ctx))
    ctx.term()
    p.text("terminated", repr(ctx))


def socket_repr(p):
    with zmq.Context() as ctx:
        for kind in (zmq.PUSH, zmq.ROUTER, zmq.SUB):
            s = ctx.socket(kind)
            p.text(f"type {int(kind)}", repr(s))
            s.close()
            p.text(f"closed {int(kind)}", repr(s))


def subclass_reprs(p):
    ctx = MyContext()
    p.text("context subclass", repr(ctx))
    s = ctx.socket(zmq.DEALER, socket_class=MySocket)
    p.text("socket subclass", repr(s))
    s.close()
    ctx.term()


def frame_str_and_repr(p):
    for size in (0, 5, 16, 17, 999, 1000, 2500, 1048575, 1048576, 3000000):
        frame = zmq.Frame(b"\x01ab" * (size // 3) + b"z" * (size % 3))
        p.text(f"str {size}", str(frame))
        p.text(f"repr {size}", repr(frame))
    p.text("non-ascii", str(zmq.Frame("héllo".encode())))


def bind_connect_results(p):
    with zmq.Context() as ctx:
        s = ctx.socket(zmq.PULL)
        p.text("bind inproc", repr(s.bind("inproc://parity-reprs")))
        p.text("bind tcp wildcard", repr(s.bind("tcp://127.0.0.1:0")))
        p.text("bind bytes", repr(s.bind(b"inproc://parity-bytes")))
        p.text("connect", repr(s.connect("inproc://parity-reprs-peer")))
        s.close(linger=0)


def asyncio_reprs(p):
    import zmq.asyncio

    ctx = zmq.asyncio.Context()
    s = ctx.socket(zmq.PUB)
    p.text("asyncio context", repr(ctx))
    p.text("asyncio socket", repr(s))
    s.close()
    ctx.term()
