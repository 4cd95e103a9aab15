# SPDX-License-Identifier: LGPL-3.0-or-later
# Class declarations of the core, for other Cython code to cimport:
#
#     from zmq.core._zmq cimport Socket
#     cdef Socket s = ...
#     s.send_buffer(data, size, 0)

from libc.stdint cimport uint64_t

from .libzmq cimport zmq_msg_t


# How a socket's recent waits went, to spin only where spinning pays (see _block).
cdef struct _SpinState:
    int skip    # waits left that sleep at once, without spinning
    int misses  # spins in a row that ran out before the peer answered
    bint large  # the frame of the last wait was too large to spin for
    bint sleepy  # the last wait slept in libzmq: the next receive skips the non-blocking try


cdef class Frame:
    cdef zmq_msg_t zmq_msg
    cdef public bint more
    cdef public object tracker
    cdef object _release
    cdef object _bytes
    cdef object _buffer
    cdef bint _readonly

    cdef object tracker_for_send(self)
    cpdef Frame fast_copy(self)


# What Context and Socket share: the libzmq object each wraps (NULL once closed).
cdef class _Handle:
    cdef void *handle
    cdef int _pid      # the process that made the wrapper (a fork's child never closes it)
    cdef bint _shadow  # a wrapper of an object owned elsewhere (never closed by it)
    cdef object __weakref__

    # 0 when open, else raises the class's ZMQError (ENOTSOCK, ENOTSUP)
    cdef int _check_open(self) except -1
    cdef int _raise_closed(self) except -1


cdef class Context(_Handle):
    cdef object _sockets
    # default options for sockets made later (ctx.linger = 0, ctx.setsockopt)
    cdef public dict sockopts
    # default of Socket.spin_us for this context's new sockets
    cdef int _spin_us

    # 0 when open, else RuntimeError (pyzmq's error for get/set once terminated)
    cdef int _check_options_open(self) except -1


cdef class Socket(_Handle):
    cdef readonly Context context
    cdef readonly int socket_type
    cdef public Py_ssize_t copy_threshold
    # microseconds a blocking send/recv retries (yielding the CPU) before it sleeps
    cdef int _spin_us
    cdef _SpinState _send_spin
    cdef _SpinState _recv_spin
    # zmqpy_ticks() when the last whole message was sent (see _send_releases_gil)
    cdef uint64_t _last_send

    cdef int _endpoint_call(self, int which, object addr) except -1
    cdef int _send_object(self, object data, int flags) except -1
    cdef object _send_any(self, object data, int flags, bint copy, bint track)
    # send one copied frame; raises ZMQError on failure
    cdef int send_buffer(self, const char *data, size_t size, int flags) except -1
    # receive one frame as bytes, or as a Frame owning the message
    cdef object recv_bytes(self, int flags)
    cdef Frame recv_frame(self, int flags)
