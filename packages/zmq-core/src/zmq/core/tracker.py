# SPDX-License-Identifier: LGPL-3.0-or-later
"""MessageTracker: tells when libzmq is done with the buffers of sent messages.

The class is compiled (zmq/core/_zmq.pyx): the release handle of every
zero-copy send is itself the tracker of that message.
"""

from ._zmq import _FINISHED_TRACKER, MessageTracker

__all__ = ["MessageTracker", "_FINISHED_TRACKER"]
