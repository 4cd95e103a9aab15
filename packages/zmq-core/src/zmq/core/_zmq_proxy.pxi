# SPDX-License-Identifier: LGPL-3.0-or-later
# Proxies and devices.
# Included by _zmq.pyx (one compilation unit), which holds the cimports and imports.

cdef void *_handle_or_null(object sock, str role) except? NULL:
    if sock is None:
        return NULL
    if not isinstance(sock, Socket):
        raise TypeError("%s must be a zmq Socket, not %s" % (role, type(sock).__name__))
    (<Socket>sock)._check_open()
    return (<Socket>sock).handle


def proxy(frontend, backend, capture=None):
    """Relay messages between two sockets (``zmq_proxy``) until the context ends.

    Runs without the GIL; ends with ContextTerminated when the context is
    terminated.
    """
    return proxy_steerable(frontend, backend, capture, None)


def proxy_steerable(frontend, backend, capture=None, control=None):
    """``proxy`` with a control socket that accepts PAUSE, RESUME, TERMINATE
    and STATISTICS. Returns after TERMINATE."""
    cdef void *front = _handle_or_null(frontend, "frontend")
    cdef void *back = _handle_or_null(backend, "backend")
    cdef void *cap = _handle_or_null(capture, "capture")
    cdef void *ctrl = _handle_or_null(control, "control")
    cdef int rc
    if front == NULL or back == NULL:
        raise TypeError("frontend and backend are required")
    while True:
        with nogil:
            if ctrl == NULL:
                rc = zmq_proxy(front, back, cap)
            else:
                rc = zmq_proxy_steerable(front, back, cap, ctrl)
        if rc >= 0:
            return rc
        _retry_or_raise()


def device(int device_type, frontend, backend):
    """The old name of ``proxy``; ``device_type`` (QUEUE, FORWARDER, STREAMER)
    only documents intent, as in libzmq."""
    if device_type not in (_constants.DeviceType.QUEUE, _constants.DeviceType.FORWARDER,
                           _constants.DeviceType.STREAMER):
        raise ValueError("device_type must be QUEUE, FORWARDER or STREAMER, not %r" % (device_type,))
    return proxy(frontend, backend)
