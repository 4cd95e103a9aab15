# SPDX-License-Identifier: BSD-3-Clause
"""A sweep of Frame, MessageTracker, the errors, Context, and zmq.utils."""

import threading

import zmq
from zmq.utils import jsonapi, z85


def frame_api(p):
    f = zmq.Frame(b"hello")
    p.call("bytes", lambda: f.bytes)
    p.call("buffer", lambda: bytes(f.buffer))
    p.call("buffer type", lambda: type(f.buffer).__name__)
    p.call("len", len, f)
    p.call("bytes()", bytes, f)
    p.call("str", str, f)
    p.call("more", lambda: f.more)
    p.call("eq bytes", lambda: f == b"hello")
    p.call("eq frame", lambda: f == zmq.Frame(b"hello"))
    p.call("ne", lambda: f != b"x")
    p.call("hashable", lambda: isinstance(f, __import__("collections.abc").abc.Hashable))
    p.call("copy", lambda: type(f.__copy__()).__name__)
    p.call("copy bytes", lambda: __import__("copy").copy(f).bytes)
    p.call("memoryview", lambda: bytes(memoryview(f)))
    p.call("empty", lambda: zmq.Frame().bytes)
    p.call("from str", zmq.Frame, "text")
    p.call("from int", zmq.Frame, 5)
    p.call("from bytearray", lambda: zmq.Frame(bytearray(b"ba")).bytes)
    p.call("from memoryview", lambda: zmq.Frame(memoryview(b"mv")).bytes)
    p.call("from Frame", lambda: zmq.Frame(zmq.Frame(b"ff")).bytes)
    p.call("track no tracker", lambda: zmq.Frame(b"x").tracker)
    p.call("track=True", lambda: type(zmq.Frame(b"x", track=True).tracker).__name__)
    p.call("copy_threshold kw", lambda: zmq.Frame(b"x", copy=False).bytes)
    p.call("get MORE", f.get, zmq.MORE)
    p.call("get bad", f.get, 9999)
    p.call("get str unknown", f.get, "No-Such-Property")
    p.call("getitem", lambda: f["Socket-Type"])


def received_frame(p):
    with zmq.Context() as ctx:
        a, b = ctx.socket(zmq.DEALER), ctx.socket(zmq.ROUTER)
        port = b.bind_to_random_port("tcp://127.0.0.1")
        a.connect(f"tcp://127.0.0.1:{port}")
        a.send_multipart([b"1", b"2"])
        frames = b.recv_multipart(copy=False)
        p.call("count", len, frames)
        f = frames[1]
        p.call("more", lambda: [x.more for x in frames])
        p.call("Socket-Type", lambda: f["Socket-Type"])
        p.call("get Socket-Type", f.get, "Socket-Type")
        p.call("Peer-Address", lambda: f["Peer-Address"])
        p.call("missing property", lambda: f["No-Such"])
        p.call("get MORE", lambda: [x.get(zmq.MORE) for x in frames])
        p.call("get SRCFD type", lambda: type(f.get(zmq.SRCFD)).__name__)
        p.call("get SHARED", f.get, zmq.SHARED)
        p.call("bytes", lambda: frames[2].bytes)
        p.call("bytes type", lambda: type(frames[2].bytes).__name__)
        a.send(b"x", copy=False)
        f = b.recv(copy=False)
        p.call("recv copy=False type", lambda: type(f).__name__)
        a.close()
        b.close()


def tracker(p):
    with zmq.Context() as ctx:
        a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
        a.bind("inproc://sweep-track")
        b.connect("inproc://sweep-track")
        t = a.send(b"x" * 1000, copy=False, track=True)
        p.call("type", lambda: type(t).__name__)
        p.call("recv", lambda: len(b.recv()))
        p.call("wait", t.wait, 5)
        p.call("done", lambda: t.done)
        p.call("untracked send", a.send, b"x", copy=False, track=False)
        b.recv()
        p.call("empty tracker done", lambda: zmq.MessageTracker().done)
        p.call("empty tracker wait", zmq.MessageTracker().wait)
        p.call("NotDone", lambda: issubclass(zmq.NotDone, zmq.ZMQBaseError))
        f = zmq.Frame(b"y" * 100, track=True)
        p.call("frame tracker done before send", lambda: f.tracker.done)
        p.call("frame tracker wait timeout", f.tracker.wait, 0.01)
        a.send(f, copy=False)
        b.recv()
        del f
        t2 = zmq.MessageTracker()
        p.call("tracker of nothing", lambda: t2.done)
        a.close()
        b.close()


