# SPDX-License-Identifier: BSD-3-Clause
"""Experimental: tornado request handlers run in backend processes, with the
requests load-balanced to them over zmq (DEALER/ROUTER).

Frontend (the process with the HTTP server)::

    proxy = ZMQApplicationProxy()
    proxy.bind("tcp://127.0.0.1:5555")
    tornado.web.Application([(r"/.*", ZMQRequestHandlerProxy, {"proxy": proxy, "timeout": 5000})]).listen(8888)

Backend (any number of processes, ordinary tornado handlers)::

    app = ZMQApplication([(r"/hello", HelloHandler)])
    app.connect("tcp://127.0.0.1:5555")

For replies sent chunk by chunk as the handler flushes, use
:class:`ZMQStreamingApplicationProxy` with ``http_request_class=ZMQStreamingHTTPRequest``.
``python -m zmq.web.example`` runs a frontend with N backend processes.

Part of the zmq-web distribution (BSD-3-Clause).
"""

__version__ = "0.1.0"

from .proxy import ZMQApplicationProxy, ZMQRequestHandlerProxy, ZMQStreamingApplicationProxy
from .zmqweb import (
    ZMQApplication,
    ZMQHTTPConnection,
    ZMQHTTPRequest,
    ZMQStreamingHTTPConnection,
    ZMQStreamingHTTPRequest,
)

__all__ = [
    "ZMQApplication",
    "ZMQApplicationProxy",
    "ZMQHTTPConnection",
    "ZMQHTTPRequest",
    "ZMQRequestHandlerProxy",
    "ZMQStreamingApplicationProxy",
    "ZMQStreamingHTTPConnection",
    "ZMQStreamingHTTPRequest",
]
