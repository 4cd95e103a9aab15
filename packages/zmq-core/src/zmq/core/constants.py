# SPDX-License-Identifier: LGPL-3.0-or-later
"""Every libzmq 4.3 constant, grouped into IntEnums.

The numbers are part of libzmq's stable ABI; a test compares each of them with
the ``#define`` in the ``zmq.h`` the core was built against. Draft-API names
(``SERVER``, ``RADIO``, ...) are present whether or not libzmq was built with
drafts; presence of a name does not mean libzmq supports it (see ``zmq.has``).
Error numbers that the platform defines come from :mod:`errno`.
"""

from __future__ import annotations

import errno as _errno
from enum import IntEnum, IntFlag

HAUSNUMERO = 156384712


def _platform_errno(name: str, offset: int) -> int:
    """The platform's value for ``name``, or libzmq's HAUSNUMERO stand-in."""
    return getattr(_errno, name, HAUSNUMERO + offset)


class Errno(IntEnum):
    """Error numbers raised by libzmq (``ZMQError.errno``)."""

    EAGAIN = _errno.EAGAIN
    EINVAL = _errno.EINVAL
    EFAULT = _errno.EFAULT
    ENOMEM = _errno.ENOMEM
    ENODEV = _errno.ENODEV
    EMFILE = _errno.EMFILE
    EINTR = _errno.EINTR
    ENOENT = _errno.ENOENT
    ENOTSUP = _platform_errno("ENOTSUP", 1)
    EPROTONOSUPPORT = _platform_errno("EPROTONOSUPPORT", 2)
    ENOBUFS = _platform_errno("ENOBUFS", 3)
    ENETDOWN = _platform_errno("ENETDOWN", 4)
    EADDRINUSE = _platform_errno("EADDRINUSE", 5)
    EADDRNOTAVAIL = _platform_errno("EADDRNOTAVAIL", 6)
    ECONNREFUSED = _platform_errno("ECONNREFUSED", 7)
    EINPROGRESS = _platform_errno("EINPROGRESS", 8)
    ENOTSOCK = _platform_errno("ENOTSOCK", 9)
    EMSGSIZE = _platform_errno("EMSGSIZE", 10)
    EAFNOSUPPORT = _platform_errno("EAFNOSUPPORT", 11)
    ENETUNREACH = _platform_errno("ENETUNREACH", 12)
    ECONNABORTED = _platform_errno("ECONNABORTED", 13)
    ECONNRESET = _platform_errno("ECONNRESET", 14)
    ENOTCONN = _platform_errno("ENOTCONN", 15)
    ETIMEDOUT = _platform_errno("ETIMEDOUT", 16)
    EHOSTUNREACH = _platform_errno("EHOSTUNREACH", 17)
    ENETRESET = _platform_errno("ENETRESET", 18)
    EFSM = HAUSNUMERO + 51
    ENOCOMPATPROTO = HAUSNUMERO + 52
    ETERM = HAUSNUMERO + 53
    EMTHREAD = HAUSNUMERO + 54


class ContextOption(IntEnum):
    """Options of ``zmq_ctx_set``/``zmq_ctx_get`` (``Context.set``/``get``)."""

    IO_THREADS = 1
    MAX_SOCKETS = 2
    SOCKET_LIMIT = 3
    THREAD_PRIORITY = 3
    THREAD_SCHED_POLICY = 4
    MAX_MSGSZ = 5
    MSG_T_SIZE = 6
    THREAD_AFFINITY_CPU_ADD = 7
    THREAD_AFFINITY_CPU_REMOVE = 8
    THREAD_NAME_PREFIX = 9
    ZERO_COPY_RECV = 10  # draft
    BLOCKY = 70


class SocketType(IntEnum):
    """Socket types for ``Context.socket``."""

    PAIR = 0
    PUB = 1
    SUB = 2
    REQ = 3
    REP = 4
    DEALER = 5
    ROUTER = 6
    PULL = 7
    PUSH = 8
    XPUB = 9
    XSUB = 10
    STREAM = 11
    XREQ = DEALER
    XREP = ROUTER
    # draft socket types
    SERVER = 12
    CLIENT = 13
    RADIO = 14
    DISH = 15
    GATHER = 16
    SCATTER = 17
    DGRAM = 18
    PEER = 19
    CHANNEL = 20


