# SPDX-License-Identifier: BSD-3-Clause
"""Connect zmq sockets through ssh tunnels (the pyzmq ``zmq.ssh.tunnel`` API).

``tunnel_connection(socket, "tcp://10.0.0.5:5555", "me@gateway:22")`` opens a
tunnel from a free local port, through the ssh server ``gateway``, to
``10.0.0.5:5555`` as ``gateway`` sees it, and connects ``socket`` to the local
end. The tunnel is carried by the OpenSSH client (the default, except on
Windows) or by paramiko (``paramiko=True``), in a child process that ends
when its owner exits or when it has been idle past ``timeout`` seconds.

Every function here also takes two keyword-only arguments: ``known_hosts``
(a known-hosts file to check the server's key against instead of the
user's) and ``connect_timeout`` (seconds allowed to reach the server and
log in, default 30). Failures raise :class:`~zmq.ssh.errors.SSHTunnelError`
subclasses; malformed arguments raise ``ValueError``/``TypeError``.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable

import zmq

from . import openssh as _openssh
from . import paramiko_client as _paramiko
from .addresses import SSHServer, parse_server, parse_tcp_address
from .errors import (
    SSHAuthenticationError,
    SSHConnectionError,
    SSHForwardError,
    SSHHostKeyError,
    SSHTimeoutError,
    SSHTunnelError,
)
from .ports import select_random_ports
from .process import Tunnel, live_tunnels

__all__ = [
    "tunnel_connection",
    "ssh_tunnel",
    "openssh_tunnel",
    "paramiko_tunnel",
    "try_passwordless_ssh",
]

_LOCAL_PORT_ATTEMPTS = 3  # a free port may be taken by someone else before ssh binds it

PathArg = str | os.PathLike | None


def _interactive() -> bool:
    stdin = sys.stdin
    try:
        return stdin is not None and stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _with_password_prompt(start: Callable[[str | None], Tunnel], server: str,
                          password: str | None) -> Tunnel:
    """Run ``start(password)``; if refused without a password, ask once on a terminal.

    pyzmq asked with ``getpass`` whenever no password was given; asking only
    when stdin is a terminal keeps scripts and services from hanging.
    """
    try:
        return start(password)
    except SSHAuthenticationError:
        if password is not None or not _interactive():
            raise
    return start(getpass.getpass(f"{server}'s password: "))


def openssh_tunnel(lport: int, rport: int, server: str, remoteip: str = "127.0.0.1",
                   keyfile: PathArg = None, password: str | None = None, timeout: float = 60,
                   *, known_hosts: PathArg = None, connect_timeout: float = 30) -> Tunnel:
    """Forward ``127.0.0.1:lport`` to ``remoteip:rport`` via ``server`` with the ``ssh`` program.

    ``server`` is ``[user@]host[:port]`` (user: the local user name, port 22).
    ``keyfile``: identity file to log in with (only that key is offered).
    ``password``: answers ssh's password or key-passphrase prompt; without
    one, and refused, the password is asked on the terminal if there is one.
    The tunnel stays up at least ``timeout`` seconds, then ends when no
    connection uses it; it also ends when this process exits.

    Returns a :class:`~zmq.ssh.process.Tunnel`, which also works as the pid
    that pyzmq returned. Unknown host keys are refused.
    """
    def start(pw: str | None) -> Tunnel:
        return _openssh.openssh_tunnel(lport, rport, server, remoteip, keyfile, pw, timeout,
                                       known_hosts=known_hosts, connect_timeout=connect_timeout)

    return _with_password_prompt(start, server, password)


def paramiko_tunnel(lport: int, rport: int, server: str, remoteip: str = "127.0.0.1",
                    keyfile: PathArg = None, password: str | None = None, timeout: float = 60,
                    *, known_hosts: PathArg = None, connect_timeout: float = 30) -> Tunnel:
    """Like :func:`openssh_tunnel`, but paramiko carries the tunnel in a child process.

    Without ``known_hosts`` an unknown host key is accepted with a
    ``UserWarning``, as pyzmq did; with it, an unknown key is refused.
    """
    def start(pw: str | None) -> Tunnel:
        return _paramiko.paramiko_tunnel(lport, rport, server, remoteip, keyfile, pw, timeout,
                                         known_hosts=known_hosts, connect_timeout=connect_timeout)

    return _with_password_prompt(start, server, password)


ssh_tunnel = paramiko_tunnel if sys.platform == "win32" else openssh_tunnel
"""The platform's default tunnel: paramiko on Windows, OpenSSH elsewhere."""


def _use_paramiko(paramiko: bool | None) -> bool:
    if paramiko is None:
        return sys.platform == "win32"
    if not isinstance(paramiko, bool):
        raise TypeError(f"paramiko must be True, False or None, not {paramiko!r}")
    return paramiko


def try_passwordless_ssh(server: str, keyfile: PathArg = None, paramiko: bool | None = None,
                         *, known_hosts: PathArg = None, connect_timeout: float = 30) -> bool:
    """True if ``server`` accepts us without a password (key or agent), False if it refuses.

    A server that cannot be reached, or whose host key is not accepted,
    raises the matching :class:`~zmq.ssh.errors.SSHTunnelError`.
    """
    check = _paramiko.try_passwordless_paramiko if _use_paramiko(paramiko) \
        else _openssh.try_passwordless_openssh
    return check(server, keyfile, known_hosts=known_hosts, connect_timeout=connect_timeout)


def open_tunnel(addr: str, server: str, keyfile: PathArg = None, password: str | None = None,
                paramiko: bool | None = None, timeout: float = 60, *,
                known_hosts: PathArg = None, connect_timeout: float = 30) -> tuple[str, Tunnel]:
    """Open a tunnel to the zmq address ``addr`` (``tcp://host:port``) via ``server``.

    Picks a free local port and returns ``(local_url, tunnel)``, where
    ``local_url`` is ``tcp://127.0.0.1:<port>``, the url to connect to.
    ``paramiko=None`` means paramiko on Windows, OpenSSH elsewhere.
    """
    remote_host, remote_port = parse_tcp_address(addr)
    parse_server(server)  # a malformed server string fails before anything starts
    start = paramiko_tunnel if _use_paramiko(paramiko) else openssh_tunnel
    for attempt in range(_LOCAL_PORT_ATTEMPTS):
        lport = select_random_ports(1)[0]
        try:
            tunnel = start(lport, remote_port, server, remote_host, keyfile, password, timeout,
                           known_hosts=known_hosts, connect_timeout=connect_timeout)
        except SSHForwardError:
            if attempt + 1 == _LOCAL_PORT_ATTEMPTS:
                raise
            continue
        return tunnel.local_url, tunnel
    raise AssertionError("unreachable")  # pragma: no cover


def tunnel_connection(socket: zmq.Socket, addr: str, server: str, keyfile: PathArg = None,
                      password: str | None = None, paramiko: bool | None = None,
                      timeout: float = 60, *, known_hosts: PathArg = None,
                      connect_timeout: float = 30) -> Tunnel:
    """Connect ``socket`` to ``addr`` through an ssh tunnel via ``server``; return the tunnel.

    The same as ``url, tunnel = open_tunnel(...)`` then ``socket.connect(url)``.
    """
    if not isinstance(socket, zmq.Socket):
        raise TypeError(f"socket must be a zmq.Socket, not {type(socket).__name__}")
    url, tunnel = open_tunnel(addr, server, keyfile, password, paramiko, timeout,
                              known_hosts=known_hosts, connect_timeout=connect_timeout)
    try:
        socket.connect(url)
    except BaseException:
        tunnel.close()
        raise
    return tunnel
