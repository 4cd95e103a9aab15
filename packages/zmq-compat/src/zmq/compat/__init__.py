# SPDX-License-Identifier: BSD-3-Clause
"""The pyzmq 2.1/2.2 names gone from pyzmq 27, each with a DeprecationWarning.

Installing zmq-compat is the only switch: the core finds what each legacy name
does through the entry points this distribution declares (group
``zmq.legacy``), on the first use of such a name. Nothing needs importing:

>>> import zmq
>>> zmq.UPSTREAM == zmq.PULL        # DeprecationWarning: use zmq.PULL
True

The names: ``zmq.UPSTREAM``/``zmq.DOWNSTREAM``,
``Socket.send_multipart(..., prefix=...)``, ``MessageTracker.old_wait`` and the
module ``zmq.utils.strtypes`` (:mod:`zmq.compat.strtypes`). The old names
pyzmq 27 still keeps as plain aliases (``zmq.Message``, the ``*_unicode``
methods) need no plugin: zmq-core serves them, without a warning unless
``ZMQ_LEGACY_WARNINGS=1`` (see ``zmq.utils.legacy``).
"""

__version__ = "0.1.0"
