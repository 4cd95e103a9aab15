# SPDX-License-Identifier: LGPL-3.0-or-later
# C declarations from Python.h that Cython's cpython package lacks, callable without the GIL:
# a libzmq thread that frees a zero-copy buffer schedules its release through these.

cdef extern from "Python.h":
    int Py_AddPendingCall(int (*func)(void *) noexcept, void *arg) nogil
    int PyGILState_Check() nogil
