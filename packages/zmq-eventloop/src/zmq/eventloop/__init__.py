# SPDX-License-Identifier: BSD-3-Clause
"""tornado IOLoop integration for zmq sockets: ``zmq.eventloop.ioloop`` and
``zmq.eventloop.zmqstream.ZMQStream``.

Part of the zmq-eventloop distribution (BSD-3-Clause); the features arrive in
later releases of it.
"""

__version__ = "0.1.0"