def errors(p):
    e = zmq.ZMQError(zmq.EAGAIN)
    p.call("errno", lambda: e.errno)
    p.call("strerror", lambda: e.strerror)
    p.call("str", str, e)
    p.call("args", lambda: e.args)
    p.call("custom msg", lambda: (str(zmq.ZMQError(zmq.EINVAL, "custom")), zmq.ZMQError(zmq.EINVAL, "custom").errno))
    p.call("no errno", lambda: (zmq.ZMQError().errno, type(str(zmq.ZMQError())).__name__))
    p.call("str errno", lambda: zmq.ZMQError("text").errno)
    p.call("Again", lambda: (zmq.Again().errno, zmq.Again.__mro__[1].__name__))
    p.call("ContextTerminated", lambda: (zmq.ContextTerminated().errno, zmq.ContextTerminated.__mro__[1].__name__))
    p.call("ZMQVersionError", lambda: str(zmq.ZMQVersionError("4.9", "thing")).startswith("thing requires libzmq >= 4.9"))
    p.call("ZMQVersionError bases", lambda: [c.__name__ for c in zmq.ZMQVersionError.__mro__[1:3]])
    p.call("InterruptedSystemCall", lambda: zmq.InterruptedSystemCall().errno)
    p.call("ZMQBindError", lambda: issubclass(zmq.ZMQBindError, zmq.ZMQBaseError))
    p.call("ZMQBaseError base", lambda: zmq.ZMQBaseError.__mro__[1].__name__)
    p.call("error is OSError?", lambda: issubclass(zmq.ZMQError, OSError))
    p.call("pickle", lambda: __import__("pickle").loads(__import__("pickle").dumps(zmq.ZMQError(zmq.EINVAL))).errno)
    p.call("pickle Again", lambda: type(__import__("pickle").loads(__import__("pickle").dumps(zmq.Again()))).__name__)
    p.call("strerror fn", zmq.strerror, zmq.ETERM)
    p.call("zmq_errno", lambda: type(zmq.zmq_errno()).__name__)
    with zmq.Context() as ctx:
        s = ctx.socket(zmq.PULL)
        s.rcvtimeo = 10
        p.call("rcvtimeo Again", s.recv, message=True)
        try:
            s.recv()
        except zmq.Again as exc:
            p.call("raised attrs", lambda: (exc.errno, exc.strerror, str(exc)))
        s.close()


def context_api(p):
    ctx = zmq.Context()
    p.call("io_threads", lambda: ctx.io_threads)
    p.call("max_sockets", lambda: ctx.max_sockets)
    p.call("get IO_THREADS", ctx.get, zmq.IO_THREADS)
    p.call("getsockopt", ctx.getsockopt, zmq.MAX_SOCKETS)
    p.call("socket_limit", ctx.get, zmq.SOCKET_LIMIT)
    p.call("set MAX_SOCKETS", ctx.set, zmq.MAX_SOCKETS, 10)
    p.call("ipv6", ctx.get, zmq.IPV6)
    p.call("bad option", ctx.get, 9999)
    p.call("closed", lambda: ctx.closed)
    p.call("underlying type", lambda: type(ctx.underlying).__name__)
    p.call("set sockopt attr", setattr, ctx, "rcvtimeo", 100)
    s = ctx.socket(zmq.PULL)
    p.call("inherited", lambda: s.rcvtimeo)
    p.call("del attr", delattr, ctx, "rcvtimeo")
    s2 = ctx.socket(zmq.PULL)
    p.call("after del", lambda: s2.rcvtimeo)
    p.call("del missing", delattr, ctx, "sndtimeo")
    s.close()
    s2.close()
    p.call("term", ctx.term)
    p.call("closed after", lambda: ctx.closed)
    p.call("term again", ctx.term)
    p.call("socket after term", ctx.socket, zmq.PUSH, kinds=(zmq.ZMQError,))
    p.call("get after term", ctx.get, zmq.IO_THREADS)
    c2 = zmq.Context(io_threads=2)
    p.call("io_threads kw", lambda: c2.io_threads)
    c2.destroy()
    c3 = zmq.Context()
    s = c3.socket(zmq.PUSH)
    p.call("destroy linger", c3.destroy, linger=0)
    p.call("socket closed by destroy", lambda: s.closed)
    p.call("Context(io_threads=0)", lambda: zmq.Context(0).term())
    p.call("Context(-1)", zmq.Context, -1)


def term_in_thread(p):
    ctx = zmq.Context()
    s = ctx.socket(zmq.PULL)
    result = {}

    def worker():
        try:
            s.recv()
        except zmq.ContextTerminated as e:
            result["exc"] = (type(e).__name__, e.errno)
        s.close()

    t = threading.Thread(target=worker)
    t.start()
    ctx.term()
    t.join(10)
    p.value("worker", result)
    p.value("closed", (s.closed, ctx.closed))


def z85_and_jsonapi(p):
    p.call("z85 encode", z85.encode, b"\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b")
    p.call("z85 decode", z85.decode, b"HelloWorld")
    p.call("z85 decode str", z85.decode, "HelloWorld")
    p.call("z85 bad length", z85.encode, b"abc")
    p.call("z85 decode bad length", z85.decode, b"abc")
    p.call("z85 encode str", z85.encode, "abcd")
    p.call("jsonapi dumps", jsonapi.dumps, {"a": [1, "é"]})
    p.call("jsonapi loads", jsonapi.loads, b'{"a": 1}')
    p.call("jsonapi loads str", jsonapi.loads, '{"a": 1}')


def has_and_curve(p):
    for cap in ("ipc", "pgm", "tipc", "norm", "curve", "gssapi", "draft", "nothing"):
        if cap not in ("pgm", "tipc", "norm", "gssapi", "draft"):
            p.call(f"has {cap}", zmq.has, cap)
    pub, sec = zmq.curve_keypair()
    p.call("keypair", lambda: (len(pub), len(sec), type(pub).__name__))
    p.call("curve_public", lambda: zmq.curve_public(sec) == pub)
    p.call("curve_public str", lambda: zmq.curve_public(sec.decode()) == pub)
    p.call("curve_public bad", zmq.curve_public, b"short")
    p.call("zmq_version_info", lambda: type(zmq.zmq_version_info()).__name__)
    p.call("pyzmq_version type", lambda: type(zmq.pyzmq_version()).__name__)
    p.call("version_info len", lambda: len(zmq.zmq_version_info()))
