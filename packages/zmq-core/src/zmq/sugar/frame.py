# SPDX-License-Identifier: BSD-3-Clause
"""pyzmq's ``zmq.sugar.frame``: ``Frame`` is ``zmq.Frame``, ``Message`` its old name."""

from zmq import Frame

#: the pyzmq 2.x name of Frame, which pyzmq 27 keeps as a plain alias
Message = Frame

__all__ = ["Frame", "Message"]