class SocketOption(IntEnum):
    """Socket options for ``Socket.set``/``get`` (value type: see ``option_type``)."""

    AFFINITY = 4
    ROUTING_ID = 5
    SUBSCRIBE = 6
    UNSUBSCRIBE = 7
    RATE = 8
    RECOVERY_IVL = 9
    SNDBUF = 11
    RCVBUF = 12
    RCVMORE = 13
    FD = 14
    EVENTS = 15
    TYPE = 16
    LINGER = 17
    RECONNECT_IVL = 18
    BACKLOG = 19
    RECONNECT_IVL_MAX = 21
    MAXMSGSIZE = 22
    SNDHWM = 23
    RCVHWM = 24
    MULTICAST_HOPS = 25
    RCVTIMEO = 27
    SNDTIMEO = 28
    IPV4ONLY = 31
    LAST_ENDPOINT = 32
    ROUTER_MANDATORY = 33
    TCP_KEEPALIVE = 34
    TCP_KEEPALIVE_CNT = 35
    TCP_KEEPALIVE_IDLE = 36
    TCP_KEEPALIVE_INTVL = 37
    TCP_ACCEPT_FILTER = 38
    IMMEDIATE = 39
    XPUB_VERBOSE = 40
    ROUTER_RAW = 41
    IPV6 = 42
    MECHANISM = 43
    PLAIN_SERVER = 44
    PLAIN_USERNAME = 45
    PLAIN_PASSWORD = 46
    CURVE_SERVER = 47
    CURVE_PUBLICKEY = 48
    CURVE_SECRETKEY = 49
    CURVE_SERVERKEY = 50
    PROBE_ROUTER = 51
    REQ_CORRELATE = 52
    REQ_RELAXED = 53
    CONFLATE = 54
    ZAP_DOMAIN = 55
    ROUTER_HANDOVER = 56
    TOS = 57
    IPC_FILTER_PID = 58
    IPC_FILTER_UID = 59
    IPC_FILTER_GID = 60
    CONNECT_ROUTING_ID = 61
    GSSAPI_SERVER = 62
    GSSAPI_PRINCIPAL = 63
    GSSAPI_SERVICE_PRINCIPAL = 64
    GSSAPI_PLAINTEXT = 65
    HANDSHAKE_IVL = 66
    SOCKS_PROXY = 68
    XPUB_NODROP = 69
    BLOCKY = 70
    XPUB_MANUAL = 71
    XPUB_WELCOME_MSG = 72
    STREAM_NOTIFY = 73
    INVERT_MATCHING = 74
    HEARTBEAT_IVL = 75
    HEARTBEAT_TTL = 76
    HEARTBEAT_TIMEOUT = 77
    XPUB_VERBOSER = 78
    CONNECT_TIMEOUT = 79
    TCP_MAXRT = 80
    THREAD_SAFE = 81
    MULTICAST_MAXTPDU = 84
    VMCI_BUFFER_SIZE = 85
    VMCI_BUFFER_MIN_SIZE = 86
    VMCI_BUFFER_MAX_SIZE = 87
    VMCI_CONNECT_TIMEOUT = 88
    USE_FD = 89
    GSSAPI_PRINCIPAL_NAMETYPE = 90
    GSSAPI_SERVICE_PRINCIPAL_NAMETYPE = 91
    BINDTODEVICE = 92
    # draft options
    ZAP_ENFORCE_DOMAIN = 93
    LOOPBACK_FASTPATH = 94
    METADATA = 95
    MULTICAST_LOOP = 96
    ROUTER_NOTIFY = 97
    XPUB_MANUAL_LAST_VALUE = 98
    SOCKS_USERNAME = 99
    SOCKS_PASSWORD = 100
    IN_BATCH_SIZE = 101
    OUT_BATCH_SIZE = 102
    WSS_KEY_PEM = 103
    WSS_CERT_PEM = 104
    WSS_TRUST_PEM = 105
    WSS_HOSTNAME = 106
    WSS_TRUST_SYSTEM = 107
    ONLY_FIRST_SUBSCRIBE = 108
    RECONNECT_STOP = 109
    HELLO_MSG = 110
    DISCONNECT_MSG = 111
    PRIORITY = 112
    # old names kept by zmq.h
    IDENTITY = ROUTING_ID
    CONNECT_RID = CONNECT_ROUTING_ID
    DELAY_ATTACH_ON_CONNECT = IMMEDIATE
    FAIL_UNROUTABLE = ROUTER_MANDATORY
    ROUTER_BEHAVIOR = ROUTER_MANDATORY


class MessageOption(IntEnum):
    """Frame properties for ``zmq_msg_get`` (``Frame.get``)."""

    MORE = 1
    SRCFD = 2
    SHARED = 3


class Flag(IntFlag):
    """Send/recv flags."""

    DONTWAIT = 1
    SNDMORE = 2
    NOBLOCK = DONTWAIT


