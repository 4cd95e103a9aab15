# SPDX-License-Identifier: BSD-3-Clause
"""tornado IOLoop integration for zmq sockets.

* :mod:`zmq.eventloop.zmqstream`: ``ZMQStream``, callbacks on any tornado loop;
* :mod:`zmq.eventloop.future`: the :mod:`zmq.asyncio` API with tornado Futures;
* :mod:`zmq.eventloop.ioloop`: tornado's ``IOLoop``, and ``ZMQIOLoop`` for
  level-triggered zmq socket handlers.

Importing any of them changes nothing in tornado. Part of the zmq-eventloop
distribution (BSD-3-Clause).
"""

__version__ = "0.1.0"
