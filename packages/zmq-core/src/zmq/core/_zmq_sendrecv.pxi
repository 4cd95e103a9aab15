# SPDX-License-Identifier: LGPL-3.0-or-later
# Sending and receiving one message (the per-message hot path).
# Included by _zmq.pyx (one compilation unit), which holds the cimports and imports.

cdef int _send_msg(Socket sock, zmq_msg_t *msg, int flags) except -1:
    """Send ``msg`` (libzmq takes it over); closes it when the send fails."""
    cdef int rc
    cdef _Call call
    rc = zmq_msg_send(msg, sock.handle, flags | ZMQ_DONTWAIT)
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
