# SPDX-License-Identifier: BSD-3-Clause
"""Poller and select as programs use them, and the socket options of message shape."""

import zmq


def poller_api(p):
    with zmq.Context() as ctx:
        a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
        a.bind("inproc://sweep-poller")
        b.connect("inproc://sweep-poller")
        poller = zmq.Poller()
        p.call("empty poll", poller.poll, 0)
        p.call("register default flags", poller.register, a)
        p.call("sockets", lambda: [(s is a, f) for s, f in poller.sockets])
        p.call("register again", poller.register, a, zmq.POLLIN)
        p.call("sockets after re-register", lambda: [(s is a, f) for s, f in poller.sockets])
        p.call("modify", poller.modify, a, zmq.POLLOUT)
        p.call("poll out", lambda: [(s is a, f) for s, f in poller.poll(0)])
        p.call("register 0 removes", poller.register, a, 0)
        p.call("sockets after 0", lambda: len(poller.sockets))
        p.call("unregister missing", poller.unregister, a)
        p.call("register bad flags", poller.register, a, "x")
        p.call("register non-socket", poller.register, object(), zmq.POLLIN)
        p.call("contains", lambda: a in poller)
        p.call("poll with bad entries", poller.poll, 0)
        poller = zmq.Poller()
        poller.register(a, zmq.POLLIN)
        poller.register(b, zmq.POLLIN)
        b.send(b"x")
        p.call("poll None timeout", lambda: [(s is a, f) for s, f in poller.poll(None)])
        p.call("poll negative", lambda: [(s is a, f) for s, f in poller.poll(-1)])
        p.call("poll str timeout", poller.poll, "1")
        a.recv()
        b.close()
        # not compared: polling a closed socket, ENOTSOCK here; pyzmq polls fd 0 (docs/migration.rst)
        a.close()


def select_api(p):
    with zmq.Context() as ctx:
        a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
        a.bind("inproc://sweep-select")
        b.connect("inproc://sweep-select")
        p.call("select nothing ready", lambda: [len(x) for x in zmq.select([a], [], [], 0)])
        b.send(b"x")
        p.call("select ready", lambda: [[s is a for s in x] for x in zmq.select([a, b], [a], [], 1)])
        p.call("select no timeout arg", lambda: [len(x) for x in zmq.select([a], [], [])])
        p.call("select bad", zmq.select, [object()], [], [], 0)
        p.call("zmq_poll", lambda: [(s is a, e) for s, e in zmq.zmq_poll([(a, zmq.POLLIN)], 0)])
        a.close()
        b.close()


def message_options(p):
    with zmq.Context() as ctx:
        r, d = ctx.socket(zmq.ROUTER), ctx.socket(zmq.DEALER)
        d.setsockopt(zmq.IDENTITY, b"dealer-1")
        p.call("routing_id attr", lambda: d.routing_id)
        port = r.bind_to_random_port("tcp://127.0.0.1")
        r.setsockopt(zmq.ROUTER_MANDATORY, 1)
        p.call("router mandatory unknown peer", r.send_multipart, [b"nobody", b"x"])
        d.connect(f"tcp://127.0.0.1:{port}")
        d.send(b"hi")
        p.call("router recv", r.recv_multipart)
        p.call("router reply", r.send_multipart, [b"dealer-1", b"back"])
        p.call("dealer recv", d.recv)
        p.call("get ROUTER_MANDATORY write-only", r.getsockopt, zmq.ROUTER_MANDATORY)
        p.call("last_endpoint", lambda: r.last_endpoint.startswith(b"tcp://127.0.0.1:"))
        p.call("events", lambda: r.getsockopt(zmq.EVENTS))
        p.call("mechanism", lambda: r.mechanism)
        p.call("conflate", lambda: setattr(d, "conflate", 1))
        p.call("maxmsgsize", lambda: (setattr(d, "maxmsgsize", 10), d.maxmsgsize)[1])
        p.call("tcp_keepalive", lambda: (setattr(d, "tcp_keepalive", 1), d.tcp_keepalive)[1])
        p.call("curve_server", lambda: r.curve_server)
        p.call("plain_server", lambda: (setattr(r, "plain_server", True), r.plain_server)[1])
        p.call("zap_domain", lambda: (setattr(r, "zap_domain", b"global"), r.zap_domain)[1])
        p.call("zap_domain str", lambda: (setattr(r, "zap_domain", "g2"), r.zap_domain)[1])
        r.close(linger=0)
        d.close(linger=0)
