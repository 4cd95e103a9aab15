# SPDX-License-Identifier: BSD-3-Clause
"""Exceptions raised when an ssh tunnel cannot be set up.

Every failure to start a tunnel is an :class:`SSHTunnelError` (a
``RuntimeError``, as pyzmq raised for a failed ``ssh`` run); the subclasses
say which step failed, so callers can tell a wrong password from a down host.
Malformed arguments raise ``ValueError``/``TypeError`` before anything runs.
"""

from __future__ import annotations

__all__ = [
    "SSHTunnelError",
    "SSHConnectionError",
    "SSHAuthenticationError",
    "SSHHostKeyError",
    "SSHForwardError",
    "SSHTimeoutError",
]


class SSHTunnelError(RuntimeError):
    """An ssh tunnel could not be set up; the message includes what ssh said."""


class SSHConnectionError(SSHTunnelError, ConnectionError):
    """The ssh server could not be reached: unknown host, refused or unreachable."""


class SSHAuthenticationError(SSHTunnelError):
    """The ssh server refused the key or the password."""


class SSHHostKeyError(SSHTunnelError):
    """The server's host key is unknown or does not match the known one."""


class SSHForwardError(SSHTunnelError):
    """Authentication worked but the port forward could not be opened."""


class SSHTimeoutError(SSHTunnelError, TimeoutError):
    """Setting up the tunnel took longer than ``connect_timeout``."""
