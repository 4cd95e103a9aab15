# SPDX-License-Identifier: BSD-3-Clause
"""Hypothesis fuzz targets for item 6, run in a child process by test_fuzz.py.

    python fuzz_targets.py TARGET MAX_EXAMPLES

Each target feeds random arguments to one part of the public API and checks
that the call either works or raises one of the documented exception types
(``ALLOWED``), and that the sockets and the context stay usable. A crash ends
the child process with a signal, a hang runs into the parent's timeout, a
wrong exception type makes hypothesis print the failing example and exit 1.
"""

from __future__ import annotations

import array
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zmq

#: what bad input may raise: wrong types, bad values (incl. UnicodeError),
#: integers out of C range, non-contiguous buffers, libzmq's refusals (incl. Again)
ALLOWED = (TypeError, ValueError, OverflowError, BufferError, zmq.ZMQError)

CTX = zmq.Context()
CTX.linger = 0  # a default for every socket made here: nothing waits at close

SOCKET_TYPES = [t for t in zmq.SocketType if t.name not in ("XREQ", "XREP")]

contiguous_buffers = st.one_of(
    st.binary(max_size=300),
    st.binary(max_size=300).map(bytearray),
    st.binary(max_size=300).map(memoryview),
    st.lists(st.integers(-(2**31), 2**31 - 1), max_size=40).map(lambda items: array.array("i", items)),
    st.lists(st.floats(allow_nan=False), max_size=20).map(lambda items: array.array("d", items)),
    st.integers(1, 8).map(lambda rows: memoryview(bytes(range(rows * 4))).cast("B", shape=[rows, 4])),
    st.integers(65_536, 200_000).map(bytearray),  # large: the zero-copy path
)
strided_buffers = st.binary(min_size=3, max_size=300).map(lambda data: memoryview(data)[::2])
non_buffers = st.one_of(
    st.text(max_size=20),
    st.integers(),
    st.none(),
    st.floats(),
    st.booleans(),
    st.lists(st.integers(0, 255), max_size=5),
    st.builds(object),
    st.builds(dict),
)
anything = st.one_of(contiguous_buffers, strided_buffers, non_buffers)
flags = st.one_of(
    st.sampled_from([0, zmq.DONTWAIT, zmq.SNDMORE, zmq.DONTWAIT | zmq.SNDMORE]),
    st.integers(-(2**40), 2**40),
    st.text(max_size=5),
    st.none(),
    st.floats(),
)
truthy = st.one_of(st.booleans(), st.none(), st.integers(), st.text(max_size=3))


def fuzz(max_examples: int):
    """Hypothesis settings for a run of ``max_examples``: no database, no deadline."""
    return settings(
        max_examples=max_examples, deadline=None, database=None,
        suppress_health_check=list(HealthCheck), print_blob=True,
    )


def raw_bytes(data) -> bytes:
    return memoryview(data).tobytes()


# -- Frame -----------------------------------------------------------------------


def frame_target(n: int) -> None:
    a, b = pair()

    @fuzz(n)
    @given(
        data=anything,
        track=truthy,
        copy=st.one_of(st.none(), truthy),
        threshold=st.one_of(st.none(), st.integers(), st.text(max_size=3), st.floats()),
    )
    def check(data, track, copy, threshold):
        sane = (
            isinstance(data, (bytes, bytearray, memoryview, array.array))
            and memoryview(data).contiguous
            and (threshold is None or (isinstance(threshold, int) and abs(threshold) < 2**62))
        )
        try:
            frame = zmq.Frame(data, track=track, copy=copy, copy_threshold=threshold)
        except ALLOWED:
            assert not sane, "a good buffer was refused"
            return
        assert data is not None or len(frame) == 0
        if data is not None:
            expected = raw_bytes(data)
            assert frame.bytes == expected and frame.buffer.tobytes() == expected
            a.send(frame, copy=False)
            assert b.recv() == expected

    check()


# -- send and recv ---------------------------------------------------------------


def pair() -> tuple[zmq.Socket, zmq.Socket]:
    a, b = CTX.socket(zmq.PAIR), CTX.socket(zmq.PAIR)
    endpoint = f"inproc://fuzz-{id(a)}"
    a.bind(endpoint)
    b.connect(endpoint)
    for sock in (a, b):
        sock.sndtimeo = sock.rcvtimeo = 5  # blocking calls end in Again, quickly
    return a, b


def drain(sock: zmq.Socket) -> None:
    try:
        while True:
            sock.recv(zmq.DONTWAIT)
    except zmq.Again:
        pass


