# SPDX-License-Identifier: BSD-3-Clause
"""Tunnel zmq connections through ssh, with OpenSSH or paramiko.

>>> from zmq.ssh import tunnel_connection
>>> tunnel = tunnel_connection(sock, "tcp://10.0.0.5:5555", "me@gateway")

See :mod:`zmq.ssh.tunnel`. Importing this package is cheap: paramiko is only
imported by the child process of a paramiko tunnel.
"""

__version__ = "0.1.0"

from .errors import (  # noqa: E402
    SSHAuthenticationError,
    SSHConnectionError,
    SSHForwardError,
    SSHHostKeyError,
    SSHTimeoutError,
    SSHTunnelError,
)
from .process import Tunnel  # noqa: E402
from .tunnel import (  # noqa: E402
    open_tunnel,
    openssh_tunnel,
    paramiko_tunnel,
    select_random_ports,
    ssh_tunnel,
    try_passwordless_ssh,
    tunnel_connection,
)

__all__ = [
    "tunnel_connection",
    "ssh_tunnel",
    "openssh_tunnel",
    "paramiko_tunnel",
    "try_passwordless_ssh",
]
