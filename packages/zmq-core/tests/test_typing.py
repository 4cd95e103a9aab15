# SPDX-License-Identifier: BSD-3-Clause
"""mypy accepts typical zmq code (py.typed, stubs of the compiled core) and catches misuse."""

import subprocess
import sys
import textwrap

GOOD = textwrap.dedent(
    """
    import zmq

    ctx: zmq.Context = zmq.Context.instance()
    sock = ctx.socket(zmq.PUSH)
    sock.linger = 0
    sock.bind("tcp://127.0.0.1:*")
    sock.send(b"bytes", zmq.DONTWAIT)
    tracker: zmq.MessageTracker | None = sock.send(memoryview(b"view"), copy=False)
    sock.send_multipart([b"a", bytearray(b"b")])
    sock.send_string("text")
    sock.send_json({"a": 1})
    pull = ctx.socket(zmq.PULL)
    data: bytes = pull.recv()
    frame: zmq.Frame = pull.recv(copy=False)
    parts: list[bytes] = pull.recv_multipart()
    frames: list[zmq.Frame] = pull.recv_multipart(copy=False)
    size: int = pull.recv_into(bytearray(10))
    text: str = pull.recv_string()
    more: bool = frame.more
    poller = zmq.Poller()
    poller.register(pull, zmq.POLLIN)
    events: list[tuple[object, int]] = poller.poll(10)
    version: tuple[int, int, int] = zmq.zmq_version_info()
    ctx.destroy(linger=0)
    """
)

# pyzmq's generics and module paths, as jupyter_client and ipykernel write them
GENERIC = textwrap.dedent(
    """
    from typing import Any

    import zmq
    import zmq.sugar.socket
    from zmq.error import ZMQError

    def serve(context: zmq.Context[Any], sock: zmq.sugar.socket.Socket) -> bytes:
        return sock.recv()

    ctx: zmq.Context[zmq.Socket[bytes]] = zmq.Context()
    sock: zmq.Socket[bytes] = ctx.socket(zmq.PULL)
    same: zmq.Socket = sock
    plain: zmq.Context = zmq.Context.instance()
    ctx._socket_class = zmq.Socket
    try:
        data: bytes = serve(ctx, sock)
    except ZMQError as error:
        number: int | None = error.errno
    """
)

BAD = textwrap.dedent(
    """
    import zmq

    sock = zmq.Context().socket(zmq.PULL)
    number: int = sock.recv()
    wrong: bytes = sock.recv(copy=False)
    """
)


def run_mypy(tmp_path, source):
    path = tmp_path / "sample.py"
    path.write_text(source)
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-executable",
         sys.executable, str(path)],
        capture_output=True, text=True, cwd=tmp_path,
    )


def test_mypy_accepts_typical_code(tmp_path):
    done = run_mypy(tmp_path, GOOD)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_accepts_pyzmq_generics_and_paths(tmp_path):
    done = run_mypy(tmp_path, GENERIC)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_catches_misuse(tmp_path):
    done = run_mypy(tmp_path, BAD)
    assert done.returncode == 1
    assert 'Incompatible types in assignment (expression has type "bytes", variable has type "int")' in done.stdout
    assert '(expression has type "Frame", variable has type "bytes")' in done.stdout
