# SPDX-License-Identifier: BSD-3-Clause
"""zmq.auth: ZAP authentication of NULL, PLAIN and CURVE peers, and certificate files."""

import logging
import os
import stat

import pytest

import zmq
import zmq.auth
from zmq.auth import CURVE_ALLOW_ANY, ThreadAuthenticator
from zmq.utils.monitor import recv_monitor_message

SUCCEEDED = zmq.EVENT_HANDSHAKE_SUCCEEDED
FAILED_AUTH = zmq.EVENT_HANDSHAKE_FAILED_AUTH


@pytest.fixture
def auth(context):
    authenticator = ThreadAuthenticator(context)
    authenticator.start()
    yield authenticator
    authenticator.stop()


def handshake(server, client):
    """Connect ``client`` to tcp-bound ``server``; the server's handshake event."""
    events = server.get_monitor_socket(SUCCEEDED | FAILED_AUTH | zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL)
    events.rcvtimeo = 10_000
    server.bind("tcp://127.0.0.1:*")
    client.connect(server.last_endpoint.decode())
    return recv_monitor_message(events)["event"]


def exchange(server, client):
    """A message from client to server; the server-side Frame."""
    server.rcvtimeo = client.sndtimeo = 10_000
    client.send(b"hello")
    return server.recv(copy=False)


def null_pair(context):
    server, client = context.socket(zmq.PULL), context.socket(zmq.PUSH)
    server.zap_domain = b"global"  # NULL asks ZAP only when a domain is set
    return server, client


def plain_pair(context, user, password):
    server, client = context.socket(zmq.PULL), context.socket(zmq.PUSH)
    server.plain_server = True
    client.plain_username = user.encode()
    client.plain_password = password.encode()
    return server, client


def curve_pair(context, server_keys, client_keys, server_key_seen_by_client=None):
    server, client = context.socket(zmq.PULL), context.socket(zmq.PUSH)
    server.curve_server = True
    server.curve_secretkey = server_keys[1]
    client.curve_publickey, client.curve_secretkey = client_keys
    client.curve_serverkey = server_key_seen_by_client or server_keys[0]
    return server, client


def test_null_allowed_address(context, auth):
    auth.allow("127.0.0.1")
    server, client = null_pair(context)
    assert handshake(server, client) == SUCCEEDED
    assert exchange(server, client).bytes == b"hello"


def test_null_address_not_in_allow_list(context, auth):
    auth.allow("192.0.2.1")
    server, client = null_pair(context)
    assert handshake(server, client) == FAILED_AUTH


def test_null_denied_address(context, auth):
    auth.deny("127.0.0.1")
    server, client = null_pair(context)
    assert handshake(server, client) == FAILED_AUTH


def test_allow_and_deny_exclude_each_other(context):
    authenticator = zmq.auth.Authenticator(context)
    authenticator.allow("127.0.0.1")
    with pytest.raises(ValueError):
        authenticator.deny("10.0.0.1")
    with pytest.raises(TypeError):
        authenticator.allow(b"127.0.0.1")


def test_plain_right_password_gives_user_id(context, auth):
    auth.configure_plain(passwords={"admin": "s3cret"})
    server, client = plain_pair(context, "admin", "s3cret")
    assert handshake(server, client) == SUCCEEDED
    frame = exchange(server, client)
    assert frame.get("User-Id") == "admin"


@pytest.mark.parametrize("user, password", [("admin", "wrong"), ("nobody", "s3cret"), ("admin", "s3cre")])
def test_plain_wrong_credentials(context, auth, user, password):
    auth.configure_plain(passwords={"admin": "s3cret"})
    server, client = plain_pair(context, user, password)
    assert handshake(server, client) == FAILED_AUTH


def test_plain_per_domain(context, auth):
    auth.configure_plain("inner", {"alice": "a"})
    server, client = plain_pair(context, "alice", "a")
    server.zap_domain = b"outer"  # no passwords for this domain, and no '*'
    assert handshake(server, client) == FAILED_AUTH
    server2, client2 = plain_pair(context, "alice", "a")
    server2.zap_domain = b"inner"
    assert handshake(server2, client2) == SUCCEEDED


def test_curve_allow_any(context, auth):
    auth.configure_curve(location=CURVE_ALLOW_ANY)
    server, client = curve_pair(context, zmq.curve_keypair(), zmq.curve_keypair())
    assert handshake(server, client) == SUCCEEDED
    frame = exchange(server, client)
    assert frame.get("User-Id") == client.curve_publickey.decode()


