# SPDX-License-Identifier: LGPL-3.0-or-later
# Frame, one message part.
# Included by _zmq.pyx (one compilation unit), which holds the cimports and imports.

@cython.final
cdef class _MessageView:
    """Buffer exporter holding its own reference to a message's content.

    ``Frame.buffer`` is a memoryview of one of these rather than of the Frame,
    so that caching it in the Frame creates no reference cycle (which would
    keep the message, and a zero-copy sender's buffer, alive until the next
    garbage collection).
    """

    cdef zmq_msg_t msg
    cdef bint readonly

    def __cinit__(self):
        zmq_msg_init(&self.msg)

    def __dealloc__(self):
        _close_msg(&self.msg)

    def __getbuffer__(self, Py_buffer *buffer, int flags):
        PyBuffer_FillInfo(
            buffer, self, zmq_msg_data(&self.msg), zmq_msg_size(&self.msg), self.readonly, flags
        )



cdef class Frame:
    """One message part, sharing its memory with libzmq (zero-copy).

    ``Frame(data=None, track=False, copy=None, copy_threshold=None)`` wraps any
    object with the buffer protocol without copying it (small data is copied:
    below ``copy_threshold``, default ``zmq.COPY_THRESHOLD``, or with
    ``copy=True``). Received frames (``recv(copy=False)``) hold the message
    libzmq delivered; their memory is never reused by later receives. A Frame
    can be sent many times. ``bytes`` and ``buffer`` give cached views of the
    content; ``more`` tells whether more parts follow; with ``track=True``,
    ``tracker`` tells when libzmq no longer uses the buffer.
    """

    def __cinit__(self, data=None, track=False, copy=None, copy_threshold=None, **kwargs):
        cdef _Release rel
        cdef Py_ssize_t threshold
        zmq_msg_init(&self.zmq_msg)
        self.more = False
        self.tracker = None
        self._readonly = False
        if data is None:
            if track:
                self.tracker = _FINISHED_TRACKER
            return
        if isinstance(data, str):
            raise TypeError("str cannot be a Frame: encode it to bytes first")
        rel = _acquire(data)
        self._readonly = rel.view.readonly
        if copy_threshold is None:
            copy_threshold = _zmq_default("COPY_THRESHOLD", COPY_THRESHOLD)
        threshold = copy_threshold
        if copy is None:
            copy = rel.view.len < threshold
        if copy or rel.view.len == 0:
            zmq_msg_close(&self.zmq_msg)
            if zmq_msg_init_size(&self.zmq_msg, rel.view.len) < 0:
                zmq_msg_init(&self.zmq_msg)
                _raise_errno(zmq_errno())
            memcpy(zmq_msg_data(&self.zmq_msg), rel.view.buf, rel.view.len)
            self._readonly = False
            if track:
                self.tracker = _FINISHED_TRACKER
            return
        zmq_msg_close(&self.zmq_msg)
        _init_zero_copy(&self.zmq_msg, rel)
        self._release = rel
        if track:
            self.tracker = _tracker_of(rel)

    def __init__(self, data=None, track=False, copy=None, copy_threshold=None):
        # __cinit__ takes **kwargs so that subclasses may add keywords of their
        # own; this signature makes Frame itself refuse unknown ones (TypeError)
        pass

    def __dealloc__(self):
        _close_msg(&self.zmq_msg)

    cdef object tracker_for_send(self):
        if self.tracker is not None:
            return self.tracker
        if self._release is not None:
            return _tracker_of(self._release)
        return _FINISHED_TRACKER

    cpdef Frame fast_copy(self):
        """A new Frame sharing this one's message content (no data copied)."""
        cdef Frame other = Frame.__new__(Frame)
        zmq_msg_copy(&other.zmq_msg, &self.zmq_msg)
        other.more = self.more
        other.tracker = self.tracker
        other._release = self._release
        other._readonly = self._readonly
        other._bytes = self._bytes
        return other

    def __copy__(self):
        return self.fast_copy()

    def __len__(self):
        return zmq_msg_size(&self.zmq_msg)

    def __getbuffer__(self, Py_buffer *buffer, int flags):
        PyBuffer_FillInfo(
            buffer, self, zmq_msg_data(&self.zmq_msg), zmq_msg_size(&self.zmq_msg),
            self._readonly, flags,
        )

    @property
    def bytes(self):
        """The content as bytes (a copy made on first use, then cached)."""
        if self._bytes is None:
            self._bytes = PyBytes_FromStringAndSize(
                <char *>zmq_msg_data(&self.zmq_msg), zmq_msg_size(&self.zmq_msg)
            )
        return self._bytes

    @property
    def buffer(self):
        """A memoryview of the content (cached), without copying."""
        cdef _MessageView exporter
        if self._buffer is None:
            exporter = _MessageView.__new__(_MessageView)
            zmq_msg_copy(&exporter.msg, &self.zmq_msg)
            exporter.readonly = self._readonly
            self._buffer = memoryview(exporter)
        return self._buffer

    def get(self, option):
        """A message property: an int option (``zmq.MORE``, ``zmq.SRCFD``,
        ``zmq.SHARED``) or a metadata name such as ``'Peer-Address'`` (str)."""
        cdef int rc
        if isinstance(option, str):
            return self[option]
        rc = zmq_msg_get(&self.zmq_msg, option)
        if rc < 0:
            _raise_errno(zmq_errno())
        return rc

    def __getitem__(self, key):
        """Metadata of a received message: ``frame['Peer-Address']``, ``frame['User-Id']``."""
        cdef bytes bkey
        cdef const char *value
        if not isinstance(key, str):
            raise TypeError("metadata names are str, not %s" % type(key).__name__)
        bkey = (<str>key).encode("utf-8")
        value = zmq_msg_gets(&self.zmq_msg, bkey)
        if value == NULL:
            _raise_errno(zmq_errno(), key)
        return value.decode("utf-8")

    def __repr__(self):
        """``<zmq.Frame(b'data')>``; past 16 bytes the first 12 and the size, as pyzmq shows it."""
        cdef Py_ssize_t size = zmq_msg_size(&self.zmq_msg)
        if size <= 16:
            return "<zmq.Frame(%r)>" % (PyBytes_FromStringAndSize(<char *>zmq_msg_data(&self.zmq_msg), size),)
        preview = PyBytes_FromStringAndSize(<char *>zmq_msg_data(&self.zmq_msg), 12)
        if size >= 1000000000:
            shown = "%iGB" % (size // 1000000000)
        elif size >= 1048576:
            shown = "%iMB" % (size // 1000000)
        elif size >= 1000:
            shown = "%ikB" % (size // 1000)
        else:
            shown = "%iB" % size
        return "<zmq.Frame(%r...%s)>" % (preview, shown)

    __str__ = __repr__
