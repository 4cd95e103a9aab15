# SPDX-License-Identifier: BSD-3-Clause
"""The zguide's programs as people write them for pyzmq: whole patterns, end to end."""

import os
import shutil
import tempfile
import threading
import time

import zmq
import zmq.auth
from zmq.auth.thread import ThreadAuthenticator
from zmq.utils.monitor import parse_monitor_message, recv_monitor_message


def _raises(kind, fn, *args):
    # whether fn raises kind (FileNotFoundError here, a bare OSError in pyzmq)
    try:
        fn(*args)
    except kind:
        return True
    return False


def req_rep(p):
    ctx = zmq.Context()
    rep = ctx.socket(zmq.REP)
    port = rep.bind_to_random_port("tcp://127.0.0.1")
    req = ctx.socket(zmq.REQ)
    req.connect(f"tcp://127.0.0.1:{port}")
    for i in range(3):
        req.send_string(f"Hello {i}")
        msg = rep.recv_string()
        rep.send_string(msg.replace("Hello", "World"))
        p.value(f"reply {i}", req.recv_string())
    p.call("req send twice", lambda: (req.send(b"a"), req.send(b"b")))
    rep2 = ctx.socket(zmq.REP)
    p.call("rep send first", rep2.send, b"x")
    rep2.close()
    req.close(linger=0)
    rep.close(linger=0)
    ctx.term()


def pub_sub(p):
    ctx = zmq.Context()
    pub = ctx.socket(zmq.PUB)
    port = pub.bind_to_random_port("tcp://127.0.0.1")
    sub = ctx.socket(zmq.SUB)
    sub.connect(f"tcp://127.0.0.1:{port}")
    sub.setsockopt_string(zmq.SUBSCRIBE, "10001")
    sub.setsockopt(zmq.SUBSCRIBE, b"weather")
    got = []
    deadline = time.monotonic() + 10
    while len(got) < 3 and time.monotonic() < deadline:
        pub.send_string("10001 23 45")
        pub.send_string("99999 1 2")
        pub.send_multipart([b"weather", b"sunny"])
        while sub.poll(50):
            got.append(sub.recv_multipart())
    p.value("topics", sorted({m[0].split(b" ")[0] for m in got}))
    sub.close(linger=0)
    pub.close(linger=0)
    ctx.term()


def router_dealer_broker(p):
    ctx = zmq.Context()
    frontend = ctx.socket(zmq.ROUTER)
    backend = ctx.socket(zmq.DEALER)
    fport = frontend.bind_to_random_port("tcp://127.0.0.1")
    bport = backend.bind_to_random_port("tcp://127.0.0.1")
    worker = ctx.socket(zmq.REP)
    worker.connect(f"tcp://127.0.0.1:{bport}")
    client = ctx.socket(zmq.REQ)
    client.connect(f"tcp://127.0.0.1:{fport}")
    poller = zmq.Poller()
    poller.register(frontend, zmq.POLLIN)
    poller.register(backend, zmq.POLLIN)
    poller.register(worker, zmq.POLLIN)
    client.send(b"job")
    replies = []
    deadline = time.monotonic() + 10
    while not replies and time.monotonic() < deadline:
        socks = dict(poller.poll(100))
        if socks.get(frontend) == zmq.POLLIN:
            msg = frontend.recv_multipart()
            p.value("frontend parts", len(msg))
            backend.send_multipart(msg)
        if socks.get(backend) == zmq.POLLIN:
            frontend.send_multipart(backend.recv_multipart())
        if socks.get(worker) == zmq.POLLIN:
            worker.send(worker.recv() + b" done")
        if client.poll(0):
            replies.append(client.recv())
    p.value("replies", replies)
    p.call("unregister", poller.unregister, worker)
    p.call("unregister twice", poller.unregister, worker)
    p.call("modify unregistered", poller.modify, worker, zmq.POLLIN)
    p.call("register 0 flags", poller.register, worker, 0)
    p.call("sockets", lambda: len(poller.sockets))
    p.call("poll timeout float", lambda: poller.poll(0.5))
    for s in (client, worker, frontend, backend):
        s.close(linger=0)
    ctx.term()


def ventilator(p):
    ctx = zmq.Context()
    vent = ctx.socket(zmq.PUSH)
    port = vent.bind_to_random_port("tcp://127.0.0.1")
    sink = ctx.socket(zmq.PULL)
    sport = sink.bind_to_random_port("tcp://127.0.0.1")
    results = []
    done = threading.Event()

    def worker():
        w_ctx = zmq.Context.instance()
        recv = w_ctx.socket(zmq.PULL)
        recv.connect(f"tcp://127.0.0.1:{port}")
        send = w_ctx.socket(zmq.PUSH)
        send.connect(f"tcp://127.0.0.1:{sport}")
        while not done.is_set():  # PUSH may hand every task to the first worker to connect
            if recv.poll(50):
                n = int(recv.recv())
                send.send_string(str(n * n))
        recv.close()
        send.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for i in range(20):
        vent.send_string(str(i))
    for _ in range(20):
        results.append(int(sink.recv()))
    done.set()
    for t in threads:
        t.join(10)
    p.value("sum", sum(results))
    vent.close()
    sink.close()
    ctx.term()
    zmq.Context.instance().term()


