# SPDX-License-Identifier: BSD-3-Clause
"""Tunnels through paramiko, run in a child Python process.

The child (:mod:`zmq.ssh.forwarder`) is a fresh interpreter started with
``subprocess``, not a fork of the owner: the owner's zmq context and threads
are never duplicated. Settings, the password included, go to the child on
its stdin, never on its command line.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
import warnings

from .addresses import parse_server
from .checks import check_file, check_seconds, check_tunnel_arguments
from .errors import (
    SSHAuthenticationError,
    SSHConnectionError,
    SSHForwardError,
    SSHHostKeyError,
    SSHTimeoutError,
    SSHTunnelError,
)
from .forwarder import BOOTSTRAP
from .process import Tunnel, start_child

__all__ = ["paramiko_tunnel", "try_passwordless_paramiko", "require_paramiko"]

_ERRORS: dict[str, type[SSHTunnelError]] = {
    "auth": SSHAuthenticationError,
    "hostkey": SSHHostKeyError,
    "connect": SSHConnectionError,
    "forward": SSHForwardError,
}


def require_paramiko() -> None:
    """Raise ImportError, saying what to install, if paramiko is missing."""
    if importlib.util.find_spec("paramiko") is None:
        raise ImportError("the paramiko tunnel needs paramiko: pip install paramiko")


def paramiko_tunnel(lport: int, rport: int, server: str, remoteip: str = "127.0.0.1",
                    keyfile: str | os.PathLike | None = None, password: str | None = None,
                    timeout: float = 60, *, known_hosts: str | os.PathLike | None = None,
                    connect_timeout: float = 30) -> Tunnel:
    """Forward ``127.0.0.1:lport`` to ``remoteip:rport`` through paramiko to ``server``.

    Same arguments and result as :func:`~zmq.ssh.openssh.openssh_tunnel`.
    ``password`` is tried for password authentication and as the passphrase
    of ``keyfile``. Without ``known_hosts`` the user's known hosts are used
    and an unknown host key is accepted with a ``UserWarning`` (as pyzmq
    did); with ``known_hosts`` an unknown key is refused.
    """
    (lport, rport, spec, remoteip, keyfile, known_hosts, password, timeout,
     connect_timeout) = check_tunnel_arguments(lport, rport, server, remoteip, keyfile, known_hosts,
                                               password, timeout, connect_timeout)
    require_paramiko()

    settings = {
        "sys_path": [p for p in sys.path if isinstance(p, str)],
        "host": spec.host, "port": spec.port, "user": spec.user,
        "keyfile": keyfile, "password": password, "known_hosts": known_hosts,
        "connect_timeout": connect_timeout, "lport": lport,
        "remote_host": remoteip, "remote_port": rport, "timeout": timeout,
    }
    limit = 3 * connect_timeout + 15  # connect, banner and auth each get connect_timeout; plus start-up
    result = start_child([sys.executable, "-c", BOOTSTRAP], env=None,
                         stdin_data=json.dumps(settings).encode() + b"\n",
                         is_ready=lambda line: line.startswith("{"),
                         deadline=time.monotonic() + limit)
    if result.timed_out:
        raise SSHTimeoutError(f"paramiko tunnel to {spec} not up after {limit:g} s: "
                              f"{result.stderr_text() or 'no message'}")
    if result.ready_line is None:
        raise SSHTunnelError(f"paramiko tunnel to {spec} failed (exit status "
                             f"{result.popen.returncode}): {result.stderr_text() or 'no message'}")
    reply = json.loads(result.ready_line)
    if not reply.get("ok"):
        result.abandon()
        cls = _ERRORS.get(reply.get("error"), SSHTunnelError)
        raise cls(f"paramiko tunnel to {spec} failed: {reply.get('message')}")
    for text in reply.get("warnings", ()):
        warnings.warn(f"zmq.ssh: {text}", UserWarning, stacklevel=2)
    return Tunnel(result.popen, kind="paramiko", server=str(spec), local_port=lport,
                  remote_host=remoteip, remote_port=rport, timeout=timeout, start=result)


def try_passwordless_paramiko(server: str, keyfile: str | os.PathLike | None = None, *,
                              known_hosts: str | os.PathLike | None = None,
                              connect_timeout: float = 30) -> bool:
    """True if paramiko logs in to ``server`` without a password, False if refused.

    Other failures raise the matching :class:`~zmq.ssh.errors.SSHTunnelError`.
    """
    spec = parse_server(server)
    keyfile = check_file(keyfile, "keyfile")
    known_hosts = check_file(known_hosts, "known_hosts")
    connect_timeout = check_seconds(connect_timeout, "connect_timeout")
    require_paramiko()
    from .forwarder import connect_client, ConnectFailure

    settings = {"host": spec.host, "port": spec.port, "user": spec.user, "keyfile": keyfile,
                "password": None, "known_hosts": known_hosts, "connect_timeout": connect_timeout}
    try:
        client = connect_client(settings, [])
    except ConnectFailure as failure:
        if failure.kind == "auth":
            return False
        raise _ERRORS.get(failure.kind, SSHTunnelError)(
            f"ssh to {spec} failed: {failure.message}") from None
    client.close()
    return True
