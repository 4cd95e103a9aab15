# SPDX-License-Identifier: BSD-3-Clause
"""pyzmq's ``zmq.sugar.context``: ``Context`` is ``zmq.Context``."""

from zmq import Context

#: pyzmq's name for the blocking (non-async) context class: ``zmq.Context``
SyncContext = Context

__all__ = ["Context", "SyncContext"]
