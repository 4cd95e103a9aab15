# SPDX-License-Identifier: BSD-3-Clause
"""Socket options: typed set/get, attribute access, strings, subscriptions."""

import pytest

import zmq


def test_int_options_round_trip(context):
    sock = context.socket(zmq.DEALER)
    for option, value in [(zmq.LINGER, 250), (zmq.SNDHWM, 77), (zmq.RCVTIMEO, 1234)]:
        sock.setsockopt(option, value)
        assert sock.getsockopt(option) == value
        assert sock.get(option) == value


def test_int_options_accept_int_subclasses(context):
    sock = context.socket(zmq.DEALER)
    sock.set(zmq.LINGER, True)
    assert sock.get(zmq.LINGER) == 1
    sock.set(zmq.SocketOption.SNDHWM, zmq.SocketOption.LINGER)  # an IntEnum is an int
    assert sock.sndhwm == int(zmq.SocketOption.LINGER)


def test_int64_options_round_trip(context):
    sock = context.socket(zmq.DEALER)
    assert sock.get(zmq.MAXMSGSIZE) == -1  # libzmq default: no limit
    sock.set(zmq.AFFINITY, 3)
    assert sock.get(zmq.AFFINITY) == 3
    sock.set(zmq.MAXMSGSIZE, 2**40)  # needs 64 bits
    assert sock.get(zmq.MAXMSGSIZE) == 2**40
    assert sock.maxmsgsize == 2**40


def test_int_option_out_of_range_is_overflow_error(context):
    sock = context.socket(zmq.DEALER)
    linger = sock.linger
    with pytest.raises(OverflowError):
        sock.set(zmq.LINGER, 2**40)
    with pytest.raises(OverflowError):
        sock.set(zmq.MAXMSGSIZE, 2**70)
    assert sock.linger == linger  # unchanged


def test_bytes_options(context):
    sock = context.socket(zmq.DEALER)
    assert sock.get(zmq.ROUTING_ID) == b""
    sock.set(zmq.ROUTING_ID, b"\x00binary\x00")
    assert sock.get(zmq.ROUTING_ID) == b"\x00binary\x00"  # binary: NULs kept
    sock.set(zmq.ROUTING_ID, b"x" * 255)  # the longest routing id libzmq allows
    assert sock.get(zmq.ROUTING_ID) == b"x" * 255
    assert sock.get(zmq.LAST_ENDPOINT) == b""  # not bound yet
    sock.bind("tcp://127.0.0.1:*")
    endpoint = sock.get(zmq.LAST_ENDPOINT)
    assert isinstance(endpoint, bytes)
    assert endpoint.startswith(b"tcp://127.0.0.1:") and not endpoint.endswith(b"\x00")
    assert 0 < int(endpoint.rsplit(b":", 1)[1]) < 65536
    assert sock.last_endpoint == endpoint
    sock.bind("inproc://last-endpoint")
    assert sock.last_endpoint == b"inproc://last-endpoint"


def test_routing_id_reaches_the_router(pair):
    router, dealer = pair(zmq.ROUTER, zmq.DEALER, "tcp")
    # set before connecting: pair() connects immediately, so use a second dealer
    second = router.context.socket(zmq.DEALER)
    second.routing_id = b"dealer-2"
    second.connect(router.last_endpoint)
    second.send(b"hello")
    assert router.recv_multipart() == [b"dealer-2", b"hello"]


def test_subscribe_on_sub_is_a_bytes_option(context):
    sub = context.socket(zmq.SUB)
    sub.set(zmq.SUBSCRIBE, b"topic")
    sub.setsockopt(zmq.UNSUBSCRIBE, b"topic")
    sub.set(zmq.SUBSCRIBE, b"")
    with pytest.raises(TypeError):
        sub.set(zmq.SUBSCRIBE, 1)


def test_read_only_and_typed_results(context):
    sock = context.socket(zmq.PUB)
    assert isinstance(sock.fd, int) and sock.fd >= 0
    assert sock.fd == sock.get(zmq.FD) == sock.fileno()
    assert sock.get(zmq.TYPE) == zmq.PUB
    assert sock.events == zmq.POLLOUT  # a fresh PUB can always send
    assert sock.get(zmq.EVENTS) == zmq.POLLOUT
    assert isinstance(sock.linger, int)
    assert sock.linger == sock.get(zmq.LINGER)
    assert sock.rcvmore == 0


@pytest.mark.parametrize("socket_type", [t for t in zmq.SocketType if t <= zmq.STREAM])
def test_type_option_matches_socket_type(context, socket_type):
    sock = context.socket(socket_type)
    assert sock.get(zmq.TYPE) == socket_type == sock.socket_type
    assert sock.type == socket_type


