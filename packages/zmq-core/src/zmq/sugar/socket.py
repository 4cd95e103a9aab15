# SPDX-License-Identifier: BSD-3-Clause
"""pyzmq's ``zmq.sugar.socket``: ``Socket`` is ``zmq.Socket``."""

from zmq import Socket

#: pyzmq's name for the blocking (non-async) socket class: ``zmq.Socket``
SyncSocket = Socket

__all__ = ["Socket", "SyncSocket"]
