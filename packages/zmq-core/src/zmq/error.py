# SPDX-License-Identifier: BSD-3-Clause
"""pyzmq's ``zmq.error``: the exception classes of ``zmq``, under their pyzmq module path.

``zmq.error.ZMQError is zmq.ZMQError``; code that catches
``zmq.error.ZMQError`` or ``zmq.error.Again`` works unchanged. ``zmq`` imports
this module on first access of ``zmq.error``.
"""

from zmq import (
    Again,
    ContextTerminated,
    InterruptedSystemCall,
    NotDone,
    ZMQBaseError,
    ZMQBindError,
    ZMQError,
    ZMQVersionError,
)

__all__ = [
    "ZMQBaseError",
    "ZMQBindError",
    "ZMQError",
    "NotDone",
    "ContextTerminated",
    "InterruptedSystemCall",
    "Again",
    "ZMQVersionError",
]