def test_curve_certificate_directory(context, auth, tmp_path):
    public_dir, secret_dir = tmp_path / "public", tmp_path / "private"
    public_dir.mkdir(), secret_dir.mkdir()
    client_public_file, client_secret_file = zmq.auth.create_certificates(secret_dir, "client")
    os.rename(client_public_file, public_dir / "client.key")
    auth.configure_curve(location=str(public_dir))
    client_keys = zmq.auth.load_certificate(client_secret_file)
    server, client = curve_pair(context, zmq.curve_keypair(), client_keys)
    assert handshake(server, client) == SUCCEEDED
    assert exchange(server, client).bytes == b"hello"
    # a key not in the directory is refused
    stranger_server, stranger = curve_pair(context, zmq.curve_keypair(), zmq.curve_keypair())
    assert handshake(stranger_server, stranger) == FAILED_AUTH


def test_curve_callback_decides(context, auth):
    allowed_keys = set()

    class Provider:
        def callback(self, domain, key):
            return key in allowed_keys

    auth.configure_curve_callback(credentials_provider=Provider())
    good = zmq.curve_keypair()
    allowed_keys.add(good[0])
    server, client = curve_pair(context, zmq.curve_keypair(), good)
    assert handshake(server, client) == SUCCEEDED
    server2, client2 = curve_pair(context, zmq.curve_keypair(), zmq.curve_keypair())
    assert handshake(server2, client2) == FAILED_AUTH
    with pytest.raises(TypeError):
        auth.configure_curve_callback(credentials_provider=object())


def test_curve_client_with_wrong_server_key_fails_handshake(context):
    # No message is queued on the failing client: libzmq 4.3.4 can then hang
    # zmq_ctx_term (libzmq issue 2733, pyzmq issue 626), which is not ours to test.
    server_keys = zmq.curve_keypair()
    server, client = curve_pair(context, server_keys, zmq.curve_keypair(), zmq.curve_keypair()[0])
    assert handshake(server, client) == zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL


def test_zap_requests_answered_per_rfc27(context):
    """Drive a started Authenticator by hand over the ZAP endpoint."""
    authenticator = zmq.auth.Authenticator(context)
    authenticator.configure_plain(passwords={"u": "p"})
    authenticator.start()
    try:
        with pytest.raises(RuntimeError):
            authenticator.start()
        requester = context.socket(zmq.REQ)
        requester.rcvtimeo = 5000
        requester.connect("inproc://zeromq.zap.01")

        def ask(frames):
            requester.send_multipart(frames)
            authenticator.handle_zap_message(authenticator.zap_socket.recv_multipart())
            return requester.recv_multipart()

        base = [b"1.0", b"id-7", b"", b"127.0.0.1", b""]
        assert ask(base + [b"PLAIN", b"u", b"p"]) == [b"1.0", b"id-7", b"200", b"OK", b"u", b""]
        reply = ask(base + [b"PLAIN", b"u", b"x"])
        assert reply[:3] == [b"1.0", b"id-7", b"400"]
        assert ask(base + [b"PLAIN", b"u"])[2] == b"400"  # one credential frame missing
        assert ask(base + [b"CURVE", b"short"])[2] == b"400"
        assert ask([b"2.0", b"id-8", b"", b"127.0.0.1", b"", b"NULL"])[:3] == [b"1.0", b"id-8", b"500"]
        assert ask([b"1.0", b"id-9", b"", b"127.0.0.1", b"", b"FOO"])[2] == b"500"
        assert ask([b"1.0", b"id-10"])[:3] == [b"1.0", b"id-10", b"500"]
    finally:
        authenticator.stop()


def test_second_authenticator_in_a_context_is_refused(context, auth):
    other = ThreadAuthenticator(context)
    with pytest.raises(zmq.ZMQError) as info:
        other.start()
    assert info.value.errno == zmq.EADDRINUSE
    assert not other.is_alive()
    assert auth.is_alive()


def test_stop_ends_the_thread_and_auth(context):
    authenticator = ThreadAuthenticator(context)
    with authenticator:
        assert authenticator.is_alive()
    assert not authenticator.is_alive()
    authenticator.stop()  # again: harmless
    # without a ZAP handler libzmq lets NULL peers in
    server, client = null_pair(context)
    assert handshake(server, client) == SUCCEEDED


