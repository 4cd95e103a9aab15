# SPDX-License-Identifier: LGPL-3.0-or-later
"""Socket: endpoints, send/recv of buffers, multipart, errors, closed sockets."""

import array

import pytest

import zmq


@pytest.mark.parametrize("transport", ["inproc", "tcp"])
@pytest.mark.parametrize(
    "payload",
    [b"bytes", bytearray(b"bytearray"), memoryview(b"memoryview"), array.array("i", [1, 2, 3])],
    ids=["bytes", "bytearray", "memoryview", "array"],
)
def test_send_recv_any_buffer(pair, transport, payload):
    pull, push = pair(zmq.PULL, zmq.PUSH, transport)
    push.send(payload)
    assert pull.recv() == bytes(memoryview(payload).cast("B"))


def test_empty_and_large_messages(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH, "tcp")
    big = bytes(range(256)) * (10 * 4096)  # 10 MiB
    push.send(b"")
    push.send(big)
    assert pull.recv() == b""
    assert pull.recv() == big


def test_many_messages_in_order(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    received = []
    for chunk in range(20):  # chunks of 500 stay under the default HWM of 1000
        for i in range(chunk * 500, (chunk + 1) * 500):
            push.send(b"%d" % i)
        received.extend(pull.recv() for _ in range(500))
    assert received == [b"%d" % i for i in range(10_000)]


def test_send_str_is_type_error(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    with pytest.raises(TypeError, match="send_string"):
        push.send("text")
    for bad in (5, object(), None):
        with pytest.raises(TypeError):
            push.send(bad)


def test_flags_of_wrong_type(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    with pytest.raises(TypeError):
        push.send(b"x", "DONTWAIT")


def test_multipart_round_trip(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH, "tcp")
    push.send_multipart([b"a", bytearray(b"b"), memoryview(b"c"), b""])
    assert pull.recv_multipart() == [b"a", b"b", b"c", b""]
    push.send_multipart((b"only",))
    assert pull.recv_multipart() == [b"only"]
    push.send_multipart(iter([b"from", b"iterator"]))
    assert pull.recv_multipart() == [b"from", b"iterator"]


def test_multipart_checks_every_part_before_sending(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    with pytest.raises(TypeError, match="part 2"):
        push.send_multipart([b"a", b"b", "c"])
    with pytest.raises(TypeError, match="part 1"):
        push.send_multipart([b"a", 1])
    with pytest.raises(zmq.Again):
        pull.recv(zmq.DONTWAIT)
    push.send_multipart([b"next"])
    assert pull.recv_multipart() == [b"next"]


def test_sndmore_builds_multipart(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    push.send(b"1", zmq.SNDMORE)
    push.send(b"2")
    assert pull.recv() == b"1"
    assert pull.rcvmore == 1
    assert pull.recv() == b"2"
    assert pull.rcvmore == 0


def test_dontwait_with_nothing_queued_raises_again(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    with pytest.raises(zmq.Again) as info:
        pull.recv(zmq.NOBLOCK)
    assert isinstance(info.value, zmq.ZMQError)
    assert info.value.errno == zmq.EAGAIN
    with pytest.raises(zmq.Again):
        pull.recv_multipart(zmq.DONTWAIT)


def test_rcvtimeo_ends_in_again(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    pull.rcvtimeo = 50
    with pytest.raises(zmq.Again):
        pull.recv()


def test_req_rep_state_machine(pair):
    rep, req = pair(zmq.REP, zmq.REQ)
    with pytest.raises(zmq.ZMQError) as info:
        req.recv()
    assert info.value.errno == zmq.EFSM
    with pytest.raises(zmq.ZMQError) as info:
        rep.send(b"reply first")
    assert info.value.errno == zmq.EFSM
    req.send(b"ping")
    assert rep.recv() == b"ping"
    rep.send(b"pong")
    assert req.recv() == b"pong"


def test_bind_connect_str_and_bytes(context):
    a, b = context.socket(zmq.PAIR), context.socket(zmq.PAIR)
    a.bind(b"inproc://bytes-address")
    b.connect("inproc://bytes-address")
    a.send(b"hi")
    assert b.recv() == b"hi"


def test_endpoint_errors_name_the_address(context):
    sock = context.socket(zmq.PUSH)
    with pytest.raises(zmq.ZMQError) as info:
        sock.bind("ftl://nowhere")
    assert info.value.errno == zmq.EPROTONOSUPPORT
    assert "ftl://nowhere" in str(info.value)
    with pytest.raises(zmq.ZMQError) as info:
        sock.bind("tcp://")
    assert info.value.errno == zmq.EINVAL
    with pytest.raises(TypeError):
        sock.bind(5)
    with pytest.raises(TypeError):
        sock.connect(None)


def test_unbind_and_disconnect(context):
    server, client = context.socket(zmq.PULL), context.socket(zmq.PUSH)
    server.bind("tcp://127.0.0.1:*")
    endpoint = server.last_endpoint.decode()
    client.connect(endpoint)
    client.disconnect(endpoint)
    server.unbind(endpoint)
    with pytest.raises(zmq.ZMQError):
        server.unbind(endpoint)  # no longer bound


def test_close_is_idempotent_and_sets_linger(context):
    sock = context.socket(zmq.PUSH)
    assert not sock.closed
    sock.close(linger=0)
    assert sock.closed
    sock.close()
    assert sock.closed


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.bind("inproc://closed"),
        lambda s: s.connect("inproc://closed"),
        lambda s: s.unbind("inproc://closed"),
        lambda s: s.disconnect("inproc://closed"),
        lambda s: s.send(b"x"),
        lambda s: s.recv(),
        lambda s: s.send_multipart([b"x"]),
        lambda s: s.recv_multipart(),
        lambda s: s.set(zmq.LINGER, 0),
        lambda s: s.get(zmq.LINGER),
        lambda s: s.linger,
    ],
)
def test_operations_on_closed_socket_raise_enotsock(context, call):
    sock = context.socket(zmq.PULL)
    sock.close()
    with pytest.raises(zmq.ZMQError) as info:
        call(sock)
    assert info.value.errno == zmq.ENOTSOCK


def test_socket_context_manager_closes(context):
    with context.socket(zmq.PUSH) as sock:
        assert not sock.closed
    assert sock.closed


def test_bad_socket_type_and_missing_context(context):
    with pytest.raises(zmq.ZMQError) as info:
        context.socket(999)
    assert info.value.errno == zmq.EINVAL
    with pytest.raises(TypeError):
        zmq.Socket(None, zmq.PUSH)


def test_type_and_repr(context):
    sock = context.socket(zmq.ROUTER)
    assert sock.type is zmq.SocketType.ROUTER
    assert sock.socket_type == zmq.ROUTER
    assert sock.context is context
    assert "zmq.ROUTER" in repr(sock)
    sock.close()
    assert "closed" in repr(sock)


def test_subclass_may_add_attributes(context):
    class Tagged(zmq.Socket):
        pass

    sock = Tagged(context, zmq.PUSH)
    sock.tag = "mine"
    assert sock.tag == "mine"
    assert sock.linger == sock.get(zmq.LINGER)
