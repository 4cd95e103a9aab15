# SPDX-License-Identifier: LGPL-3.0-or-later
# C declarations from <sched.h>: yielding the CPU while a blocking call spins.

cdef extern from "<sched.h>" nogil:
    int sched_yield()
