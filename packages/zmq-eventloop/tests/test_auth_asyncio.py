# SPDX-License-Identifier: BSD-3-Clause
"""zmq.auth.asyncio.AsyncioAuthenticator: real PLAIN and CURVE handshakes over tcp."""

from __future__ import annotations

import asyncio

import pytest

import zmq
import zmq.asyncio
from zmq.auth.asyncio import AsyncioAuthenticator
from zmq.utils.monitor import parse_monitor_message


def handshake_event(sock: zmq.Socket) -> asyncio.Future:
    """Future of the first handshake outcome of ``sock``: success or auth failure.

    The monitor is attached now, before the caller connects, so no event is missed.
    """
    monitor = sock.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED | zmq.EVENT_HANDSHAKE_FAILED_AUTH)

    async def first_event() -> int:
        try:
            return parse_monitor_message(await monitor.recv_multipart())["event"]
        finally:
            sock.disable_monitor()

    return asyncio.ensure_future(first_event())


def test_plain_handshake_allows_and_denies(run):
    async def main():
        ctx = zmq.asyncio.Context()
        auth = AsyncioAuthenticator(ctx)
        try:
            auth.start()
            assert auth.is_alive()
            with pytest.raises(RuntimeError):
                auth.start()
            auth.configure_plain(domain="*", passwords={"admin": "secret"})
            server = ctx.socket(zmq.PULL)
            server.plain_server = True
            server.linger = 0
            port = server.bind_to_random_port("tcp://127.0.0.1")

            good = ctx.socket(zmq.PUSH)
            good.linger = 0
            good.plain_username, good.plain_password = b"admin", b"secret"
            good_event = handshake_event(good)
            good.connect(f"tcp://127.0.0.1:{port}")
            await good.send(b"authenticated")
            assert await server.recv() == b"authenticated"
            assert await good_event == zmq.EVENT_HANDSHAKE_SUCCEEDED

            bad = ctx.socket(zmq.PUSH)
            bad.linger = 0
            bad.plain_username, bad.plain_password = b"admin", b"wrong"
            bad_event = handshake_event(bad)
            bad.connect(f"tcp://127.0.0.1:{port}")
            assert await bad_event == zmq.EVENT_HANDSHAKE_FAILED_AUTH
        finally:
            auth.stop()
            assert not auth.is_alive()
            ctx.destroy(linger=0)

    run(main())


def test_async_curve_credentials_provider(run):
    server_public, server_secret = zmq.curve_keypair()
    client_public, client_secret = zmq.curve_keypair()
    stranger_public, stranger_secret = zmq.curve_keypair()

    class Provider:
        def __init__(self):
            self.asked = []

        async def callback(self, domain, key):
            await asyncio.sleep(0)
            self.asked.append(key)
            return key == client_public

    async def main():
        ctx = zmq.asyncio.Context()
        provider = Provider()
        async with AsyncioAuthenticator(ctx) as auth:
            auth.configure_curve_callback(domain="*", credentials_provider=provider)
            server = ctx.socket(zmq.PULL)
            server.linger = 0
            server.curve_server = True
            server.curve_secretkey = server_secret
            port = server.bind_to_random_port("tcp://127.0.0.1")
            outcomes = []
            for public, secret in ((client_public, client_secret), (stranger_public, stranger_secret)):
                client = ctx.socket(zmq.PUSH)
                client.linger = 0
                client.curve_serverkey = server_public
                client.curve_publickey, client.curve_secretkey = public, secret
                event = handshake_event(client)
                client.connect(f"tcp://127.0.0.1:{port}")
                outcomes.append(await event)
            assert outcomes == [zmq.EVENT_HANDSHAKE_SUCCEEDED, zmq.EVENT_HANDSHAKE_FAILED_AUTH]
            assert provider.asked[:2] == [client_public, stranger_public]
        ctx.destroy(linger=0)

    run(main())


def test_start_needs_a_loop():
    auth = AsyncioAuthenticator(zmq.Context.instance())
    with pytest.raises(RuntimeError, match="running loop"):
        auth.start()
