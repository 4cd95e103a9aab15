# SPDX-License-Identifier: LGPL-3.0-or-later
# C declarations from <signal.h> that Cython's posix.signal lacks: a thread's signal mask.

from posix.signal cimport sigset_t

cdef extern from "<signal.h>" nogil:
    int pthread_sigmask(int how, const sigset_t *newmask, sigset_t *oldmask)
