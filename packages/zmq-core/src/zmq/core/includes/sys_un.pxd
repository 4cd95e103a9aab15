# SPDX-License-Identifier: LGPL-3.0-or-later
# C declarations from <sys/un.h>: the Unix-domain socket address (for IPC_PATH_MAX_LEN).

cdef extern from "<sys/un.h>":
    cdef struct sockaddr_un:
        char sun_path[108]  # the C compiler uses the system's own size
