# SPDX-License-Identifier: BSD-3-Clause
"""A real OpenSSH server on 127.0.0.1 for the tunnel tests, and helpers.

The ``sshd`` fixture (one per test session) generates a host key and user
keys in a temporary directory and runs Debian's ``sshd`` on a free port.
Key authentication is for the user running the tests; password
authentication is for a local account of this test session only,
``zmqssh<pid>``, created with a random password (that needs root) and
removed at the end, so that test sessions running at the same time never
change each other's password. A missing ``sshd`` fails the tests: they are meant
to run, not to be skipped.
"""

from __future__ import annotations

import getpass
import os
import secrets
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

import zmq
from zmq.testing import bound_pair, context, pair  # noqa: F401  (shared pytest fixtures)
from zmq.ssh.process import live_tunnels

PASSWORD_USER = f"zmqssh{os.getpid()}"  # one account per test session
SETUP_HINT = "install it with: apt-get install -y openssh-server openssh-client"


def _need(program: str, *fallbacks: str) -> str:
    path = shutil.which(program) or next((p for p in fallbacks if os.path.exists(p)), None)
    if path is None:
        pytest.fail(f"'{program}' not found: the ssh tests need a real OpenSSH; {SETUP_HINT}",
                    pytrace=False)
    return path


def _keygen(path: Path, comment: str) -> Path:
    subprocess.run([_need("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-C", comment,
                    "-f", str(path)], check=True, stdin=subprocess.DEVNULL)
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ensure_password_user() -> str | None:
    """Create the password-test account if needed; give it a new random password.

    Returns the password, or None when not root (then no account can be made).
    """
    if os.geteuid() != 0:
        return None
    import pwd

    try:
        pwd.getpwnam(PASSWORD_USER)
    except KeyError:
        subprocess.run([_need("useradd", "/usr/sbin/useradd"), "--no-create-home",
                        "--home-dir", "/nonexistent", "--shell", "/bin/sh", PASSWORD_USER],
                       check=True)
    password = secrets.token_urlsafe(18)
    subprocess.run([_need("chpasswd", "/usr/sbin/chpasswd")],
                   input=f"{PASSWORD_USER}:{password}\n".encode(), check=True)
    return password


def _remove_password_user() -> None:
    subprocess.run([_need("userdel", "/usr/sbin/userdel"), PASSWORD_USER],
                   check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@dataclass
class SSHServer:
    """The running test sshd and the credentials it accepts."""

    host: str
    port: int
    directory: Path
    user: str
    keyfile: Path
    wrong_keyfile: Path
    known_hosts: Path
    wrong_known_hosts: Path
    password_user: str
    password: str | None
    log: Path

    def server(self, user: str | None = None) -> str:
        """The server string ``user@127.0.0.1:port`` (default user: the key user)."""
        return f"{user or self.user}@{self.host}:{self.port}"

    def need_password_user(self) -> str:
        """The test account's password; fails the test when it could not be made."""
        if self.password is None:
            pytest.fail("password authentication tests need root to create the "
                        f"'{PASSWORD_USER}' account (run the tests as root)", pytrace=False)
        return self.password


def _wait_for_banner(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"sshd exited with {process.returncode}:\n{log.read_text()}", pytrace=False)
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
                if sock.recv(64).startswith(b"SSH-2.0"):
                    return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"sshd did not answer on port {port}:\n{log.read_text()}", pytrace=False)


@pytest.fixture(scope="session")
def sshd(tmp_path_factory) -> SSHServer:
    """A real ``sshd`` on 127.0.0.1 at a free port (see the module docstring)."""
    sshd_path = _need("sshd", "/usr/sbin/sshd")
    _need("ssh")
    directory = tmp_path_factory.mktemp("sshd")
    host_key = _keygen(directory / "host_key", "zmq-ssh test host")
    other_host_key = _keygen(directory / "other_host_key", "some other host")
    keyfile = _keygen(directory / "user_key", "zmq-ssh test user")
    wrong_keyfile = _keygen(directory / "wrong_key", "not authorized")
    authorized = directory / "authorized_keys"
    authorized.write_text((directory / "user_key.pub").read_text())
    port = _free_port()
    known_hosts = directory / "known_hosts"
    known_hosts.write_text(f"[127.0.0.1]:{port} {(directory / 'host_key.pub').read_text()}")
    wrong_known_hosts = directory / "wrong_known_hosts"
    wrong_known_hosts.write_text(f"[127.0.0.1]:{port} {(directory / 'other_host_key.pub').read_text()}")
    assert other_host_key.exists()

    user = getpass.getuser()
    password = _ensure_password_user()
    if os.geteuid() == 0:
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # sshd's privilege separation dir
    config = directory / "sshd_config"
    config.write_text("\n".join([
        f"Port {port}",
        "ListenAddress 127.0.0.1",
        f"HostKey {host_key}",
        f"PidFile {directory / 'sshd.pid'}",
        f"AuthorizedKeysFile {authorized}",
        "StrictModes no",
        "PermitRootLogin yes",
        "PubkeyAuthentication yes",
        "PasswordAuthentication yes",
        "KbdInteractiveAuthentication no",
        "UsePAM no",
        "UseDNS no",
        "AllowTcpForwarding yes",
        "X11Forwarding no",
        f"AllowUsers {user} {PASSWORD_USER}",
        "MaxAuthTries 10",
        "MaxStartups 50",
        "LogLevel VERBOSE",
        "",
    ]))
    log = directory / "sshd.log"
    with open(log, "wb") as log_file:
        process = subprocess.Popen([sshd_path, "-D", "-e", "-f", str(config)],
                                   stdin=subprocess.DEVNULL, stdout=log_file, stderr=log_file)
    try:
        _wait_for_banner(port, process, log)
        yield SSHServer("127.0.0.1", port, directory, user, keyfile, wrong_keyfile, known_hosts,
                        wrong_known_hosts, PASSWORD_USER, password, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if password is not None:
            _remove_password_user()


def process_gone(pid: int) -> bool:
    """True if ``pid`` no longer runs (gone, or a zombie nobody reaped yet)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def wait_gone(pid: int, seconds: float = 30.0) -> bool:
    """Wait (bounded, to avoid hangs) until ``pid`` is gone; True if it went."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process_gone(pid):
            return True
        time.sleep(0.05)
    return process_gone(pid)


@pytest.fixture(autouse=True)
def no_tunnel_outlives_its_test():
    """After each test, every tunnel it started is closed and its process is gone."""
    before = {t.pid for t in live_tunnels()}
    yield
    leftovers = [t for t in live_tunnels() if t.pid not in before]
    for tunnel in leftovers:
        tunnel.close()
    for tunnel in leftovers:
        assert wait_gone(tunnel.pid, 10), f"{tunnel!r} still running after close()"


def exchange_req_rep(rep: zmq.Socket, req: zmq.Socket, rounds: int = 3) -> None:
    """Send ``rounds`` requests through ``req`` and check each reply (bounded waits)."""
    for sock in (rep, req):
        sock.rcvtimeo = 20000
        sock.sndtimeo = 20000
    for i in range(rounds):
        req.send(b"ping %d" % i)
        assert rep.recv() == b"ping %d" % i
        rep.send(b"pong %d" % i)
        assert req.recv() == b"pong %d" % i


def stream_pub_sub(pub: zmq.Socket, sub: zmq.Socket, count: int = 100) -> None:
    """Once the subscription has arrived, ``count`` messages reach ``sub`` in order."""
    sub.setsockopt(zmq.SUBSCRIBE, b"")
    sub.rcvtimeo = 100
    deadline = time.monotonic() + 30
    while True:  # PUB drops until the SUB's subscription reaches it: wait for it
        pub.send(b"hello")
        try:
            if sub.recv() == b"hello":
                break
        except zmq.Again:
            assert time.monotonic() < deadline, "the subscription never arrived through the tunnel"
    sub.rcvtimeo = 20000
    for i in range(count):
        pub.send(b"msg %d" % i)
    received = []
    while len(received) < count:
        message = sub.recv()
        if message != b"hello":
            received.append(message)
    assert received == [b"msg %d" % i for i in range(count)]


@pytest.fixture
def req_rep():
    """``req_rep(rep, req, rounds=3)``: see :func:`exchange_req_rep`."""
    return lambda rep, req, rounds=3: exchange_req_rep(rep, req, rounds)


@pytest.fixture
def pub_sub():
    """``pub_sub(pub, sub, count=100)``: see :func:`stream_pub_sub`."""
    return stream_pub_sub


@pytest.fixture
def gone():
    """``gone(pid, seconds=30)``: see :func:`wait_gone`."""
    return wait_gone