def still_works(sender: zmq.Socket, receiver: zmq.Socket) -> None:
    """A sentinel gets through (ending any message a fuzzed SNDMORE left open)."""
    sender.send(b"sentinel")
    receiver.rcvtimeo = 10_000
    assert receiver.recv_multipart()[-1] == b"sentinel"
    receiver.rcvtimeo = 5
    drain(receiver)


def send_recv_target(n: int) -> None:
    a, b = pair()

    @fuzz(n)
    @given(
        data=anything, send_flags=flags, copy=truthy, track=truthy,
        recv_flags=flags, recv_copy=truthy, recv_track=truthy,
        parts=st.lists(anything, max_size=4), multipart_flags=flags,
        into=st.one_of(st.binary(max_size=20), st.integers(0, 50).map(bytearray), non_buffers),
        nbytes=st.one_of(st.integers(-5, 60), st.integers(), st.none()),
    )
    def check(data, send_flags, copy, track, recv_flags, recv_copy, recv_track, parts, multipart_flags, into, nbytes):
        try:
            result = a.send(data, send_flags, copy=copy, track=track)
            assert result is None or isinstance(result, zmq.MessageTracker)
        except ALLOWED:
            pass
        try:
            got = b.recv(recv_flags, copy=recv_copy, track=recv_track)
            assert isinstance(got, (bytes, zmq.Frame))
        except ALLOWED:
            pass
        try:
            a.send_multipart(parts, multipart_flags, copy=copy, track=track)
        except ALLOWED:
            pass
        try:
            got = b.recv_multipart(recv_flags, copy=recv_copy)
            assert isinstance(got, list)
        except ALLOWED:
            pass
        try:
            if nbytes is None:
                size = b.recv_into(into, flags=recv_flags)
            else:
                size = b.recv_into(into, nbytes=nbytes, flags=recv_flags)
            assert isinstance(size, int) and size >= 0
        except ALLOWED:
            pass
        drain(b)
        still_works(a, b)

    check()


def malformed_multipart_target(n: int) -> None:
    a, b = pair()

    @fuzz(n)
    @given(
        good=st.lists(contiguous_buffers, min_size=2, max_size=6),
        bad=st.one_of(non_buffers, strided_buffers),
        where=st.integers(1, 6),
        copy=st.booleans(),
        track=st.booleans(),
    )
    def check(good, bad, where, copy, track):
        parts = list(good)
        parts.insert(min(where, len(parts)), bad)  # never first: good parts come before it
        try:
            a.send_multipart(parts, copy=copy, track=track)
        except (TypeError, BufferError):
            pass
        else:
            raise AssertionError("a multipart message with a bad part was sent")
        a.send(b"sentinel")
        b.rcvtimeo = 10_000
        assert b.recv_multipart() == [b"sentinel"]  # nothing of the bad message went out
        b.rcvtimeo = 5

    check()


# -- options ---------------------------------------------------------------------

option_numbers = st.one_of(
    st.sampled_from(list(zmq.SocketOption)), st.integers(-5, 300), st.integers(), st.text(max_size=5), st.none()
)
option_values = st.one_of(
    st.integers(-(2**70), 2**70),
    st.integers(-2, 2**31),
    st.binary(max_size=300),
    st.text(max_size=50),
    st.none(),
    st.floats(),
    st.booleans(),
    st.lists(st.integers(), max_size=3),
)


def setsockopt_target(n: int) -> None:
    @fuzz(n)
    @given(
        socket_type=st.sampled_from(SOCKET_TYPES),
        settings_=st.lists(st.tuples(option_numbers, option_values), min_size=1, max_size=5),
        string=st.text(max_size=40),
        ctx_option=st.one_of(st.sampled_from(list(zmq.ContextOption)), st.integers(-5, 100), st.integers()),
        ctx_value=option_values,
    )
    def check(socket_type, settings_, string, ctx_option, ctx_value):
        try:
            sock = CTX.socket(socket_type)
        except zmq.ZMQError:  # a draft type this libzmq lacks
            return
        try:
            for option, value in settings_:
                for setter in (sock.set, sock.setsockopt):
                    try:
                        setter(option, value)
                    except ALLOWED:
                        pass
                try:
                    sock.set_string(option, string)
                except ALLOWED:
                    pass
                try:
                    sock.get(option)
                except ALLOWED:
                    pass
            sock.get(zmq.TYPE)  # still a working socket
        finally:
            sock.close(linger=0)
        ctx = zmq.Context()  # a fresh one: no socket starts its threads
        try:
            ctx.set(ctx_option, ctx_value)
        except ALLOWED:
            pass
        try:
            ctx.get(ctx_option)
        except ALLOWED:
            pass
        ctx.term()

    check()


