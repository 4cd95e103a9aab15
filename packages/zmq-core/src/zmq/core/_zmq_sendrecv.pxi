# SPDX-License-Identifier: LGPL-3.0-or-later
# Sending and receiving messages (the per-message hot path): one message,
# and the parts of send_multipart, checked and acquired before any is sent.
# Included by _zmq.pyx (one compilation unit), which holds the cimports and imports.

# a whole message sent this long after the last one probably wakes a sleeping peer
cdef uint64_t _IDLE_SEND_TICKS = 10 * ZMQPY_TICKS_PER_US


cdef inline bint _send_releases_gil(Socket sock, int flags) noexcept:
    """Whether to let the GIL go while this send is tried.

    A send is tried with the GIL held: messages that flow back to back (a
    sender that keeps its receiver busy) cost no GIL hand-over that way. But a
    send that wakes a receiver sleeping in another thread of this process
    (over inproc it wakes at once) made that thread wake, find the GIL held,
    sleep again on the GIL and be woken a second time when this thread let
    the GIL go: two futex calls and two context switches more per message.
    Measured with perf stat, REQ/REP over inproc between two threads beside a
    busy process: 21 us per round trip with the GIL held, 9 to 11 with it let
    go, as pyzmq. Such a send is one whose socket took turns with its peer
    (its last receive slept in libzmq), or the last part of a message sent
    more than 10 us after the one before (a paced sender); it lets the GIL go.
    """
    cdef uint64_t now = zmqpy_ticks()
    cdef bint idle = now - sock._last_send > _IDLE_SEND_TICKS
    if not flags & ZMQ_SNDMORE:
        sock._last_send = now
    return idle or sock._recv_spin.sleepy


cdef int _send_msg(Socket sock, zmq_msg_t *msg, int flags) except -1:
    """Send ``msg`` (libzmq takes it over); closes it when the send fails."""
    cdef int rc
    cdef _Call call
    cdef void *handle = sock.handle
    if _send_releases_gil(sock, flags):
        with nogil:
            rc = zmq_msg_send(msg, handle, flags | ZMQ_DONTWAIT)
    else:
        rc = zmq_msg_send(msg, handle, flags | ZMQ_DONTWAIT)
    if rc >= 0:
        return 0
    if zmq_errno() != EAGAIN or flags & ZMQ_DONTWAIT:
        errnum = zmq_errno()
        _close_msg(msg)
        return _raise_errno(errnum)
    call.kind = _MSG_SEND
    call.handle = sock.handle
    call.msg = msg
    call.flags = flags
    try:
        _block(&call, ZMQ_SNDTIMEO, sock._spin_us, &sock._send_spin)
    except BaseException:
        _close_msg(msg)
        raise
    return 0


cdef int _check_sendable(object data, Py_ssize_t index) except -1:
    """TypeError for data that cannot be sent; ``index`` >= 0 names a multipart part."""
    if isinstance(data, str):
        raise TypeError(
            "%sstr cannot be sent, use send_string() or encode it to bytes" % _part_name(index)
        )
    if not PyObject_CheckBuffer(data):
        raise TypeError(
            "%s%s does not support the buffer protocol" % (_part_name(index), type(data).__name__)
        )
    return 0


cdef str _part_name(Py_ssize_t index):
    return "" if index < 0 else "part %i: " % index


cdef object _bytes_of(zmq_msg_t *msg):
    """A bytes copy of ``msg``'s content; large copies run without the GIL."""
    cdef size_t size = zmq_msg_size(msg)
    cdef object data
    cdef char *target
    cdef const char *source
    if size < _NOGIL_COPY_BYTES:
        return PyBytes_FromStringAndSize(<char *>zmq_msg_data(msg), size)
    data = PyBytes_FromStringAndSize(NULL, size)
    target = PyBytes_AS_STRING(data)
    source = <const char *>zmq_msg_data(msg)
    with nogil:
        memcpy(target, source, size)
    return data