class PollEvent(IntFlag):
    """Poll event bits."""

    POLLIN = 1
    POLLOUT = 2
    POLLERR = 4
    POLLPRI = 8


class Event(IntFlag):
    """Socket monitor event bits (``Socket.monitor``)."""

    EVENT_CONNECTED = 0x0001
    EVENT_CONNECT_DELAYED = 0x0002
    EVENT_CONNECT_RETRIED = 0x0004
    EVENT_LISTENING = 0x0008
    EVENT_BIND_FAILED = 0x0010
    EVENT_ACCEPTED = 0x0020
    EVENT_ACCEPT_FAILED = 0x0040
    EVENT_CLOSED = 0x0080
    EVENT_CLOSE_FAILED = 0x0100
    EVENT_DISCONNECTED = 0x0200
    EVENT_MONITOR_STOPPED = 0x0400
    EVENT_HANDSHAKE_FAILED_NO_DETAIL = 0x0800
    EVENT_HANDSHAKE_SUCCEEDED = 0x1000
    EVENT_HANDSHAKE_FAILED_PROTOCOL = 0x2000
    EVENT_HANDSHAKE_FAILED_AUTH = 0x4000
    EVENT_ALL = 0xFFFF
    EVENT_ALL_V1 = EVENT_ALL
    EVENT_PIPES_STATS = 0x10000  # draft
    EVENT_ALL_V2 = EVENT_ALL | EVENT_PIPES_STATS  # draft


class ProtocolError(IntEnum):
    """Values carried by EVENT_HANDSHAKE_FAILED_PROTOCOL monitor events."""

    PROTOCOL_ERROR_ZMTP_UNSPECIFIED = 0x10000000
    PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND = 0x10000001
    PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE = 0x10000002
    PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE = 0x10000003
    PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED = 0x10000011
    PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_MESSAGE = 0x10000012
    PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO = 0x10000013
    PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_INITIATE = 0x10000014
    PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR = 0x10000015
    PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_READY = 0x10000016
    PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_WELCOME = 0x10000017
    PROTOCOL_ERROR_ZMTP_INVALID_METADATA = 0x10000018
    PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC = 0x11000001
    PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH = 0x11000002
    PROTOCOL_ERROR_ZAP_UNSPECIFIED = 0x20000000
    PROTOCOL_ERROR_ZAP_MALFORMED_REPLY = 0x20000001
    PROTOCOL_ERROR_ZAP_BAD_REQUEST_ID = 0x20000002
    PROTOCOL_ERROR_ZAP_BAD_VERSION = 0x20000003
    PROTOCOL_ERROR_ZAP_INVALID_STATUS_CODE = 0x20000004
    PROTOCOL_ERROR_ZAP_INVALID_METADATA = 0x20000005
    PROTOCOL_ERROR_WS_UNSPECIFIED = 0x30000000


class SecurityMechanism(IntEnum):
    """Values of the MECHANISM socket option."""

    NULL = 0
    PLAIN = 1
    CURVE = 2
    GSSAPI = 3


class GSSAPINameType(IntEnum):
    """Name types for the GSSAPI_*_NAMETYPE options."""

    GSSAPI_NT_HOSTBASED = 0
    GSSAPI_NT_USER_NAME = 1
    GSSAPI_NT_KRB5_PRINCIPAL = 2


class DeviceType(IntEnum):
    """Device types for ``zmq.device``."""

    STREAMER = 1
    FORWARDER = 2
    QUEUE = 3


class RouterNotify(IntEnum):
    """Bits of the ROUTER_NOTIFY option (draft)."""

    NOTIFY_CONNECT = 1
    NOTIFY_DISCONNECT = 2


class ReconnectStop(IntEnum):
    """Bits of the RECONNECT_STOP option (draft)."""

    RECONNECT_STOP_CONN_REFUSED = 0x1
    RECONNECT_STOP_HANDSHAKE_FAILED = 0x2
    RECONNECT_STOP_AFTER_DISCONNECT = 0x3


#: plain integer constants of zmq.h that belong to no enum
MISC_CONSTANTS: dict[str, int] = {
    "HAUSNUMERO": HAUSNUMERO,
    "IO_THREADS_DFLT": 1,
    "MAX_SOCKETS_DFLT": 1023,
    "THREAD_PRIORITY_DFLT": -1,
    "THREAD_SCHED_POLICY_DFLT": -1,
    "POLLITEMS_DFLT": 16,
    "GROUP_MAX_LENGTH": 255,
    "HAS_CAPABILITIES": 1,
    "CURRENT_EVENT_VERSION": 1,
    "CURRENT_EVENT_VERSION_DRAFT": 2,
}

