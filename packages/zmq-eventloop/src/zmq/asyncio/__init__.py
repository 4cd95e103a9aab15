# SPDX-License-Identifier: BSD-3-Clause
"""Awaitable zmq sockets for asyncio: ``Context``, ``Socket`` and ``Poller``.

::

    import zmq.asyncio

    ctx = zmq.asyncio.Context()
    sock = ctx.socket(zmq.PULL)
    msg = await sock.recv_multipart()

``recv``, ``send``, ``poll`` and every helper (``recv_string``, ``send_json``,
...) return asyncio futures. Importing this module does not import tornado.
Part of the zmq-eventloop distribution (BSD-3-Clause).
"""

from __future__ import annotations

import warnings

from ._poller import Poller
from ._socket import Context, Socket

for _public in (Context, Socket, Poller):
    _public.__module__ = __name__  # documented (and shown in reprs) as zmq.asyncio.X
del _public


def install() -> None:
    """Deprecated no-op: zmq.asyncio works on any asyncio selector loop."""
    warnings.warn(
        "zmq.asyncio.install() is not needed: zmq.asyncio works on the default asyncio loop",
        DeprecationWarning,
        stacklevel=2,
    )


__all__ = ["Context", "Poller", "Socket", "install"]
