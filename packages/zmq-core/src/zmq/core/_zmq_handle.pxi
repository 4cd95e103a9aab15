# SPDX-License-Identifier: LGPL-3.0-or-later
# _Handle: what Context and Socket share, the libzmq object each wraps.
# Included by _zmq.pyx (one compilation unit), which holds the cimports and imports.

cdef class _Handle:
    """Base of Context and Socket: the address of the libzmq object they wrap.

    ``handle`` is NULL once the object is closed (a socket) or terminated (a
    context); every operation then raises through ``_check_open``. ``_pid``
    is the process that made the wrapper: a child process inherits it
    through ``fork()`` but never closes it. A shadow (``_shadow``) wraps an
    object owned elsewhere and never closes or terminates it.
    """

    def __cinit__(self):
        self._pid = getpid()

    @property
    def shadowed(self):
        """True for a shadow: a wrapper of a libzmq object owned elsewhere."""
        return self._shadow

    @property
    def _open_here(self):
        """True while this owns an open libzmq object made by this process (not a shadow)."""
        return self.handle != NULL and not self._shadow and self._pid == getpid()

    @property
    def closed(self):
        """True once closed: a socket by ``close()`` or ``Context.destroy()``, a context by ``term()``."""
        return self.handle == NULL

    @property
    def underlying(self):
        """The address of the libzmq object as an int (0 when closed)."""
        return <size_t>self.handle

    cdef int _check_open(self) except -1:
        """The closed check of every operation: 0, or the class's error (``_raise_closed``)."""
        if self.handle == NULL:
            return self._raise_closed()
        return 0

    cdef int _raise_closed(self) except -1:
        raise ZMQError(ENOTSUP, "the object is closed")
