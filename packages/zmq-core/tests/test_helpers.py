# SPDX-License-Identifier: BSD-3-Clause
"""Socket helpers: strings, JSON, pickles, serialized messages, bind_to_random_port."""

import decimal
import json
import pickle

import pytest

import zmq


@pytest.mark.parametrize("transport", ["inproc", "tcp"])
def test_send_recv_string_utf8(pair, transport):
    pull, push = pair(zmq.PULL, zmq.PUSH, transport)
    text = "héllo wörld ✓ 🐍"
    push.send_string(text)
    assert pull.recv() == text.encode("utf-8")  # utf-8 on the wire by default
    push.send_string(text)
    received = pull.recv_string()
    assert received == text and type(received) is str


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16", "utf-8"])
def test_send_recv_string_other_encodings(pair, encoding):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    text = "façade déjà vu"
    push.send_string(text, encoding=encoding)
    assert pull.recv() == text.encode(encoding)
    push.send_string(text, 0, True, encoding)
    assert pull.recv_string(encoding=encoding) == text


def test_send_string_checks_its_argument(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    for bad in (b"bytes", 5, None):
        with pytest.raises(TypeError):
            push.send_string(bad)
    with pytest.raises(UnicodeEncodeError):
        push.send_string("✓", encoding="latin-1")
    with pytest.raises(zmq.Again):
        pull.recv(zmq.DONTWAIT)  # nothing was sent
    push.send(b"\xff\xfe not utf-8")
    with pytest.raises(UnicodeDecodeError):
        pull.recv_string()


def test_string_helpers_take_flags(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    with pytest.raises(zmq.Again):
        pull.recv_string(zmq.DONTWAIT)
    push.send_string("first", zmq.SNDMORE)
    push.send_string("second")
    assert pull.recv_multipart() == [b"first", b"second"]


def test_send_recv_json(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    obj = {"key": [1, 2.5, None, True], "text": "ünïcode", "nested": {"a": {}}}
    push.send_json(obj)
    assert pull.recv_json() == obj
    push.send_json([1, 2])
    assert pull.recv() == b"[1, 2]"  # json's default separators (pyzmq's bytes), utf-8


def test_json_kwargs_pass_through(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    push.send_json({"b": 1, "a": 2}, sort_keys=True)
    assert pull.recv() == b'{"a": 2, "b": 1}'
    push.send_json({"b": 1}, separators=(",", ":"))
    assert pull.recv() == b'{"b":1}'
    push.send_json({"when": object}, default=lambda value: value.__name__)
    assert pull.recv_json() == {"when": "object"}
    push.send_json({"price": 1.10})
    assert pull.recv_json(parse_float=decimal.Decimal) == {"price": decimal.Decimal("1.1")}
    push.send_json({"x": 1}, zmq.DONTWAIT)
    assert pull.recv_json(0, object_hook=lambda d: sorted(d)) == ["x"]


def test_json_errors(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    with pytest.raises(TypeError):
        push.send_json({"not serializable": object()})
    with pytest.raises(zmq.Again):
        pull.recv(zmq.DONTWAIT)
    push.send(b"{not json")
    with pytest.raises(json.JSONDecodeError):
        pull.recv_json()
    with pytest.raises(zmq.Again):
        pull.recv_json(zmq.NOBLOCK)


class Point:
    """A picklable class (module level)."""

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)


@pytest.mark.parametrize("protocol", [None, 0, pickle.HIGHEST_PROTOCOL, -1])
def test_send_recv_pyobj(pair, protocol):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    obj = {"point": Point(1, 2), "set": {1, 2}, "bytes": b"\x00", "tuple": (1.5, None)}
    if protocol is None:
        push.send_pyobj(obj)
    else:
        push.send_pyobj(obj, protocol=protocol)
    assert pull.recv_pyobj() == obj


def test_pyobj_protocol_is_used(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    push.send_pyobj([1], protocol=0)
    assert pull.recv() == pickle.dumps([1], 0)
    push.send_pyobj([1], zmq.DONTWAIT, 2)
    assert pull.recv() == pickle.dumps([1], 2)
    with pytest.raises(zmq.Again):
        pull.recv_pyobj(zmq.DONTWAIT)


def _serialize(msg):
    return [msg["topic"].encode(), json.dumps(msg["body"]).encode(), bytearray(b"tail")]


def _deserialize(frames):
    topic, body, tail = frames
    return {"topic": topic.decode(), "body": json.loads(body), "tail": tail}


def test_send_recv_serialized(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH, "tcp")
    msg = {"topic": "t", "body": {"n": [1, 2, 3]}}
    push.send_serialized(msg, _serialize)
    assert pull.recv_serialized(_deserialize) == {**msg, "tail": b"tail"}
    push.send_serialized(msg, _serialize, zmq.DONTWAIT)
    assert pull.recv_multipart() == [b"t", b'{"n": [1, 2, 3]}', b"tail"]
    with pytest.raises(zmq.Again):
        pull.recv_serialized(_deserialize, zmq.DONTWAIT)


def test_bind_to_random_port(context):
    server, client = context.socket(zmq.PULL), context.socket(zmq.PUSH)
    port = server.bind_to_random_port("tcp://127.0.0.1")
    assert isinstance(port, int)
    assert 49152 <= port < 65536
    assert server.last_endpoint == f"tcp://127.0.0.1:{port}".encode()
    client.connect(f"tcp://127.0.0.1:{port}")
    client.send(b"through the random port")
    assert server.recv() == b"through the random port"


def test_bind_to_random_port_in_a_range(context):
    socks = [context.socket(zmq.PULL) for _ in range(5)]
    ports = [sock.bind_to_random_port("tcp://127.0.0.1", 40000, 40100, 500) for sock in socks]
    assert all(40000 <= port < 40100 for port in ports)
    assert len(set(ports)) == 5


def test_bind_to_random_port_gives_up_with_zmq_bind_error(context):
    first = context.socket(zmq.PULL)
    port = first.bind_to_random_port("tcp://127.0.0.1")
    second = context.socket(zmq.PULL)
    # the only port of the range is taken
    with pytest.raises(zmq.ZMQBindError):
        second.bind_to_random_port("tcp://127.0.0.1", min_port=port, max_port=port + 1, max_tries=3)
    assert issubclass(zmq.ZMQBindError, zmq.ZMQBaseError)
    assert not issubclass(zmq.ZMQBindError, zmq.ZMQError)
    with pytest.raises(zmq.ZMQBindError):
        second.bind_to_random_port("tcp://127.0.0.1", max_tries=0)


def test_bind_to_random_port_reraises_other_errors(context):
    sock = context.socket(zmq.PULL)
    with pytest.raises(zmq.ZMQError) as info:
        sock.bind_to_random_port("ftl://127.0.0.1")
    assert info.value.errno == zmq.EPROTONOSUPPORT


def test_send_helpers_pass_kwargs_to_send(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    tracker = push.send_string("text", copy=False, track=True)
    assert isinstance(tracker, zmq.MessageTracker)
    assert pull.recv_string() == "text"
    tracker = push.send_pyobj({"k": 1}, copy=False, track=True)
    assert isinstance(tracker, zmq.MessageTracker)
    assert pull.recv_pyobj() == {"k": 1}
    tracker = push.send_serialized("m", lambda m: [m.encode(), b"2"], copy=False, track=True)
    assert isinstance(tracker, zmq.MessageTracker)
    assert pull.recv_multipart() == [b"m", b"2"]
    with pytest.raises(TypeError):
        push.send_string("x", no_such_argument=1)


def test_get_set_hwm(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    push.set_hwm(7)
    assert (push.sndhwm, push.rcvhwm, push.get_hwm()) == (7, 7, 7)
