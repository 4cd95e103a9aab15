# SPDX-License-Identifier: BSD-3-Clause
"""Awaitable zmq sockets for asyncio: ``Context``, ``Socket`` and ``Poller`` whose
send, recv and poll return awaitables.

Part of the zmq-eventloop distribution (BSD-3-Clause); the features arrive in
later releases of it.
"""
