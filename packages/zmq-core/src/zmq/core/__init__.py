# SPDX-License-Identifier: LGPL-3.0-or-later
"""The core of zmq: everything ``import zmq`` publishes comes from here."""

from __future__ import annotations

from .. import constants
from ._zmq import (
    COPY_THRESHOLD,
    EXIT_LINGER,
    SPIN_US,
    Frame,
    curve_keypair,
    curve_public,
    device,
    has,
    last_errno as zmq_errno,
    proxy,
    proxy_steerable,
    strerror,
)
from ..constants import *  # noqa: F403  (the enums and their members)
from .context import Context
from .error import (
    Again,
    ContextTerminated,
    InterruptedSystemCall,
    NotDone,
    ZMQBaseError,
    ZMQBindError,
    ZMQError,
    ZMQVersionError,
)
from .plugins import install_missing_plugin_hint, plugins
from .poll import Poller, select, zmq_poll
from .socket import Socket
from .stopwatch import Stopwatch
from .tracker import _FINISHED_TRACKER, MessageTracker
from .version import (
    VERSION_EXTRA,
    VERSION_MAJOR,
    VERSION_MINOR,
    VERSION_PATCH,
    __revision__,
    __version__,
    version_info,
    pyzmq_version,
    pyzmq_version_info,
    zmq_version,
    zmq_version_info,
)
from ._zmq import DRAFT_API, IPC_PATH_MAX_LEN, PYZMQ_DRAFT_API

from .options import bytes_sockopts, fd_sockopts, int64_sockopts, int_sockopts

install_missing_plugin_hint()  # ``import zmq.web`` without zmq-web names what to install

# pyzmq's names for the synchronous classes, for code that also uses zmq.asyncio
SyncContext = Context
SyncSocket = Socket

__all__ = [
    "Context",
    "Socket",
    "SyncContext",
    "SyncSocket",
    "Frame",
    "MessageTracker",
    "Poller",
    "select",
    "zmq_poll",
    "proxy",
    "proxy_steerable",
    "device",
    "curve_keypair",
    "curve_public",
    "Stopwatch",
    "COPY_THRESHOLD",
    "SPIN_US",
    "EXIT_LINGER",
    "ZMQBaseError",
    "ZMQError",
    "Again",
    "ContextTerminated",
    "InterruptedSystemCall",
    "ZMQBindError",
    "NotDone",
    "ZMQVersionError",
    "has",
    "strerror",
    "zmq_errno",
    "plugins",
    # the names of version.py, spelled out: type checkers do not follow
    # ``__all__ += version.__all__`` through ``from zmq.core import *``
    "zmq_version",
    "zmq_version_info",
    "pyzmq_version",
    "pyzmq_version_info",
    "__version__",
    "VERSION_MAJOR",
    "VERSION_MINOR",
    "VERSION_PATCH",
    "VERSION_EXTRA",
    "version_info",
    "IPC_PATH_MAX_LEN",
    "DRAFT_API",
    "PYZMQ_DRAFT_API",
    "bytes_sockopts",
    "int_sockopts",
    "int64_sockopts",
    "fd_sockopts",
    "_FINISHED_TRACKER",  # pyzmq's __all__ has these two as well
    "__revision__",
]
__all__ += constants.__all__
