# SPDX-License-Identifier: BSD-3-Clause
"""Argument checks shared by the OpenSSH and the paramiko tunnels."""

from __future__ import annotations

import math
import os
from typing import NamedTuple

from .addresses import SSHServer, check_host, check_port, parse_server

__all__ = ["check_seconds", "check_file", "check_password", "TunnelArguments", "check_tunnel_arguments"]


def check_seconds(value: object, what: str) -> float:
    """Return ``value`` as a float if it is a finite number of seconds > 0."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{what} must be a number of seconds, not {type(value).__name__}")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{what} must be a finite number of seconds > 0, got {value!r}")
    return float(value)


def check_file(path: object, what: str) -> str | None:
    """Return ``path`` as a str (None stays None); it must name an existing file.

    ssh only warns about a missing identity file and goes on without it; a
    typo in ``keyfile`` would then surface as a puzzling "Permission denied".
    """
    if path is None:
        return None
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{what} must be a path (str or os.PathLike), not {type(path).__name__}")
    text = os.fspath(path)
    if not isinstance(text, str):
        text = os.fsdecode(text)
    text = os.path.expanduser(text)
    if not os.path.isfile(text):
        raise FileNotFoundError(f"{what} {text!r} does not exist or is not a file")
    return text


def check_password(password: object) -> str | None:
    """Return ``password`` (None stays None); it must be a str without line breaks."""
    if password is None:
        return None
    if not isinstance(password, str):
        raise TypeError(f"password must be a str, not {type(password).__name__}")
    if "\n" in password or "\r" in password or "\0" in password:
        raise ValueError("password may not contain line breaks or NUL characters")
    return password


class TunnelArguments(NamedTuple):
    """The checked arguments of a tunnel (OpenSSH or paramiko)."""

    lport: int
    rport: int
    server: SSHServer
    remoteip: str
    keyfile: str | None
    known_hosts: str | None
    password: str | None
    timeout: float
    connect_timeout: float


def check_tunnel_arguments(lport: object, rport: object, server: str, remoteip: object, keyfile: object,
                           known_hosts: object, password: object, timeout: object,
                           connect_timeout: object) -> TunnelArguments:
    """Every argument of ``openssh_tunnel``/``paramiko_tunnel`` checked, in that order."""
    return TunnelArguments(
        lport=check_port(lport, "lport"),
        rport=check_port(rport, "rport"),
        server=parse_server(server),
        remoteip=check_host(remoteip, "remoteip"),
        keyfile=check_file(keyfile, "keyfile"),
        known_hosts=check_file(known_hosts, "known_hosts"),
        password=check_password(password),
        timeout=check_seconds(timeout, "timeout"),
        connect_timeout=check_seconds(connect_timeout, "connect_timeout"),
    )
