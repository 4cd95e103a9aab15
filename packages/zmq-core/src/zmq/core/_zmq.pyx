# SPDX-License-Identifier: LGPL-3.0-or-later
# cython: language_level=3, embedsignature=True
"""The compiled core: every call into libzmq and every per-message path.

Blocking libzmq calls are first tried without blocking while the GIL is held
(the common case costs no GIL hand-over); only when libzmq would block is the
call repeated without the GIL. A signal that interrupts a blocking call runs
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
from cpython.exc cimport PyErr_CheckSignals
from cpython.list cimport PyList_Append
from libc.errno cimport EAGAIN, EINTR, EINVAL
from libc.stdint cimport int64_t
from posix.unistd cimport getpid

from .libzmq cimport *

import weakref

from . import constants as _constants
from .error import ZMQError, error_for as _error_for

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


# -- Context -------------------------------------------------------------------


@cython.no_gc_clear
cdef class Context:
    """A libzmq context: the owner of I/O threads and sockets.

    ``Context(io_threads=1)``. ``term()`` is libzmq's ``zmq_ctx_term``: it
    blocks until every socket is closed and makes blocking calls in other
    threads raise ContextTerminated. ``destroy()`` closes the sockets first.
    """

    def __cinit__(self, int io_threads=1, *args, **kwargs):
        self.handle = NULL
        self._pid = getpid()
        if io_threads < 0:
            raise ZMQError(EINVAL, "io_threads must be >= 0, not %i" % io_threads)
        self.handle = zmq_ctx_new()
        if self.handle == NULL:
            _raise_errno(zmq_errno())
        if io_threads != 1 and zmq_ctx_set(self.handle, ZMQ_IO_THREADS, io_threads) < 0:
            _raise_errno(zmq_errno())
        self._sockets = weakref.WeakSet()

    def __dealloc__(self):
        cdef void *handle = self.handle
        cdef int rc
        self.handle = NULL
        if handle != NULL and self._pid == getpid():
            with nogil:
                rc = zmq_ctx_term(handle)
                while rc < 0 and zmq_errno() == EINTR:
                    rc = zmq_ctx_term(handle)

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


@cython.no_gc_clear
cdef class Socket:
    """A libzmq socket. Create it with ``Context.socket(socket_type)``.

    Not thread-safe, like libzmq sockets: use each socket from one thread at a
    time, and never close it while another thread is blocked on it.
    """

    def __cinit__(self, Context context=None, int socket_type=-1, *args, **kwargs):
        self.handle = NULL
        self._pid = getpid()
        if context is None:
            raise TypeError("Socket needs a Context: use ctx.socket(socket_type)")
        context._check_open()
        self.handle = zmq_socket(context.handle, socket_type)
        if self.handle == NULL:
            _raise_errno(zmq_errno(), "socket type %i" % socket_type)
        self.context = context
        self.socket_type = socket_type
        context._sockets.add(self)

    def __dealloc__(self):
        if self.handle != NULL and self._pid == getpid():
            zmq_close(self.handle)
        self.handle = NULL

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
            _retry_or_raise("addr=%r" % (addr,))

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
        rc = zmq_send(handle, data, size, flags | ZMQ_DONTWAIT)
        if rc >= 0:
            return 0
        if zmq_errno() != EAGAIN or flags & ZMQ_DONTWAIT:
            return _raise_errno(zmq_errno())
        while True:
            with nogil:
                rc = zmq_send(handle, data, size, flags)
            if rc >= 0:
                return 0
            _retry_or_raise()

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

    def send(self, data, int flags=0, bint copy=True, bint track=False):
        """Send one frame: any object with the buffer protocol (bytes, memoryview, ...).

        str raises TypeError (use ``send_string``). ``flags`` may include
        ``zmq.DONTWAIT`` (raises zmq.Again instead of blocking) and
        ``zmq.SNDMORE``.
        """
        if not copy or track:
            raise NotImplementedError("zero-copy and tracked sends are not available yet")
        self._send_object(data, flags)

    def send_multipart(self, msg_parts, int flags=0, bint copy=True, bint track=False):
        """Send a multipart message; every part is checked before anything is sent."""
        cdef Py_ssize_t i, n
        if not copy or track:
            raise NotImplementedError("zero-copy and tracked sends are not available yet")
        if not isinstance(msg_parts, (list, tuple)):
            msg_parts = list(msg_parts)
        n = len(msg_parts)
        if n == 0:
            raise ValueError("a multipart message needs at least one part")
        for i in range(n):
            if not PyBytes_CheckExact(msg_parts[i]):
                _check_sendable(msg_parts[i], i)
        self._check_open()
        for i in range(n - 1):
            self._send_object(msg_parts[i], flags | ZMQ_SNDMORE)
        self._send_object(msg_parts[n - 1], flags & ~ZMQ_SNDMORE)

    # -- recv --

    cdef object recv_bytes(self, int flags):
        """Receive one frame as bytes."""
        cdef zmq_msg_t msg
        zmq_msg_init(&msg)
        try:
            _recv_msg(self.handle, &msg, flags)
            return PyBytes_FromStringAndSize(<char *>zmq_msg_data(&msg), zmq_msg_size(&msg))
        finally:
            zmq_msg_close(&msg)

    def recv(self, int flags=0, bint copy=True, bint track=False):
        """Receive one frame as bytes.

        ``flags=zmq.DONTWAIT`` raises zmq.Again when nothing is waiting.
        """
        if not copy:
            raise NotImplementedError("zero-copy receives (Frame) are not available yet")
        self._check_open()
        return self.recv_bytes(flags)

    def recv_multipart(self, int flags=0, bint copy=True, bint track=False):
        """Receive every part of the next message; always a list of bytes."""
        cdef zmq_msg_t msg
        cdef list parts = []
        cdef bint more = True
        if not copy:
            raise NotImplementedError("zero-copy receives (Frame) are not available yet")
        self._check_open()
        zmq_msg_init(&msg)
        try:
            while more:
                _recv_msg(self.handle, &msg, flags)
                PyList_Append(
                    parts, PyBytes_FromStringAndSize(<char *>zmq_msg_data(&msg), zmq_msg_size(&msg))
                )
                more = zmq_msg_more(&msg)
        finally:
            zmq_msg_close(&msg)
        return parts


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


cdef int _recv_msg(void *handle, zmq_msg_t *msg, int flags) except -1:
    """Receive into ``msg``; block without the GIL only when nothing is waiting."""
    cdef int rc
    if handle == NULL:
        raise ZMQError(ENOTSOCK, "the socket is closed")
    rc = zmq_msg_recv(msg, handle, flags | ZMQ_DONTWAIT)
    if rc >= 0:
        return 0
    if zmq_errno() != EAGAIN or flags & ZMQ_DONTWAIT:
        return _raise_errno(zmq_errno())
    while True:
        with nogil:
            rc = zmq_msg_recv(msg, handle, flags)
        if rc >= 0:
            return 0
        _retry_or_raise()
