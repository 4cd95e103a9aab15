# SPDX-License-Identifier: LGPL-3.0-or-later
# libzmq errors as Python exceptions.
# Included by _zmq.pyx (one compilation unit), which holds the cimports and imports.

def strerror(int errnum):
    """The libzmq message for an error number."""
    return zmq_strerror(errnum).decode("utf-8", "replace")


def last_errno():
    """The errno of the last libzmq call in this thread (``zmq.zmq_errno()``)."""
    return zmq_errno()


cdef int _raise_errno(int errnum, object context=None) except -1:
    if context is None:
        raise _error_for(errnum)
    raise _error_for(errnum, "%s (%s)" % (strerror(errnum), context))


cdef int _retry_or_raise(object context=None) except -1:
    """After a failed blocking call: 0 to retry (EINTR, no handler raised)."""
    cdef int errnum = zmq_errno()
    if errnum == EINTR:
        if PyErr_CheckSignals() < 0:
            return -1
        return 0
    return _raise_errno(errnum, context)
