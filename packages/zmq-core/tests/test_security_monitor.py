# SPDX-License-Identifier: BSD-3-Clause
"""CURVE keys, Z85, socket monitors and Stopwatch."""

import pytest

import zmq
from zmq.utils import monitor, z85


def test_curve_keypair_and_public():
    if not zmq.has("curve"):
        pytest.fail("libzmq was built without CURVE; the core expects it")
    public, secret = zmq.curve_keypair()
    assert len(public) == len(secret) == 40
    assert zmq.curve_public(secret) == public
    assert zmq.curve_public(secret.decode()) == public
    with pytest.raises(ValueError):
        zmq.curve_public(b"short")


def test_curve_encrypted_connection(context):
    server_public, server_secret = zmq.curve_keypair()
    client_public, client_secret = zmq.curve_keypair()
    server, client = context.socket(zmq.REP), context.socket(zmq.REQ)
    server.curve_server = 1
    server.curve_secretkey = server_secret
    server.bind("tcp://127.0.0.1:*")
    client.curve_serverkey = server_public
    client.curve_publickey = client_public
    client.curve_secretkey = client_secret
    client.connect(server.last_endpoint.decode())
    client.send(b"secret hello")
    server.rcvtimeo = 10_000
    assert server.recv() == b"secret hello"
    assert server.mechanism == zmq.CURVE


def test_curve_keys_read_back_as_z85(context):
    """CURVE key options read back as the 40-character Z85 text that was set."""
    public, secret = zmq.curve_keypair()
    server_public = zmq.curve_keypair()[0]
    sock = context.socket(zmq.REQ)
    sock.curve_publickey, sock.curve_secretkey, sock.curve_serverkey = public, secret, server_public
    assert sock.curve_publickey == public
    assert sock.curve_secretkey == secret
    assert sock.getsockopt(zmq.CURVE_SERVERKEY) == server_public
    sock.curve_publickey = z85.decode(public)  # 32 raw bytes are accepted too
    assert sock.curve_publickey == public


def test_z85_round_trip_and_errors():
    raw = bytes(range(32))
    text = z85.encode(raw)
    assert len(text) == 40 and z85.decode(text) == raw and z85.decode(text.decode()) == raw
    assert z85.encode(b"\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b") == b"HelloWorld"  # ZMQ RFC 32's example
    assert z85.decode(bytearray(b"HelloWorld")) == z85.decode(memoryview(b"HelloWorld")) == bytes.fromhex("864fd26fb559f75b")
    assert z85.encode(b"") == z85.decode(b"") == b""
    assert z85.encode(b"\xff" * 4) == b"%nSc0" and z85.decode("%nSc0") == b"\xff" * 4  # the largest group
    assert z85.encode(bytes(4)) == b"00000"
    with pytest.raises(ValueError, match="multiple of 4, not 3"):
        z85.encode(b"abc")
    with pytest.raises(ValueError, match="multiple of 5, not 4"):
        z85.decode(b"abcd")
    with pytest.raises(ValueError, match="b' ' at 5 is not a Z85 digit"):
        z85.decode(b"Hello Worl")
    with pytest.raises(ValueError, match="at 5 is beyond 32 bits"):
        z85.decode(b"00000%nSc1")
    with pytest.raises(ValueError):
        z85.decode("h\u00e9llo")
    for not_bytes in (5, "abcd", None):
        with pytest.raises(TypeError):
            z85.encode(not_bytes)
    with pytest.raises(TypeError):
        z85.decode(5)


def test_z85_agrees_with_libzmq(context):
    """zmq.utils.z85 (pure Python) encodes as libzmq does: raw CURVE keys read back as libzmq's Z85."""
    import os

    sock = context.socket(zmq.REQ)
    for raw in [bytes(32), b"\xff" * 32, *(os.urandom(32) for _ in range(200))]:
        sock.curve_publickey = raw
        assert sock.curve_publickey == z85.encode(raw)
        assert z85.decode(sock.curve_publickey) == raw


def test_monitor_socket_reports_events(context):
    server = context.socket(zmq.REP)
    events = server.get_monitor_socket()
    assert server.get_monitor_socket() is events
    server.bind("tcp://127.0.0.1:*")
    events.rcvtimeo = 10_000
    message = monitor.recv_monitor_message(events)
    assert message["event"] == zmq.EVENT_LISTENING
    assert message["endpoint"] == server.last_endpoint
    client = context.socket(zmq.REQ)
    client.connect(server.last_endpoint.decode())
    seen = {monitor.recv_monitor_message(events)["event"] for _ in range(2)}
    assert zmq.EVENT_ACCEPTED in seen
    server.disable_monitor()
    assert events.closed


def test_parse_monitor_message_rejects_garbage():
    with pytest.raises(RuntimeError):
        monitor.parse_monitor_message([b"x"])
    parsed = monitor.parse_monitor_message([b"\x08\x00\x05\x00\x00\x00", b"tcp://x"])
    assert parsed == {"event": zmq.EVENT_LISTENING, "value": 5, "endpoint": b"tcp://x"}


def test_stopwatch():
    watch = zmq.Stopwatch()
    with pytest.raises(zmq.ZMQError):
        watch.stop()
    watch.start()
    with pytest.raises(zmq.ZMQError):
        watch.start()
    elapsed = watch.stop()
    assert isinstance(elapsed, int) and elapsed >= 0
    with pytest.raises(zmq.ZMQError):
        watch.stop()
