# SPDX-License-Identifier: LGPL-3.0-or-later
"""Socket options: typed set/get, attribute access, strings, subscriptions."""

import pytest

import zmq


def test_int_options_round_trip(context):
    sock = context.socket(zmq.DEALER)
    for option, value in [(zmq.LINGER, 250), (zmq.SNDHWM, 77), (zmq.RCVTIMEO, 1234)]:
        sock.setsockopt(option, value)
        assert sock.getsockopt(option) == value
        assert sock.get(option) == value


def test_int64_options_round_trip(context):
    sock = context.socket(zmq.DEALER)
    sock.set(zmq.AFFINITY, 3)
    assert sock.get(zmq.AFFINITY) == 3
    sock.set(zmq.MAXMSGSIZE, 2**40)
    assert sock.get(zmq.MAXMSGSIZE) == 2**40


def test_bytes_options(context):
    sock = context.socket(zmq.DEALER)
    sock.set(zmq.ROUTING_ID, b"\x00binary\x00")
    assert sock.get(zmq.ROUTING_ID) == b"\x00binary\x00"  # binary: NULs kept
    sock.bind("tcp://127.0.0.1:*")
    endpoint = sock.get(zmq.LAST_ENDPOINT)
    assert isinstance(endpoint, bytes)
    assert endpoint.startswith(b"tcp://127.0.0.1:") and not endpoint.endswith(b"\x00")


def test_read_only_and_typed_results(context):
    sock = context.socket(zmq.PUB)
    assert isinstance(sock.fd, int) and sock.fd >= 0
    assert sock.get(zmq.TYPE) == zmq.PUB
    assert sock.events == zmq.POLLOUT  # a fresh PUB can always send
    assert isinstance(sock.linger, int)
    assert sock.linger == sock.get(zmq.LINGER)
    assert sock.rcvmore == 0


def test_wrong_value_types_raise_type_error(context):
    sock = context.socket(zmq.SUB)
    with pytest.raises(TypeError, match="bytes"):
        sock.set(zmq.ROUTING_ID, 5)
    with pytest.raises(TypeError, match="int"):
        sock.set(zmq.LINGER, b"5")
    with pytest.raises(TypeError, match="int"):
        sock.set(zmq.AFFINITY, 1.5)
    with pytest.raises(TypeError, match="set_string"):
        sock.set(zmq.SUBSCRIBE, "text")
    with pytest.raises(TypeError):
        sock.set(zmq.LINGER, "5")


def test_unknown_and_invalid_options(context):
    sock = context.socket(zmq.PUB)
    with pytest.raises(zmq.ZMQError) as info:
        sock.set(9999, 5)
    assert info.value.errno == zmq.EINVAL
    with pytest.raises(TypeError):
        sock.set(9999, b"5")  # unknown options are ints, as in C
    with pytest.raises(zmq.ZMQError) as info:
        sock.get(9999)
    assert info.value.errno == zmq.EINVAL
    with pytest.raises(zmq.ZMQError) as info:
        sock.set(zmq.EVENTS, 1)  # read-only
    assert info.value.errno == zmq.EINVAL
    with pytest.raises(zmq.ZMQError) as info:
        sock.set(zmq.SUBSCRIBE, b"")  # not on a PUB
    assert info.value.errno == zmq.EINVAL


def test_attribute_options(context):
    sock = context.socket(zmq.DEALER)
    sock.linger = 10
    assert sock.linger == 10 == sock.LINGER
    sock.identity = b"me"
    assert sock.identity == b"me" == sock.routing_id
    sock.hwm = 42
    assert (sock.sndhwm, sock.rcvhwm, sock.hwm) == (42, 42, 42)
    with pytest.raises(AttributeError):
        sock.no_such_option
    with pytest.raises(AttributeError):
        sock.no_such_option = 1
    with pytest.raises(AttributeError, match="write-only"):
        sock.conflate


def test_string_options(context):
    sock = context.socket(zmq.DEALER)
    sock.setsockopt_string(zmq.ROUTING_ID, "ünïcode", "utf-16")
    assert sock.getsockopt(zmq.ROUTING_ID) == "ünïcode".encode("utf-16")
    assert sock.getsockopt_string(zmq.ROUTING_ID, "utf-16") == "ünïcode"
    assert sock.get_string(zmq.ROUTING_ID, encoding="utf-16") == "ünïcode"
    with pytest.raises(TypeError):
        sock.set_string(zmq.ROUTING_ID, b"bytes")
    with pytest.raises(TypeError):
        sock.get_string(zmq.AFFINITY)
    sub = context.socket(zmq.SUB)
    with pytest.raises(zmq.ZMQError) as info:
        sub.get_string(zmq.SUBSCRIBE)  # write-only in libzmq
    assert info.value.errno == zmq.EINVAL


def _drain(sock):
    received = []
    while True:
        try:
            received.append(sock.recv(zmq.DONTWAIT))
        except zmq.Again:
            return received


def test_subscribe_filters(pair):
    sub, pub = pair(zmq.SUB, zmq.PUB)
    sub.subscribe("news")
    sub.subscribe = b"weather"
    sub.subscribe(b"sport")
    sub.unsubscribe("sport")
    sub.subscribe("sync")
    # subscriptions reach the PUB asynchronously and in order: once "sync"
    # messages arrive, the earlier (un)subscriptions are in effect too
    sub.rcvtimeo = 10
    for _ in range(1000):
        pub.send(b"sync")
        try:
            sub.recv()
            break
        except zmq.Again:
            continue
    else:
        pytest.fail("the subscription never reached the PUB socket")
    assert set(_drain(sub)) <= {b"sync"}
    for topic in (b"news: a", b"weather: b", b"sport: c", b"other: d", b"news: end"):
        pub.send(topic)
    sub.rcvtimeo = 5000
    assert [sub.recv() for _ in range(3)] == [b"news: a", b"weather: b", b"news: end"]
    assert _drain(sub) == []
