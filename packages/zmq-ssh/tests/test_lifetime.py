# SPDX-License-Identifier: BSD-3-Clause
"""A tunnel ends with its owner, or when idle past its timeout; never before."""

import os
import signal
import subprocess
import sys
import time

import pytest

import zmq
from zmq.ssh import open_tunnel, tunnel_connection

KINDS = [pytest.param(False, id="openssh"), pytest.param(True, id="paramiko")]

OWNER = """
import sys, time
from zmq.ssh import open_tunnel
server, keyfile, known_hosts, use_paramiko, how = sys.argv[1:]
url, tunnel = open_tunnel("tcp://127.0.0.1:5555", server, keyfile=keyfile,
                          known_hosts=known_hosts, paramiko=use_paramiko == "1")
print(tunnel.pid, flush=True)
if how == "wait":
    time.sleep(120)
"""


def run_owner(sshd, use_paramiko, how):
    """Start an owner process that opens a tunnel; return (owner, tunnel pid)."""
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER, sshd.server(), str(sshd.keyfile), str(sshd.known_hosts),
         "1" if use_paramiko else "0", how],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    line = owner.stdout.readline()
    if not line:
        _, err = owner.communicate(timeout=30)
        pytest.fail(f"owner failed: {err.decode()}")
    return owner, int(line)


@pytest.mark.parametrize("use_paramiko", KINDS)
def test_tunnel_ends_when_owner_exits(sshd, gone, use_paramiko):
    owner, pid = run_owner(sshd, use_paramiko, "exit")
    _, err = owner.communicate(timeout=60)
    assert owner.returncode == 0, err.decode()
    assert gone(pid), f"tunnel process {pid} outlived its owner"


@pytest.mark.parametrize("use_paramiko", KINDS)
def test_tunnel_ends_when_owner_is_killed(sshd, gone, use_paramiko):
    owner, pid = run_owner(sshd, use_paramiko, "wait")
    try:
        assert not gone(pid, 0.5), "the tunnel should run while its owner does"
    finally:
        owner.send_signal(signal.SIGKILL)  # no atexit: only the closed stdin pipe tells the tunnel
        owner.wait(30)
        owner.stdout.close()
        owner.stderr.close()
    assert gone(pid, 60), f"tunnel process {pid} outlived its killed owner"


@pytest.mark.parametrize("use_paramiko", KINDS)
def test_idle_tunnel_ends_after_timeout(sshd, use_paramiko):
    url, tunnel = open_tunnel("tcp://127.0.0.1:5555", sshd.server(), keyfile=sshd.keyfile,
                              known_hosts=sshd.known_hosts, paramiko=use_paramiko, timeout=1)
    tunnel.join(60)
    assert not tunnel.is_alive()
    assert tunnel.exitcode == 0


@pytest.mark.parametrize("use_paramiko", KINDS)
def test_tunnel_in_use_outlives_timeout(context, sshd, req_rep, use_paramiko):
    rep = context.socket(zmq.REP)
    port = rep.bind_to_random_port("tcp://127.0.0.1")
    req = context.socket(zmq.REQ)
    tunnel = tunnel_connection(req, f"tcp://127.0.0.1:{port}", sshd.server(),
                               keyfile=sshd.keyfile, known_hosts=sshd.known_hosts,
                               paramiko=use_paramiko, timeout=1)
    req_rep(rep, req, rounds=1)
    time.sleep(2.5)  # past the timeout, with the connection open
    assert tunnel.is_alive()
    req_rep(rep, req, rounds=2)
    req.close(linger=0)  # the last connection goes: now idle past the timeout
    tunnel.join(60)
    assert not tunnel.is_alive()
    assert tunnel.exitcode == 0


