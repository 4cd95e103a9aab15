# SPDX-License-Identifier: LGPL-3.0-or-later
# Socket options (their value kinds, get and set) and endpoint addresses.
# Included by _zmq.pyx (one compilation unit), which holds the cimports and imports.

cdef enum:
    KIND_INT = 0
    KIND_INT64 = 1
    KIND_BYTES = 2
    KIND_FD = 3

#: the value kinds as Python sees them (``option_type``; zmq.core.options
#: derives ``zmq.bytes_sockopts`` and the other sets from them)
OPT_INT, OPT_INT64, OPT_BYTES, OPT_FD = KIND_INT, KIND_INT64, KIND_BYTES, KIND_FD

_SocketOption = _constants.SocketOption

# The one table of option kinds: every socket option whose value is not a C
# int, by kind. Options not listed (and unknown option numbers) are ints.
_OPTION_KINDS = {
    KIND_BYTES: (
        _SocketOption.ROUTING_ID,
        _SocketOption.SUBSCRIBE,
        _SocketOption.UNSUBSCRIBE,
        _SocketOption.LAST_ENDPOINT,
        _SocketOption.TCP_ACCEPT_FILTER,
        _SocketOption.PLAIN_USERNAME,
        _SocketOption.PLAIN_PASSWORD,
        _SocketOption.CURVE_PUBLICKEY,
        _SocketOption.CURVE_SECRETKEY,
        _SocketOption.CURVE_SERVERKEY,
        _SocketOption.ZAP_DOMAIN,
        _SocketOption.CONNECT_ROUTING_ID,
        _SocketOption.GSSAPI_PRINCIPAL,
        _SocketOption.GSSAPI_SERVICE_PRINCIPAL,
        _SocketOption.SOCKS_PROXY,
        _SocketOption.XPUB_WELCOME_MSG,
        _SocketOption.BINDTODEVICE,
        _SocketOption.METADATA,
        _SocketOption.SOCKS_USERNAME,
        _SocketOption.SOCKS_PASSWORD,
        _SocketOption.WSS_KEY_PEM,
        _SocketOption.WSS_CERT_PEM,
        _SocketOption.WSS_TRUST_PEM,
        _SocketOption.WSS_HOSTNAME,
        _SocketOption.HELLO_MSG,
        _SocketOption.DISCONNECT_MSG,
        _SocketOption.HICCUP_MSG,
    ),
    KIND_INT64: (
        _SocketOption.AFFINITY,
        _SocketOption.MAXMSGSIZE,
        _SocketOption.VMCI_BUFFER_SIZE,
        _SocketOption.VMCI_BUFFER_MIN_SIZE,
        _SocketOption.VMCI_BUFFER_MAX_SIZE,
    ),
    KIND_FD: (_SocketOption.FD,),
}

cdef enum:
    _OPT_TABLE_SIZE = 256

# _OPTION_KINDS as a C array, for the per-call lookup
cdef unsigned char _opt_kinds[_OPT_TABLE_SIZE]


cdef void _init_opt_kinds():
    cdef int i
    for i in range(_OPT_TABLE_SIZE):
        _opt_kinds[i] = KIND_INT
    for kind, options in _OPTION_KINDS.items():
        for option in options:
            _opt_kinds[<int>option] = kind

_init_opt_kinds()


def option_type(int option):
    """The value kind of a socket option: OPT_INT, OPT_INT64, OPT_BYTES or OPT_FD.

    Unknown option numbers are ints, as libzmq's C API would take them.
    """
    return _opt_kind(option)


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


# what Socket._endpoint_call does with an address
cdef enum:
    _BIND = 0
    _CONNECT = 1
    _UNBIND = 2
    _DISCONNECT = 3


cdef str _endpoint_error_context(bytes baddr, object addr, int which):
    """What to add to a failed bind/connect's message: the address, and for
    ipc the usual causes in plain words."""
    cdef int errnum = zmq_errno()
    cdef str context = "addr=%r" % (addr,)
    if baddr.startswith(b"ipc://") and which == _BIND:
        if errnum == ENAMETOOLONG:
            context += "; ipc paths may be at most zmq.IPC_PATH_MAX_LEN (%i) bytes long" % IPC_PATH_MAX_LEN
        elif errnum == ENOENT:
            context += "; the directory of this ipc path does not exist"
    return context


cdef int _set_option(void *handle, int option, object optval) except -1:
    """``Socket.set`` on an open socket's handle: the value's type follows the option's kind."""
    cdef int kind = _opt_kind(option)
    cdef int ival
    cdef int64_t i64val
    cdef int rc
    if isinstance(optval, str):
        raise TypeError(
            "%s: str is not allowed, use set_string() or encode it" % _option_name(option)
        )
    if kind == KIND_BYTES:
        if not isinstance(optval, bytes):
            raise TypeError(
                "%s expects bytes, not %s" % (_option_name(option), type(optval).__name__)
            )
        rc = zmq_setsockopt(handle, option, PyBytes_AS_STRING(optval), PyBytes_GET_SIZE(optval))
    elif not isinstance(optval, int):
        raise TypeError(
            "%s expects an int, not %s" % (_option_name(option), type(optval).__name__)
        )
    elif kind == KIND_INT64:
        i64val = optval
        rc = zmq_setsockopt(handle, option, &i64val, sizeof(int64_t))
    else:
        ival = optval
        rc = zmq_setsockopt(handle, option, &ival, sizeof(int))
    if rc < 0:
        _raise_errno(zmq_errno(), _option_name(option))
    return 0


cdef object _get_option(void *handle, int option):
    """``Socket.get`` on an open socket's handle: int for int/int64/fd options, else bytes."""
    cdef int kind = _opt_kind(option)
    cdef int ival
    cdef int64_t i64val
    cdef zmq_fd_t fdval
    cdef char buf[1024]
    cdef size_t size
    cdef int rc
    if kind == KIND_BYTES:
        size = sizeof(buf)
        if option == ZMQ_CURVE_PUBLICKEY or option == ZMQ_CURVE_SECRETKEY or option == ZMQ_CURVE_SERVERKEY:
            size = 41  # libzmq accepts 32 (binary) or 41 (Z85 and its NUL) only
        rc = zmq_getsockopt(handle, option, buf, &size)
    elif kind == KIND_INT64:
        size = sizeof(int64_t)
        rc = zmq_getsockopt(handle, option, &i64val, &size)
    elif kind == KIND_FD:
        size = sizeof(zmq_fd_t)
        rc = zmq_getsockopt(handle, option, &fdval, &size)
    else:
        size = sizeof(int)
        rc = zmq_getsockopt(handle, option, &ival, &size)
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
