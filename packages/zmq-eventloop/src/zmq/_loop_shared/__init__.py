# SPDX-License-Identifier: BSD-3-Clause
"""Internals shared by :mod:`zmq.asyncio` and :mod:`zmq.eventloop` (zmq-eventloop).

:mod:`.watcher` turns a zmq socket's edge-triggered ``FD`` into
level-triggered callbacks on an asyncio loop; the awaitable sockets and
pollers of ``zmq.asyncio``, ``ZMQStream`` and ``ZMQIOLoop.add_handler`` are
all listeners of it, so one socket can serve several of them at once.
Nothing here imports tornado.
"""
