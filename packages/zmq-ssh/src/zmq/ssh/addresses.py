# SPDX-License-Identifier: BSD-3-Clause
"""Parsing of ssh server strings (``user@host:port``) and zmq tcp addresses."""

from __future__ import annotations

import getpass
import ipaddress
from typing import NamedTuple

__all__ = ["SSHServer", "parse_server", "parse_tcp_address", "check_port", "check_host"]

DEFAULT_SSH_PORT = 22


class SSHServer(NamedTuple):
    """An ssh server to log in to: user name, host name or IP, and port."""

    user: str
    host: str
    port: int

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.user}@{host}:{self.port}"


def check_port(port: object, what: str = "port") -> int:
    """Return ``port`` if it is an int in 1..65535, else raise TypeError/ValueError."""
    if isinstance(port, bool) or not isinstance(port, int):
        raise TypeError(f"{what} must be an int, not {type(port).__name__}")
    if not 1 <= port <= 65535:
        raise ValueError(f"{what} must be in 1..65535, got {port}")
    return port


def check_host(host: object, what: str = "host") -> str:
    """Return ``host`` if it is a plausible host name or IP address (for ssh's command line)."""
    if not isinstance(host, str):
        raise TypeError(f"{what} must be a str, not {type(host).__name__}")
    _check_name(host, what, host)
    return host


def _parse_port(text: str, whole: str) -> int:
    if not text.isdigit():
        raise ValueError(f"malformed port {text!r} in {whole!r}")
    port = int(text)
    if not 1 <= port <= 65535:
        raise ValueError(f"port {port} out of range 1..65535 in {whole!r}")
    return port


def _check_name(name: str, what: str, whole: str) -> None:
    # A leading '-' would be read by ssh as an option: refuse it outright.
    if not name:
        raise ValueError(f"missing {what} in {whole!r}")
    if name.startswith("-"):
        raise ValueError(f"{what} may not start with '-' in {whole!r}")
    if any(ch.isspace() or not ch.isprintable() for ch in name):
        raise ValueError(f"{what} contains whitespace or control characters in {whole!r}")


def _split_host_port(text: str, whole: str) -> tuple[str, int | None]:
    """Split ``host``, ``host:port``, ``[v6]`` or ``[v6]:port``."""
    if text.startswith("["):
        end = text.find("]")
        if end < 0:
            raise ValueError(f"unclosed '[' in {whole!r}")
        host, rest = text[1:end], text[end + 1 :]
        if not rest:
            return host, None
        if not rest.startswith(":"):
            raise ValueError(f"unexpected {rest!r} after ']' in {whole!r}")
        return host, _parse_port(rest[1:], whole)
    if text.count(":") == 1:
        host, _, port = text.partition(":")
        return host, _parse_port(port, whole)
    if ":" in text:  # several colons: only a bare IPv6 literal (no port) makes sense
        try:
            ipaddress.IPv6Address(text.split("%", 1)[0])
        except ValueError:
            raise ValueError(f"malformed host:port {text!r} in {whole!r} "
                             "(write IPv6 addresses as [addr]:port)") from None
    return text, None


def parse_server(server: str) -> SSHServer:
    """Parse an ssh server string ``[user@]host[:port]``.

    The user defaults to the local user name (``getpass.getuser()``) and the
    port to 22. IPv6 hosts may be written ``user@[::1]:2222``. Raises
    ``TypeError`` for a non-string and ``ValueError`` for a malformed string.
    """
    if not isinstance(server, str):
        raise TypeError(f"server must be a str like 'user@host:port', not {type(server).__name__}")
    user, at, hostport = server.rpartition("@")
    if not at:
        user = getpass.getuser()
    else:
        _check_name(user, "user name", server)
    host, port = _split_host_port(hostport, server)
    _check_name(host, "host", server)
    return SSHServer(user, host, DEFAULT_SSH_PORT if port is None else port)


def parse_tcp_address(addr: str) -> tuple[str, int]:
    """Split a zmq address ``tcp://host:port`` into ``(host, port)``.

    Only ``tcp://`` can be tunnelled. The host is resolved by the ssh server,
    so names that only the server knows are fine. Raises ``TypeError`` for a
    non-string and ``ValueError`` for anything else than ``tcp://host:port``.
    """
    if not isinstance(addr, str):
        raise TypeError(f"addr must be a str like 'tcp://host:port', not {type(addr).__name__}")
    scheme, sep, rest = addr.partition("://")
    if not sep:
        raise ValueError(f"malformed address {addr!r}: expected 'tcp://host:port'")
    if scheme != "tcp":
        raise ValueError(f"only tcp:// addresses can be tunnelled, not {scheme!r} ({addr!r})")
    if ";" in rest:
        raise ValueError(f"a source address ('src;dest') cannot be tunnelled: {addr!r}")
    host, port = _split_host_port(rest, addr)
    if port is None:
        raise ValueError(f"missing port in {addr!r}: expected 'tcp://host:port'")
    _check_name(host, "host", addr)
    if host == "*":
        raise ValueError(f"'*' is a bind address, not one to connect to: {addr!r}")
    return host, port
