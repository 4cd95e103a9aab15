# SPDX-License-Identifier: LGPL-3.0-or-later
"""MessageTracker: tells when libzmq is done with the buffers of sent messages."""

from __future__ import annotations

import time

from ..utils.legacy import LegacyAttribute
from .error import NotDone

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class MessageTracker:
    """Tracks zero-copy messages until libzmq (and Python) release their buffers.

    ``MessageTracker(*towatch)`` accepts ``threading.Event`` objects, other
    trackers, tracked Frames, and the release handles the core creates.
    ``done`` is True once all of them are; ``wait(timeout)`` blocks until then.
    """

    def __init__(self, *towatch: Any) -> None:
        from ._zmq import Frame, _Release

        self._peers: list[Any] = []
        for item in towatch:
            if isinstance(item, (MessageTracker, _Release)):
                self._peers.append(item)
            elif isinstance(item, Frame):
                if item.tracker is None:
                    raise ValueError("this Frame is not tracked (create it with track=True)")
                self._peers.append(item.tracker)
            elif hasattr(item, "is_set") and hasattr(item, "wait"):
                self._peers.append(item)
            else:
                raise TypeError(f"cannot track {type(item).__name__}")

    @property
    def done(self) -> bool:
        """True when every tracked buffer has been released."""
        for peer in self._peers:
            finished = peer.is_set() if hasattr(peer, "is_set") else peer.done
            if not finished:
                return False
        return True

    def wait(self, timeout: float = -1) -> None:
        """Block until ``done``; ``timeout`` in seconds (negative: forever).

        Raises NotDone when the timeout passes first.
        """
        deadline = None if timeout is None or timeout < 0 else time.monotonic() + timeout
        pause = 0.0001
        while not self.done:
            if deadline is not None and time.monotonic() >= deadline:
                raise NotDone(f"the tracked messages were not released within {timeout}s")
            time.sleep(pause)
            pause = min(pause * 2, 0.01)

    #: the 2.x busy-wait: served by zmq-compat, AttributeError without it
    old_wait = LegacyAttribute()

    def __repr__(self) -> str:
        state = "done" if self.done else "pending"
        return f"<zmq.MessageTracker({len(self._peers)} tracked, {state})>"


#: the tracker of a send whose data was copied: finished from the start
_FINISHED_TRACKER = MessageTracker()
