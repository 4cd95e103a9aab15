# SPDX-License-Identifier: BSD-3-Clause
"""Everyday socket use: send/recv, options, errors, polling."""

import zmq


def push_pull_roundtrip(p):
    with zmq.Context() as ctx:
        push, pull = ctx.socket(zmq.PUSH), ctx.socket(zmq.PULL)
        port = pull.bind_to_random_port("tcp://127.0.0.1")
        push.connect(f"tcp://127.0.0.1:{port}")
        push.send(b"hello")
        push.send_string("text")
        push.send_multipart([b"a", b"b"])
        p.call("recv", pull.recv)
        p.call("recv_string", pull.recv_string)
        p.call("recv_multipart", pull.recv_multipart)
        p.call("recv copy=False type", lambda: (push.send(b"x"), type(pull.recv(copy=False)).__name__)[1])
        p.call("recv NOBLOCK empty", pull.recv, zmq.NOBLOCK)
        push.close()
        pull.close()


def socket_options(p):
    with zmq.Context() as ctx:
        s = ctx.socket(zmq.DEALER)
        p.call("linger default", s.getsockopt, zmq.LINGER)
        s.linger = 0
        p.call("linger attr", lambda: s.linger)
        p.call("set identity", s.setsockopt, zmq.IDENTITY, b"id")
        p.call("identity", s.getsockopt, zmq.IDENTITY)
        p.call("type", lambda: s.type)
        p.call("socket_type option", s.get, zmq.TYPE)
        p.call("unknown option", s.getsockopt, 9999)
        p.call("str for bytes option", s.setsockopt, zmq.IDENTITY, "text")
        p.call("bad attribute", lambda: s.no_such_option)
        s.close()
        p.call("closed", lambda: s.closed)
        p.call("use after close", s.getsockopt, zmq.LINGER)


def errors(p):
    with zmq.Context() as ctx:
        s = ctx.socket(zmq.REQ)
        p.call("recv before send", s.recv, kinds=(zmq.ZMQError,))
        p.call("bad endpoint", s.bind, "nonsense")
        p.call("bad transport", s.connect, "bogus://x")
        p.call("strerror", zmq.strerror, zmq.EAGAIN)
        p.call("Again is ZMQError", lambda: issubclass(zmq.Again, zmq.ZMQError))
        s.close(linger=0)


def polling(p):
    with zmq.Context() as ctx:
        a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
        a.bind("inproc://parity-poll")
        b.connect("inproc://parity-poll")
        poller = zmq.Poller()
        poller.register(a, zmq.POLLIN)
        poller.register(b, zmq.POLLIN | zmq.POLLOUT)
        p.call("poll", lambda: sorted((s is a, ev) for s, ev in poller.poll(1000)))
        b.send(b"x")
        p.call("poll after send", lambda: sorted((s is a, ev) for s, ev in poller.poll(1000)))
        p.call("socket.poll", a.poll, 1000)
        p.call("select", lambda: [[s is a for s in lst] for lst in zmq.select([a], [b], [], 1)])
        a.close()
        b.close()


def versions_and_constants(p):
    # not zmq_version(): pyzmq's wheel bundles its own libzmq
    p.value("PUSH", zmq.PUSH)
    p.value("POLLIN", zmq.POLLIN)
    p.value("EAGAIN", zmq.EAGAIN)
    p.value("SNDMORE", zmq.SNDMORE)
    p.value("LINGER", zmq.LINGER)
