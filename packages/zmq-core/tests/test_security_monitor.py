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
    # the reader (here: this thread) gets the end of the monitor and closes it
    while (message := monitor.recv_monitor_message(events))["event"] != zmq.EVENT_MONITOR_STOPPED:
        pass
    assert not events.closed
    events.close()


def test_monitor_disable_and_monitor_again(context):
    """monitor / disable / monitor again on one socket, each time with the
    default address (libzmq frees the old one's name only later)."""
    server = context.socket(zmq.PULL)
    for round_number in range(5):
        events = server.get_monitor_socket(zmq.EVENT_LISTENING | zmq.EVENT_MONITOR_STOPPED)
        events.rcvtimeo = 10_000
        server.bind("tcp://127.0.0.1:*")
        message = monitor.recv_monitor_message(events)
        assert message["event"] == zmq.EVENT_LISTENING
        assert message["endpoint"] == server.last_endpoint
        server.disable_monitor()
        assert monitor.recv_monitor_message(events)["event"] == zmq.EVENT_MONITOR_STOPPED
        assert server.get_monitor_socket() is not events
        server.disable_monitor()
        events.close()


_CLOSE_THEN_DISABLE = """
import zmq
ctx = zmq.Context()
s = ctx.socket(zmq.PULL)
for _ in range(200):
    s.get_monitor_socket()  # dropped at once: only the socket holds it
    s.bind("tcp://127.0.0.1:*")
    s.disable_monitor()     # libzmq waits to send it MONITOR_STOPPED
s.close()
ctx.term()
print("done")
"""


def test_disable_monitor_of_a_dropped_monitor_socket():
    """A monitor socket the caller dropped stays open until disable_monitor()
    has delivered EVENT_MONITOR_STOPPED to it (libzmq would wait forever to
    send it to nobody: a hang in pyzmq)."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _CLOSE_THEN_DISABLE], capture_output=True, text=True,
                          timeout=120)
    assert (done.returncode, done.stdout) == (0, "done\n"), done.stderr


def test_disable_monitor_leaves_the_reading_thread_its_socket(context):
    """A thread blocked reading the monitor socket sees EVENT_MONITOR_STOPPED
    and closes the socket itself: disable_monitor() never closes it under it."""
    import threading

    server = context.socket(zmq.PULL)
    events = server.get_monitor_socket()
    seen: list[int] = []
    failures: list[BaseException] = []

    def read() -> None:
        try:
            events.rcvtimeo = 10_000
            while True:
                event = monitor.recv_monitor_message(events)["event"]
                seen.append(event)
                if event == zmq.EVENT_MONITOR_STOPPED:
                    break
            events.close()
        except BaseException as error:  # reported to the test
            failures.append(error)

    reader = threading.Thread(target=read)
    reader.start()
    server.bind("tcp://127.0.0.1:*")
    while not seen:  # the reader is at work (bounded by its rcvtimeo)
        reader.join(0.01)
        if not reader.is_alive():
            break
    server.disable_monitor()
    reader.join(30)
    assert failures == []
    assert seen == [zmq.EVENT_LISTENING, zmq.EVENT_MONITOR_STOPPED]
    assert events.closed
    server.close()
    context.term()


def test_parse_monitor_message_rejects_garbage():
    with pytest.raises(RuntimeError):
        monitor.parse_monitor_message([b"x"])
    parsed = monitor.parse_monitor_message([b"\x08\x00\x05\x00\x00\x00", b"tcp://x"])
    assert parsed == {"event": zmq.EVENT_LISTENING, "value": 5, "endpoint": b"tcp://x"}
    assert type(parsed["event"]) is zmq.Event and type(parsed["value"]) is zmq.Event  # as pyzmq


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
