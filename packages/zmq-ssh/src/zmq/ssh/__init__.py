# SPDX-License-Identifier: BSD-3-Clause
"""Tunnel zmq connections through ssh, with OpenSSH or paramiko.

Part of the zmq-ssh distribution (BSD-3-Clause); the features arrive in
later releases of it.
"""

__version__ = "0.1.0"
