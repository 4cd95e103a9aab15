# SPDX-License-Identifier: BSD-3-Clause
"""Legacy names for code written against pyzmq 2.1/2.2, each with a DeprecationWarning.

Installing zmq-compat is the only switch: the core finds what each legacy name
does through the entry points this distribution declares (group
``zmq.legacy``), on the first use of such a name. Nothing needs importing:

>>> import zmq
>>> zmq.Message is zmq.Frame        # DeprecationWarning: use zmq.Frame
True

The names: ``zmq.Message``, ``zmq.UPSTREAM``/``zmq.DOWNSTREAM``,
``Socket.send_unicode``/``recv_unicode``/``setsockopt_unicode``/
``getsockopt_unicode``, ``Socket.send_multipart(..., prefix=...)``,
``MessageTracker.old_wait``, with zmq-eventloop ``ZMQStream.send_unicode``, and
the module ``zmq.utils.strtypes`` (:mod:`zmq.compat.strtypes`).
"""

__version__ = "0.1.0"
