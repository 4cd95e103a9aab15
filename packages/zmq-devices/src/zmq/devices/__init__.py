# SPDX-License-Identifier: BSD-3-Clause
"""Devices, monitored queues and proxies that run in background threads or
processes.

Part of the zmq-devices distribution (BSD-3-Clause); the features arrive in
later releases of it.
"""

__version__ = "0.1.0"
