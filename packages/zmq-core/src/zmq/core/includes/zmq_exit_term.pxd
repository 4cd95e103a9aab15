# SPDX-License-Identifier: LGPL-3.0-or-later
# C declarations from zmq_exit_term.h (next to _zmq.pyx): zmq_ctx_term with a bound
# on the wait, for contexts still open at interpreter exit.

cdef extern from "zmq_exit_term.h" nogil:
    ctypedef struct zmqpy_term_job:
        pass
    zmqpy_term_job *zmqpy_term_start(void *context)
    int zmqpy_term_wait(zmqpy_term_job *job, double seconds)
    void zmqpy_term_release(zmqpy_term_job *job)
