# SPDX-License-Identifier: BSD-3-Clause
"""zmq.SyncContext and zmq.SyncSocket: the synchronous classes under pyzmq's names."""

import zmq
import zmq.asyncio


def sync_aliases(p):
    ctx = p.call("SyncContext()", zmq.SyncContext)
    p.value("is a Context", isinstance(ctx, zmq.Context))
    p.value("not asyncio", isinstance(ctx, zmq.asyncio.Context))
    s = ctx.socket(zmq.PUSH)
    p.value("its sockets", type(s).__name__)
    p.value("socket is plain", isinstance(s, zmq.Socket) and not isinstance(s, zmq.asyncio.Socket))
    t = p.call("SyncSocket(ctx, PULL)", lambda: zmq.SyncSocket(ctx, zmq.PULL))
    p.value("SyncSocket type", type(t).__name__)
    p.value("SyncSocket kind", t.type)
    s.close()
    t.close()
    ctx.term()
    p.value("in dir(zmq)", ["SyncContext" in dir(zmq), "SyncSocket" in dir(zmq)])


def sync_with_asyncio_context(p):
    actx = zmq.asyncio.Context()
    s = actx.socket(zmq.PUSH, socket_class=zmq.SyncSocket)
    p.value("sync socket on an asyncio context", type(s).__name__)
    p.value("plain send", s.send(b"x", zmq.NOBLOCK) if False else "skipped")
    s.close()
    actx.term()