OPTION_NAMES = sorted({name for option in zmq.SocketOption for name in (option.name, option.name.lower())})
name_strategy = st.one_of(
    st.sampled_from(OPTION_NAMES),
    st.sampled_from(OPTION_NAMES).map(str.swapcase),
    st.sampled_from(["hwm", "type", "closed", "context", "copy_threshold", "socket_type", "subscribe",
                     "unsubscribe", "close", "send", "underlying", "fd", "events", "rcvmore"]),
    st.from_regex(r"\A[A-Za-z_][A-Za-z0-9_]{0,24}\Z").filter(lambda name: not name.startswith("__")),
)


def attribute_target(n: int) -> None:
    @fuzz(n)
    @given(socket_type=st.sampled_from(SOCKET_TYPES), name=name_strategy, value=option_values)
    def check(socket_type, name, value):
        try:
            sock = CTX.socket(socket_type)
        except zmq.ZMQError:
            return
        try:
            try:
                getattr(sock, name)
            except (AttributeError, *ALLOWED):
                pass
            try:
                setattr(sock, name, value)
            except (AttributeError, *ALLOWED):
                pass
            assert sock.get(zmq.TYPE) == socket_type
        finally:
            sock.close(linger=0)

    check()


# -- endpoints -------------------------------------------------------------------

# "norm" included: libzmq 4.3.4 aborts in its I/O thread when a NORM session
# cannot start (SUB.bind("norm://*:1234")); the core refuses such addresses first
TRANSPORTS = ["tcp", "ipc", "inproc", "udp", "pgm", "epgm", "tipc", "vmci", "ws", "norm", "", "TCP", "tcp:", "x"]
HOSTS = ["127.0.0.1", "*", "localhost", "[::1]", "::1", "0.0.0.0", "", "lo", "[", "]", "%", "127.0.0.1;127.0.0.1",
         "256.1.1.1", "-1", "127.0.0.1:1", "\x00", "é"]


def endpoint_strategy(refused_port: int):
    ports = st.one_of(
        st.sampled_from([str(refused_port), "0", "*", "-1", "65536", "70000", "", "abc", "1e3", " 1", "!"]),
        st.integers(-10, 10).map(str),
    )
    hosts = st.one_of(st.sampled_from(HOSTS), st.text(alphabet="abcxyz0123456789.-:[]*%;", max_size=12))
    structured = st.builds(
        lambda transport, sep, host, port: f"{transport}{sep}{host}:{port}",
        st.sampled_from(TRANSPORTS), st.sampled_from(["://", ":/", "//", ":", ""]), hosts, ports,
    )
    named = st.builds(  # inproc and ipc take any name (ipc creates a file: run in a temporary directory)
        lambda transport, name: f"{transport}://{name}",
        st.sampled_from(["inproc", "ipc"]), st.text(max_size=30),
    )
    return st.one_of(structured, named, st.text(max_size=40), st.binary(max_size=40), non_buffers)


def endpoint_target(n: int) -> None:
    import socket

    holder = socket.socket()  # bound but never listening: connections to it are refused
    holder.bind(("127.0.0.1", 0))
    refused_port = holder.getsockname()[1]

    @fuzz(n)
    @given(
        socket_type=st.sampled_from([zmq.PUSH, zmq.PULL, zmq.PAIR, zmq.ROUTER, zmq.SUB, zmq.STREAM]),
        calls=st.lists(
            st.tuples(st.sampled_from(["bind", "connect", "unbind", "disconnect"]), endpoint_strategy(refused_port)),
            min_size=1, max_size=4,
        ),
    )
    def check(socket_type, calls):
        sock = CTX.socket(socket_type)
        try:
            for method, endpoint in calls:
                try:
                    getattr(sock, method)(endpoint)
                except ALLOWED:
                    pass
            sock.get(zmq.TYPE)
        finally:
            sock.close(linger=0)

    check()
    holder.close()


TARGETS = {
    "frame": frame_target,
    "send_recv": send_recv_target,
    "malformed_multipart": malformed_multipart_target,
    "setsockopt": setsockopt_target,
    "attributes": attribute_target,
    "endpoints": endpoint_target,
}


def main() -> None:
    target, examples = sys.argv[1], int(sys.argv[2])
    TARGETS[target](examples)
    CTX.destroy(linger=0)
    print("ok", target, examples, flush=True)


if __name__ == "__main__":
    main()
