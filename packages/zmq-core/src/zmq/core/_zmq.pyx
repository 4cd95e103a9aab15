# SPDX-License-Identifier: LGPL-3.0-or-later
# cython: language_level=3, embedsignature=True
"""The compiled core: every call into libzmq and every per-message path.

One extension module (one compilation unit, so the hot path inlines across
jobs) whose source is split by job into the ``_zmq_*.pxi`` files included
below; every C declaration is in a ``.pxd`` (``libzmq.pxd``, ``includes/``).
How a blocking call waits (GIL, spin, signals, timeouts) is explained once,
at the top of ``_zmq_blocking.pxi``.
"""

cimport cython
from cpython.buffer cimport (
    PyBUF_ANY_CONTIGUOUS,
    PyBUF_WRITABLE,
    PyBuffer_FillInfo,
    PyBuffer_Release,
    PyObject_CheckBuffer,
    PyObject_GetBuffer,
)
from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_CheckExact, PyBytes_FromStringAndSize, PyBytes_GET_SIZE
from cpython.exc cimport (
    PyErr_CheckSignals,
    PyErr_Clear,
    PyErr_ExceptionMatches,
    PyErr_SetInterrupt,
    PyErr_WriteUnraisable,
)
from cpython.list cimport PyList_Append, PyList_CheckExact
from cpython.object cimport PyObject
from cpython.tuple cimport PyTuple_CheckExact
from cpython.ref cimport Py_DECREF, Py_INCREF, Py_XDECREF, Py_XINCREF
from libc cimport errno as libc_errno
from libc.errno cimport EAGAIN, EINTR, EINVAL, ENAMETOOLONG, ENOENT
from libc.stdint cimport int64_t, uint8_t
from libc.stdlib cimport free, malloc
from libc.string cimport memcpy
from posix.signal cimport SIG_BLOCK, SIG_SETMASK, sigfillset, sigset_t
from posix.time cimport CLOCK_MONOTONIC, clock_gettime, timespec
from posix.unistd cimport getpid

from .includes.python cimport Py_AddPendingCall, PyErr_CheckSignals_raw, PyGILState_Check
from .includes.sched cimport sched_yield
from .includes.signal cimport pthread_sigmask
from .includes.sys_un cimport sockaddr_un
from .includes.zmq_exit_term cimport zmqpy_term_job, zmqpy_term_release, zmqpy_term_start, zmqpy_term_wait
from .includes.zmq_ticks cimport ZMQPY_TICKS_PER_US, zmqpy_ticks
from .includes.zmq_release cimport (
    zmqpy_any_released,
    zmqpy_is_released,
    zmqpy_push_released,
    zmqpy_release_node,
    zmqpy_take_released,
)
from .libzmq cimport *

import atexit
import sys
import time as _time
import weakref
from types import GenericAlias as _GenericAlias

from .. import constants as _constants
from .error import NotDone, ZMQError, _ContextClosedError, error_for as _error_for
from ..utils.legacy import LegacyAttribute

#: sends with copy=False of fewer bytes than this are copied anyway (as in pyzmq):
#: for them, copying is cheaper than sharing the buffer with libzmq
COPY_THRESHOLD = 65536

# Copies of at least this many bytes run without the GIL, so that another
# thread (say, the receiving end) can run meanwhile; smaller ones are cheaper
# than the hand-over.
cdef enum:
    _NOGIL_COPY_BYTES = 16384

cdef sockaddr_un _unix_address
#: the longest ipc:// path the operating system accepts (bytes, without the NUL)
IPC_PATH_MAX_LEN = sizeof(_unix_address.sun_path) - 1
#: whether libzmq's draft API is usable through this binding (it is not built with it)
PYZMQ_DRAFT_API = False
#: whether both libzmq and this binding have the draft API (pyzmq's meaning)
DRAFT_API = False

#: default of ``Context.spin_us`` (and so of ``Socket.spin_us``): how long a
#: blocking send or receive keeps retrying before it sleeps in libzmq. 0: it
#: sleeps at once, as libzmq and pyzmq do; spinning is opt-in, because it
#: costs CPU where cores are free and latency where they are not
#: (docs/design.rst, "The blocking spin")
SPIN_US = 0


cdef object _zmq_default(str name, object fallback):
    """``zmq.<name>`` as the program may have set it (``zmq.COPY_THRESHOLD = 4096``).

    Read when a context, socket or Frame is made, as pyzmq does, so that
    assigning the module attribute changes the default from then on.
    """
    module = sys.modules.get("zmq")
    return fallback if module is None else getattr(module, name, fallback)


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


# The jobs, in an order where each module-level statement finds what it uses.
include "_zmq_errors.pxi"
include "_zmq_blocking.pxi"
include "_zmq_options.pxi"
include "_zmq_zerocopy.pxi"
include "_zmq_frame.pxi"
include "_zmq_handle.pxi"
include "_zmq_exit.pxi"
include "_zmq_context.pxi"
include "_zmq_sendrecv.pxi"
include "_zmq_socket.pxi"
include "_zmq_poll.pxi"
include "_zmq_proxy.pxi"
include "_zmq_curve.pxi"