def test_events_and_rcvmore_follow_the_queue(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    assert pull.events == 0  # nothing to read, PULL cannot send
    push.send_multipart([b"1", b"2"])
    for _ in range(1000):  # inproc delivery is immediate, but stay safe
        if pull.events & zmq.POLLIN:
            break
    assert pull.events & zmq.POLLIN
    assert pull.recv() == b"1"
    assert pull.rcvmore == 1
    assert pull.recv() == b"2"
    assert pull.rcvmore == 0
    assert pull.events == 0


def test_every_readable_option_can_be_read(context):
    """Every int/int64/bytes/fd option that libzmq lets a DEALER read comes back typed."""
    sock = context.socket(zmq.DEALER)
    read = 0
    for option in zmq.SocketOption:
        if option in zmq.core.options.write_only_sockopts:
            continue
        try:
            value = sock.get(option)
        except zmq.ZMQError as error:
            assert error.errno == zmq.EINVAL, option  # not known to this libzmq build
            continue
        read += 1
        if option in zmq.bytes_sockopts:
            assert isinstance(value, bytes), option
        else:
            assert isinstance(value, int), option
    assert read > 40


def test_wrong_value_types_raise_type_error(context):
    sock = context.socket(zmq.SUB)
    linger = sock.linger
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
    with pytest.raises(TypeError):
        sock.set(zmq.LINGER, None)
    with pytest.raises(TypeError):
        sock.set(zmq.ROUTING_ID, bytearray(b"not bytes"))
    with pytest.raises(TypeError):
        sock.set(zmq.ROUTING_ID, "routing id")
    with pytest.raises(TypeError):
        sock.set(zmq.MAXMSGSIZE, b"1")
    assert sock.linger == linger and sock.routing_id == b""  # nothing was changed


def test_unknown_and_invalid_options(context):
    sock = context.socket(zmq.PUB)
    with pytest.raises(zmq.ZMQError) as info:
        sock.set(9999, 5)
    assert info.value.errno == zmq.EINVAL
    with pytest.raises(TypeError):
        sock.set(9999, b"5")  # unknown options are ints, as in C
    with pytest.raises(TypeError):
        sock.set(9999, "5")
    with pytest.raises(TypeError):
        sock.set("LINGER", 0)  # option numbers are ints
    with pytest.raises(TypeError):
        sock.get("linger")
    with pytest.raises(zmq.ZMQError) as info:
        sock.set(-1, 0)
    assert info.value.errno == zmq.EINVAL
    with pytest.raises(zmq.ZMQError) as info:
        sock.get(9999)
    assert info.value.errno == zmq.EINVAL
    with pytest.raises(zmq.ZMQError) as info:
        sock.set(zmq.EVENTS, 1)  # read-only
    assert info.value.errno == zmq.EINVAL
    assert "EVENTS" in str(info.value)  # the error names the option
    with pytest.raises(zmq.ZMQError) as info:
        sock.set(zmq.TYPE, zmq.SUB)
    assert info.value.errno == zmq.EINVAL
    with pytest.raises(zmq.ZMQError) as info:
        sock.set(zmq.SUBSCRIBE, b"")  # not on a PUB
    assert info.value.errno == zmq.EINVAL


def test_attribute_options(context):
    sock = context.socket(zmq.DEALER)
    assert sock.linger == sock.get(zmq.LINGER)  # libzmq's default, whatever it is
    sock.linger = 10
    assert sock.linger == 10 == sock.LINGER == sock.get(zmq.LINGER)
    sock.LINGER = 11
    assert sock.linger == 11
    sock.identity = b"me"
    assert sock.identity == b"me" == sock.routing_id == sock.get(zmq.IDENTITY)
    sock.hwm = 42
    assert (sock.sndhwm, sock.rcvhwm, sock.hwm) == (42, 42, 42)
    assert (sock.get(zmq.SNDHWM), sock.get(zmq.RCVHWM)) == (42, 42)
    assert sock.rcvmore == 0
    assert isinstance(sock.events, int)
    assert isinstance(sock.fd, int) and sock.fd >= 0
    with pytest.raises(TypeError):
        sock.linger = b"10"
    with pytest.raises(TypeError):
        sock.identity = 5


def test_unknown_and_write_only_attributes(context):
    sock = context.socket(zmq.SUB)
    with pytest.raises(AttributeError):
        sock.no_such_option
    with pytest.raises(AttributeError):
        sock.no_such_option = 1
    for name in ("conflate", "router_mandatory", "xpub_verbose", "unsubscribe_value"):
        with pytest.raises(AttributeError):
            getattr(sock, name)
    with pytest.raises(AttributeError, match="write-only"):
        sock.conflate
    with pytest.raises(AttributeError, match="write-only"):
        sock.CONFLATE
    sock.conflate = 1  # writing a write-only option works
    # subscribe/unsubscribe are methods (pyzmq's API) that may also be assigned to
    assert callable(sock.subscribe) and callable(sock.unsubscribe)
    sock.subscribe = b"topic"
    sock.unsubscribe = "topic"


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
    with pytest.raises(TypeError):
        sock.getsockopt_string(zmq.LINGER)
    with pytest.raises(TypeError):
        sock.setsockopt_string(zmq.LINGER, "5")  # encoded to bytes: an int option refuses it
    sock.setsockopt_string(zmq.ROUTING_ID, "plain")
    assert sock.getsockopt_string(zmq.ROUTING_ID) == "plain"  # utf-8 by default
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


def test_subscribe_on_wrong_socket_type(context):
    pub = context.socket(zmq.PUB)
    with pytest.raises(zmq.ZMQError) as info:
        pub.subscribe(b"x")
    assert info.value.errno == zmq.EINVAL
    with pytest.raises(TypeError):
        context.socket(zmq.SUB).subscribe(5)


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
