# SPDX-License-Identifier: LGPL-3.0-or-later
# C declarations from zmq_ticks.h (next to _zmq.pyx): a cheap clock for the send path.

from libc.stdint cimport uint64_t

cdef extern from "zmq_ticks.h" nogil:
    uint64_t zmqpy_ticks()
    const uint64_t ZMQPY_TICKS_PER_US
