# SPDX-License-Identifier: LGPL-3.0-or-later
# How a blocking call waits.
# Included by _zmq.pyx (one compilation unit), which holds the cimports and imports.
#
# A libzmq call that may block (send, receive) is first tried without blocking
# while the GIL is held: the common case costs no GIL hand-over (a send that
# probably wakes a thread sleeping in a receive is tried without the GIL: see
# _send_releases_gil in _zmq_sendrecv.pxi). Only when
# libzmq would block does ``_block`` take over, without the GIL: it retries
# without blocking for up to the socket's ``spin_us`` microseconds (yielding
# the CPU between tries, adapting to how the socket's recent waits went: see
# ``_block``), then leaves the call to sleep in libzmq. A receive whose last
# wait slept goes to ``_block`` at once: the try would most likely fail again,
# and a failed try costs libzmq a poll() system call. A signal that
# interrupts a blocking call runs its Python handler; if the handler raises
# (Ctrl-C: KeyboardInterrupt) the exception propagates, otherwise the call is
# retried with what remains of RCVTIMEO/SNDTIMEO.
#
# Why the spin is off by default (spin_us = 0): a spin that meets the message
# after t microseconds costs t of CPU and saves one sleep and wake-up in
# libzmq, about 5-10 us of CPU; tcp replies take 20-40 us. And where the cores
# are busy, each yield hands the core to another process for a scheduler
# slice: with two busy processes beside them, paced workloads that spun even
# 10 us had median latencies above 1 ms. docs/design.rst ("The blocking
# spin") has the measurements behind the choice.

cdef struct _Wait:
    void *handle
    int option       # ZMQ_RCVTIMEO or ZMQ_SNDTIMEO
    int original     # the option's value when the wait began (ms, -1 = forever)
    bint changed     # the option holds a shortened timeout that must be restored
    double deadline  # monotonic seconds, 0 when there is no timeout


cdef double _monotonic() noexcept nogil:
    cdef timespec now
    clock_gettime(CLOCK_MONOTONIC, &now)
    return now.tv_sec + now.tv_nsec * 1e-9


cdef void _wait_begin(_Wait *wait, void *handle, int option) noexcept:
    """Note the socket's timeout before a blocking call (for retries after signals)."""
    cdef size_t size = sizeof(int)
    wait.handle = handle
    wait.option = option
    wait.changed = False
    wait.deadline = 0
    if zmq_getsockopt(handle, option, &wait.original, &size) == 0 and wait.original > 0:
        wait.deadline = _monotonic() + wait.original / 1000.0


cdef int _wait_retry(_Wait *wait) except -1:
    """After a failed blocking call: 0 to retry, else raise.

    EINTR with no exception from the signal handlers is retried, with only the
    time that remains of RCVTIMEO/SNDTIMEO, so a timed call still ends on time.
    """
    cdef int errnum = zmq_errno()
    cdef int remaining_ms
    if errnum != EINTR:
        return _raise_errno(errnum)
    if PyErr_CheckSignals() < 0:
        return -1
    if wait.deadline > 0:
        remaining_ms = <int>((wait.deadline - _monotonic()) * 1000.0 + 0.999)
        if remaining_ms <= 0:
            return _raise_errno(EAGAIN)
        zmq_setsockopt(wait.handle, wait.option, &remaining_ms, sizeof(int))
        wait.changed = True
    return 0


cdef void _wait_end(_Wait *wait) noexcept:
    """Put back the timeout a retry shortened."""
    if wait.changed:
        zmq_setsockopt(wait.handle, wait.option, &wait.original, sizeof(int))
        wait.changed = False


# The four libzmq calls that may block, as data, so that one wait loop serves them.
cdef enum:
    _MSG_RECV = 0
    _MSG_SEND = 1
    _BUF_RECV = 2
    _BUF_SEND = 3


cdef struct _Call:
    int kind
    void *handle
    zmq_msg_t *msg   # _MSG_*
    void *buf        # _BUF_*
    size_t size      # _BUF_*
    int flags


