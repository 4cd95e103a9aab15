# SPDX-License-Identifier: BSD-3-Clause
"""ZAP authentication (ZeroMQ RFC 27) for NULL, PLAIN and CURVE sockets.

* :class:`Authenticator`: the policy (allowed/denied addresses, PLAIN
  passwords, CURVE keys per domain) and the ZAP request handling; you drive its
  socket yourself.
* :class:`ThreadAuthenticator` (``zmq.auth.thread``): runs it in a background
  thread. ``zmq.auth.asyncio.AsyncioAuthenticator`` (from zmq-eventloop) runs it
  in an asyncio loop.
* ``zmq.auth.certs``: CURVE certificate files, compatible with czmq's.
"""

# zmq.auth.asyncio comes from the zmq-eventloop distribution: when that is
# installed elsewhere on sys.path (editable, mixed with wheels), its zmq/auth/
# directory joins this package's search path, as zmq/__init__.py does for zmq.
# (By __name__, so that a vendored copy extends its own path, not zmq.auth's.)
def _extend_path(path: list[str]) -> list[str]:
    import os
    import sys

    path = list(path)
    for entry in sys.path:
        candidate = os.path.join(entry or os.curdir, *__name__.split("."))  # zmq/auth
        if isinstance(entry, str) and candidate not in path and os.path.isdir(candidate):
            path.append(candidate)
    return path


__path__ = _extend_path(__path__)

from .base import CURVE_ALLOW_ANY, Authenticator, ZAPRequest  # noqa: E402
from .certs import create_certificates, load_certificate, load_certificates  # noqa: E402
from .thread import ThreadAuthenticator  # noqa: E402

__all__ = [
    "CURVE_ALLOW_ANY",
    "Authenticator",
    "ThreadAuthenticator",
    "ZAPRequest",
    "create_certificates",
    "load_certificate",
    "load_certificates",
]
