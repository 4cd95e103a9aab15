# SPDX-License-Identifier: LGPL-3.0-or-later
# Socket: creation, close, endpoints, options, send and receive, monitor.
# Included by _zmq.pyx (one compilation unit), which holds the cimports and imports.

cdef enum:
    # parts of a multipart message whose buffers send_multipart holds on the stack
    _STACK_PARTS = 8


cdef void *_new_socket(void *ctx_handle, int socket_type) noexcept:
    """``zmq_socket`` with every signal blocked in this thread meanwhile.

    The first socket of a context starts libzmq's I/O and reaper threads. They
    inherit the creating thread's signal mask and block all signals only once
    running: a Ctrl-C arriving in between would be handled on such a thread,
    where it cannot interrupt the main thread's blocking call (Ctrl-C lost).
    Created with signals blocked, they never take one; a signal that arrives
    meanwhile is delivered here when the mask is restored.
    """
    cdef sigset_t all_signals, previous
    cdef void *handle
    cdef int errnum
    sigfillset(&all_signals)
    pthread_sigmask(SIG_BLOCK, &all_signals, &previous)
    handle = zmq_socket(ctx_handle, socket_type)
    errnum = zmq_errno()
    pthread_sigmask(SIG_SETMASK, &previous, NULL)
    if handle == NULL:
        libc_errno.errno = errnum  # the restore must not change what zmq_errno() reports
    return handle


