# SPDX-License-Identifier: BSD-3-Clause
"""zmq.auth's ThreadAuthenticator and base Authenticator on a zmq.asyncio.Context:
their own sockets are plain ones, and PLAIN/CURVE connections are decided."""

import asyncio
import os
import tempfile
import threading

import zmq
import zmq.asyncio
import zmq.auth
from zmq.auth.thread import ThreadAuthenticator
from zmq.utils.monitor import parse_monitor_message

_OUTCOMES = zmq.EVENT_HANDSHAKE_SUCCEEDED | zmq.EVENT_HANDSHAKE_FAILED_AUTH


async def _outcome(ctx, server_port, configure):
    """The handshake outcome of a new client of ``ctx``, and whether a message got through."""
    client = ctx.socket(zmq.PUSH)
    client.linger = 0
    configure(client)
    monitor = client.get_monitor_socket(_OUTCOMES)
    client.connect(f"tcp://127.0.0.1:{server_port}")
    event = parse_monitor_message(await asyncio.wait_for(monitor.recv_multipart(), 10))["event"]
    client.disable_monitor()
    monitor.close(linger=0)
    return client, event


async def _plain_and_curve(ctx, auth, certs_dir):
    """Outcomes of PLAIN (right, wrong password) and CURVE (known, unknown key) clients."""
    server_public, server_secret = zmq.curve_keypair()
    client_public, client_secret = zmq.auth.load_certificate(os.path.join(certs_dir, "client.key_secret"))
    stranger_public, stranger_secret = zmq.curve_keypair()
    auth.configure_plain(domain="plain", passwords={"admin": "secret"})
    auth.configure_curve(domain="curve", location=certs_dir)
    results = []
    plain = ctx.socket(zmq.PULL)
    plain.plain_server = True
    plain.zap_domain = b"plain"
    curve = ctx.socket(zmq.PULL)
    curve.curve_server = True
    curve.curve_secretkey = server_secret
    curve.zap_domain = b"curve"
    for server in (plain, curve):
        server.linger = 0
        server.rcvtimeo = 10_000
    plain_port = plain.bind_to_random_port("tcp://127.0.0.1")
    curve_port = curve.bind_to_random_port("tcp://127.0.0.1")

    def plain_client(password):
        def configure(client):
            client.plain_username, client.plain_password = b"admin", password
        return configure

    def curve_client(public, secret):
        def configure(client):
            client.curve_serverkey = server_public
            client.curve_publickey, client.curve_secretkey = public, secret
        return configure

    for server, port, configure in (
        (plain, plain_port, plain_client(b"secret")),
        (plain, plain_port, plain_client(b"wrong")),
        (curve, curve_port, curve_client(client_public, client_secret)),
        (curve, curve_port, curve_client(stranger_public, stranger_secret)),
    ):
        client, event = await _outcome(ctx, port, configure)
        received = None
        if event == zmq.EVENT_HANDSHAKE_SUCCEEDED:
            await client.send(b"through")
            received = await server.recv()
        results.append((int(event), received))  # member names are compared elsewhere
        client.close()
    plain.close()
    curve.close()
    return results


def _certificates():
    certs_dir = tempfile.mkdtemp(prefix="parity-auth-")
    zmq.auth.create_certificates(certs_dir, "client")
    return certs_dir


def thread_authenticator_on_asyncio_context(p):
    async def main():
        ctx = zmq.asyncio.Context()
        auth = ThreadAuthenticator(ctx)
        auth.start()
        p.value("zap socket class", type(auth.zap_socket).__name__)
        p.value("pipe class", type(auth.pipe).__name__)
        p.value("outcomes", await _plain_and_curve(ctx, auth, _certificates()))
        p.value("alive", auth.is_alive())
        auth.stop()
        p.value("alive after stop", auth.is_alive())
        ctx.term()

    asyncio.run(main())


def base_authenticator_on_asyncio_context(p):
    async def main():
        ctx = zmq.asyncio.Context()
        auth = zmq.auth.Authenticator(ctx)
        auth.start()
        p.value("zap socket class", type(auth.zap_socket).__name__)
        stop = threading.Event()

        def serve():  # pyzmq's handle_zap_message is a coroutine: await it
            async def handle(msg):
                await auth.handle_zap_message(msg)

            while not stop.is_set():
                if auth.zap_socket.poll(50):
                    asyncio.run(handle(auth.zap_socket.recv_multipart()))

        thread = threading.Thread(target=serve)
        thread.start()
        try:
            p.value("outcomes", await _plain_and_curve(ctx, auth, _certificates()))
        finally:
            stop.set()
            thread.join()
            auth.stop()
        ctx.term()

    asyncio.run(main())