@pytest.mark.parametrize("use_paramiko", KINDS)
def test_remote_end_may_come_up_later(context, sshd, req_rep, use_paramiko):
    # zmq reconnects through the tunnel until the far side binds
    from zmq.ssh import select_random_ports

    port = select_random_ports(1)[0]
    req = context.socket(zmq.REQ)
    with tunnel_connection(req, f"tcp://127.0.0.1:{port}", sshd.server(), keyfile=sshd.keyfile,
                           known_hosts=sshd.known_hosts, paramiko=use_paramiko):
        req.send(b"early")
        time.sleep(0.3)
        rep = context.socket(zmq.REP)
        rep.bind(f"tcp://127.0.0.1:{port}")
        rep.rcvtimeo = 30000
        assert rep.recv() == b"early"
        rep.send(b"ok")
        req.rcvtimeo = 30000
        assert req.recv() == b"ok"


def test_close_is_idempotent_and_tunnel_is_pid_like(sshd):
    url, tunnel = open_tunnel("tcp://127.0.0.1:5555", sshd.server(), keyfile=sshd.keyfile,
                              known_hosts=sshd.known_hosts)
    assert url == tunnel.local_url == f"tcp://127.0.0.1:{tunnel.local_port}"
    assert int(tunnel) == tunnel.pid and tunnel.exitcode is None
    assert "openssh" in repr(tunnel) and "running" in repr(tunnel)
    os.kill(tunnel, signal.SIGTERM)  # works as the pid pyzmq returned
    tunnel.join(30)
    assert not tunnel.is_alive()
    tunnel.close()
    tunnel.close()
    assert "exited" in repr(tunnel)


@pytest.mark.parametrize("use_paramiko", KINDS)
def test_close_cuts_the_tunnel(context, sshd, use_paramiko):
    url, tunnel = open_tunnel("tcp://127.0.0.1:5555", sshd.server(), keyfile=sshd.keyfile,
                              known_hosts=sshd.known_hosts, paramiko=use_paramiko)
    tunnel.close()
    assert not tunnel.is_alive()
    import socket

    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", tunnel.local_port), timeout=5).close()


PROMPTED = """
import sys
from zmq.ssh import open_tunnel
server, known_hosts, use_paramiko = sys.argv[1:]
url, tunnel = open_tunnel("tcp://127.0.0.1:5555", server, known_hosts=known_hosts,
                          paramiko=use_paramiko == "1")
print("TUNNEL", tunnel.pid, flush=True)
"""


def reap(pid, deadline):
    """Wait for child ``pid`` until ``deadline``; kill it if it is still there."""
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    return os.waitpid(pid, 0)[1]


def read_terminal(fd, output, done, deadline):
    """Read the pty ``fd`` onto ``output`` until ``done(output)``, EOF or ``deadline``."""
    import select

    while not done(output) and time.monotonic() < deadline:
        if not select.select([fd], [], [], 0.2)[0]:
            continue
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # EIO: the child exited and the terminal closed
            break
        if not chunk:
            break
        output += chunk
    return output


@pytest.mark.parametrize("use_paramiko", KINDS)
def test_password_asked_on_a_terminal(sshd, gone, use_paramiko):
    # As in pyzmq: no password given and refused -> asked with getpass, but only on a terminal.
    import pty

    password = sshd.need_password_user()
    argv = [sys.executable, "-c", PROMPTED, sshd.server(sshd.password_user),
            str(sshd.known_hosts), "1" if use_paramiko else "0"]
    pid, terminal = pty.fork()
    if pid == 0:  # the child: exec at once, nothing else runs after the fork
        os.execv(sys.executable, argv)
    output = b""
    try:
        deadline = time.monotonic() + 60
        output = read_terminal(terminal, output, lambda out: b"password:" in out, deadline)
        assert b"password:" in output, output
        os.write(terminal, password.encode() + b"\n")
        output = read_terminal(terminal, output,
                               lambda out: b"\n" in out.partition(b"TUNNEL")[2], deadline)
    finally:
        status = reap(pid, deadline)
        os.close(terminal)
    assert os.waitstatus_to_exitcode(status) == 0, output
    assert password.encode() not in output  # getpass does not echo
    tunnel_pid = int(output.partition(b"TUNNEL")[2].split()[0])
    assert gone(tunnel_pid), "the tunnel outlived its owner"