@cython.no_gc_clear
cdef class Socket(_Handle):
    """A libzmq socket. Create it with ``Context.socket(socket_type)``.

    Not thread-safe, like libzmq sockets: use each socket from one thread at a
    time, and never close it while another thread is blocked on it.
    """

    # generic for type checkers: zmq.Socket[bytes] (no typing import at run time)
    __class_getitem__ = classmethod(_GenericAlias)

    def __cinit__(self, *args, **kwargs):
        # Only a safe, closed state: the libzmq socket is made by __init__, so
        # that a subclass's __init__ may take arguments of its own and call
        # super().__init__(...) when it likes (as with pyzmq).
        self.handle = NULL
        self._shadow = False
        self.socket_type = -1
        self.copy_threshold = COPY_THRESHOLD
        self._spin_us = SPIN_US

    def __init__(self, context=None, int socket_type=0, *, shadow=0, copy_threshold=None):
        """``Socket(context, socket_type)``; ``Socket(shadow=address)`` or ``Socket(other_socket)`` for a shadow."""
        cdef int actual_type = -1
        cdef size_t size = sizeof(int)
        if self.handle != NULL:
            raise RuntimeError("Socket.__init__ called on an open socket")
        if copy_threshold is None:
            copy_threshold = _zmq_default("COPY_THRESHOLD", COPY_THRESHOLD)
        self.copy_threshold = copy_threshold
        if isinstance(context, Socket):
            shadow = context
            context = (<Socket>context).context
        if isinstance(context, Context):
            self._spin_us = (<Context>context)._spin_us
        else:
            self._spin_us = _check_spin_us(_zmq_default("SPIN_US", SPIN_US))
        if shadow:
            if context is not None and not isinstance(context, Context):
                raise TypeError("a shadow Socket's context must be a Context or None")
            self.handle = <void *>_address_of(shadow, "socket")
            self._shadow = True
            if zmq_getsockopt(self.handle, ZMQ_TYPE, &actual_type, &size) < 0:
                self.handle = NULL
                _raise_errno(zmq_errno(), "shadowed socket")
            self.context = context
            self.socket_type = actual_type
            return
        if context is None:
            raise TypeError("context must be specified: use ctx.socket(socket_type)")
        if not isinstance(context, Context):
            raise TypeError("Socket needs a Context, not %s: use ctx.socket(socket_type)" % type(context).__name__)
        (<Context>context)._check_open()
        self.handle = _new_socket((<Context>context).handle, socket_type)
        if self.handle == NULL:
            _raise_errno(zmq_errno(), "socket type %i" % socket_type)
        self.context = context
        self.socket_type = socket_type
        (<Context>context)._sockets.add(self)

    def __dealloc__(self):
        if self.handle != NULL and self._pid == getpid() and not self._shadow:
            zmq_close(self.handle)
        self.handle = NULL

    @property
    def spin_us(self):
        """How long (microseconds) a blocking send or receive retries before it sleeps.

        When a send or receive cannot be done at once, it is retried without
        blocking (and without the GIL) for up to this long, yielding the CPU
        between tries, before it sleeps in libzmq. A message that comes within
        that time is met awake, which saves a sleep and a wake-up (two context
        switches) at the cost of up to this much CPU time per wait. Where
        waits keep outlasting the spin (idle peers), the socket spins on
        fewer and fewer of them, until a short wait shows spinning pays again;
        waits for frames of 16 KiB and more (sent now, or received last time)
        never spin. 0 sleeps at once, as libzmq and pyzmq do: the default
        (the context's ``spin_us``, from ``zmq.SPIN_US``), because a spin
        costs CPU where cores are free and, yielding to other processes,
        latency where they are not. 10 suits ``inproc`` peers in other
        threads, 50 back-to-back round trips over tcp, on cores of their own.
        Never applies to a call with ``zmq.DONTWAIT`` or a timeout of 0.
        """
        return self._spin_us

    @spin_us.setter
    def spin_us(self, value):
        self._spin_us = _check_spin_us(value)

    @property
    def _spin_state(self):
        """How the spin of each direction stands, for tests and curious users.

        ``{"send": (skip, misses, large, sleepy), "recv": (...)}``: waits left
        that sleep at once, spins in a row that ran out, whether the last frame
        was too large to spin for (see ``spin_us``), whether the last wait
        slept in libzmq (the next receive then skips its non-blocking try).
        """
        return {
            "send": (self._send_spin.skip, self._send_spin.misses, bool(self._send_spin.large),
                     bool(self._send_spin.sleepy)),
            "recv": (self._recv_spin.skip, self._recv_spin.misses, bool(self._recv_spin.large),
                     bool(self._recv_spin.sleepy)),
        }

    cdef int _raise_closed(self) except -1:
        raise ZMQError(ENOTSOCK, "the socket is closed")

    def close(self, linger=None):
        """Close the socket; ``linger`` (ms) first sets LINGER. Idempotent."""
        cdef int linger_ms
        if self.handle == NULL:
            return
        if self._shadow or self._pid != getpid():
            # a shadow is not ours to close; a socket inherited over fork()
            # belongs to the parent's libzmq, which this process must not touch
            self.handle = NULL
            if not self._shadow:
                self.context._sockets.discard(self)
            return
        if linger is not None:
            linger_ms = linger
            zmq_setsockopt(self.handle, ZMQ_LINGER, &linger_ms, sizeof(int))
        zmq_close(self.handle)
        self.handle = NULL
        self.context._sockets.discard(self)

    # -- endpoints --

    cdef int _endpoint_call(self, int which, object addr) except -1:
        cdef bytes baddr = _encode_address(addr)
        cdef const char *c_addr = baddr
        cdef int rc
        self._check_open()
        if baddr.startswith(b"norm://"):
            _check_norm_address(baddr)
        while True:
            with nogil:
                if which == _BIND:
                    rc = zmq_bind(self.handle, c_addr)
                elif which == _CONNECT:
                    rc = zmq_connect(self.handle, c_addr)
                elif which == _UNBIND:
                    rc = zmq_unbind(self.handle, c_addr)
                else:
                    rc = zmq_disconnect(self.handle, c_addr)
            if rc == 0:
                return 0
            _retry_or_raise(_endpoint_error_context(baddr, addr, which))

    def bind(self, addr):
        """Bind to an endpoint such as ``'tcp://127.0.0.1:5555'`` or ``'inproc://name'``."""
        self._endpoint_call(_BIND, addr)

    def connect(self, addr):
        """Connect to an endpoint."""
        self._endpoint_call(_CONNECT, addr)

    def unbind(self, addr):
        """Stop listening on an endpoint given to ``bind``."""
        self._endpoint_call(_UNBIND, addr)

    def disconnect(self, addr):
        """Disconnect from an endpoint given to ``connect``."""
        self._endpoint_call(_DISCONNECT, addr)

    # -- options --

    def set(self, int option, optval):
        """Set a socket option; the value type follows the option (int or bytes).

        A str value raises TypeError (use ``set_string``); a value of the wrong
        type for the option raises TypeError; an unknown option raises
        ZMQError(EINVAL).
        """
        self._check_open()
        _set_option(self.handle, option, optval)

    def get(self, int option):
        """Read a socket option: int for int/int64/fd options, bytes for the others."""
        self._check_open()
        return _get_option(self.handle, option)

    # -- send --

    cdef int send_buffer(self, const char *data, size_t size, int flags) except -1:
        """Send one copied frame; block without the GIL only when libzmq would block."""
        cdef void *handle = self.handle
        cdef int rc
        if handle == NULL:
            return self._raise_closed()
        if _send_releases_gil(self, flags) or size >= _NOGIL_COPY_BYTES:
            with nogil:
                rc = zmq_send(handle, data, size, flags | ZMQ_DONTWAIT)
        else:
            rc = zmq_send(handle, data, size, flags | ZMQ_DONTWAIT)
        if rc >= 0:
            return 0
        if zmq_errno() != EAGAIN or flags & ZMQ_DONTWAIT:
            return _raise_errno(zmq_errno())
        cdef _Call call
        call.kind = _BUF_SEND
        call.handle = handle
        call.buf = <void *>data
        call.size = size
        call.flags = flags
        _block(&call, ZMQ_SNDTIMEO, self._spin_us, &self._send_spin)
        return 0

    cdef int _send_object(self, object data, int flags) except -1:
        cdef Py_buffer view
        if PyBytes_CheckExact(data):
            return self.send_buffer(PyBytes_AS_STRING(data), PyBytes_GET_SIZE(data), flags)
        _check_sendable(data, -1)
        PyObject_GetBuffer(data, &view, PyBUF_ANY_CONTIGUOUS)
        try:
            self.send_buffer(<const char *>view.buf, view.len, flags)
        finally:
            PyBuffer_Release(&view)
        return 0

    cdef object _send_any(self, object data, int flags, bint copy, bint track):
        cdef Frame frame
        cdef _Release rel
        cdef zmq_msg_t msg
        if isinstance(data, Frame):
            frame = <Frame>data
            if track and frame.tracker is None:
                raise ValueError("track=True needs a tracked Frame (Frame(data, track=True))")
            self._check_open()
            return _send_frame(self, frame, flags)
        if copy:
            self._send_object(data, flags)
            return None
        _check_sendable(data, -1)
        self._check_open()
        return _send_release(self, _acquire(data), flags)

    def send(self, data, int flags=0, bint copy=True, bint track=False):
        """Send one frame: any object with the buffer protocol (bytes, memoryview, Frame, ...).

        str raises TypeError (use ``send_string``). ``flags`` may include
        ``zmq.DONTWAIT`` (raises zmq.Again instead of blocking) and
        ``zmq.SNDMORE``. With ``copy=False`` the buffer is shared with libzmq
        (when at least ``copy_threshold`` bytes) and a MessageTracker is
        returned that tells when libzmq is done with it; with ``copy=True``
        the data is copied and None is returned. Sending a Frame returns its
        tracker.
        """
        if PyBytes_CheckExact(data) and copy:
            self.send_buffer(PyBytes_AS_STRING(data), PyBytes_GET_SIZE(data), flags)
            return None
        return self._send_any(data, flags, copy, track)

    def send_multipart(self, msg_parts, int flags=0, bint copy=True, bint track=False, *, prefix=None):
        """Send a multipart message; every part is checked before anything is sent.

        A part that cannot be sent (str, no buffer, a non-contiguous buffer,
        an untracked Frame with ``track=True``) raises before the first part
        goes out, so the peer never sees part of a message. Returns what
        ``send`` returns for the last part. ``prefix`` is the pyzmq 2.1
        keyword (parts sent first): it needs zmq-compat.
        """
        cdef PyObject *stack_parts[_STACK_PARTS]
        cdef Py_buffer stack_views[_STACK_PARTS]
        cdef PyObject **held = stack_parts
        cdef Py_buffer *views = stack_views
        cdef void *memory = NULL
        cdef Py_ssize_t n
        if prefix is not None:
            from zmq.utils.legacy import provider
            msg_parts = provider("Socket.send_multipart.prefix", TypeError)(self)(prefix, msg_parts)
        if not PyList_CheckExact(msg_parts) and not PyTuple_CheckExact(msg_parts):
            msg_parts = tuple(msg_parts)
        n = len(msg_parts)
        if n == 0:
            raise ValueError("a multipart message needs at least one part")
        if n > _STACK_PARTS:
            memory = malloc(n * (sizeof(Py_buffer) + sizeof(PyObject *)))
            if memory == NULL:
                raise MemoryError()
            views = <Py_buffer *>memory
            held = <PyObject **>(views + n)
        try:
            return _send_parts(self, msg_parts, n, flags, copy, track, held, views)
        finally:
            free(memory)

    # -- recv --

    cdef object recv_bytes(self, int flags):
        """Receive one frame as bytes."""
        cdef zmq_msg_t msg
        zmq_msg_init(&msg)
        try:
            _recv_msg(self, &msg, flags)
            return _bytes_of(&msg)
        finally:
            _close_msg(&msg)

    cdef Frame recv_frame(self, int flags):
        """Receive one frame as a Frame that owns the delivered message."""
        cdef Frame frame = Frame.__new__(Frame)
        _recv_msg(self, &frame.zmq_msg, flags)
        frame.more = zmq_msg_more(&frame.zmq_msg)
        return frame

    def recv(self, int flags=0, bint copy=True, bint track=False):
        """Receive one frame: bytes, or with ``copy=False`` a Frame (no copy).

        ``flags=zmq.DONTWAIT`` raises zmq.Again when nothing is waiting. With
        ``copy=False, track=True`` the Frame's ``tracker`` is a finished
        MessageTracker (as in pyzmq: a received buffer is libzmq's, there is
        nothing to wait for); otherwise it is None. ``track`` is ignored with
        ``copy=True``.
        """
        cdef Frame frame
        self._check_open()
        if copy:
            return self.recv_bytes(flags)
        frame = self.recv_frame(flags)
        if track:
            frame.tracker = _FINISHED_TRACKER
        return frame

    def recv_multipart(self, int flags=0, bint copy=True, bint track=False):
        """Receive every part of the next message: always a list (of bytes, or of
        Frames with ``copy=False``; ``track`` as in ``recv``)."""
        cdef zmq_msg_t msg
        cdef list parts = []
        cdef bint more = True
        cdef Frame frame
        self._check_open()
        if not copy:
            while more:
                frame = self.recv_frame(flags)
                if track:
                    frame.tracker = _FINISHED_TRACKER
                PyList_Append(parts, frame)
                more = frame.more
            return parts
        zmq_msg_init(&msg)
        try:
            while more:
                _recv_msg(self, &msg, flags)
                PyList_Append(parts, _bytes_of(&msg))
                more = zmq_msg_more(&msg)
        finally:
            _close_msg(&msg)
        return parts

    def recv_into(self, buffer, *, Py_ssize_t nbytes=0, int flags=0):
        """Receive one frame into a writable buffer; returns the frame's full size.

        At most ``nbytes`` (default: the buffer's size) are written; a larger
        frame is truncated, which the returned size reveals.
        """
        cdef Py_buffer view
        cdef int rc
        cdef void *handle
        cdef _Call call
        self._check_open()
        if nbytes < 0:
            raise ValueError("nbytes must be >= 0, not %i" % nbytes)
        # BufferError for a read-only or non-contiguous buffer, TypeError for a
        # non-buffer, as pyzmq
        PyObject_GetBuffer(buffer, &view, PyBUF_WRITABLE | PyBUF_ANY_CONTIGUOUS)
        try:
            if nbytes == 0:
                nbytes = view.len
            elif nbytes > view.len:
                raise ValueError("nbytes=%i is larger than the buffer (%i)" % (nbytes, view.len))
            handle = self.handle
            rc = -1  # a receive whose last wait slept skips the try (see _zmq_blocking.pxi)
            if flags & ZMQ_DONTWAIT or not self._recv_spin.sleepy:
                rc = zmq_recv(handle, view.buf, nbytes, flags | ZMQ_DONTWAIT)
                if rc < 0 and (zmq_errno() != EAGAIN or flags & ZMQ_DONTWAIT):
                    _raise_errno(zmq_errno())
            if rc < 0:
                call.kind = _BUF_RECV
                call.handle = handle
                call.buf = view.buf
                call.size = nbytes
                call.flags = flags
                rc = _block(&call, ZMQ_RCVTIMEO, self._spin_us, &self._recv_spin)
            return rc
        finally:
            PyBuffer_Release(&view)

    def monitor(self, addr, int events=_constants.Event.ALL):
        """Publish this socket's events on a PAIR socket bound at ``addr`` (inproc).

        ``addr=None`` stops monitoring.
        """
        cdef bytes baddr
        cdef int rc
        self._check_open()
        if addr is None:
            rc = zmq_socket_monitor(self.handle, NULL, 0)
        else:
            baddr = _encode_address(addr)
            rc = zmq_socket_monitor(self.handle, baddr, events)
        if rc < 0:
            _raise_errno(zmq_errno(), "addr=%r" % (addr,))
