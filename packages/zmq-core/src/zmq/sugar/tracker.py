# SPDX-License-Identifier: BSD-3-Clause
"""pyzmq's ``zmq.sugar.tracker``: ``MessageTracker`` is ``zmq.MessageTracker``."""

from zmq import _FINISHED_TRACKER, MessageTracker  # noqa: F401

__all__ = ["MessageTracker"]
