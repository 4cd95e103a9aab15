# SPDX-License-Identifier: LGPL-3.0-or-later
# Zero-copy buffers lent to libzmq, and MessageTracker.
# Included by _zmq.pyx (one compilation unit), which holds the cimports and imports.

# Set to 0 at interpreter exit: libzmq threads must not schedule Python calls then.
cdef int _python_alive = 1


cdef class MessageTracker:
    """Tracks zero-copy messages until libzmq (and Python) release their buffers.

    ``MessageTracker(*towatch)`` accepts ``threading.Event`` objects, other
    trackers and tracked Frames. ``done`` is True once all of them are;
    ``wait(timeout)`` blocks until then. A zero-copy send returns the
    tracker of its one message, which costs no allocation of its own.
    """

    cdef list _peers

    def __init__(self, *towatch):
        self._peers = []
        for item in towatch:
            if isinstance(item, MessageTracker):
                self._peers.append(item)
            elif isinstance(item, Frame):
                if item.tracker is None:
                    raise ValueError("this Frame is not tracked (create it with track=True)")
                self._peers.append(item.tracker)
            elif hasattr(item, "is_set") and hasattr(item, "wait"):
                self._peers.append(item)
            else:
                raise TypeError("cannot track %s" % type(item).__name__)

    @property
    def done(self):
        """True when every tracked buffer has been released."""
        if self._peers is None:
            return True
        for peer in self._peers:
            finished = peer.is_set() if hasattr(peer, "is_set") else peer.done
            if not finished:
                return False
        return True

    def wait(self, timeout=-1):
        """Block until ``done``; ``timeout`` in seconds (negative: forever).

        Raises NotDone when the timeout passes first.
        """
        deadline = None if timeout is None or timeout < 0 else _time.monotonic() + timeout
        pause = 0.0001
        while not self.done:
            if deadline is not None and _time.monotonic() >= deadline:
                raise NotDone("the tracked messages were not released within %ss" % timeout)
            _time.sleep(pause)
            pause = min(pause * 2, 0.01)

    #: the 2.x busy-wait: served by zmq-compat, AttributeError without it
    old_wait = LegacyAttribute("MessageTracker.old_wait")

    def __repr__(self):
        count = 1 if self._peers is None else len(self._peers)
        return "<zmq.MessageTracker(%i tracked, %s)>" % (count, "done" if self.done else "pending")


#: the tracker of a send whose data was copied: finished from the start
_FINISHED_TRACKER = MessageTracker()


@cython.final
cdef class _Release(MessageTracker):
    """Holds a buffer for libzmq until the message sharing it is freed.

    libzmq owns one reference to this object from ``zmq_msg_init_data`` until
    its free function has run and ``_drain_released`` has dropped it. It is
    also the MessageTracker of that one message.
    """

    cdef zmqpy_release_node node
    cdef Py_buffer view
    cdef bint has_view

    @property
    def done(self):
        """True once libzmq has freed the message that used this buffer."""
        if zmqpy_is_released(&self.node) == 0:
            return False
        if self.has_view:
            # Let go of the buffer now, not at the next drain: whoever sees
            # done may resize or reuse it at once. The drain skips the view.
            PyBuffer_Release(&self.view)
            self.has_view = False
        return True

    def __dealloc__(self):
        if self.has_view:
            PyBuffer_Release(&self.view)
            self.has_view = False


cdef _Release _acquire(object data):
    """A release handle holding ``data``'s buffer (TypeError if it has none)."""
    cdef _Release rel = _Release.__new__(_Release)
    PyObject_GetBuffer(data, &rel.view, PyBUF_ANY_CONTIGUOUS)
    rel.has_view = True
    rel.node.owner = <void *>rel
    rel.node.released = 0
    return rel


# Non-zero while a thread holding the GIL closes a message with _close_msg,
# which drains right after: its own frees need no pending call.
cdef int _closing_inline = 0


cdef void _free_released(void *data, void *hint) noexcept nogil:
    # Runs in whichever thread frees the message (often a libzmq I/O thread):
    # no Python API here beyond scheduling the drain in the main thread.
    if zmqpy_push_released(<zmqpy_release_node *>hint) and _python_alive:
        if _closing_inline and PyGILState_Check():
            return
        Py_AddPendingCall(_drain_pending_call, NULL)


cdef inline void _close_msg(zmq_msg_t *msg) noexcept:
    """zmq_msg_close with the GIL held; buffers it frees are released at once."""
    global _closing_inline
    _closing_inline += 1
    zmq_msg_close(msg)
    _closing_inline -= 1
    if zmqpy_any_released():
        _drain_released()


cdef int _drain_pending_call(void *arg) noexcept:
    _drain_released()
    return 0


cdef void _drain_released() noexcept:
    """Drop libzmq's references to every buffer it has freed (GIL held)."""
    cdef zmqpy_release_node *node = zmqpy_take_released()
    cdef zmqpy_release_node *following
    cdef _Release rel
    while node != NULL:
        following = node.next
        rel = <_Release>node.owner
        # the buffer is free now, even if a tracker keeps the handle alive
        if rel.has_view:
            PyBuffer_Release(&rel.view)
            rel.has_view = False
        Py_DECREF(rel)
        rel = None
        node = following


def _collect_released():
    """Release the buffers libzmq is done with now (normally done automatically)."""
    _drain_released()


def _stop_scheduling_drains():
    global _python_alive
    _python_alive = 0


atexit.register(_stop_scheduling_drains)


cdef int _init_zero_copy(zmq_msg_t *msg, _Release rel) except -1:
    """Point ``msg`` at ``rel``'s buffer; libzmq holds ``rel`` until it frees ``msg``."""
    if zmqpy_any_released():
        _drain_released()
    Py_INCREF(rel)
    if zmq_msg_init_data(msg, rel.view.buf, rel.view.len, _free_released, &rel.node) < 0:
        Py_DECREF(rel)
        return _raise_errno(zmq_errno())
    return 0


cdef object _tracker_of(_Release rel):
    """The MessageTracker of ``rel``'s message: ``rel`` itself (no allocation)."""
    return rel
