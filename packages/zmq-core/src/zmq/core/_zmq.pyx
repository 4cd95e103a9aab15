# SPDX-License-Identifier: LGPL-3.0-or-later
# cython: language_level=3, embedsignature=True
"""The compiled core: every call into libzmq and every per-message path.

Blocking libzmq calls are first tried without blocking while the GIL is held
(the common case costs no GIL hand-over); only when libzmq would block is the
call repeated without the GIL: retried without blocking for up to the socket's
``spin_us`` microseconds (yielding the CPU between tries), then left to sleep
in libzmq. A signal that interrupts a blocking call runs
its Python handler; if the handler raises (Ctrl-C: KeyboardInterrupt) the
exception propagates, otherwise the call is retried.
"""

cimport cython
from cpython.buffer cimport (
    PyBUF_ANY_CONTIGUOUS,
    PyObject_CheckBuffer,
    PyObject_GetBuffer,
    PyBuffer_Release,
)
from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_CheckExact, PyBytes_FromStringAndSize, PyBytes_GET_SIZE
from cpython.buffer cimport PyBUF_WRITABLE, PyBuffer_FillInfo
from cpython.exc cimport PyErr_CheckSignals
from cpython.list cimport PyList_Append
from cpython.ref cimport Py_DECREF, Py_INCREF
from libc.errno cimport EAGAIN, EINTR, EINVAL, ENAMETOOLONG, ENOENT
from libc.stdint cimport int64_t, uint8_t
from libc.stdlib cimport free, malloc
from libc.string cimport memcpy
from posix.time cimport CLOCK_MONOTONIC, clock_gettime, timespec
from libc cimport errno as libc_errno
from posix.signal cimport SIG_BLOCK, SIG_SETMASK, sigfillset, sigset_t
from posix.unistd cimport getpid

from .libzmq cimport *

import atexit
import sys
import weakref

from . import constants as _constants
from .error import ZMQError, error_for as _error_for
from ..utils.legacy import LegacyAttribute
from .error import NotDone
import time as _time

#: sends of at most this many bytes with copy=False are copied anyway:
#: below it, copying is cheaper than sharing the buffer with libzmq
COPY_THRESHOLD = 65536

# Copies of at least this many bytes run without the GIL, so that another
# thread (say, the receiving end) can run meanwhile; smaller ones are cheaper
# than the hand-over.
cdef enum:
    _NOGIL_COPY_BYTES = 16384

cdef extern from "<sys/un.h>":
    cdef struct sockaddr_un:
        char sun_path[108]  # the C compiler uses the system's own size

cdef sockaddr_un _unix_address
#: the longest ipc:// path the operating system accepts (bytes, without the NUL)
IPC_PATH_MAX_LEN = sizeof(_unix_address.sun_path) - 1
#: whether libzmq's draft API is usable through this binding (it is not built with it)
PYZMQ_DRAFT_API = False
#: whether both libzmq and this binding have the draft API (pyzmq's meaning)
DRAFT_API = False

#: default of ``Context.spin_us`` (and so of ``Socket.spin_us``): how long a
#: blocking send or receive keeps retrying before it sleeps in libzmq
SPIN_US = 50

cdef extern from "<sched.h>" nogil:
    int sched_yield()


cdef object _zmq_default(str name, object fallback):
    """``zmq.<name>`` as the program may have set it (``zmq.COPY_THRESHOLD = 4096``).

    Read when a context, socket or Frame is made, as pyzmq does, so that
    assigning the module attribute changes the default from then on.
    """
    module = sys.modules.get("zmq")
    return fallback if module is None else getattr(module, name, fallback)


cdef extern from "zmq_release.h" nogil:
    ctypedef struct zmqpy_release_node:
        zmqpy_release_node *next
        void *owner
        int released
    int zmqpy_push_released(zmqpy_release_node *node)
    zmqpy_release_node *zmqpy_take_released()
    int zmqpy_any_released()
    int zmqpy_is_released(zmqpy_release_node *node)

cdef extern from "Python.h":
    int Py_AddPendingCall(int (*func)(void *) noexcept, void *arg) nogil

# -- errors ------------------------------------------------------------------


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


# -- blocking calls with RCVTIMEO/SNDTIMEO across signals -------------------------

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


