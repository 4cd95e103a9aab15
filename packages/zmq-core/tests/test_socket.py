# SPDX-License-Identifier: BSD-3-Clause
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


def test_send_recv_array_round_trip(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    sent = array.array("d", [1.5, -2.25, 1e300])
    push.send(sent)
    received = array.array("d")
    received.frombytes(pull.recv())
    assert received == sent


@pytest.mark.parametrize("transport", ["inproc", "tcp"])
def test_empty_and_large_messages(pair, transport):
    pull, push = pair(zmq.PULL, zmq.PUSH, transport)
    big = bytes(range(256)) * (10 * 4096)  # 10 MiB
    push.send(b"")
    push.send(big)
    push.send(bytearray(big))
    assert pull.recv() == b""
    assert pull.recv() == big
    assert pull.recv() == big


@pytest.mark.parametrize("transport", ["inproc", "tcp"])
def test_many_messages_in_order(pair, transport):
    pull, push = pair(zmq.PULL, zmq.PUSH, transport)
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
    for bad in (5, object(), None, [b"a list"], 1.5):
        with pytest.raises(TypeError):
            push.send(bad)
    with pytest.raises(zmq.Again):
        pull.recv(zmq.DONTWAIT)  # nothing was sent


def test_non_contiguous_buffer_is_refused(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    strided = memoryview(b"abcdef")[::2]
    with pytest.raises(BufferError):
        push.send(strided)
    push.send(strided.tobytes())
    assert pull.recv() == b"ace"


def test_flags_of_wrong_type(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    with pytest.raises(TypeError):
        push.send(b"x", "DONTWAIT")


@pytest.mark.parametrize("transport", ["inproc", "tcp"])
def test_multipart_round_trip(pair, transport):
    pull, push = pair(zmq.PULL, zmq.PUSH, transport)
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
    with pytest.raises(TypeError, match="part 2"):
        push.send_multipart([bytearray(b"a"), memoryview(b"b"), object()])
    with pytest.raises(BufferError):
        push.send_multipart([b"a", b"b", memoryview(b"abcdef")[::2]])
    with pytest.raises(zmq.Again):
        pull.recv(zmq.DONTWAIT)  # not even the good first parts were sent
    push.send_multipart([b"next"])
    assert pull.recv_multipart() == [b"next"]


def test_multipart_bad_arguments(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    with pytest.raises(ValueError):
        push.send_multipart([])
    with pytest.raises(TypeError):
        push.send_multipart(None)
    with pytest.raises(TypeError):
        push.send_multipart(b"bytes is a sequence of ints")
    with pytest.raises(zmq.Again):
        pull.recv(zmq.DONTWAIT)


def test_multipart_sndmore_flag_continues_the_message(pair):
    # as in pyzmq: flags go to every part, so SNDMORE leaves the message open
    pull, push = pair(zmq.PULL, zmq.PUSH)
    push.send_multipart([b"envelope", b""], zmq.SNDMORE)
    push.send(b"body")
    assert pull.recv_multipart() == [b"envelope", b"", b"body"]


def test_multipart_dontwait_without_peer_raises_again(context):
    push = context.socket(zmq.PUSH)  # no peer: nothing can be queued
    with pytest.raises(zmq.Again):
        push.send_multipart([b"a", b"b"], zmq.DONTWAIT)
    with pytest.raises(zmq.Again):
        push.send(b"a", zmq.DONTWAIT)


def test_recv_multipart_always_returns_a_list(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    push.send(b"single")
    assert pull.recv_multipart() == [b"single"]
    push.send(b"")
    assert pull.recv_multipart() == [b""]
    push.send_multipart([b"x"] * 100)
    assert pull.recv_multipart() == [b"x"] * 100


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
    with pytest.raises(zmq.Again) as info:
        pull.recv()
    assert info.value.errno == zmq.EAGAIN
    with pytest.raises(zmq.Again):
        pull.recv_multipart()
    push.send(b"in time")  # a queued message is still received with a timeout set
    assert pull.recv() == b"in time"


def test_sndtimeo_ends_in_again(context):
    push = context.socket(zmq.PUSH)  # no peer: send would block
    push.sndtimeo = 50
    with pytest.raises(zmq.Again):
        push.send(b"x")


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
    assert a.bind(b"inproc://bytes-address").addr == "inproc://bytes-address"
    assert b.connect("inproc://bytes-address").addr == "inproc://bytes-address"
    a.send(b"hi")
    assert b.recv() == b"hi"
    c, d = context.socket(zmq.PAIR), context.socket(zmq.PAIR)
    c.bind("tcp://127.0.0.1:*")
    d.connect(c.last_endpoint)  # bytes, as LAST_ENDPOINT returns it
    d.send(b"over tcp")
    assert c.recv() == b"over tcp"


def test_endpoint_errors_name_the_address(context):
    sock = context.socket(zmq.PUSH)
    with pytest.raises(zmq.ZMQError) as info:
        sock.bind("ftl://nowhere")
    assert info.value.errno == zmq.EPROTONOSUPPORT
    assert "ftl://nowhere" in str(info.value)
    with pytest.raises(zmq.ZMQError) as info:
        sock.bind("tcp://")
    assert info.value.errno == zmq.EINVAL
    with pytest.raises(zmq.ZMQError) as info:
        sock.connect(b"ftl://bytes-nowhere")
    assert info.value.errno == zmq.EPROTONOSUPPORT
    assert "ftl://bytes-nowhere" in str(info.value)
    with pytest.raises(zmq.ZMQError) as info:
        sock.connect("tcp://")
    assert info.value.errno == zmq.EINVAL
    assert "tcp://" in str(info.value)
    for bad in (5, None, ["inproc://x"], bytearray(b"inproc://x")):
        with pytest.raises(TypeError):
            sock.bind(bad)
        with pytest.raises(TypeError):
            sock.connect(bad)


def test_bind_address_in_use(context):
    first, second = context.socket(zmq.PULL), context.socket(zmq.PULL)
    port = first.bind_to_random_port("tcp://127.0.0.1")
    with pytest.raises(zmq.ZMQError) as info:
        second.bind(f"tcp://127.0.0.1:{port}")
    assert info.value.errno == zmq.EADDRINUSE
    assert str(port) in str(info.value)


def test_unbind_and_disconnect(context):
    server, client = context.socket(zmq.PULL), context.socket(zmq.PUSH)
    server.bind("tcp://127.0.0.1:*")
    endpoint = server.last_endpoint.decode()
    client.connect(endpoint)
    client.send(b"connected")
    assert server.recv() == b"connected"
    assert client.disconnect(endpoint) is None
    assert server.unbind(endpoint.encode()) is None
    with pytest.raises(zmq.ZMQError) as info:
        server.unbind(endpoint)  # no longer bound
    assert info.value.errno == zmq.ENOENT
    with pytest.raises(zmq.ZMQError) as info:
        client.disconnect(endpoint)  # no longer connected
    assert info.value.errno == zmq.ENOENT


def test_inproc_name_is_free_after_unbind(context):
    # tcp listeners close asynchronously in libzmq's I/O thread; inproc names
    # are released by unbind itself, so rebinding at once must work
    first, second = context.socket(zmq.PULL), context.socket(zmq.PULL)
    first.bind("inproc://rebind")
    with pytest.raises(zmq.ZMQError) as info:
        second.bind("inproc://rebind")
    assert info.value.errno == zmq.EADDRINUSE
    first.unbind("inproc://rebind")
    second.bind("inproc://rebind")


def test_disconnected_push_no_longer_delivers(context):
    server, client = context.socket(zmq.PULL), context.socket(zmq.PUSH)
    server.bind("inproc://disconnect")
    client.connect("inproc://disconnect")
    client.disconnect("inproc://disconnect")
    with pytest.raises(zmq.Again):
        client.send(b"x", zmq.DONTWAIT)  # no peer left


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
        lambda s: s.setsockopt(zmq.LINGER, 0),
        lambda s: s.getsockopt(zmq.LINGER),
        lambda s: s.linger,
        lambda s: setattr(s, "linger", 0),
        lambda s: s.send_string("x"),
        lambda s: s.recv_string(),
        lambda s: s.bind_to_random_port("tcp://127.0.0.1"),
        lambda s: s.recv(copy=False),
        lambda s: s.recv_into(bytearray(4)),
        lambda s: s.send(b"x" * 100_000, copy=False),
        lambda s: s.send(zmq.Frame(b"x")),
        lambda s: s.send(bytearray(b"x")),
        lambda s: s.monitor("inproc://closed-monitor"),
        lambda s: zmq.zmq_poll([(s, zmq.POLLIN)], 0),
    ],
    ids=[
        "bind", "connect", "unbind", "disconnect", "send", "recv", "send_multipart",
        "recv_multipart", "set", "get", "setsockopt", "getsockopt", "attr-get", "attr-set",
        "send_string", "recv_string", "bind_to_random_port", "recv-frame", "recv_into",
        "send-zero-copy", "send-frame", "send-buffer", "monitor", "zmq_poll",
    ],
)
def test_operations_on_closed_socket_raise_enotsock(context, call):
    sock = context.socket(zmq.PULL)
    sock.close()
    with pytest.raises(zmq.ZMQError) as info:
        call(sock)
    assert info.value.errno == zmq.ENOTSOCK
    assert str(info.value) == "the socket is closed"  # one check, one message


def test_poll_on_closed_socket_raises_enotsup(context):
    sock = context.socket(zmq.PULL)
    sock.close()
    with pytest.raises(zmq.ZMQError) as info:
        sock.poll(0)
    assert info.value.errno == zmq.ENOTSUP  # pyzmq's errno for Socket.poll (its other calls: ENOTSOCK)


def test_socket_on_terminated_context_raises_enotsup():
    ctx = zmq.Context()
    ctx.term()
    assert ctx.closed and ctx.underlying == 0
    with pytest.raises(zmq.ZMQError) as info:
        ctx.socket(zmq.PUSH)
    assert (info.value.errno, str(info.value)) == (zmq.ENOTSUP, "the context is closed")


@pytest.mark.parametrize(
    "call",
    [lambda c: c.get(zmq.IO_THREADS), lambda c: c.set(zmq.MAX_SOCKETS, 9), lambda c: c.io_threads],
    ids=["get", "set", "attribute"],
)
def test_options_of_terminated_context_raise_runtime_error(call):
    ctx = zmq.Context()
    ctx.term()
    with pytest.raises(RuntimeError) as info:  # pyzmq's error here
        call(ctx)
    assert str(info.value) == "Context has been destroyed"


def test_context_and_socket_share_their_handle_properties(context):
    sock = context.socket(zmq.PAIR)
    for obj in (context, sock):
        assert (obj.closed, obj.shadowed, obj.underlying > 0) == (False, False, True)
    shadow = zmq.Socket.shadow(sock.underlying)
    assert (shadow.shadowed, shadow.underlying) == (True, sock.underlying)
    sock.close()
    assert (sock.closed, sock.underlying) == (True, 0)


def test_closed_after_context_destroy_raises_enotsock(context):
    sock = context.socket(zmq.PULL)
    context.destroy(linger=0)
    with pytest.raises(zmq.ZMQError) as info:
        sock.recv()
    assert info.value.errno == zmq.ENOTSOCK


def test_socket_context_manager_closes(context):
    with context.socket(zmq.PUSH) as sock:
        assert not sock.closed
    assert sock.closed
    with pytest.raises(KeyError):
        with context.socket(zmq.PUSH) as sock:
            raise KeyError("boom")
    assert sock.closed


def test_bad_socket_type_and_missing_context(context):
    for bad_type in (999, -1, 2**20):
        with pytest.raises(zmq.ZMQError) as info:
            context.socket(bad_type)
        assert info.value.errno == zmq.EINVAL
    with pytest.raises(TypeError):
        zmq.Socket(None, zmq.PUSH)
    with pytest.raises(TypeError):
        zmq.Socket(object(), zmq.PUSH)
    with pytest.raises(TypeError):
        context.socket("PUSH")
    assert context._open_sockets() == []  # nothing half-made was registered


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


def test_module_defaults_are_read_when_objects_are_made(monkeypatch):
    """As in pyzmq: assigning zmq.COPY_THRESHOLD (or zmq.SPIN_US) changes later defaults."""
    monkeypatch.setattr(zmq, "SPIN_US", 7)
    monkeypatch.setattr(zmq, "COPY_THRESHOLD", 1000)
    ctx = zmq.Context()
    try:
        sock = ctx.socket(zmq.PUSH)
        assert (ctx.spin_us, sock.spin_us, sock.copy_threshold) == (7, 7, 1000)
        # 2000 bytes are above the new threshold: a zero-copy Frame, not a copy
        data = bytearray(2000)
        frame = zmq.Frame(data)
        data[0] = 1
        assert frame.bytes[0] == 1
        monkeypatch.setattr(zmq, "SPIN_US", "fast")
        with pytest.raises(TypeError, match="spin_us"):
            zmq.Context()
    finally:
        ctx.destroy(linger=0)


def test_copy_threshold_as_a_constructor_argument():
    ctx = zmq.Context()
    try:
        assert zmq.Socket(ctx, zmq.PUSH, copy_threshold=10).copy_threshold == 10
        assert ctx.socket(zmq.PUSH, copy_threshold=20).copy_threshold == 20
        assert ctx.socket(zmq.PUSH).copy_threshold == zmq.COPY_THRESHOLD == 65536
    finally:
        ctx.destroy(linger=0)



@pytest.mark.parametrize("url", ["tcp://127.0.0.1:0", "tcp://127.0.0.1:*", "tcp://*:0", "ipc://*", "inproc://cm"])
def test_bind_as_a_context_manager_unbinds_on_exit(url):
    from zmq.utils.monitor import recv_monitor_message

    ctx = zmq.Context()
    try:
        server = ctx.socket(zmq.PULL)
        monitor = server.get_monitor_socket()
        monitor.rcvtimeo = 10_000  # only a guard against a hang
        bound = server.bind(url)
        with bound as sock:
            assert sock is server  # as pyzmq: the block gets the socket
            endpoint = server.last_endpoint.decode()
            assert bound.addr == endpoint  # the endpoint libzmq chose, for wildcards
            client = ctx.socket(zmq.PUSH)
            client.connect(endpoint.replace("0.0.0.0", "127.0.0.1"))
            client.send(b"in the block")
            assert server.recv() == b"in the block"
        if not url.startswith("inproc"):  # inproc endpoints have no listener to report
            events = []
            while not events or events[-1] != zmq.EVENT_CLOSED:
                events.append(recv_monitor_message(monitor)["event"])
            assert zmq.EVENT_LISTENING in events
        with pytest.raises(zmq.ZMQError) as undone:  # nothing left to unbind
            server.unbind(endpoint)
        assert undone.value.errno == zmq.ENOENT
    finally:
        ctx.destroy(linger=0)

def test_connect_as_a_context_manager_disconnects_on_exit():
    ctx = zmq.Context()
    try:
        server = ctx.socket(zmq.PULL)
        server.bind("inproc://cm-connect")
        client = ctx.socket(zmq.PUSH)
        client.sndtimeo = 0
        connected = client.connect("inproc://cm-connect")
        with connected:
            assert connected.addr == "inproc://cm-connect"
            client.send(b"x")
        assert server.recv() == b"x"
        with pytest.raises(zmq.Again):  # no peer left to send to
            client.send(b"y")
        # undone already inside the block, or the socket closed: no error on exit
        with client.connect("inproc://cm-connect"):
            client.disconnect("inproc://cm-connect")
        with client.connect("inproc://cm-connect"):
            client.close()
    finally:
        ctx.destroy(linger=0)
