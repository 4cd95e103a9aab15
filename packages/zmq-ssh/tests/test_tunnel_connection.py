# SPDX-License-Identifier: BSD-3-Clause
"""REQ/REP and PUB/SUB through real ssh tunnels, OpenSSH and paramiko, key and password."""

import pytest

import zmq
from zmq.ssh import Tunnel, tunnel_connection

KINDS = [pytest.param(False, id="openssh"), pytest.param(True, id="paramiko")]


def credentials(sshd, auth):
    """(server, keyfile, password) for key or password authentication."""
    if auth == "key":
        return sshd.server(), str(sshd.keyfile), None
    return sshd.server(sshd.password_user), None, sshd.need_password_user()


@pytest.mark.parametrize("auth", ["key", "password"])
@pytest.mark.parametrize("use_paramiko", KINDS)
def test_req_rep(context, sshd, req_rep, use_paramiko, auth):
    server, keyfile, password = credentials(sshd, auth)
    rep = context.socket(zmq.REP)
    port = rep.bind_to_random_port("tcp://127.0.0.1")
    req = context.socket(zmq.REQ)
    tunnel = tunnel_connection(req, f"tcp://127.0.0.1:{port}", server, keyfile=keyfile,
                               password=password, paramiko=use_paramiko,
                               known_hosts=sshd.known_hosts)
    assert isinstance(tunnel, Tunnel)
    assert tunnel.kind == ("paramiko" if use_paramiko else "openssh")
    assert tunnel.is_alive()
    assert req.getsockopt(zmq.LAST_ENDPOINT).decode() == tunnel.local_url
    req_rep(rep, req)
    tunnel.close()
    assert not tunnel.is_alive()


@pytest.mark.parametrize("auth", ["key", "password"])
@pytest.mark.parametrize("use_paramiko", KINDS)
def test_pub_sub(context, sshd, pub_sub, use_paramiko, auth):
    server, keyfile, password = credentials(sshd, auth)
    pub = context.socket(zmq.PUB)
    port = pub.bind_to_random_port("tcp://127.0.0.1")
    sub = context.socket(zmq.SUB)
    with tunnel_connection(sub, f"tcp://127.0.0.1:{port}", server, keyfile=keyfile,
                           password=password, paramiko=use_paramiko,
                           known_hosts=sshd.known_hosts) as tunnel:
        pub_sub(pub, sub)
    assert not tunnel.is_alive()
