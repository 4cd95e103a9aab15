# SPDX-License-Identifier: BSD-3-Clause
"""pyzmq's ``zmq.backend``: the low-level names, under their pyzmq module path.

pyzmq splits its classes into a compiled backend and Python "sugar"; this
binding has one class of each (``zmq.backend.Socket is zmq.Socket``), so code
that names ``zmq.backend.Socket``, ``zmq.backend.Frame`` or
``zmq.backend.zmq_poll`` gets the public ``zmq`` object. ``zmq`` imports this
package on first access of ``zmq.backend``.
"""

from zmq import (
    IPC_PATH_MAX_LEN,
    PYZMQ_DRAFT_API,
    Context,
    Frame,
    Socket,
    curve_keypair,
    curve_public,
    has,
    proxy,
    proxy_steerable,
    strerror,
    zmq_errno,
    zmq_poll,
    zmq_version_info,
)

#: the pyzmq 2.x name of Frame (a plain alias, as in pyzmq 27)
Message = Frame


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    """``monitored_queue`` comes from zmq-devices, imported on first use."""
    if name == "monitored_queue":
        from zmq.devices import monitored_queue

        return monitored_queue
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Context",
    "Socket",
    "Frame",
    "Message",
    "IPC_PATH_MAX_LEN",
    "PYZMQ_DRAFT_API",
    "curve_keypair",
    "curve_public",
    "has",
    "proxy",
    "proxy_steerable",
    "strerror",
    "zmq_errno",
    "zmq_poll",
    "zmq_version_info",
]
