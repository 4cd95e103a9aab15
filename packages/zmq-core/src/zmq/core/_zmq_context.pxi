# SPDX-License-Identifier: LGPL-3.0-or-later
# Context: the libzmq context, and shadows of one owned elsewhere.
# Included by _zmq.pyx (one compilation unit), which holds the cimports and imports.

cdef size_t _address_of(object target, str what) except 0:
    """The libzmq address to shadow: an int, or an object with ``underlying``."""
    cdef object address = getattr(target, "underlying", target)
    if isinstance(address, bool) or not isinstance(address, int):
        raise TypeError("shadow needs an int address or an object with .underlying, not %s"
                        % type(target).__name__)
    if address <= 0:
        raise ValueError("cannot shadow a closed or null %s (address %r)" % (what, address))
    return <size_t>address


cdef int _check_spin_us(object value) except -1:
    """``value`` as a spin time in microseconds: an int from 0 to 1,000,000."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("spin_us must be an int (microseconds), not %s" % type(value).__name__)
    if not 0 <= value <= 1000000:
        raise ValueError("spin_us must be between 0 and 1000000 microseconds, not %r" % (value,))
    return value

@cython.no_gc_clear
cdef class Context(_Handle):
    """A libzmq context: the owner of I/O threads and sockets.

    ``Context(io_threads=1)``, or ``Context(shadow=address)`` for a shadow of a
    libzmq context owned elsewhere (never terminated by it). ``term()`` is libzmq's ``zmq_ctx_term``: it
    blocks until every socket is closed and makes blocking calls in other
    threads raise ContextTerminated. ``destroy()`` closes the sockets first.
    """

    # generic for type checkers: zmq.Context[zmq.Socket[bytes]] (no typing import at run time)
    __class_getitem__ = classmethod(_GenericAlias)

    def __cinit__(self, *args, **kwargs):
        # Only a safe, closed state: the libzmq context is made by __init__, so
        # that a subclass's __init__ may take arguments of its own (as with pyzmq).
        self.handle = NULL
        self._shadow = False
        self._sockets = weakref.WeakSet()
        self.sockopts = {}
        self._spin_us = SPIN_US

    def __init__(self, io_threads=1, shadow=0):
        """``Context(io_threads=1)``; ``Context(shadow=address)`` or ``Context(other)`` for a shadow."""
        cdef int n_threads
        if self.handle != NULL:
            raise RuntimeError("Context.__init__ called on an open context")
        self._spin_us = _check_spin_us(_zmq_default("SPIN_US", SPIN_US))
        if isinstance(io_threads, Context):
            shadow = io_threads
        if shadow:
            self.handle = <void *>_address_of(shadow, "context")
            self._shadow = True
            return
        n_threads = io_threads
        if n_threads < 0:
            raise ZMQError(EINVAL, "io_threads must be >= 0, not %i" % n_threads)
        self.handle = zmq_ctx_new()
        if self.handle == NULL:
            _raise_errno(zmq_errno())
        if n_threads != 1 and zmq_ctx_set(self.handle, ZMQ_IO_THREADS, n_threads) < 0:
            _raise_errno(zmq_errno())

    def __dealloc__(self):
        cdef void *handle = self.handle
        self.handle = NULL
        if handle == NULL or self._shadow or self._pid != getpid():
            return  # not ours to terminate (see term)
        # at exit the wait is bounded; in the running program it lasts as
        # long as libzmq's does (LINGER), but one Ctrl-C ends it
        _term_interruptibly(handle, _exit_deadline if _exiting else 0, _exiting)

    @property
    def spin_us(self):
        """Default ``spin_us`` of sockets created later by this context (microseconds).

        See ``Socket.spin_us``; ``zmq.SPIN_US`` (0: no spin) unless set.
        """
        return self._spin_us

    @spin_us.setter
    def spin_us(self, value):
        self._spin_us = _check_spin_us(value)

    cdef int _raise_closed(self) except -1:
        raise _ContextClosedError(ENOTSUP, "the context is closed")

    cdef int _check_options_open(self) except -1:
        # pyzmq's error for get/set (and the option attributes) once terminated
        if self.handle == NULL:
            raise RuntimeError("Context has been destroyed")
        return 0

    def term(self):
        """Terminate the context (``zmq_ctx_term``), waiting for its sockets to close.

        Does not close sockets. Idempotent. A shadow, and a context inherited
        over ``fork()`` (it belongs to the parent process), are only marked
        closed. At interpreter exit the wait is bounded by ``zmq.EXIT_LINGER``.
        """
        cdef void *handle = self.handle
        cdef int rc
        if handle == NULL:
            return
        if self._shadow or self._pid != getpid():
            # A shadow's context is owned elsewhere. An inherited one is the
            # parent's: its I/O threads do not exist here, and zmq_ctx_term
            # would wait for them forever (spinning on the reaper's mailbox).
            self.handle = NULL
            return
        if _exiting:
            self.handle = NULL
            _term_interruptibly(handle, _exit_deadline, True)
            return
        while True:
            with nogil:
                rc = zmq_ctx_term(handle)
            if rc == 0:
                break
            _retry_or_raise()
        self.handle = NULL

    def set(self, int option, value):
        """Set a context option (``zmq.IO_THREADS``, ``zmq.MAX_SOCKETS``, ...) to an int."""
        if not isinstance(value, int):  # a float is not silently truncated
            raise TypeError("expected int, got: %r" % (value,))
        cdef int c_value = value
        self._check_options_open()
        if zmq_ctx_set(self.handle, option, c_value) < 0:
            _raise_errno(zmq_errno())

    def get(self, int option):
        """Read a context option."""
        self._check_options_open()
        libc_errno.errno = 0
        cdef int rc = zmq_ctx_get(self.handle, option)
        if rc < 0 and libc_errno.errno != 0:  # -1 is also a value (THREAD_SCHED_POLICY's default)
            _raise_errno(zmq_errno())
        return rc

    def _open_sockets(self):
        """The sockets of this context that are still open (a list)."""
        return list(self._sockets)
