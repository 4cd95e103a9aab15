# SPDX-License-Identifier: BSD-3-Clause
"""Each way a tunnel can fail gives a clear exception, quickly, and leaves no process."""

import socket
import threading

import pytest

import zmq
from zmq.ssh import (
    SSHAuthenticationError,
    SSHConnectionError,
    SSHHostKeyError,
    SSHTunnelError,
    open_tunnel,
    openssh_tunnel,
    paramiko_tunnel,
    tunnel_connection,
)

KINDS = [pytest.param(False, id="openssh"), pytest.param(True, id="paramiko")]
ADDR = "tcp://127.0.0.1:5555"  # never reached: every test here fails before


@pytest.fixture
def silent_server():
    """A TCP server that accepts connections and never says a word (a stuck host)."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(5)
    listener.close()
    for conn in accepted:
        conn.close()


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("use_paramiko", KINDS)
def test_wrong_password(sshd, use_paramiko):
    sshd.need_password_user()
    with pytest.raises(SSHAuthenticationError, match="(?i)auth|denied"):
        open_tunnel(ADDR, sshd.server(sshd.password_user), password="not the password",
                    paramiko=use_paramiko, known_hosts=sshd.known_hosts)


@pytest.mark.parametrize("use_paramiko", KINDS)
def test_refused_key(sshd, use_paramiko):
    with pytest.raises(SSHAuthenticationError):
        open_tunnel(ADDR, sshd.server(), keyfile=sshd.wrong_keyfile,
                    paramiko=use_paramiko, known_hosts=sshd.known_hosts)


@pytest.mark.parametrize("use_paramiko", KINDS)
def test_no_credentials_never_prompts(sshd, use_paramiko):
    # no key, no password, stdin is not a terminal: refused at once, no prompt
    with pytest.raises(SSHAuthenticationError):
        open_tunnel(ADDR, sshd.server(sshd.password_user), paramiko=use_paramiko,
                    known_hosts=sshd.known_hosts)


@pytest.mark.parametrize("use_paramiko", KINDS)
def test_wrong_port(sshd, use_paramiko):
    with pytest.raises(SSHConnectionError, match="(?i)refused"):
        open_tunnel(ADDR, f"{sshd.user}@127.0.0.1:{closed_port()}", keyfile=sshd.keyfile,
                    paramiko=use_paramiko, known_hosts=sshd.known_hosts)


@pytest.mark.parametrize("use_paramiko", KINDS)
def test_unknown_host_name(sshd, use_paramiko):
    with pytest.raises(SSHConnectionError, match="(?i)resolve|not known"):
        open_tunnel(ADDR, "nobody@no-such-host.invalid", keyfile=sshd.keyfile,
                    paramiko=use_paramiko, known_hosts=sshd.known_hosts)


@pytest.mark.parametrize("use_paramiko", KINDS)
def test_host_that_never_answers(sshd, silent_server, use_paramiko):
    with pytest.raises(SSHConnectionError):
        open_tunnel(ADDR, f"nobody@127.0.0.1:{silent_server}", keyfile=sshd.keyfile,
                    paramiko=use_paramiko, known_hosts=sshd.known_hosts, connect_timeout=2)


@pytest.mark.parametrize("use_paramiko", KINDS)
def test_unreachable_address(sshd, use_paramiko):
    # 192.0.2.0/24 is TEST-NET-1: routed nowhere. Either no route, or a timeout.
    with pytest.raises(SSHConnectionError):
        open_tunnel(ADDR, "nobody@192.0.2.1", keyfile=sshd.keyfile,
                    paramiko=use_paramiko, known_hosts=sshd.known_hosts, connect_timeout=2)


@pytest.mark.parametrize("use_paramiko", KINDS)
def test_host_key_mismatch(sshd, use_paramiko):
    with pytest.raises(SSHHostKeyError):
        open_tunnel(ADDR, sshd.server(), keyfile=sshd.keyfile, paramiko=use_paramiko,
                    known_hosts=sshd.wrong_known_hosts)


def test_openssh_refuses_unknown_host_key(sshd):
    # the user's own known_hosts has never seen this fresh server and key
    with pytest.raises(SSHHostKeyError):
        open_tunnel(ADDR, sshd.server(), keyfile=sshd.keyfile, paramiko=False)


def test_openssh_refuses_unknown_host_key_with_password(sshd):
    # ssh asks "continue connecting (yes/no)?" through the askpass helper: it says no
    with pytest.raises(SSHHostKeyError):
        open_tunnel(ADDR, sshd.server(sshd.password_user), password=sshd.need_password_user(),
                    paramiko=False)


def test_paramiko_accepts_unknown_host_key_with_warning(context, sshd, req_rep):
    # as in pyzmq: the unknown key is accepted, and the owner is warned
    rep = context.socket(zmq.REP)
    port = rep.bind_to_random_port("tcp://127.0.0.1")
    req = context.socket(zmq.REQ)
    with pytest.warns(UserWarning, match="unknown .* host key"):
        tunnel = tunnel_connection(req, f"tcp://127.0.0.1:{port}", sshd.server(),
                                   keyfile=sshd.keyfile, paramiko=True)
    with tunnel:
        req_rep(rep, req, rounds=1)


@pytest.mark.parametrize("use_paramiko", KINDS)
def test_local_port_in_use(sshd, use_paramiko):
    start = paramiko_tunnel if use_paramiko else openssh_tunnel
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        with pytest.raises(SSHTunnelError, match=str(port)):
            start(port, 5555, sshd.server(), keyfile=sshd.keyfile, known_hosts=sshd.known_hosts)


def test_missing_ssh_program(sshd, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SSHTunnelError, match="openssh-client"):
        open_tunnel(ADDR, sshd.server(), keyfile=sshd.keyfile, paramiko=False)


@pytest.mark.parametrize(
    "server",
    ["", "user@", "@host", "host:", "host:port", "host:0", "host:65536", "host:22:33",
     "-oProxyCommand=touch /tmp/x", "user@-host", "-user@host", "us er@host", "ho st",
     "[::1", "[::1]x", "user@[::1]:x"],
)
@pytest.mark.parametrize("use_paramiko", KINDS)
def test_malformed_server(server, use_paramiko):
    with pytest.raises(ValueError):
        open_tunnel(ADDR, server, paramiko=use_paramiko)


@pytest.mark.parametrize(
    "addr",
    ["", "127.0.0.1:5555", "tcp://127.0.0.1", "tcp://:5555", "tcp://127.0.0.1:x",
     "tcp://127.0.0.1:0", "tcp://127.0.0.1:70000", "ipc:///tmp/sock", "inproc://x",
     "tcp://*:5555", "tcp://eth0;127.0.0.1:5555", "tcp://1:2:3:5555"],
)
def test_malformed_address(sshd, addr):
    with pytest.raises(ValueError):
        open_tunnel(addr, sshd.server(), keyfile=sshd.keyfile)


def test_wrong_types(context, sshd):
    with pytest.raises(TypeError):
        tunnel_connection("not a socket", ADDR, sshd.server())
    with pytest.raises(TypeError):
        open_tunnel(b"tcp://127.0.0.1:5555", sshd.server())
    with pytest.raises(TypeError):
        open_tunnel(ADDR, ("127.0.0.1", sshd.port))
    with pytest.raises(TypeError):
        open_tunnel(ADDR, sshd.server(), paramiko="yes")
    with pytest.raises(TypeError):
        openssh_tunnel("5555", 5555, sshd.server())
    with pytest.raises(TypeError):
        open_tunnel(ADDR, sshd.server(), password=b"secret")
    with pytest.raises(TypeError):
        open_tunnel(ADDR, sshd.server(), timeout="60")


@pytest.mark.parametrize("use_paramiko", KINDS)
def test_bad_values(sshd, use_paramiko, tmp_path):
    with pytest.raises(FileNotFoundError):
        open_tunnel(ADDR, sshd.server(), keyfile=tmp_path / "no-such-key", paramiko=use_paramiko)
    with pytest.raises(FileNotFoundError):
        open_tunnel(ADDR, sshd.server(), keyfile=sshd.keyfile, paramiko=use_paramiko,
                    known_hosts=tmp_path / "no-such-file")
    for timeout in (0, -1, float("inf"), float("nan")):
        with pytest.raises(ValueError):
            open_tunnel(ADDR, sshd.server(), timeout=timeout, paramiko=use_paramiko)
    with pytest.raises(ValueError):
        open_tunnel(ADDR, sshd.server(), password="two\nlines", paramiko=use_paramiko)
    start = paramiko_tunnel if use_paramiko else openssh_tunnel
    with pytest.raises(ValueError):
        start(0, 5555, sshd.server())
    with pytest.raises(ValueError):
        start(5555, 5555, sshd.server(), remoteip="-oProxyCommand=x")
