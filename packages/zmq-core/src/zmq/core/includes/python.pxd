# SPDX-License-Identifier: LGPL-3.0-or-later
# C declarations from Python.h that Cython's cpython package lacks, callable without the GIL:
# a libzmq thread that frees a zero-copy buffer schedules its release through these.

cdef extern from "Python.h":
    int Py_AddPendingCall(int (*func)(void *) noexcept, void *arg) nogil
    int PyGILState_Check() nogil

cdef extern from "Python.h":
    # PyErr_CheckSignals as it is, for code that handles the exception itself
    # (Cython's cpython.exc declares it ``except -1``, which propagates it)
    int PyErr_CheckSignals_raw "PyErr_CheckSignals" ()
