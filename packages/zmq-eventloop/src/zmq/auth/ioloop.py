# SPDX-License-Identifier: BSD-3-Clause
"""Deprecated: ``IOLoopAuthenticator``, ZAP authentication on tornado's IOLoop.

Kept for code written for older pyzmq (which deprecates it too): importing
this module warns ``DeprecationWarning``. tornado runs on asyncio, so this is
:class:`zmq.auth.asyncio.AsyncioAuthenticator` taking an ``io_loop``. Part of
the zmq-eventloop distribution.
"""

from __future__ import annotations

import logging
import warnings
from typing import Any

import zmq
from zmq.auth.asyncio import AsyncioAuthenticator

warnings.warn(
    "zmq.auth.ioloop.IOLoopAuthenticator is deprecated: use zmq.auth.asyncio.AsyncioAuthenticator",
    DeprecationWarning,
    stacklevel=2,
)


class IOLoopAuthenticator(AsyncioAuthenticator):
    """ZAP authentication served on a tornado IOLoop (deprecated; an AsyncioAuthenticator).

    ``io_loop``: a tornado IOLoop (its asyncio loop is used) or an asyncio
    loop; by default the loop running when ``start()`` is called.
    """

    def __init__(
        self,
        context: zmq.Context | None = None,
        encoding: str = "utf-8",
        log: logging.Logger | None = None,
        io_loop: Any = None,
    ) -> None:
        loop = getattr(io_loop, "asyncio_loop", io_loop)
        super().__init__(context, loop, encoding, log)


__all__ = ["IOLoopAuthenticator"]
