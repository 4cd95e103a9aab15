# SPDX-License-Identifier: BSD-3-Clause
"""pyzmq's ``zmq.sugar.poll``: ``Poller`` and ``select`` are ``zmq``'s."""

from zmq import Poller, select

__all__ = ["Poller", "select"]
