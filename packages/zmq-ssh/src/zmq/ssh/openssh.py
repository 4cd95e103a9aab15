# SPDX-License-Identifier: BSD-3-Clause
"""Tunnels through the OpenSSH client (``ssh -L``).

The ``ssh`` program runs as a child of the owner, in its own session (no
terminal), with a remote command that announces the tunnel is up, then
waits until its stdin closes (the owner is gone) or ``timeout`` seconds pass.
ssh keeps running after that command ends for as long as forwarded
connections are open, so the tunnel lives at least ``timeout`` seconds and
then ends when idle. A password is given to ssh through ``SSH_ASKPASS``: a
small script that prints it, run by ssh instead of asking a terminal.
"""

from __future__ import annotations

import math
import os
import secrets
import shutil
import stat
import subprocess
import tempfile
import time

from .addresses import SSHServer, parse_server
from .checks import check_file, check_seconds, check_tunnel_arguments
from .errors import (
    SSHAuthenticationError,
    SSHConnectionError,
    SSHForwardError,
    SSHHostKeyError,
    SSHTimeoutError,
    SSHTunnelError,
)
from .process import Tunnel, start_child

__all__ = ["openssh_tunnel", "try_passwordless_openssh", "classify_ssh_error", "find_ssh"]

# What ssh says (lower-cased), and what it means; the first match wins.
_MESSAGES: list[tuple[type[SSHTunnelError], tuple[str, ...]]] = [
    (SSHHostKeyError, (
        "host key verification failed",
        "remote host identification has changed",
        "authenticity of host",
    )),
    (SSHAuthenticationError, (
        "permission denied",
        "too many authentication failures",
        "no supported authentication methods",
        "incorrect passphrase",
    )),
    (SSHForwardError, (
        "address already in use",
        "cannot listen to port",
        "could not request local forwarding",
        "port forwarding failed",
        "bad local forwarding",
    )),
    (SSHConnectionError, (
        "could not resolve hostname",
        "name or service not known",
        "connection refused",
        "connection timed out",
        "operation timed out",
        "no route to host",
        "network is unreachable",
        "connection closed by",
        "connection reset",
        "kex_exchange_identification",
        "banner exchange",
    )),
]

# Answers the ssh password prompt with the password from the environment;
# answers "no" to "continue connecting (yes/no)?" so unknown host keys fail.
_ASKPASS_SCRIPT = """#!/bin/sh
case "$1" in
  *yes/no*) echo no ;;
  *) printf '%s\\n' "$ZMQ_SSH_ASKPASS_PASSWORD" ;;
esac
"""


def find_ssh() -> str:
    """The path of the OpenSSH client, or SSHTunnelError naming what to install."""
    path = shutil.which("ssh")
    if path is None:
        raise SSHTunnelError(
            "the OpenSSH client 'ssh' is not on PATH: install it (apt-get install "
            "openssh-client) or use the paramiko tunnel (paramiko=True)"
        )
    return path


def classify_ssh_error(text: str) -> type[SSHTunnelError]:
    """The exception class for what ssh wrote on stderr when it failed."""
    lowered = text.lower()
    for cls, needles in _MESSAGES:
        if any(needle in lowered for needle in needles):
            return cls
    return SSHTunnelError


def _base_argv(server: SSHServer, keyfile: str | None, known_hosts: str | None,
               connect_timeout: float, batch: bool) -> list[str]:
    argv = [
        find_ssh(), "-T",
        "-S", "none",  # never ride on a shared master connection: this tunnel has its own life
        "-o", "ControlMaster=no",
        "-o", "ForwardX11=no",
        "-o", f"ConnectTimeout={max(1, math.ceil(connect_timeout))}",
        "-o", "ServerAliveInterval=15",  # notice a dead server instead of lingering
        "-o", "ServerAliveCountMax=3",
        "-o", "NumberOfPasswordPrompts=1",
        "-o", f"BatchMode={'yes' if batch else 'no'}",
    ]
    if keyfile is not None:
        argv += ["-i", keyfile, "-o", "IdentitiesOnly=yes"]
    if known_hosts is not None:
        argv += ["-o", f"UserKnownHostsFile={known_hosts}", "-o", "StrictHostKeyChecking=yes"]
    argv += ["-p", str(server.port), "-l", server.user]
    return argv


