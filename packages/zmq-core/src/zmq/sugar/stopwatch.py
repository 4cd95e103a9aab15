# SPDX-License-Identifier: BSD-3-Clause
"""pyzmq's ``zmq.sugar.stopwatch``: ``Stopwatch`` is ``zmq.Stopwatch``."""

from zmq import Stopwatch

__all__ = ["Stopwatch"]
