# SPDX-License-Identifier: BSD-3-Clause
"""python -m zmq.curve_keygen: run as a real process, its keys checked with libzmq."""

import json
import subprocess
import sys

import pytest

import zmq
from zmq.utils import z85

SECRET = "i%bUr4w+3F-7/{bQ(O7*zkU+pQw[H)WzGm2l{=[A"
PUBLIC = zmq.curve_public(SECRET.encode()).decode()


def keygen(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zmq.curve_keygen", *args],
                          capture_output=True, text=True, timeout=120)


def parse_text(out: str) -> tuple[str, str]:
    lines = out.split("\n")
    assert lines[0] == "== CURVE PUBLIC KEY ==" and lines[2] == "" and lines[3] == "== CURVE SECRET KEY =="
    assert lines[5:] == [""]  # ends with one newline
    return lines[1], lines[4]


def test_new_keypair_as_text_is_a_matching_pair():
    done = keygen()
    assert done.returncode == 0, done.stderr
    public, secret = parse_text(done.stdout)
    assert len(z85.decode(public)) == len(z85.decode(secret)) == 32
    assert zmq.curve_public(secret.encode()).decode() == public
    assert parse_text(keygen().stdout) != (public, secret)  # a new pair each run


def test_json_output():
    done = keygen("--json")
    assert done.returncode == 0, done.stderr
    keys = json.loads(done.stdout)
    assert list(keys) == ["public", "secret"]
    assert zmq.curve_public(keys["secret"].encode()).decode() == keys["public"]
    assert done.stdout == json.dumps(keys, indent=1) + "\n"


@pytest.mark.parametrize("as_json", [False, True])
def test_secret_gives_its_public_key(as_json):
    done = keygen("--secret", SECRET, *(["--json"] if as_json else []))
    assert done.returncode == 0, done.stderr
    keys = json.loads(done.stdout) if as_json else dict(zip(("public", "secret"), parse_text(done.stdout)))
    assert keys == {"public": PUBLIC, "secret": SECRET}


@pytest.mark.parametrize("secret", ["abc", "~" * 40, "é" * 40, SECRET + "x"])
def test_bad_secret_is_a_clear_error(secret):
    done = keygen("--secret", secret)
    assert done.returncode == 1
    assert done.stdout == ""
    assert "error: --secret: not a Z85 secret key" in done.stderr
    assert "Traceback" not in done.stderr


def test_help_and_bad_arguments():
    done = keygen("--help")
    assert done.returncode == 0
    assert done.stdout.startswith("usage: python3 -m zmq.curve_keygen [-h] [--json] [--secret SECRET]")
    for args in (["--bogus"], ["extra"], ["--secret"]):
        done = keygen(*args)
        assert done.returncode == 2
        assert "error:" in done.stderr and done.stdout == ""


def test_keys_secure_a_real_connection(context):
    server_public, server_secret = parse_text(keygen().stdout)
    client = json.loads(keygen("--json").stdout)
    server = context.socket(zmq.PULL)
    server.curve_server = True
    server.curve_secretkey = server_secret.encode()
    port = server.bind_to_random_port("tcp://127.0.0.1")
    push = context.socket(zmq.PUSH)
    push.curve_serverkey = server_public.encode()
    push.curve_publickey = client["public"].encode()
    push.curve_secretkey = client["secret"].encode()
    push.connect(f"tcp://127.0.0.1:{port}")
    server.rcvtimeo = 10_000
    push.send(b"encrypted")
    frame = server.recv(copy=False)
    assert frame.bytes == b"encrypted"