def _env(askpass: str | None, password: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env["LC_ALL"] = "C"  # ssh's messages are matched in English
    for name in ("SSH_ASKPASS", "SSH_ASKPASS_REQUIRE", "ZMQ_SSH_ASKPASS_PASSWORD"):
        env.pop(name, None)
    if askpass is not None and password is not None:
        env["SSH_ASKPASS"] = askpass
        env["SSH_ASKPASS_REQUIRE"] = "force"
        env["ZMQ_SSH_ASKPASS_PASSWORD"] = password
        env.setdefault("DISPLAY", ":0")  # OpenSSH before 8.4 uses askpass only with a DISPLAY
    return env


def _write_askpass(directory: str) -> str:
    path = os.path.join(directory, "askpass")
    with open(path, "w", encoding="utf-8") as script:
        script.write(_ASKPASS_SCRIPT)
    os.chmod(path, stat.S_IRWXU)
    return path


def _format_failure(server: SSHServer, what: str, text: str, returncode: int | None) -> str:
    detail = text.strip() or f"ssh exited with status {returncode} and said nothing"
    return f"ssh tunnel to {server} failed ({what}): {detail}"


def openssh_tunnel(lport: int, rport: int, server: str, remoteip: str = "127.0.0.1",
                   keyfile: str | os.PathLike | None = None, password: str | None = None,
                   timeout: float = 60, *, known_hosts: str | os.PathLike | None = None,
                   connect_timeout: float = 30) -> Tunnel:
    """Forward ``127.0.0.1:lport`` to ``remoteip:rport`` through ``ssh`` to ``server``.

    ``server`` is ``[user@]host[:port]``. ``keyfile`` is an identity file
    (then only that key is offered); ``password`` answers ssh's password
    prompt (or the key's passphrase prompt). Without a password ssh runs in
    batch mode and never prompts. ``known_hosts`` names a known-hosts file to
    check the server's host key against instead of the user's; unknown host
    keys are refused either way. The tunnel lives at least ``timeout`` seconds
    and ends when idle after that, or when its owner exits.
    ``connect_timeout`` bounds reaching the server and logging in.

    Returns a :class:`~zmq.ssh.process.Tunnel` (usable as the ssh pid).
    Raises :class:`~zmq.ssh.errors.SSHTunnelError` (a subclass telling which
    step failed) if the tunnel cannot be set up.
    """
    (lport, rport, spec, remoteip, keyfile, known_hosts, password, timeout,
     connect_timeout) = check_tunnel_arguments(lport, rport, server, remoteip, keyfile, known_hosts,
                                               password, timeout, connect_timeout)

    seconds = max(1, math.ceil(timeout))
    marker = f"zmq-ssh-ready-{secrets.token_hex(8)}"
    # timeout(1) ends cat at the deadline; cat ends when the owner goes away.
    # Without timeout(1) on the server (status 127) fall back to a plain sleep.
    command = (f"echo {marker} && {{ timeout {seconds} cat >/dev/null 2>&1; "
               f"test $? -ne 127 || sleep {seconds}; }}")
    target = f"[{remoteip}]" if ":" in remoteip else remoteip
    argv = _base_argv(spec, keyfile, known_hosts, connect_timeout, batch=password is None)
    argv += ["-o", "ExitOnForwardFailure=yes",
             "-L", f"127.0.0.1:{lport}:{target}:{rport}", "--", spec.host, command]

    with tempfile.TemporaryDirectory(prefix="zmq-ssh-") as private:
        askpass = _write_askpass(private) if password is not None else None
        result = start_child(argv, env=_env(askpass, password), stdin_data=b"",
                             is_ready=lambda line: line == marker,
                             deadline=time.monotonic() + 2 * connect_timeout + 5)
    if result.ok:
        return Tunnel(result.popen, kind="openssh", server=str(spec), local_port=lport,
                      remote_host=remoteip, remote_port=rport, timeout=timeout, start=result)
    text = result.stderr_text()
    if result.timed_out:
        raise SSHTimeoutError(_format_failure(
            spec, f"no tunnel after {2 * connect_timeout + 5:g} s", text, None))
    cls = classify_ssh_error(text)
    what = {
        SSHHostKeyError: "host key not accepted",
        SSHAuthenticationError: "authentication refused",
        SSHForwardError: f"cannot forward 127.0.0.1:{lport}",
        SSHConnectionError: "cannot reach the server",
    }.get(cls, "ssh error")
    raise cls(_format_failure(spec, what, text, result.popen.returncode))


def try_passwordless_openssh(server: str, keyfile: str | os.PathLike | None = None, *,
                             known_hosts: str | os.PathLike | None = None,
                             connect_timeout: float = 30) -> bool:
    """True if ``ssh`` logs in to ``server`` without a password, False if refused.

    Other failures (host unreachable, host key unknown) raise the matching
    :class:`~zmq.ssh.errors.SSHTunnelError` rather than answer False.
    """
    spec = parse_server(server)
    keyfile = check_file(keyfile, "keyfile")
    known_hosts = check_file(known_hosts, "known_hosts")
    connect_timeout = check_seconds(connect_timeout, "connect_timeout")
    argv = _base_argv(spec, keyfile, known_hosts, connect_timeout, batch=True)
    argv += ["--", spec.host, "exit"]
    try:
        done = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, env=_env(None, None),
                              timeout=2 * connect_timeout + 5, start_new_session=os.name == "posix")
    except subprocess.TimeoutExpired as exc:
        raise SSHTimeoutError(f"ssh to {spec} did not answer within {exc.timeout:g} s") from None
    if done.returncode == 0:
        return True
    text = done.stderr.decode("utf-8", "replace")
    cls = classify_ssh_error(text)
    if cls is SSHAuthenticationError:
        return False
    raise cls(_format_failure(spec, "ssh error", text, done.returncode))
