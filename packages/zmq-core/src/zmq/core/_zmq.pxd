# SPDX-License-Identifier: LGPL-3.0-or-later
# Class declarations of the core, for other Cython code to cimport:
#
#     from zmq.core._zmq cimport Socket
#     cdef Socket s = ...
#     s.send_buffer(data, size, 0)

cdef class Context:
    cdef void *handle
    cdef int _pid
    cdef object _sockets
    cdef object __weakref__

    cdef int _check_open(self) except -1


cdef class Socket:
    cdef void *handle
    cdef int _pid
    cdef readonly Context context
    cdef readonly int socket_type
    cdef object __weakref__

    cdef int _check_open(self) except -1
    cdef int _endpoint_call(self, int which, object addr) except -1
    cdef int _send_object(self, object data, int flags) except -1
    # send one copied frame; raises ZMQError on failure
    cdef int send_buffer(self, const char *data, size_t size, int flags) except -1
    # receive one frame as bytes
    cdef object recv_bytes(self, int flags)