cdef inline int _do_call(_Call *call, int flags) noexcept nogil:
    if call.kind == _MSG_RECV:
        return zmq_msg_recv(call.msg, call.handle, flags)
    if call.kind == _MSG_SEND:
        return zmq_msg_send(call.msg, call.handle, flags)
    if call.kind == _BUF_RECV:
        return zmq_recv(call.handle, call.buf, call.size, flags)
    return zmq_send(call.handle, call.buf, call.size, flags)


cdef int _spin(_Call *call, int spin_us) noexcept nogil:
    """Retry ``call`` without blocking for up to ``spin_us``, yielding the CPU between tries.

    A peer that answers within a few microseconds is then met awake: the
    sleep and wake-up in libzmq (a context switch each way) cost more than
    that on a loaded machine. Returns the last try's result (-1 with EAGAIN
    when the time ran out).
    """
    cdef double deadline = _monotonic() + spin_us * 1e-6
    cdef int rc
    while True:
        sched_yield()
        rc = _do_call(call, call.flags | ZMQ_DONTWAIT)
        if rc >= 0 or zmq_errno() != EAGAIN or _monotonic() >= deadline:
            return rc


cdef enum:
    # after n spins in a row that ran out, the next 2**n - 1 waits sleep at once
    _MAX_SPIN_MISSES = 8
    # waits for frames of this size or more never spin (see _block)
    _SPIN_MAX_BYTES = 16384

# a blocking call that took this long (seconds) slept in libzmq; one that
# found its message at once returns in well under a microsecond
cdef double _SLEPT_SECONDS = 2e-6


cdef int _block(_Call *call, int timeout_option, int spin_us, _SpinState *state) except -1:
    """Finish a call that would block (a non-blocking try failed, or the last wait slept).

    Spins first (see ``_spin``; not when the timeout is 0), then blocks in
    libzmq without the GIL, retrying after signals whose handlers do not raise.

    The spin adapts to the socket's recent waits: where peers answer within
    ``spin_us`` it spins every time; where waits are longer (large messages,
    idle peers) the spin would only take CPU from the threads doing the work,
    so after each spin that runs out, exponentially more waits sleep at once,
    until a wait that ends within ``spin_us`` shows spinning pays again.

    Nor does it spin for large frames (sent now, or received at the end of
    the last wait): their copies take far longer than a wake-up, and a
    thread yielding the CPU over and over while others copy megabytes slows
    them down (measured: a quarter of the rate of 1 MiB copies in threads).
    """
    cdef _Wait wait
    cdef int rc
    cdef double slept_from = 0
    cdef double started, ended
    if call.kind == _MSG_SEND:
        state.large = zmq_msg_size(call.msg) >= _SPIN_MAX_BYTES
    elif call.kind == _BUF_SEND:
        state.large = call.size >= _SPIN_MAX_BYTES
    _wait_begin(&wait, call.handle, timeout_option)
    try:
        if spin_us > 0 and wait.original != 0 and not state.large:
            if state.skip > 0:
                state.skip -= 1
                slept_from = _monotonic()
            else:
                with nogil:
                    rc = _spin(call, spin_us)
                if rc >= 0:
                    state.misses = 0
                    state.large = rc >= _SPIN_MAX_BYTES
                    state.sleepy = False
                    return rc
                if state.misses < _MAX_SPIN_MISSES:
                    state.misses += 1
                state.skip = (1 << state.misses) - 1
                # a signal that arrived while spinning did not interrupt anything:
                # run its handler now rather than after the blocking call
                if PyErr_CheckSignals() < 0:
                    return -1
        started = _monotonic()
        while True:
            with nogil:
                rc = _do_call(call, call.flags)
            if rc >= 0:
                ended = _monotonic()
                if slept_from > 0 and ended - slept_from < spin_us * 1e-6:
                    state.skip = state.misses = 0  # a spin would have covered this wait
                state.large = rc >= _SPIN_MAX_BYTES
                state.sleepy = ended - started >= _SLEPT_SECONDS
                return rc
            _wait_retry(&wait)
    finally:
        _wait_end(&wait)
