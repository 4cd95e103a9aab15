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


_IMPORT_IOLOOP_AUTH = """
import warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    from zmq.auth.ioloop import IOLoopAuthenticator
print([(w.category.__name__, w.filename) for w in caught])
"""


def test_ioloop_authenticator_import_is_deprecated():
    """As pyzmq 27: importing zmq.auth.ioloop warns DeprecationWarning, pointing at the importer."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", _IMPORT_IOLOOP_AUTH], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[('DeprecationWarning', '<string>')]"


def test_ioloop_authenticator_on_tornados_loop(run):
    import warnings

    from tornado.ioloop import IOLoop

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from zmq.auth.ioloop import IOLoopAuthenticator

    async def main():
        ctx = zmq.asyncio.Context()
        auth = IOLoopAuthenticator(ctx, io_loop=IOLoop.current())
        assert isinstance(auth, AsyncioAuthenticator)
        assert auth.loop is asyncio.get_running_loop()
        try:
            auth.start()
            auth.configure_plain(domain="*", passwords={"admin": "secret"})
            server = ctx.socket(zmq.PULL)
            server.plain_server = True
            server.linger = 0
            port = server.bind_to_random_port("tcp://127.0.0.1")
            outcomes = []
            for password in (b"secret", b"wrong"):
                client = ctx.socket(zmq.PUSH)
                client.linger = 0
                client.plain_username, client.plain_password = b"admin", password
                event = handshake_event(client)
                client.connect(f"tcp://127.0.0.1:{port}")
                outcomes.append(await event)
            return outcomes
        finally:
            auth.stop()
            ctx.destroy(linger=0)

    assert run(main()) == [zmq.EVENT_HANDSHAKE_SUCCEEDED, zmq.EVENT_HANDSHAKE_FAILED_AUTH]


# -- the synchronous authenticators on a zmq.asyncio.Context ---------------------------


async def _plain_and_curve_outcomes(ctx: zmq.asyncio.Context, auth) -> list[int]:
    """PLAIN (right, wrong password) then CURVE (known, unknown key) handshakes
    of asyncio sockets of ``ctx`` authenticated by ``auth``; their outcomes."""
    server_public, server_secret = zmq.curve_keypair()
    client_public, client_secret = zmq.curve_keypair()
    stranger = zmq.curve_keypair()
    auth.configure_plain(domain="plain", passwords={"admin": "secret"})
    auth.configure_curve_callback(domain="curve", credentials_provider=_KnownKeys({client_public}))
    plain_server = ctx.socket(zmq.PULL)
    plain_server.plain_server = True
    plain_server.zap_domain = b"plain"
    curve_server = ctx.socket(zmq.PULL)
    curve_server.curve_server = True
    curve_server.curve_secretkey = server_secret
    curve_server.zap_domain = b"curve"
    outcomes = []
    for server in (plain_server, curve_server):
        server.linger = 0
        port = server.bind_to_random_port("tcp://127.0.0.1")
        if server is plain_server:
            credentials = [(b"admin", b"secret"), (b"admin", b"wrong")]
        else:
            credentials = [(client_public, client_secret), stranger]
        for first, second in credentials:
            client = ctx.socket(zmq.PUSH)
            client.linger = 0
            if server is plain_server:
                client.plain_username, client.plain_password = first, second
            else:
                client.curve_serverkey = server_public
                client.curve_publickey, client.curve_secretkey = first, second
            event = handshake_event(client)
            client.connect(f"tcp://127.0.0.1:{port}")
            outcome = await event
            outcomes.append(outcome)
            if outcome == zmq.EVENT_HANDSHAKE_SUCCEEDED:  # and the connection carries messages
                await client.send(b"through")
                assert await server.recv() == b"through"
    return outcomes


class _KnownKeys:
    def __init__(self, keys):
        self.keys = keys

    def callback(self, domain, key):
        return key in self.keys


EXPECTED_OUTCOMES = [zmq.EVENT_HANDSHAKE_SUCCEEDED, zmq.EVENT_HANDSHAKE_FAILED_AUTH] * 2


def test_thread_authenticator_on_an_asyncio_context(run):
    """Its ZAP socket and pipe are plain sockets, so its thread serves requests
    (it used to die on awaitable sockets, and every connection was refused)."""
    from zmq.auth.thread import ThreadAuthenticator

    async def main():
        ctx = zmq.asyncio.Context()
        auth = ThreadAuthenticator(ctx)
        auth.start()
        try:
            assert type(auth.zap_socket) is zmq.Socket
            assert type(auth.pipe) is zmq.Socket
            assert await _plain_and_curve_outcomes(ctx, auth) == EXPECTED_OUTCOMES
            assert auth.is_alive()
        finally:
            auth.stop()
            ctx.destroy(linger=0)

    run(main())


def test_base_authenticator_on_an_asyncio_context(run):
    """A caller serving the base Authenticator's ZAP socket from its own thread."""
    import threading

    from zmq.auth import Authenticator

    async def main():
        ctx = zmq.asyncio.Context()
        auth = Authenticator(ctx)
        auth.start()
        assert type(auth.zap_socket) is zmq.Socket
        stop = threading.Event()
        failures: list[BaseException] = []

        def serve() -> None:
            try:
                while not stop.is_set():
                    if auth.zap_socket.poll(50):
                        auth.handle_zap_message(auth.zap_socket.recv_multipart())
            except BaseException as error:  # reported to the test
                failures.append(error)

        server_thread = threading.Thread(target=serve)
        server_thread.start()
        try:
            assert await _plain_and_curve_outcomes(ctx, auth) == EXPECTED_OUTCOMES
        finally:
            stop.set()
            server_thread.join()
            auth.stop()
            ctx.destroy(linger=0)
        assert failures == []

    run(main())
