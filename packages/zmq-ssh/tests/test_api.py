# SPDX-License-Identifier: BSD-3-Clause
"""The rest of the pyzmq zmq.ssh API: names, defaults, helpers, forward_tunnel."""

import getpass
import socket
import sys
import threading

import paramiko
import pytest

import zmq
import zmq.ssh
from zmq.ssh import forward, tunnel
from zmq.ssh.addresses import parse_server, parse_tcp_address

KINDS = [pytest.param(False, id="openssh"), pytest.param(True, id="paramiko")]


def test_public_names():
    assert zmq.ssh.__all__ == ["tunnel_connection", "ssh_tunnel", "openssh_tunnel",
                               "paramiko_tunnel", "try_passwordless_ssh"]
    assert tunnel.__all__ == zmq.ssh.__all__
    for name in zmq.ssh.__all__ + ["open_tunnel", "select_random_ports"]:
        assert getattr(tunnel, name) is getattr(zmq.ssh, name)
        assert getattr(zmq.ssh, name).__doc__
    assert callable(forward.forward_tunnel)


def test_ssh_tunnel_is_the_platform_default():
    expected = tunnel.paramiko_tunnel if sys.platform == "win32" else tunnel.openssh_tunnel
    assert tunnel.ssh_tunnel is expected


def test_open_tunnel_default_is_openssh_off_windows(sshd):
    url, t = tunnel.open_tunnel("tcp://127.0.0.1:5555", sshd.server(), keyfile=sshd.keyfile,
                                known_hosts=sshd.known_hosts)
    with t:
        assert t.kind == ("paramiko" if sys.platform == "win32" else "openssh")
        assert url.startswith("tcp://127.0.0.1:")


@pytest.mark.parametrize("use_paramiko", KINDS)
def test_try_passwordless_ssh(sshd, use_paramiko):
    assert tunnel.try_passwordless_ssh(sshd.server(), str(sshd.keyfile), paramiko=use_paramiko,
                                       known_hosts=sshd.known_hosts) is True
    assert tunnel.try_passwordless_ssh(sshd.server(), sshd.wrong_keyfile, use_paramiko,
                                       known_hosts=sshd.known_hosts) is False
    # a server that is not there is an error, not a "no"
    with pytest.raises(zmq.ssh.SSHConnectionError):
        tunnel.try_passwordless_ssh("nobody@no-such-host.invalid", sshd.keyfile, use_paramiko)


def test_select_random_ports():
    ports = tunnel.select_random_ports(5)
    assert len(set(ports)) == 5 and all(isinstance(p, int) and 0 < p < 65536 for p in ports)
    assert not set(ports) & set(tunnel.select_random_ports(5))  # never handed out twice
    for port in ports:  # and free
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))
    assert tunnel.select_random_ports(0) == []
    with pytest.raises(ValueError):
        tunnel.select_random_ports(-1)
    with pytest.raises(TypeError):
        tunnel.select_random_ports(1.5)


def test_select_random_ports_thousands_of_times():
    """Reservations are a bounded window: a long-running process can keep
    asking (it used to stall after ~1,500 calls, every port ever handed out
    being held back)."""
    from zmq.ssh.ports import RESERVED_PORTS

    handed_out: list[int] = []
    for _ in range(6000):
        ports = tunnel.select_random_ports(3)
        assert len(set(ports)) == 3
        handed_out += ports
    # a port comes back only after RESERVED_PORTS newer ones were handed out
    last_seen: dict[int, int] = {}
    for index, port in enumerate(handed_out):
        if port in last_seen:
            assert index - last_seen[port] >= RESERVED_PORTS
        last_seen[port] = index
    assert len(last_seen) > RESERVED_PORTS


def test_select_random_ports_from_threads_never_shares_a_reservation():
    from zmq.ssh.ports import RESERVED_PORTS

    results: list[list[int]] = [[] for _ in range(4)]
    per_thread = RESERVED_PORTS // 4 // 2  # all of them stay within the window

    def pick(out: list[int]) -> None:
        for _ in range(per_thread):
            out += tunnel.select_random_ports(2)

    threads = [threading.Thread(target=pick, args=(out,)) for out in results]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    everything = [port for out in results for port in out]
    assert len(everything) == 4 * per_thread * 2
    assert len(set(everything)) == len(everything)


def test_parse_server():
    assert parse_server("alice@example.org:2222") == ("alice", "example.org", 2222)
    assert parse_server("example.org") == (getpass.getuser(), "example.org", 22)
    assert parse_server("bob@[::1]:2200") == ("bob", "::1", 2200)
    assert parse_server("bob@::1") == ("bob", "::1", 22)
    assert parse_server("me@corp@gw") == ("me@corp", "gw", 22)  # the last '@' splits
    assert str(parse_server("bob@[::1]:2200")) == "bob@[::1]:2200"


def test_parse_tcp_address():
    assert parse_tcp_address("tcp://10.0.0.5:5555") == ("10.0.0.5", 5555)
    assert parse_tcp_address("tcp://db.internal:1") == ("db.internal", 1)
    assert parse_tcp_address("tcp://[::1]:5555") == ("::1", 5555)


@pytest.fixture
def transport(sshd):
    """An authenticated paramiko transport to the test sshd, in this process."""
    client = paramiko.SSHClient()
    client.load_host_keys(str(sshd.known_hosts))
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect("127.0.0.1", sshd.port, username=sshd.user, key_filename=str(sshd.keyfile),
                   look_for_keys=False, allow_agent=False, timeout=10)
    yield client.get_transport()
    client.close()


def test_forward_server_carries_zmq(context, transport, req_rep, pub_sub):
    rep = context.socket(zmq.REP)
    rep_port = rep.bind_to_random_port("tcp://127.0.0.1")
    server = forward.make_forward_server(0, "127.0.0.1", rep_port, transport)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        req = context.socket(zmq.REQ)
        req.connect(f"tcp://127.0.0.1:{server.local_port}")
        req_rep(rep, req)
        assert server.active_connections == 1
        req.close(linger=0)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
    assert not thread.is_alive()


def test_forward_server_survives_a_refused_channel(context, transport, req_rep):
    # nothing listens on the remote port: the connection is dropped, the server goes on
    port = tunnel.select_random_ports(1)[0]
    server = forward.make_forward_server(0, "127.0.0.1", port, transport)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        with socket.create_connection(("127.0.0.1", server.local_port), timeout=10) as sock:
            sock.settimeout(10)
            assert sock.recv(10) == b""  # closed by the forwarder
        assert server.errors and str(port) in server.errors[-1]
        rep = context.socket(zmq.REP)
        rep.bind(f"tcp://127.0.0.1:{port}")
        req = context.socket(zmq.REQ)
        req.connect(f"tcp://127.0.0.1:{server.local_port}")
        req_rep(rep, req, rounds=1)
        req.close(linger=0)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def test_forward_tunnel_checks_its_arguments(transport):
    with pytest.raises(TypeError):
        forward.forward_tunnel(5555, "127.0.0.1", 5555, object())
    with pytest.raises(TypeError):
        forward.forward_tunnel("5555", "127.0.0.1", 5555, transport)
    with pytest.raises(ValueError):
        forward.forward_tunnel(5555, "127.0.0.1", 0, transport)
    with pytest.raises(ValueError):
        forward.forward_tunnel(5555, "", 5555, transport)
