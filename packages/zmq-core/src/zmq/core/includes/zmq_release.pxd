# SPDX-License-Identifier: LGPL-3.0-or-later
# C declarations from zmq_release.h (next to _zmq.pyx): the lock-free list on which
# libzmq's threads hand freed zero-copy buffers back to Python.

cdef extern from "zmq_release.h" nogil:
    ctypedef struct zmqpy_release_node:
        zmqpy_release_node *next
        void *owner
        int released
    int zmqpy_push_released(zmqpy_release_node *node)
    zmqpy_release_node *zmqpy_take_released()
    int zmqpy_any_released()
    int zmqpy_is_released(zmqpy_release_node *node)