cdef int _block(_Call *call, int timeout_option, int spin_us, _SpinState *state) except -1:
    """Finish a call that a non-blocking try found would block; its result (>= 0).

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
                    return rc
                if state.misses < _MAX_SPIN_MISSES:
                    state.misses += 1
                state.skip = (1 << state.misses) - 1
                # a signal that arrived while spinning did not interrupt anything:
                # run its handler now rather than after the blocking call
                if PyErr_CheckSignals() < 0:
                    return -1
        while True:
            with nogil:
                rc = _do_call(call, call.flags)
            if rc >= 0:
                if slept_from > 0 and _monotonic() - slept_from < spin_us * 1e-6:
                    state.skip = state.misses = 0  # a spin would have covered this wait
                state.large = rc >= _SPIN_MAX_BYTES
                return rc
            _wait_retry(&wait)
    finally:
        _wait_end(&wait)


def libzmq_version_info():
    """The version of the linked libzmq as ``(major, minor, patch)``."""
    cdef int major, minor, patch
    zmq_version(&major, &minor, &patch)
    return (major, minor, patch)


def has(capability):
    """Whether libzmq supports a capability (``'ipc'``, ``'curve'``, ``'draft'``, ...)."""
    if isinstance(capability, str):
        capability = capability.encode("utf-8")
    if not isinstance(capability, bytes):
        raise TypeError("capability must be str, not %s" % type(capability).__name__)
    return bool(zmq_has(capability))


# -- socket option kinds -------------------------------------------------------

cdef enum:
    _OPT_TABLE_SIZE = 256

cdef unsigned char _opt_kinds[_OPT_TABLE_SIZE]

cdef void _init_opt_kinds():
    cdef int i, opt
    for i in range(_OPT_TABLE_SIZE):
        _opt_kinds[i] = _constants.OPT_INT
    for opt in _constants.bytes_sockopts:
        _opt_kinds[opt] = _constants.OPT_BYTES
    for opt in _constants.int64_sockopts:
        _opt_kinds[opt] = _constants.OPT_INT64
    for opt in _constants.fd_sockopts:
        _opt_kinds[opt] = _constants.OPT_FD

_init_opt_kinds()

cdef enum:
    KIND_INT = 0
    KIND_INT64 = 1
    KIND_BYTES = 2
    KIND_FD = 3

assert (_constants.OPT_INT, _constants.OPT_INT64, _constants.OPT_BYTES, _constants.OPT_FD) == (
    KIND_INT, KIND_INT64, KIND_BYTES, KIND_FD
)


cdef inline int _opt_kind(int option) noexcept:
    if 0 <= option < _OPT_TABLE_SIZE:
        return _opt_kinds[option]
    return KIND_INT


cdef str _option_name(int option):
    try:
        return _constants.SocketOption(option).name
    except ValueError:
        return str(option)


cdef bytes _encode_address(object addr):
    if isinstance(addr, str):
        return (<str>addr).encode("utf-8")
    if isinstance(addr, bytes):
        return <bytes>addr
    raise TypeError("address must be str or bytes, not %s" % type(addr).__name__)


cdef int _check_norm_address(bytes baddr) except -1:
    """Refuse a norm:// address libzmq cannot use.

    libzmq (4.3.4 at least) aborts the whole process from its I/O thread when
    a NORM address does not end in a numeric IPv4 address and port
    (``norm://*:5555``, ``norm://host:5555``, ``norm://[::1]:5555``); such
    addresses raise ZMQError(EINVAL) here instead. Form:
    ``norm://[id,][iface;]ipv4:port``.
    """
    import ipaddress
    text = baddr[7:].decode("utf-8", "replace")
    if ";" in text:
        rest = text.rpartition(";")[2]  # after the interface
    else:
        rest = text.partition(",")[2] or text  # after an optional node id
    host, sep, port = rest.rpartition(":")
    try:
        ipaddress.IPv4Address(host)  # IPv6 ([::1]) aborts libzmq too
        valid = sep == ":" and port.isdigit() and 0 < int(port) < 65536
    except ValueError:
        valid = False
    if not valid:
        raise ZMQError(EINVAL, "invalid NORM address %r: expected norm://[id,][iface;]ipv4:port "
                               "with a numeric IPv4 address" % baddr.decode("utf-8", "replace"))
    return 0


# -- zero-copy buffers ---------------------------------------------------------

# Set to 0 at interpreter exit: libzmq threads must not schedule Python calls then.
cdef int _python_alive = 1


cdef class MessageTracker:
    """Tracks zero-copy messages until libzmq (and Python) release their buffers.

    ``MessageTracker(*towatch)`` accepts ``threading.Event`` objects, other
    trackers and tracked Frames. ``done`` is True once all of them are;
    ``wait(timeout)`` blocks until then. A zero-copy send returns the
    tracker of its one message, which costs no allocation of its own.
    """

    cdef list _peers

    def __init__(self, *towatch):
        self._peers = []
        for item in towatch:
            if isinstance(item, MessageTracker):
                self._peers.append(item)
            elif isinstance(item, Frame):
                if item.tracker is None:
                    raise ValueError("this Frame is not tracked (create it with track=True)")
                self._peers.append(item.tracker)
            elif hasattr(item, "is_set") and hasattr(item, "wait"):
                self._peers.append(item)
            else:
                raise TypeError("cannot track %s" % type(item).__name__)

    @property
    def done(self):
        """True when every tracked buffer has been released."""
        if self._peers is None:
            return True
        for peer in self._peers:
            finished = peer.is_set() if hasattr(peer, "is_set") else peer.done
            if not finished:
                return False
        return True

    def wait(self, timeout=-1):
        """Block until ``done``; ``timeout`` in seconds (negative: forever).

        Raises NotDone when the timeout passes first.
        """
        deadline = None if timeout is None or timeout < 0 else _time.monotonic() + timeout
        pause = 0.0001
        while not self.done:
            if deadline is not None and _time.monotonic() >= deadline:
                raise NotDone("the tracked messages were not released within %ss" % timeout)
            _time.sleep(pause)
            pause = min(pause * 2, 0.01)

    #: the 2.x busy-wait: served by zmq-compat, AttributeError without it
    old_wait = LegacyAttribute("MessageTracker.old_wait")

    def __repr__(self):
        count = 1 if self._peers is None else len(self._peers)
        return "<zmq.MessageTracker(%i tracked, %s)>" % (count, "done" if self.done else "pending")


#: the tracker of a send whose data was copied: finished from the start
_FINISHED_TRACKER = MessageTracker()


@cython.final
cdef class _Release(MessageTracker):
    """Holds a buffer for libzmq until the message sharing it is freed.

    libzmq owns one reference to this object from ``zmq_msg_init_data`` until
    its free function has run and ``_drain_released`` has dropped it. It is
    also the MessageTracker of that one message.
    """

    cdef zmqpy_release_node node
    cdef Py_buffer view
    cdef bint has_view

    @property
    def done(self):
        """True once libzmq has freed the message that used this buffer."""
        if zmqpy_is_released(&self.node) == 0:
            return False
        if self.has_view:
            # Let go of the buffer now, not at the next drain: whoever sees
            # done may resize or reuse it at once. The drain skips the view.
            PyBuffer_Release(&self.view)
            self.has_view = False
        return True

    def __dealloc__(self):
        if self.has_view:
            PyBuffer_Release(&self.view)
            self.has_view = False


cdef _Release _acquire(object data):
    """A release handle holding ``data``'s buffer (TypeError if it has none)."""
    cdef _Release rel = _Release.__new__(_Release)
    PyObject_GetBuffer(data, &rel.view, PyBUF_ANY_CONTIGUOUS)
    rel.has_view = True
    rel.node.owner = <void *>rel
    rel.node.released = 0
    return rel


cdef extern from "Python.h":
    int PyGILState_Check() nogil


# Non-zero while a thread holding the GIL closes a message with _close_msg,
# which drains right after: its own frees need no pending call.
cdef int _closing_inline = 0


cdef void _free_released(void *data, void *hint) noexcept nogil:
    # Runs in whichever thread frees the message (often a libzmq I/O thread):
    # no Python API here beyond scheduling the drain in the main thread.
    if zmqpy_push_released(<zmqpy_release_node *>hint) and _python_alive:
        if _closing_inline and PyGILState_Check():
            return
        Py_AddPendingCall(_drain_pending_call, NULL)


cdef inline void _close_msg(zmq_msg_t *msg) noexcept:
    """zmq_msg_close with the GIL held; buffers it frees are released at once."""
    global _closing_inline
    _closing_inline += 1
    zmq_msg_close(msg)
    _closing_inline -= 1
    if zmqpy_any_released():
        _drain_released()


cdef int _drain_pending_call(void *arg) noexcept:
    _drain_released()
    return 0


cdef void _drain_released() noexcept:
    """Drop libzmq's references to every buffer it has freed (GIL held)."""
    cdef zmqpy_release_node *node = zmqpy_take_released()
    cdef zmqpy_release_node *following
    cdef _Release rel
    while node != NULL:
        following = node.next
        rel = <_Release>node.owner
        # the buffer is free now, even if a tracker keeps the handle alive
        if rel.has_view:
            PyBuffer_Release(&rel.view)
            rel.has_view = False
        Py_DECREF(rel)
        rel = None
        node = following


def _collect_released():
    """Release the buffers libzmq is done with now (normally done automatically)."""
    _drain_released()


def _stop_scheduling_drains():
    global _python_alive
    _python_alive = 0


atexit.register(_stop_scheduling_drains)


cdef int _init_zero_copy(zmq_msg_t *msg, _Release rel) except -1:
    """Point ``msg`` at ``rel``'s buffer; libzmq holds ``rel`` until it frees ``msg``."""
    if zmqpy_any_released():
        _drain_released()
    Py_INCREF(rel)
    if zmq_msg_init_data(msg, rel.view.buf, rel.view.len, _free_released, &rel.node) < 0:
        Py_DECREF(rel)
        return _raise_errno(zmq_errno())
    return 0


# -- Frame ---------------------------------------------------------------------


@cython.final
cdef class _MessageView:
    """Buffer exporter holding its own reference to a message's content.

    ``Frame.buffer`` is a memoryview of one of these rather than of the Frame,
    so that caching it in the Frame creates no reference cycle (which would
    keep the message, and a zero-copy sender's buffer, alive until the next
    garbage collection).
    """

    cdef zmq_msg_t msg
    cdef bint readonly

    def __cinit__(self):
        zmq_msg_init(&self.msg)

    def __dealloc__(self):
        _close_msg(&self.msg)

    def __getbuffer__(self, Py_buffer *buffer, int flags):
        PyBuffer_FillInfo(
            buffer, self, zmq_msg_data(&self.msg), zmq_msg_size(&self.msg), self.readonly, flags
        )



cdef class Frame:
    """One message part, sharing its memory with libzmq (zero-copy).

    ``Frame(data=None, track=False, copy=None, copy_threshold=None)`` wraps any
    object with the buffer protocol without copying it (small data is copied:
    below ``copy_threshold``, default ``zmq.COPY_THRESHOLD``, or with
    ``copy=True``). Received frames (``recv(copy=False)``) hold the message
    libzmq delivered; their memory is never reused by later receives. A Frame
    can be sent many times. ``bytes`` and ``buffer`` give cached views of the
    content; ``more`` tells whether more parts follow; with ``track=True``,
    ``tracker`` tells when libzmq no longer uses the buffer.
    """

    def __cinit__(self, data=None, track=False, copy=None, copy_threshold=None, **kwargs):
        cdef _Release rel
        cdef Py_ssize_t threshold
        zmq_msg_init(&self.zmq_msg)
        self.more = False
        self.tracker = None
        self._readonly = False
        if data is None:
            if track:
                self.tracker = _FINISHED_TRACKER
            return
        if isinstance(data, str):
            raise TypeError("str cannot be a Frame: encode it to bytes first")
        rel = _acquire(data)
        self._readonly = rel.view.readonly
        if copy_threshold is None:
            copy_threshold = _zmq_default("COPY_THRESHOLD", COPY_THRESHOLD)
        threshold = copy_threshold
        if copy is None:
            copy = rel.view.len < threshold
        if copy or rel.view.len == 0:
            zmq_msg_close(&self.zmq_msg)
            if zmq_msg_init_size(&self.zmq_msg, rel.view.len) < 0:
                zmq_msg_init(&self.zmq_msg)
                _raise_errno(zmq_errno())
            memcpy(zmq_msg_data(&self.zmq_msg), rel.view.buf, rel.view.len)
            self._readonly = False
            if track:
                self.tracker = _FINISHED_TRACKER
            return
        zmq_msg_close(&self.zmq_msg)
        _init_zero_copy(&self.zmq_msg, rel)
        self._release = rel
        if track:
            self.tracker = _tracker_of(rel)

    def __dealloc__(self):
        _close_msg(&self.zmq_msg)

    cdef object tracker_for_send(self):
        if self.tracker is not None:
            return self.tracker
        if self._release is not None:
            return _tracker_of(self._release)
        return _FINISHED_TRACKER

    cpdef Frame fast_copy(self):
        """A new Frame sharing this one's message content (no data copied)."""
        cdef Frame other = Frame.__new__(Frame)
        zmq_msg_copy(&other.zmq_msg, &self.zmq_msg)
        other.more = self.more
        other.tracker = self.tracker
        other._release = self._release
        other._readonly = self._readonly
        other._bytes = self._bytes
        return other

    def __copy__(self):
        return self.fast_copy()

    def __len__(self):
        return zmq_msg_size(&self.zmq_msg)

    def __getbuffer__(self, Py_buffer *buffer, int flags):
        PyBuffer_FillInfo(
            buffer, self, zmq_msg_data(&self.zmq_msg), zmq_msg_size(&self.zmq_msg),
            self._readonly, flags,
        )

    @property
    def bytes(self):
        """The content as bytes (a copy made on first use, then cached)."""
        if self._bytes is None:
            self._bytes = PyBytes_FromStringAndSize(
                <char *>zmq_msg_data(&self.zmq_msg), zmq_msg_size(&self.zmq_msg)
            )
        return self._bytes

    @property
    def buffer(self):
        """A memoryview of the content (cached), without copying."""
        cdef _MessageView exporter
        if self._buffer is None:
            exporter = _MessageView.__new__(_MessageView)
            zmq_msg_copy(&exporter.msg, &self.zmq_msg)
            exporter.readonly = self._readonly
            self._buffer = memoryview(exporter)
        return self._buffer

    def get(self, option):
        """A message property: an int option (``zmq.MORE``, ``zmq.SRCFD``,
        ``zmq.SHARED``) or a metadata name such as ``'Peer-Address'`` (str)."""
        cdef int rc
        if isinstance(option, str):
            return self[option]
        rc = zmq_msg_get(&self.zmq_msg, option)
        if rc < 0:
            _raise_errno(zmq_errno())
        return rc

    def __getitem__(self, key):
        """Metadata of a received message: ``frame['Peer-Address']``, ``frame['User-Id']``."""
        cdef bytes bkey
        cdef const char *value
        if not isinstance(key, str):
            raise TypeError("metadata names are str, not %s" % type(key).__name__)
        bkey = (<str>key).encode("utf-8")
        value = zmq_msg_gets(&self.zmq_msg, bkey)
        if value == NULL:
            _raise_errno(zmq_errno(), key)
        return value.decode("utf-8")

    def __str__(self):
        return self.bytes.decode("utf-8", "replace")

    def __repr__(self):
        cdef Py_ssize_t size = zmq_msg_size(&self.zmq_msg)
        preview = PyBytes_FromStringAndSize(<char *>zmq_msg_data(&self.zmq_msg), min(size, 16))
        more = "..." if size > 16 else ""
        return "<zmq.Frame(%r%s %iB)>" % (preview, more, size)


# -- Context -------------------------------------------------------------------


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


cdef str _endpoint_error_context(bytes baddr, object addr, int which):
    """What to add to a failed bind/connect's message: the address, and for
    ipc the usual causes in plain words."""
    cdef int errnum = zmq_errno()
    cdef str context = "addr=%r" % (addr,)
    if baddr.startswith(b"ipc://") and which == 0:
        if errnum == ENAMETOOLONG:
            context += "; ipc paths may be at most zmq.IPC_PATH_MAX_LEN (%i) bytes long" % IPC_PATH_MAX_LEN
        elif errnum == ENOENT:
            context += "; the directory of this ipc path does not exist"
    return context


@cython.no_gc_clear
cdef class Context:
    """A libzmq context: the owner of I/O threads and sockets.

    ``Context(io_threads=1)``, or ``Context(shadow=address)`` for a shadow of a
    libzmq context owned elsewhere (never terminated by it). ``term()`` is libzmq's ``zmq_ctx_term``: it
    blocks until every socket is closed and makes blocking calls in other
    threads raise ContextTerminated. ``destroy()`` closes the sockets first.
    """

    def __cinit__(self, io_threads=1, *args, shadow=0, **kwargs):
        cdef int n_threads
        self.handle = NULL
        self._pid = getpid()
        self._shadow = False
        self._sockets = weakref.WeakSet()
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
        cdef int rc
        self.handle = NULL
        if handle != NULL and self._pid == getpid() and not self._shadow:
            with nogil:
                rc = zmq_ctx_term(handle)
                while rc < 0 and zmq_errno() == EINTR:
                    rc = zmq_ctx_term(handle)

    @property
    def shadowed(self):
        """True for a shadow: a wrapper of a libzmq context owned elsewhere."""
        return self._shadow

    @property
    def spin_us(self):
        """Default ``spin_us`` of sockets created later by this context (microseconds).

        See ``Socket.spin_us``; ``zmq.SPIN_US`` (50) unless set.
        """
        return self._spin_us

    @spin_us.setter
    def spin_us(self, value):
        self._spin_us = _check_spin_us(value)

    @property
    def closed(self):
        """True once the context has been terminated."""
        return self.handle == NULL

    @property
    def underlying(self):
        """The address of the libzmq context as an int (0 when closed)."""
        return <size_t>self.handle

    cdef int _check_open(self) except -1:
        if self.handle == NULL:
            raise ZMQError(ENOTSUP, "the context is closed")
        return 0

    def term(self):
        """Terminate the context (``zmq_ctx_term``), waiting for its sockets to close.

        Does not close sockets. Idempotent.
        """
        cdef void *handle = self.handle
        cdef int rc
        if handle == NULL:
            return
        if self._shadow:  # not ours to terminate: only let go of it
            self.handle = NULL
            return
        while True:
            with nogil:
                rc = zmq_ctx_term(handle)
            if rc == 0:
                break
            _retry_or_raise()
        self.handle = NULL

    def set(self, int option, int value):
        """Set a context option (``zmq.IO_THREADS``, ``zmq.MAX_SOCKETS``, ...)."""
        self._check_open()
        if zmq_ctx_set(self.handle, option, value) < 0:
            _raise_errno(zmq_errno())

    def get(self, int option):
        """Read a context option."""
        self._check_open()
        cdef int rc = zmq_ctx_get(self.handle, option)
        if rc < 0:
            _raise_errno(zmq_errno())
        return rc

    def _open_sockets(self):
        """The sockets of this context that are still open (a list)."""
        return list(self._sockets)


# -- Socket --------------------------------------------------------------------


cdef extern from "<signal.h>" nogil:
    int pthread_sigmask(int how, const sigset_t *newmask, sigset_t *oldmask)


cdef void *_new_socket(void *ctx_handle, int socket_type) noexcept:
    """``zmq_socket`` with every signal blocked in this thread meanwhile.

    The first socket of a context starts libzmq's I/O and reaper threads. They
    inherit the creating thread's signal mask and block all signals only once
    running: a Ctrl-C arriving in between would be handled on such a thread,
    where it cannot interrupt the main thread's blocking call (Ctrl-C lost).
    Created with signals blocked, they never take one; a signal that arrives
    meanwhile is delivered here when the mask is restored.
    """
    cdef sigset_t all_signals, previous
    cdef void *handle
    cdef int errnum
    sigfillset(&all_signals)
    pthread_sigmask(SIG_BLOCK, &all_signals, &previous)
    handle = zmq_socket(ctx_handle, socket_type)
    errnum = zmq_errno()
    pthread_sigmask(SIG_SETMASK, &previous, NULL)
    if handle == NULL:
        libc_errno.errno = errnum  # the restore must not change what zmq_errno() reports
    return handle


@cython.no_gc_clear
cdef class Socket:
    """A libzmq socket. Create it with ``Context.socket(socket_type)``.

    Not thread-safe, like libzmq sockets: use each socket from one thread at a
    time, and never close it while another thread is blocked on it.
    """

    def __cinit__(self, context=None, int socket_type=-1, *args, shadow=0, copy_threshold=None, **kwargs):
        cdef int actual_type = -1
        cdef size_t size = sizeof(int)
        self.handle = NULL
        self._pid = getpid()
        self._shadow = False
        if copy_threshold is None:
            copy_threshold = _zmq_default("COPY_THRESHOLD", COPY_THRESHOLD)
        self.copy_threshold = copy_threshold
        if isinstance(context, Socket):
            shadow = context
            context = (<Socket>context).context
        if isinstance(context, Context):
            self._spin_us = (<Context>context)._spin_us
        else:
            self._spin_us = _check_spin_us(_zmq_default("SPIN_US", SPIN_US))
        if shadow:
            if context is not None and not isinstance(context, Context):
                raise TypeError("a shadow Socket's context must be a Context or None")
            self.handle = <void *>_address_of(shadow, "socket")
            self._shadow = True
            if zmq_getsockopt(self.handle, ZMQ_TYPE, &actual_type, &size) < 0:
                self.handle = NULL
                _raise_errno(zmq_errno(), "shadowed socket")
            self.context = context
            self.socket_type = actual_type
            return
        if not isinstance(context, Context):
            raise TypeError("Socket needs a Context: use ctx.socket(socket_type)")
        (<Context>context)._check_open()
        self.handle = _new_socket((<Context>context).handle, socket_type)
        if self.handle == NULL:
            _raise_errno(zmq_errno(), "socket type %i" % socket_type)
        self.context = context
        self.socket_type = socket_type
        (<Context>context)._sockets.add(self)

    def __dealloc__(self):
        if self.handle != NULL and self._pid == getpid() and not self._shadow:
            zmq_close(self.handle)
        self.handle = NULL

    @property
    def shadowed(self):
        """True for a shadow: a wrapper of a libzmq socket owned elsewhere."""
        return self._shadow

    @property
    def spin_us(self):
        """How long (microseconds) a blocking send or receive retries before it sleeps.

        When a send or receive cannot be done at once, it is retried without
        blocking (and without the GIL) for up to this long, yielding the CPU
        between tries, before it sleeps in libzmq. A reply that comes back
        within that time is met awake, which saves two context switches per
        wait (lower REQ/REP latency, fewer sleeps under load) at the cost of
        up to this much CPU time per wait. Where waits keep outlasting the
        spin (idle peers), the socket spins on fewer and fewer of them, until
        a short wait shows spinning pays again; waits for frames of 16 KiB and
        more (sent now, or received last time) never spin. 0 sleeps
        at once, as libzmq does. Defaults to the context's ``spin_us``. Never
        applies to a call with ``zmq.DONTWAIT`` or a timeout of 0.
        """
        return self._spin_us

    @spin_us.setter
    def spin_us(self, value):
        self._spin_us = _check_spin_us(value)

    @property
    def _spin_state(self):
        """How the spin of each direction stands, for tests and curious users.

        ``{"send": (skip, misses, large), "recv": (...)}``: waits left that
        sleep at once, spins in a row that ran out, whether the last frame was
        too large to spin for (see ``spin_us``).
        """
        return {
            "send": (self._send_spin.skip, self._send_spin.misses, bool(self._send_spin.large)),
            "recv": (self._recv_spin.skip, self._recv_spin.misses, bool(self._recv_spin.large)),
        }

    @property
    def closed(self):
        """True once the socket has been closed (directly or by ``Context.destroy``)."""
        return self.handle == NULL

    @property
    def underlying(self):
        """The address of the libzmq socket as an int (0 when closed)."""
        return <size_t>self.handle

    cdef int _check_open(self) except -1:
        if self.handle == NULL:
            raise ZMQError(ENOTSOCK, "the socket is closed")
        return 0

    def close(self, linger=None):
        """Close the socket; ``linger`` (ms) first sets LINGER. Idempotent."""
        cdef int linger_ms
        if self.handle == NULL:
            return
        if self._shadow:  # not ours to close: only let go of it
            self.handle = NULL
            return
        if linger is not None:
            linger_ms = linger
            zmq_setsockopt(self.handle, ZMQ_LINGER, &linger_ms, sizeof(int))
        zmq_close(self.handle)
        self.handle = NULL
        self.context._sockets.discard(self)

    # -- endpoints --

    cdef int _endpoint_call(self, int which, object addr) except -1:
        cdef bytes baddr = _encode_address(addr)
        cdef const char *c_addr = baddr
        cdef int rc
        self._check_open()
        if baddr.startswith(b"norm://"):
            _check_norm_address(baddr)
        while True:
            with nogil:
                if which == 0:
                    rc = zmq_bind(self.handle, c_addr)
                elif which == 1:
                    rc = zmq_connect(self.handle, c_addr)
                elif which == 2:
                    rc = zmq_unbind(self.handle, c_addr)
                else:
                    rc = zmq_disconnect(self.handle, c_addr)
            if rc == 0:
                return 0
            _retry_or_raise(_endpoint_error_context(baddr, addr, which))

    def bind(self, addr):
        """Bind to an endpoint such as ``'tcp://127.0.0.1:5555'`` or ``'inproc://name'``."""
        self._endpoint_call(0, addr)

    def connect(self, addr):
        """Connect to an endpoint."""
        self._endpoint_call(1, addr)

    def unbind(self, addr):
        """Stop listening on an endpoint given to ``bind``."""
        self._endpoint_call(2, addr)

    def disconnect(self, addr):
        """Disconnect from an endpoint given to ``connect``."""
        self._endpoint_call(3, addr)

    # -- options --

    def set(self, int option, optval):
        """Set a socket option; the value type follows the option (int or bytes).

        A str value raises TypeError (use ``set_string``); a value of the wrong
        type for the option raises TypeError; an unknown option raises
        ZMQError(EINVAL).
        """
        cdef int kind = _opt_kind(option)
        cdef int ival
        cdef int64_t i64val
        cdef int rc
        self._check_open()
        if isinstance(optval, str):
            raise TypeError(
                "%s: str is not allowed, use set_string() or encode it" % _option_name(option)
            )
        if kind == KIND_BYTES:
            if not isinstance(optval, bytes):
                raise TypeError(
                    "%s expects bytes, not %s" % (_option_name(option), type(optval).__name__)
                )
            rc = zmq_setsockopt(
                self.handle, option, PyBytes_AS_STRING(optval), PyBytes_GET_SIZE(optval)
            )
        elif not isinstance(optval, int):
            raise TypeError(
                "%s expects an int, not %s" % (_option_name(option), type(optval).__name__)
            )
        elif kind == KIND_INT64:
            i64val = optval
            rc = zmq_setsockopt(self.handle, option, &i64val, sizeof(int64_t))
        else:
            ival = optval
            rc = zmq_setsockopt(self.handle, option, &ival, sizeof(int))
        if rc < 0:
            _raise_errno(zmq_errno(), _option_name(option))

    def get(self, int option):
        """Read a socket option: int for int/int64/fd options, bytes for the others."""
        cdef int kind = _opt_kind(option)
        cdef int ival
        cdef int64_t i64val
        cdef zmq_fd_t fdval
        cdef char buf[1024]
        cdef size_t size
        cdef int rc
        self._check_open()
        if kind == KIND_BYTES:
            size = sizeof(buf)
            if option == ZMQ_CURVE_PUBLICKEY or option == ZMQ_CURVE_SECRETKEY or option == ZMQ_CURVE_SERVERKEY:
                size = 41  # libzmq accepts 32 (binary) or 41 (Z85 and its NUL) only
            rc = zmq_getsockopt(self.handle, option, buf, &size)
        elif kind == KIND_INT64:
            size = sizeof(int64_t)
            rc = zmq_getsockopt(self.handle, option, &i64val, &size)
        elif kind == KIND_FD:
            size = sizeof(zmq_fd_t)
            rc = zmq_getsockopt(self.handle, option, &fdval, &size)
        else:
            size = sizeof(int)
            rc = zmq_getsockopt(self.handle, option, &ival, &size)
        if rc < 0:
            _raise_errno(zmq_errno(), _option_name(option))
        if kind == KIND_BYTES:
            # string options come NUL-terminated; routing ids are binary
            if size > 0 and buf[size - 1] == 0 and option != ZMQ_ROUTING_ID:
                size -= 1
            return PyBytes_FromStringAndSize(buf, size)
        if kind == KIND_INT64:
            return i64val
        if kind == KIND_FD:
            return fdval
        return ival

    # -- send --

    cdef int send_buffer(self, const char *data, size_t size, int flags) except -1:
        """Send one copied frame; block without the GIL only when libzmq would block."""
        cdef void *handle = self.handle
        cdef int rc
        if handle == NULL:
            raise ZMQError(ENOTSOCK, "the socket is closed")
        if size >= _NOGIL_COPY_BYTES:
            with nogil:
                rc = zmq_send(handle, data, size, flags | ZMQ_DONTWAIT)
        else:
            rc = zmq_send(handle, data, size, flags | ZMQ_DONTWAIT)
        if rc >= 0:
            return 0
        if zmq_errno() != EAGAIN or flags & ZMQ_DONTWAIT:
            return _raise_errno(zmq_errno())
        cdef _Call call
        call.kind = _BUF_SEND
        call.handle = handle
        call.buf = <void *>data
        call.size = size
        call.flags = flags
        _block(&call, ZMQ_SNDTIMEO, self._spin_us, &self._send_spin)
        return 0

    cdef int _send_object(self, object data, int flags) except -1:
        cdef Py_buffer view
        if PyBytes_CheckExact(data):
            return self.send_buffer(PyBytes_AS_STRING(data), PyBytes_GET_SIZE(data), flags)
        _check_sendable(data, -1)
        PyObject_GetBuffer(data, &view, PyBUF_ANY_CONTIGUOUS)
        try:
            self.send_buffer(<const char *>view.buf, view.len, flags)
        finally:
            PyBuffer_Release(&view)
        return 0

    cdef object _send_any(self, object data, int flags, bint copy, bint track):
        cdef Frame frame
        cdef _Release rel
        cdef zmq_msg_t msg
        if isinstance(data, Frame):
            frame = <Frame>data
            if track and frame.tracker is None:
                raise ValueError("track=True needs a tracked Frame (Frame(data, track=True))")
            self._check_open()
            zmq_msg_init(&msg)
            zmq_msg_copy(&msg, &frame.zmq_msg)
            _send_msg(self, &msg, flags)
            return frame.tracker_for_send()
        if copy:
            self._send_object(data, flags)
            return None
        _check_sendable(data, -1)
        self._check_open()
        rel = _acquire(data)
        if rel.view.len < self.copy_threshold or rel.view.len == 0:
            self.send_buffer(<const char *>rel.view.buf, rel.view.len, flags)
            return _FINISHED_TRACKER
        _init_zero_copy(&msg, rel)
        _send_msg(self, &msg, flags)
        return _tracker_of(rel)

    def send(self, data, int flags=0, bint copy=True, bint track=False):
        """Send one frame: any object with the buffer protocol (bytes, memoryview, Frame, ...).

        str raises TypeError (use ``send_string``). ``flags`` may include
        ``zmq.DONTWAIT`` (raises zmq.Again instead of blocking) and
        ``zmq.SNDMORE``. With ``copy=False`` the buffer is shared with libzmq
        (when at least ``copy_threshold`` bytes) and a MessageTracker is
        returned that tells when libzmq is done with it; with ``copy=True``
        the data is copied and None is returned. Sending a Frame returns its
        tracker.
        """
        if PyBytes_CheckExact(data) and copy:
            self.send_buffer(PyBytes_AS_STRING(data), PyBytes_GET_SIZE(data), flags)
            return None
        return self._send_any(data, flags, copy, track)

    def send_multipart(self, msg_parts, int flags=0, bint copy=True, bint track=False, *, prefix=None):
        """Send a multipart message; every part is checked before anything is sent.

        Returns what ``send`` returns for the last part. ``prefix`` is the
        pyzmq 2.1 keyword (parts sent first): it needs zmq-compat.
        """
        cdef Py_ssize_t i, n
        cdef object part
        if prefix is not None:
            from zmq.utils.legacy import provider
            msg_parts = provider("Socket.send_multipart.prefix", TypeError)(self)(prefix, msg_parts)
        if not isinstance(msg_parts, (list, tuple)):
            msg_parts = list(msg_parts)
        n = len(msg_parts)
        if n == 0:
            raise ValueError("a multipart message needs at least one part")
        for i in range(n):
            part = msg_parts[i]
            if not PyBytes_CheckExact(part) and not isinstance(part, Frame):
                _check_sendable(part, i)
                _check_contiguous(part)
        self._check_open()
        # the last part keeps the caller's flags: SNDMORE there continues the message
        if copy and not track:
            for i in range(n):
                part = msg_parts[i]
                if PyBytes_CheckExact(part):
                    self.send_buffer(
                        PyBytes_AS_STRING(part), PyBytes_GET_SIZE(part),
                        flags | ZMQ_SNDMORE if i < n - 1 else flags,
                    )
                else:
                    self._send_any(part, flags | ZMQ_SNDMORE if i < n - 1 else flags, True, False)
            return None
        for i in range(n - 1):
            self._send_any(msg_parts[i], flags | ZMQ_SNDMORE, copy, track)
        return self._send_any(msg_parts[n - 1], flags, copy, track)

    # -- recv --

    cdef object recv_bytes(self, int flags):
        """Receive one frame as bytes."""
        cdef zmq_msg_t msg
        zmq_msg_init(&msg)
        try:
            _recv_msg(self, &msg, flags)
            return _bytes_of(&msg)
        finally:
            _close_msg(&msg)

    cdef Frame recv_frame(self, int flags):
        """Receive one frame as a Frame that owns the delivered message."""
        cdef Frame frame = Frame.__new__(Frame)
        _recv_msg(self, &frame.zmq_msg, flags)
        frame.more = zmq_msg_more(&frame.zmq_msg)
        return frame

    def recv(self, int flags=0, bint copy=True, bint track=False):
        """Receive one frame: bytes, or with ``copy=False`` a Frame (no copy).

        ``flags=zmq.DONTWAIT`` raises zmq.Again when nothing is waiting.
        """
        self._check_open()
        if copy:
            return self.recv_bytes(flags)
        return self.recv_frame(flags)

    def recv_multipart(self, int flags=0, bint copy=True, bint track=False):
        """Receive every part of the next message: always a list (of bytes, or of
        Frames with ``copy=False``)."""
        cdef zmq_msg_t msg
        cdef list parts = []
        cdef bint more = True
        cdef Frame frame
        self._check_open()
        if not copy:
            while more:
                frame = self.recv_frame(flags)
                PyList_Append(parts, frame)
                more = frame.more
            return parts
        zmq_msg_init(&msg)
        try:
            while more:
                _recv_msg(self, &msg, flags)
                PyList_Append(parts, _bytes_of(&msg))
                more = zmq_msg_more(&msg)
        finally:
            _close_msg(&msg)
        return parts

    def recv_into(self, buffer, *, Py_ssize_t nbytes=0, int flags=0):
        """Receive one frame into a writable buffer; returns the frame's full size.

        At most ``nbytes`` (default: the buffer's size) are written; a larger
        frame is truncated, which the returned size reveals.
        """
        cdef Py_buffer view
        cdef int rc
        cdef void *handle
        cdef _Call call
        self._check_open()
        if nbytes < 0:
            raise ValueError("nbytes must be >= 0, not %i" % nbytes)
        try:
            PyObject_GetBuffer(buffer, &view, PyBUF_WRITABLE | PyBUF_ANY_CONTIGUOUS)
        except BufferError as error:
            raise TypeError("recv_into needs a writable contiguous buffer, not %s (%s)"
                            % (type(buffer).__name__, error)) from None
        try:
            if nbytes == 0:
                nbytes = view.len
            elif nbytes > view.len:
                raise ValueError("nbytes=%i is larger than the buffer (%i)" % (nbytes, view.len))
            handle = self.handle
            rc = zmq_recv(handle, view.buf, nbytes, flags | ZMQ_DONTWAIT)
            if rc < 0:
                if zmq_errno() != EAGAIN or flags & ZMQ_DONTWAIT:
                    _raise_errno(zmq_errno())
                call.kind = _BUF_RECV
                call.handle = handle
                call.buf = view.buf
                call.size = nbytes
                call.flags = flags
                rc = _block(&call, ZMQ_RCVTIMEO, self._spin_us, &self._recv_spin)
            return rc
        finally:
            PyBuffer_Release(&view)

    def monitor(self, addr, int events=_constants.Event.EVENT_ALL):
        """Publish this socket's events on a PAIR socket bound at ``addr`` (inproc).

        ``addr=None`` stops monitoring.
        """
        cdef bytes baddr
        cdef int rc
        self._check_open()
        if addr is None:
            rc = zmq_socket_monitor(self.handle, NULL, 0)
        else:
            baddr = _encode_address(addr)
            rc = zmq_socket_monitor(self.handle, baddr, events)
        if rc < 0:
            _raise_errno(zmq_errno(), "addr=%r" % (addr,))


cdef int _send_msg(Socket sock, zmq_msg_t *msg, int flags) except -1:
    """Send ``msg`` (libzmq takes it over); closes it when the send fails."""
    cdef int rc
    cdef _Call call
    rc = zmq_msg_send(msg, sock.handle, flags | ZMQ_DONTWAIT)
    if rc >= 0:
        return 0
    if zmq_errno() != EAGAIN or flags & ZMQ_DONTWAIT:
        errnum = zmq_errno()
        _close_msg(msg)
        return _raise_errno(errnum)
    call.kind = _MSG_SEND
    call.handle = sock.handle
    call.msg = msg
    call.flags = flags
    try:
        _block(&call, ZMQ_SNDTIMEO, sock._spin_us, &sock._send_spin)
    except BaseException:
        _close_msg(msg)
        raise
    return 0


cdef int _check_sendable(object data, Py_ssize_t index) except -1:
    cdef str where = "" if index < 0 else "part %i: " % index
    if isinstance(data, str):
        raise TypeError(
            "%sstr cannot be sent, use send_string() or encode it to bytes" % where
        )
    if not PyObject_CheckBuffer(data):
        raise TypeError(
            "%s%s does not support the buffer protocol" % (where, type(data).__name__)
        )
    return 0


cdef object _bytes_of(zmq_msg_t *msg):
    """A bytes copy of ``msg``'s content; large copies run without the GIL."""
    cdef size_t size = zmq_msg_size(msg)
    cdef object data
    cdef char *target
    cdef const char *source
    if size < _NOGIL_COPY_BYTES:
        return PyBytes_FromStringAndSize(<char *>zmq_msg_data(msg), size)
    data = PyBytes_FromStringAndSize(NULL, size)
    target = PyBytes_AS_STRING(data)
    source = <const char *>zmq_msg_data(msg)
    with nogil:
        memcpy(target, source, size)
    return data


cdef object _tracker_of(_Release rel):
    """The MessageTracker of ``rel``'s message: ``rel`` itself (no allocation)."""
    return rel


cdef int _check_contiguous(object data) except -1:
    """Acquire and release ``data``'s buffer: BufferError now rather than mid-message."""
    cdef Py_buffer view
    PyObject_GetBuffer(data, &view, PyBUF_ANY_CONTIGUOUS)
    PyBuffer_Release(&view)
    return 0


cdef int _recv_msg(Socket sock, zmq_msg_t *msg, int flags) except -1:
    """Receive into ``msg``; block without the GIL only when nothing is waiting."""
    cdef int rc
    cdef _Call call
    if sock.handle == NULL:
        raise ZMQError(ENOTSOCK, "the socket is closed")
    rc = zmq_msg_recv(msg, sock.handle, flags | ZMQ_DONTWAIT)
    if rc >= 0:
        return 0
    if zmq_errno() != EAGAIN or flags & ZMQ_DONTWAIT:
        return _raise_errno(zmq_errno())
    call.kind = _MSG_RECV
    call.handle = sock.handle
    call.msg = msg
    call.flags = flags
    _block(&call, ZMQ_RCVTIMEO, sock._spin_us, &sock._recv_spin)
    return 0


# -- polling -------------------------------------------------------------------

cdef enum:
    _STACK_POLLITEMS = 32


def _poll(sockets, long timeout=-1):
    """Poll ``[(socket_or_fd, events), ...]``; returns ``[(socket_or_fd, revents), ...]``
    for the ready ones. Sockets may be zmq Sockets, int fds or objects with
    ``fileno()``. ``timeout`` in milliseconds, -1 waits forever.
    """
    cdef zmq_pollitem_t stack_items[_STACK_POLLITEMS]
    cdef zmq_pollitem_t *items = stack_items
    cdef Py_ssize_t i, n
    cdef int rc
    cdef long remaining = timeout
    cdef Socket sock
    cdef list pairs = list(sockets)
    n = len(pairs)
    if n > _STACK_POLLITEMS:
        items = <zmq_pollitem_t *>malloc(n * sizeof(zmq_pollitem_t))
        if items == NULL:
            raise MemoryError()
    try:
        for i in range(n):
            obj, events = pairs[i]
            items[i].events = events
            items[i].revents = 0
            if isinstance(obj, Socket):
                sock = <Socket>obj
                sock._check_open()
                items[i].socket = sock.handle
                items[i].fd = 0
            else:
                items[i].socket = NULL
                items[i].fd = _fileno_of(obj)
        if timeout == 0:
            rc = zmq_poll(items, n, 0)
            if rc < 0:
                _raise_errno(zmq_errno())
        else:
            import time

            deadline = time.monotonic() + timeout / 1000.0 if timeout > 0 else None
            while True:
                with nogil:
                    rc = zmq_poll(items, n, remaining)
                if rc >= 0:
                    break
                _retry_or_raise()
                if deadline is not None:
                    remaining = max(0, <long>((deadline - time.monotonic()) * 1000))
        return [(pairs[i][0], items[i].revents) for i in range(n) if items[i].revents]
    finally:
        if items != stack_items:
            free(items)


cdef zmq_fd_t _fileno_of(object obj) except? -1:
    if isinstance(obj, int):
        return obj
    fileno = getattr(obj, "fileno", None)
    if fileno is None:
        raise TypeError("cannot poll %s: need a zmq Socket, an int fd or an object "
                        "with fileno()" % type(obj).__name__)
    try:
        return fileno()
    except Exception as error:
        raise ValueError("fileno() of %r failed: %s" % (obj, error)) from error


# -- proxies -------------------------------------------------------------------


cdef void *_handle_or_null(object sock, str role) except? NULL:
    if sock is None:
        return NULL
    if not isinstance(sock, Socket):
        raise TypeError("%s must be a zmq Socket, not %s" % (role, type(sock).__name__))
    (<Socket>sock)._check_open()
    return (<Socket>sock).handle


def proxy(frontend, backend, capture=None):
    """Relay messages between two sockets (``zmq_proxy``) until the context ends.

    Runs without the GIL; ends with ContextTerminated when the context is
    terminated.
    """
    return proxy_steerable(frontend, backend, capture, None)


def proxy_steerable(frontend, backend, capture=None, control=None):
    """``proxy`` with a control socket that accepts PAUSE, RESUME, TERMINATE
    and STATISTICS. Returns after TERMINATE."""
    cdef void *front = _handle_or_null(frontend, "frontend")
    cdef void *back = _handle_or_null(backend, "backend")
    cdef void *cap = _handle_or_null(capture, "capture")
    cdef void *ctrl = _handle_or_null(control, "control")
    cdef int rc
    if front == NULL or back == NULL:
        raise TypeError("frontend and backend are required")
    while True:
        with nogil:
            if ctrl == NULL:
                rc = zmq_proxy(front, back, cap)
            else:
                rc = zmq_proxy_steerable(front, back, cap, ctrl)
        if rc >= 0:
            return rc
        _retry_or_raise()


def device(int device_type, frontend, backend):
    """The old name of ``proxy``; ``device_type`` (QUEUE, FORWARDER, STREAMER)
    only documents intent, as in libzmq."""
    if device_type not in (_constants.DeviceType.QUEUE, _constants.DeviceType.FORWARDER,
                           _constants.DeviceType.STREAMER):
        raise ValueError("device_type must be QUEUE, FORWARDER or STREAMER, not %r" % (device_type,))
    return proxy(frontend, backend)


# -- CURVE keys and Z85 ----------------------------------------------------------


def curve_keypair():
    """A new CURVE key pair ``(public, secret)``, each 40 bytes of Z85 text."""
    cdef char public_key[41]
    cdef char secret_key[41]
    if zmq_curve_keypair(public_key, secret_key) < 0:
        _raise_errno(zmq_errno())
    return public_key[:40], secret_key[:40]


def curve_public(secret_key):
    """The Z85 public key (bytes) of a Z85 secret key."""
    cdef char public_key[41]
    if isinstance(secret_key, str):
        secret_key = secret_key.encode("ascii")
    if not isinstance(secret_key, bytes) or len(secret_key) != 40:
        raise ValueError("a Z85 secret key is 40 bytes")
    if zmq_curve_public(public_key, secret_key) < 0:
        _raise_errno(zmq_errno())
    return public_key[:40]


def z85_encode(data):
    """Z85-encode ``data`` (length a multiple of 4) to bytes."""
    cdef bytes raw = bytes(data)
    cdef Py_ssize_t size = len(raw)
    cdef char *out
    if size % 4:
        raise ValueError("Z85 encodes lengths that are a multiple of 4, not %i" % size)
    out = <char *>malloc(size * 5 // 4 + 1)
    if out == NULL:
        raise MemoryError()
    try:
        if zmq_z85_encode(out, <const uint8_t *><char *>raw, size) == NULL:
            raise ValueError("Z85 encoding failed")
        return PyBytes_FromStringAndSize(out, size * 5 // 4)
    finally:
        free(out)


def z85_decode(text):
    """Decode Z85 text (str or bytes, length a multiple of 5) to bytes."""
    cdef bytes raw
    cdef Py_ssize_t size
    cdef uint8_t *out
    if isinstance(text, str):
        text = text.encode("ascii")
    raw = bytes(text)
    size = len(raw)
    if size % 5:
        raise ValueError("Z85 text has a length that is a multiple of 5, not %i" % size)
    out = <uint8_t *>malloc(size * 4 // 5 + 1)
    if out == NULL:
        raise MemoryError()
    try:
        if zmq_z85_decode(out, raw) == NULL:
            raise ValueError("invalid Z85 text")
        return PyBytes_FromStringAndSize(<char *>out, size * 4 // 5)
    finally:
        free(out)
