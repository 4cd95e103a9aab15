# SPDX-License-Identifier: BSD-3-Clause
"""pyzmq's ``zmq.sugar`` module paths, as aliases of the public ``zmq`` names.

pyzmq defines its Python classes in ``zmq.sugar.*`` modules, and some code
names them there (``zmq.sugar.socket.Socket`` in jupyter_client's
annotations). Here every such name is the very object ``import zmq`` gives
(``zmq.sugar.socket.Socket is zmq.Socket``); nothing is defined twice. ``zmq``
imports this package on first access of ``zmq.sugar``, not at ``import zmq``.
"""

from zmq import (
    Again,
    Context,
    ContextTerminated,
    Frame,
    InterruptedSystemCall,
    MessageTracker,
    NotDone,
    Poller,
    Socket,
    Stopwatch,
    ZMQBaseError,
    ZMQBindError,
    ZMQError,
    ZMQVersionError,
    _FINISHED_TRACKER,
    device,
    proxy,
    pyzmq_version,
    pyzmq_version_info,
    select,
    zmq_version,
    zmq_version_info,
)
from zmq import DeviceType  # noqa: F401  (pyzmq exports it here too)

from . import attrsettr, context, frame, poll, socket, stopwatch, tracker, version  # noqa: F401
from .frame import Message  # noqa: F401
from .context import SyncContext  # noqa: F401
from .socket import SyncSocket  # noqa: F401

__all__ = [
    "Again",
    "Context",
    "ContextTerminated",
    "Frame",
    "InterruptedSystemCall",
    "Message",
    "MessageTracker",
    "NotDone",
    "Poller",
    "Socket",
    "Stopwatch",
    "SyncContext",
    "SyncSocket",
    "ZMQBaseError",
    "ZMQBindError",
    "ZMQError",
    "ZMQVersionError",
    "device",
    "proxy",
    "pyzmq_version",
    "pyzmq_version_info",
    "select",
    "zmq_version",
    "zmq_version_info",
]