def test_async_provider_in_thread_authenticator_is_refused_and_logged(context, auth, caplog):
    class AsyncProvider:
        async def callback(self, domain, key):
            return True

    auth.configure_curve_callback(credentials_provider=AsyncProvider())
    with caplog.at_level(logging.ERROR, logger="zmq.auth"):
        server, client = curve_pair(context, zmq.curve_keypair(), zmq.curve_keypair())
        assert handshake(server, client) != SUCCEEDED
    assert "AsyncioAuthenticator" in caplog.text


def test_context_terminated_ends_the_thread():
    """term() from another thread: the authenticator thread closes its sockets, stop() the pipe."""
    import threading

    context = zmq.Context()
    authenticator = ThreadAuthenticator(context)
    authenticator.start()
    thread = authenticator.thread
    terminator = threading.Thread(target=context.term)
    terminator.start()
    thread.join(10)
    assert not thread.is_alive()  # ended by ContextTerminated, not by TERMINATE
    authenticator.stop()  # closes the pipe, the last socket: term() returns
    terminator.join(10)
    assert not terminator.is_alive()
    assert context.closed


def test_certificate_files(tmp_path):
    public_file, secret_file = zmq.auth.create_certificates(tmp_path, "server", {"name": "srv"})
    assert os.path.basename(public_file) == "server.key"
    assert os.path.basename(secret_file) == "server.key_secret"
    public, secret = zmq.auth.load_certificate(secret_file)
    assert zmq.curve_public(secret) == public
    assert zmq.auth.load_certificate(public_file) == (public, None)
    assert stat.S_IMODE(os.stat(secret_file).st_mode) == 0o600
    assert 'name = "srv"' in open(public_file).read()
    assert "secret" not in open(public_file).read().split("curve")[-1]
    assert zmq.auth.load_certificates(tmp_path) == {public: True}


def test_certificate_errors(tmp_path):
    with pytest.raises(OSError):
        zmq.auth.load_certificate(tmp_path / "missing.key")
    with pytest.raises(OSError):
        zmq.auth.load_certificates(tmp_path / "missing")
    bad = tmp_path / "bad.key"
    bad.write_text("metadata\ncurve\n")
    with pytest.raises(ValueError):
        zmq.auth.load_certificate(bad)
    with pytest.raises(ValueError):
        zmq.auth.create_certificates(tmp_path, "x", {"k": 'quote"d'})


def test_handle_zap_message_can_be_awaited_as_in_pyzmq(context):
    """pyzmq's handle_zap_message is a coroutine: ``await`` on ours works too
    (the reply is already sent), and a plain call needs no await."""
    import asyncio
    import threading

    from zmq.auth import Authenticator

    auth = Authenticator(context)
    auth.start()
    auth.configure_plain(passwords={"admin": "secret"})
    served: list[BaseException] = []

    def serve(count: int) -> None:
        try:
            for index in range(count):
                msg = auth.zap_socket.recv_multipart()
                if index == 0:
                    asyncio.run(_await(auth.handle_zap_message(msg)))
                else:
                    assert auth.handle_zap_message(msg) is not None
        except BaseException as error:  # reported below
            served.append(error)

    thread = threading.Thread(target=serve, args=(2,))
    thread.start()
    outcomes = [handshake(*plain_pair(context, "admin", password)) for password in ("secret", "wrong")]
    thread.join(30)
    auth.stop()
    assert served == []
    assert outcomes == [SUCCEEDED, FAILED_AUTH]


async def _await(awaitable):
    return await awaitable


def test_thread_authenticator_runs_an_async_override(context):
    """A subclass written for pyzmq overrides ``async def handle_zap_message``:
    the thread runs the coroutine to completion."""

    class Logged(ThreadAuthenticator):
        seen: list[bytes] = []

        async def handle_zap_message(self, msg):
            self.seen.append(msg[5])  # the mechanism
            super().handle_zap_message(msg)

    auth = Logged(context)
    auth.start()
    try:
        auth.configure_plain(passwords={"admin": "secret"})
        assert handshake(*plain_pair(context, "admin", "secret")) == SUCCEEDED
        assert handshake(*plain_pair(context, "admin", "nope")) == FAILED_AUTH
    finally:
        auth.stop()
    assert Logged.seen == [b"PLAIN", b"PLAIN"]