def queue_device(p):
    ctx = zmq.Context()
    frontend = ctx.socket(zmq.ROUTER)
    backend = ctx.socket(zmq.DEALER)
    fport = frontend.bind_to_random_port("tcp://127.0.0.1")
    bport = backend.bind_to_random_port("tcp://127.0.0.1")

    def run():
        try:
            zmq.device(zmq.QUEUE, frontend, backend)
        except zmq.ContextTerminated:
            pass
        frontend.close()
        backend.close()

    t = threading.Thread(target=run, daemon=True)
    t.start()
    worker = ctx.socket(zmq.REP)
    worker.connect(f"tcp://127.0.0.1:{bport}")
    client = ctx.socket(zmq.REQ)
    client.connect(f"tcp://127.0.0.1:{fport}")
    client.send(b"ping")
    p.value("worker got", worker.recv())
    worker.send(b"pong")
    p.value("client got", client.recv())
    # not compared: zmq.device(99, ...), ValueError here; pyzmq ignores the type and runs (docs/migration.rst)
    p.value("QUEUE", zmq.QUEUE)
    p.value("FORWARDER", zmq.FORWARDER)
    p.value("STREAMER", zmq.STREAMER)
    client.close()
    worker.close()
    ctx.term()  # the device raises ContextTerminated and closes its sockets
    t.join(10)
    p.value("device ended", not t.is_alive())


def monitoring(p):
    ctx = zmq.Context()
    server = ctx.socket(zmq.REP)
    mon = server.get_monitor_socket()
    p.call("monitor type", lambda: mon.type)
    port = server.bind_to_random_port("tcp://127.0.0.1")
    client = ctx.socket(zmq.REQ)
    client.connect(f"tcp://127.0.0.1:{port}")
    events = []
    deadline = time.monotonic() + 10
    while zmq.EVENT_ACCEPTED not in events and time.monotonic() < deadline:
        if mon.poll(100):
            evt = recv_monitor_message(mon)
            events.append(evt["event"])
            p.value("keys", sorted(evt))
    p.value("saw LISTENING, ACCEPTED", [zmq.EVENT_LISTENING in events, zmq.EVENT_ACCEPTED in events])
    p.value("event type", type(events[0]).__name__)
    server.disable_monitor()
    p.call("parse bad", parse_monitor_message, [b"x"])
    p.call("monitor bad addr", server.monitor, "tcp://127.0.0.1:1", zmq.EVENT_ALL)
    p.value("EVENT_ALL", zmq.EVENT_ALL)
    client.close(linger=0)
    server.close(linger=0)
    mon.close(linger=0)
    ctx.term()


def curve_auth(p):
    base = tempfile.mkdtemp()
    try:
        keys = os.path.join(base, "certificates")
        public_keys = os.path.join(base, "public_keys")
        secret_keys = os.path.join(base, "private_keys")
        for d in (keys, public_keys, secret_keys):
            os.mkdir(d)
        server_public_file, server_secret_file = zmq.auth.create_certificates(keys, "server")
        client_public_file, client_secret_file = zmq.auth.create_certificates(keys, "client")
        p.value("files", sorted(os.listdir(keys)))
        p.value("returned names", [os.path.basename(server_public_file), os.path.basename(server_secret_file)])
        for name in os.listdir(keys):
            dest = public_keys if name.endswith(".key") else secret_keys
            shutil.move(os.path.join(keys, name), dest)
        server_public, server_secret = zmq.auth.load_certificate(os.path.join(secret_keys, "server.key_secret"))
        p.value("key lengths", [len(server_public), len(server_secret)])
        p.call("load public only", lambda: zmq.auth.load_certificate(os.path.join(public_keys, "client.key"))[1])
        p.call("load missing is OSError", _raises, OSError, zmq.auth.load_certificate, os.path.join(base, "nope"))
        p.call("load_certificates", lambda: len(zmq.auth.load_certificates(public_keys)))
        client_public, client_secret = zmq.auth.load_certificate(os.path.join(secret_keys, "client.key_secret"))

        ctx = zmq.Context()
        auth = ThreadAuthenticator(ctx)
        auth.start()
        auth.allow("127.0.0.1")
        auth.configure_curve(domain="*", location=public_keys)
        server = ctx.socket(zmq.PUSH)
        server.curve_secretkey = server_secret
        server.curve_publickey = server_public
        server.curve_server = True
        port = server.bind_to_random_port("tcp://127.0.0.1")
        client = ctx.socket(zmq.PULL)
        client.curve_secretkey = client_secret
        client.curve_publickey = client_public
        client.curve_serverkey = server_public
        client.connect(f"tcp://127.0.0.1:{port}")
        server.send(b"secure")
        p.value("poll", client.poll(5000))
        p.value("got", client.recv())
        p.value("mechanism", server.mechanism)
        p.value("is_alive", auth.is_alive())

        stranger = ctx.socket(zmq.PULL)
        spub, ssec = zmq.curve_keypair()
        stranger.curve_secretkey = ssec
        stranger.curve_publickey = spub
        stranger.curve_serverkey = server_public
        stranger.connect(f"tcp://127.0.0.1:{port}")
        p.value("stranger gets nothing", stranger.poll(300))
        auth.stop()
        p.value("stopped", auth.is_alive())
        for s in (client, server, stranger):
            s.close(linger=0)
        ctx.term()
    finally:
        shutil.rmtree(base)