#: string constants of zmq.h (message property names, draft)
MSG_PROPERTY_ROUTING_ID = "Routing-Id"
MSG_PROPERTY_SOCKET_TYPE = "Socket-Type"
MSG_PROPERTY_USER_ID = "User-Id"
MSG_PROPERTY_PEER_ADDRESS = "Peer-Address"

ENUMS: tuple[type[IntEnum] | type[IntFlag], ...] = (
    Errno,
    ContextOption,
    SocketType,
    SocketOption,
    MessageOption,
    Flag,
    PollEvent,
    Event,
    ProtocolError,
    SecurityMechanism,
    GSSAPINameType,
    DeviceType,
    RouterNotify,
    ReconnectStop,
)

# -- value types of socket options -------------------------------------------

#: option value kinds, as used by the Cython layer
OPT_INT = 0
OPT_INT64 = 1
OPT_BYTES = 2
OPT_FD = 3

bytes_sockopts: frozenset[int] = frozenset(
    {
        SocketOption.ROUTING_ID,
        SocketOption.SUBSCRIBE,
        SocketOption.UNSUBSCRIBE,
        SocketOption.LAST_ENDPOINT,
        SocketOption.TCP_ACCEPT_FILTER,
        SocketOption.PLAIN_USERNAME,
        SocketOption.PLAIN_PASSWORD,
        SocketOption.CURVE_PUBLICKEY,
        SocketOption.CURVE_SECRETKEY,
        SocketOption.CURVE_SERVERKEY,
        SocketOption.ZAP_DOMAIN,
        SocketOption.CONNECT_ROUTING_ID,
        SocketOption.GSSAPI_PRINCIPAL,
        SocketOption.GSSAPI_SERVICE_PRINCIPAL,
        SocketOption.SOCKS_PROXY,
        SocketOption.XPUB_WELCOME_MSG,
        SocketOption.BINDTODEVICE,
        SocketOption.METADATA,
        SocketOption.SOCKS_USERNAME,
        SocketOption.SOCKS_PASSWORD,
        SocketOption.WSS_KEY_PEM,
        SocketOption.WSS_CERT_PEM,
        SocketOption.WSS_TRUST_PEM,
        SocketOption.WSS_HOSTNAME,
        SocketOption.HELLO_MSG,
        SocketOption.DISCONNECT_MSG,
    }
)
int64_sockopts: frozenset[int] = frozenset(
    {
        SocketOption.AFFINITY,
        SocketOption.MAXMSGSIZE,
        SocketOption.VMCI_BUFFER_SIZE,
        SocketOption.VMCI_BUFFER_MIN_SIZE,
        SocketOption.VMCI_BUFFER_MAX_SIZE,
    }
)
fd_sockopts: frozenset[int] = frozenset({SocketOption.FD})
int_sockopts: frozenset[int] = frozenset(
    set(SocketOption) - bytes_sockopts - int64_sockopts - fd_sockopts
)

#: options that libzmq accepts only on set (reading them gives EINVAL)
write_only_sockopts: frozenset[int] = frozenset(
    {
        SocketOption.SUBSCRIBE,
        SocketOption.UNSUBSCRIBE,
        SocketOption.CONNECT_ROUTING_ID,
        SocketOption.TCP_ACCEPT_FILTER,
        SocketOption.ROUTER_MANDATORY,
        SocketOption.ROUTER_RAW,
        SocketOption.ROUTER_HANDOVER,
        SocketOption.PROBE_ROUTER,
        SocketOption.REQ_CORRELATE,
        SocketOption.REQ_RELAXED,
        SocketOption.XPUB_VERBOSE,
        SocketOption.XPUB_VERBOSER,
        SocketOption.XPUB_NODROP,
        SocketOption.XPUB_MANUAL,
        SocketOption.XPUB_WELCOME_MSG,
        SocketOption.STREAM_NOTIFY,
        SocketOption.CONFLATE,
    }
)


def option_type(option: int) -> int:
    """The value kind (OPT_INT, OPT_INT64, OPT_BYTES or OPT_FD) of a socket option.

    Unknown option numbers are treated as int, as libzmq's C API would.
    """
    if option in bytes_sockopts:
        return OPT_BYTES
    if option in int64_sockopts:
        return OPT_INT64
    if option in fd_sockopts:
        return OPT_FD
    return OPT_INT


def module_constants() -> dict[str, int]:
    """Every constant as a name → value mapping for ``zmq``'s namespace.

    Enum members keep their enum type, so ``zmq.PUSH`` is ``SocketType.PUSH``.
    """
    names: dict[str, int] = dict(MISC_CONSTANTS)
    for enum in ENUMS:
        names.update(enum.__members__)
    return names