cdef int _recv_msg(Socket sock, zmq_msg_t *msg, int flags) except -1:
    """Receive into ``msg``; block without the GIL only when nothing is waiting."""
    cdef int rc
    cdef _Call call
    if sock.handle == NULL:
        return sock._raise_closed()
    if flags & ZMQ_DONTWAIT or not sock._recv_spin.sleepy:
        rc = zmq_msg_recv(msg, sock.handle, flags | ZMQ_DONTWAIT)
        if rc >= 0:
            return 0
        if zmq_errno() != EAGAIN or flags & ZMQ_DONTWAIT:
            return _raise_errno(zmq_errno())
    call.kind = _MSG_RECV
    call.handle = sock.handle
    call.msg = msg
    call.flags = flags
    _block(&call, ZMQ_RCVTIMEO, sock._spin_us, &sock._recv_spin)
    return 0


cdef object _send_parts(Socket sock, object parts, Py_ssize_t n, int flags, bint copy, bint track,
                        PyObject **held, Py_buffer *views):
    """``send_multipart`` of the ``n`` parts of a list or tuple.

    First every part is checked, and each buffer that is neither bytes nor
    a Frame is acquired, once: into ``views`` for a copied send, as a
    release handle for a zero-copy one. Only then is anything sent. Each
    part is held in ``held`` meanwhile, so that a signal handler or another
    thread changing the list while a part is sent changes nothing.
    """
    cdef Py_ssize_t i, count = 0, acquired = 0, used = 0
    cdef object part
    cdef object result = None
    cdef list releases = None
    cdef int part_flags
    try:
        for i in range(n):
            part = parts[i]
            Py_XINCREF(<PyObject *>part)
            held[i] = <PyObject *>part
            count += 1
            if PyBytes_CheckExact(part):
                continue
            if isinstance(part, Frame):
                if track and (<Frame>part).tracker is None:
                    raise ValueError("part %i: track=True needs a tracked Frame "
                                     "(Frame(data, track=True))" % i)
                continue
            _check_sendable(part, i)
            if copy:
                PyObject_GetBuffer(part, &views[acquired], PyBUF_ANY_CONTIGUOUS)
                acquired += 1
            else:
                if releases is None:
                    releases = []
                PyList_Append(releases, _acquire(part))
        sock._check_open()
        for i in range(n):
            part = <object>held[i]
            # the last part keeps the caller's flags: SNDMORE there continues the message
            part_flags = flags | ZMQ_SNDMORE if i < n - 1 else flags
            if PyBytes_CheckExact(part):
                if copy or PyBytes_GET_SIZE(part) < sock.copy_threshold or PyBytes_GET_SIZE(part) == 0:
                    sock.send_buffer(PyBytes_AS_STRING(part), PyBytes_GET_SIZE(part), part_flags)
                    result = None if copy else _FINISHED_TRACKER
                else:
                    result = _send_release(sock, _acquire(part), part_flags)
            elif isinstance(part, Frame):
                result = _send_frame(sock, <Frame>part, part_flags)
            elif copy:
                sock.send_buffer(<const char *>views[used].buf, views[used].len, part_flags)
                used += 1
                result = None
            else:
                result = _send_release(sock, <_Release>releases[used], part_flags)
                used += 1
        # a copied send returns None, as send() does, whatever the parts were
        return None if copy and not track else result
    finally:
        for i in range(acquired):
            PyBuffer_Release(&views[i])
        for i in range(count):
            Py_XDECREF(held[i])


cdef object _send_frame(Socket sock, Frame frame, int flags):
    """Send a copy of ``frame``'s message (no data copied); its tracker."""
    cdef zmq_msg_t msg
    zmq_msg_init(&msg)
    zmq_msg_copy(&msg, &frame.zmq_msg)
    _send_msg(sock, &msg, flags)
    return frame.tracker_for_send()

cdef object _send_release(Socket sock, _Release rel, int flags):
    """Send ``rel``'s buffer: copied below ``copy_threshold``, else shared; the tracker."""
    cdef zmq_msg_t msg
    if rel.view.len < sock.copy_threshold or rel.view.len == 0:
        sock.send_buffer(<const char *>rel.view.buf, rel.view.len, flags)
        return _FINISHED_TRACKER
    _init_zero_copy(&msg, rel)
    _send_msg(sock, &msg, flags)
    return _tracker_of(rel)
