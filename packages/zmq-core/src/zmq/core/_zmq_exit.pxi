# SPDX-License-Identifier: LGPL-3.0-or-later
# Contexts at interpreter exit: terminated with a bound on the wait.
# Included by _zmq.pyx (one compilation unit), which holds the cimports and imports.
#
# A context still open when the interpreter exits is terminated when it is
# deallocated during shutdown. zmq_ctx_term would wait forever for messages
# that cannot be delivered (LINGER -1, peer gone), so once the atexit hook
# below has run, terminating waits at most until a deadline EXIT_LINGER
# milliseconds after the hook (or until Ctrl-C), then lets the process end.

#: at interpreter exit, how long (ms) contexts still open may wait for their
#: queued messages to be delivered before the process ends anyway (-1: no limit);
#: read from ``zmq.EXIT_LINGER`` when the interpreter begins to exit
EXIT_LINGER = 1000

# set by the atexit hook: contexts terminated from then on wait until _exit_deadline
cdef bint _exiting = False
cdef double _exit_deadline = 0  # monotonic seconds; 0 = no limit


def _begin_exit():
    """atexit hook: from now on, terminating a context waits at most EXIT_LINGER."""
    global _exiting, _exit_deadline
    cdef object linger = _zmq_default("EXIT_LINGER", EXIT_LINGER)
    try:
        milliseconds = float(linger)
    except (TypeError, ValueError):
        milliseconds = EXIT_LINGER
    _exit_deadline = 0 if milliseconds < 0 else _monotonic() + milliseconds / 1000.0
    _exiting = True


atexit.register(_begin_exit)


cdef void _term_interruptibly(void *handle, double deadline, bint exiting) noexcept:
    """zmq_ctx_term, waiting until ``deadline`` (monotonic seconds, 0: none) or a Ctrl-C.

    For a Context deallocated without the chance to raise: the term runs in
    a thread of its own (see zmq_exit_term.h) while this thread waits, taking
    the signals. A signal handler that raises ends the wait and leaves the
    context unterminated. At exit the exception is dropped (nothing could
    catch it); in the running program a KeyboardInterrupt is raised again
    right after (``PyErr_SetInterrupt``), anything else is reported as
    unraisable.
    """
    cdef zmqpy_term_job *job = zmqpy_term_start(handle)
    cdef double remaining
    cdef int done = 0
    cdef int rc
    if job == NULL:  # no thread to spare: terminate here, as libzmq would
        if not exiting:
            with nogil:
                rc = zmq_ctx_term(handle)
                while rc < 0 and zmq_errno() == EINTR:
                    rc = zmq_ctx_term(handle)
        return
    while not done:
        remaining = 0.05
        if deadline > 0:
            remaining = min(remaining, deadline - _monotonic())
            if remaining <= 0:
                break
        with nogil:
            done = zmqpy_term_wait(job, remaining)
        if not done and PyErr_CheckSignals_raw() < 0:
            if exiting:
                PyErr_Clear()
            elif PyErr_ExceptionMatches(KeyboardInterrupt):
                PyErr_Clear()
                PyErr_SetInterrupt()
            else:
                PyErr_WriteUnraisable(None)
            break
    zmqpy_term_release(job)
