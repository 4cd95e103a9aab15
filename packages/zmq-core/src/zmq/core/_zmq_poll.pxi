# SPDX-License-Identifier: LGPL-3.0-or-later
# Polling sockets and file descriptors (zmq_poll).
# Included by _zmq.pyx (one compilation unit), which holds the cimports and imports.

cdef enum:
    _STACK_POLLITEMS = 32


def _poll(sockets, long timeout=-1):
    """Poll ``[(socket_or_fd, events), ...]``; returns ``[(socket_or_fd, revents), ...]``
    for the ready ones. Sockets may be zmq Sockets, int fds or objects with
    ``fileno()``. ``timeout`` in milliseconds, -1 waits forever.
    """
    cdef zmq_pollitem_t stack_items[_STACK_POLLITEMS]
    cdef zmq_pollitem_t *items = stack_items
    cdef Py_ssize_t i, n
    cdef int rc
    cdef long remaining = timeout
    cdef Socket sock
    cdef list pairs = list(sockets)
    n = len(pairs)
    if n > _STACK_POLLITEMS:
        items = <zmq_pollitem_t *>malloc(n * sizeof(zmq_pollitem_t))
        if items == NULL:
            raise MemoryError()
    try:
        for i in range(n):
            obj, events = pairs[i]
            items[i].events = events
            items[i].revents = 0
            if isinstance(obj, Socket):
                sock = <Socket>obj
                sock._check_open()
                items[i].socket = sock.handle
                items[i].fd = 0
            else:
                items[i].socket = NULL
                items[i].fd = _fileno_of(obj)
        # a signal whose handler does not raise retries the poll, with what
        # remains of the timeout; a zero timeout polls once more, with the GIL
        deadline = _time.monotonic() + timeout / 1000.0 if timeout > 0 else None
        while True:
            if timeout == 0:
                rc = zmq_poll(items, n, 0)
            else:
                with nogil:
                    rc = zmq_poll(items, n, remaining)
            if rc >= 0:
                break
            _retry_or_raise()
            if deadline is not None:
                remaining = max(0, <long>((deadline - _time.monotonic()) * 1000))
        # ready zmq Sockets as given, everything else as its int fd (as pyzmq)
        return [(pairs[i][0] if items[i].socket != NULL else items[i].fd, items[i].revents)
                for i in range(n) if items[i].revents]
    finally:
        if items != stack_items:
            free(items)


cdef zmq_fd_t _fileno_of(object obj) except? -1:
    if isinstance(obj, int):
        return obj
    fileno = getattr(obj, "fileno", None)
    if fileno is None:
        raise TypeError("cannot poll %s: need a zmq Socket, an int fd or an object "
                        "with fileno()" % type(obj).__name__)
    try:
        return fileno()
    except Exception as error:
        raise ValueError("fileno() of %r failed: %s" % (obj, error)) from error
