# SPDX-License-Identifier: BSD-3-Clause
"""Every libzmq 4.3 constant, grouped into enums: ``from zmq.constants import SocketType``.

Each constant is written once, as a member of its enum below. The
module-level names (``zmq.PUSH``, ``zmq.EVENT_CONNECTED``, ...) and
``__all__`` are derived from the enums (``_FLAT_PREFIXES`` says how), and
``constants.pyi`` spells them out for type checkers: it is generated from
this module, and a test fails when it is stale. The classes, members,
``repr()`` and ``str()`` are pyzmq 27's; a test compares the numbers with
the ``zmq.h`` the core was built against. Draft-API names (``SERVER``,
``RADIO``, ...) are present whether or not libzmq was built with drafts:
presence of a name does not mean libzmq supports it (see ``zmq.has``). Error
numbers that the platform defines come from :mod:`errno`.
"""

from __future__ import annotations

import errno as _errno
from enum import IntEnum, IntFlag

#: libzmq's base for the error numbers it defines where the platform lacks them
HAUSNUMERO = 156384712


def _platform_errno(name: str, offset: int) -> int:
    """The platform's value for ``name``, or libzmq's HAUSNUMERO stand-in."""
    return getattr(_errno, name, HAUSNUMERO + offset)


class Errno(IntEnum):
    """Error numbers raised by libzmq (``ZMQError.errno``)."""

    EAGAIN = _errno.EAGAIN
    EFAULT = _errno.EFAULT
    EINVAL = _errno.EINVAL
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
    # not in pyzmq's Errno: platform errors libzmq also reports
    ENOMEM = _errno.ENOMEM
    ENODEV = _errno.ENODEV
    EMFILE = _errno.EMFILE
    EINTR = _errno.EINTR
    ENOENT = _errno.ENOENT


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
    # not in pyzmq's ContextOption (``zmq.BLOCKY`` is SocketOption.BLOCKY, as there)
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
    """Socket options for ``Socket.set``/``get`` (value kinds: ``zmq.bytes_sockopts``, ...)."""

    HWM = 1  # pyzmq's ``Socket.hwm``: SNDHWM and RCVHWM at once (not a libzmq option)
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
    LAST_ENDPOINT = 32
    ROUTER_MANDATORY = 33
    TCP_KEEPALIVE = 34
    TCP_KEEPALIVE_CNT = 35
    TCP_KEEPALIVE_IDLE = 36
    TCP_KEEPALIVE_INTVL = 37
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
    # old names kept by zmq.h, and deprecated options
    IDENTITY = ROUTING_ID
    CONNECT_RID = CONNECT_ROUTING_ID
    TCP_ACCEPT_FILTER = 38
    IPC_FILTER_PID = 58
    IPC_FILTER_UID = 59
    IPC_FILTER_GID = 60
    IPV4ONLY = 31
    DELAY_ATTACH_ON_CONNECT = IMMEDIATE
    FAIL_UNROUTABLE = ROUTER_MANDATORY
    ROUTER_BEHAVIOR = ROUTER_MANDATORY
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
    # draft options of libzmq 4.3.5 and later
    BUSY_POLL = 113
    HICCUP_MSG = 114
    XSUB_VERBOSE_UNSUBSCRIBE = 115
    TOPICS_COUNT = 116
    NORM_MODE = 117
    NORM_UNICAST_NACK = 118
    NORM_BUFFER_SIZE = 119
    NORM_SEGMENT_SIZE = 120
    NORM_BLOCK_SIZE = 121
    NORM_NUM_PARITY = 122
    NORM_NUM_AUTOPARITY = 123
    NORM_PUSH = 124


class MessageOption(IntEnum):
    """Frame properties for ``zmq_msg_get`` (``Frame.get``)."""

    MORE = 1
    SHARED = 3
    SRCFD = 2


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
    """Socket monitor events (``Socket.monitor``), and the values of
    HANDSHAKE_FAILED_PROTOCOL events (``PROTOCOL_ERROR_*``)."""

    PROTOCOL_ERROR_WS_UNSPECIFIED = 0x30000000
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
    CONNECTED = 0x0001
    CONNECT_DELAYED = 0x0002
    CONNECT_RETRIED = 0x0004
    LISTENING = 0x0008
    BIND_FAILED = 0x0010
    ACCEPTED = 0x0020
    ACCEPT_FAILED = 0x0040
    CLOSED = 0x0080
    CLOSE_FAILED = 0x0100
    DISCONNECTED = 0x0200
    MONITOR_STOPPED = 0x0400
    HANDSHAKE_FAILED_NO_DETAIL = 0x0800
    HANDSHAKE_SUCCEEDED = 0x1000
    HANDSHAKE_FAILED_PROTOCOL = 0x2000
    HANDSHAKE_FAILED_AUTH = 0x4000
    ALL_V1 = 0xFFFF
    ALL = ALL_V1
    PIPES_STATS = 0x10000  # draft
    ALL_V2 = ALL_V1 | PIPES_STATS  # draft


class NormMode(IntEnum):
    """Values of the NORM_MODE option (draft)."""

    FIXED = 0
    CC = 1
    CCL = 2
    CCE = 3
    CCE_ECNONLY = 4


class SecurityMechanism(IntEnum):
    """Values of the MECHANISM socket option."""

    NULL = 0
    PLAIN = 1
    CURVE = 2
    GSSAPI = 3


class GSSAPINameType(IntEnum):
    """Name types for the GSSAPI_*_NAMETYPE options (not in pyzmq)."""

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

    CONNECT = 1
    DISCONNECT = 2


class ReconnectStop(IntEnum):
    """Bits of the RECONNECT_STOP option (draft; AFTER_DISCONNECT is zmq.h 4.3's 0x3)."""

    CONN_REFUSED = 0x1
    HANDSHAKE_FAILED = 0x2
    AFTER_DISCONNECT = 0x3


#: the enums whose members are also module-level names, in the order that
#: decides a name two of them share (``zmq.BLOCKY`` is SocketOption.BLOCKY)
_ENUMS: tuple[type[IntEnum], ...] = (
    Errno,
    SocketType,
    SocketOption,
    ContextOption,
    MessageOption,
    Flag,
    PollEvent,
    Event,
    NormMode,
    SecurityMechanism,
    GSSAPINameType,
    DeviceType,
    RouterNotify,
    ReconnectStop,
)

#: members' module-level names are the member name with this prefix
#: (``zmq.EVENT_CONNECTED`` is Event.CONNECTED), except PROTOCOL_ERROR_*
_FLAT_PREFIXES: dict[type[IntEnum], str] = {
    Event: "EVENT_",
    NormMode: "NORM_",
    RouterNotify: "NOTIFY_",
    ReconnectStop: "RECONNECT_STOP_",
}


def _flat_names() -> dict[str, IntEnum]:
    """Every enum member by its module-level name."""
    names: dict[str, IntEnum] = {}
    for enum in _ENUMS:
        prefix = _FLAT_PREFIXES.get(enum, "")
        for name, member in enum.__members__.items():
            if not name.startswith("PROTOCOL_ERROR_"):
                name = prefix + name
            names.setdefault(name, member)
    return names


# plain constants of zmq.h that belong to no enum (not in pyzmq)
IO_THREADS_DFLT = 1
MAX_SOCKETS_DFLT = 1023
THREAD_PRIORITY_DFLT = -1
THREAD_SCHED_POLICY_DFLT = -1
POLLITEMS_DFLT = 16
GROUP_MAX_LENGTH = 255
HAS_CAPABILITIES = 1
CURRENT_EVENT_VERSION = 1
CURRENT_EVENT_VERSION_DRAFT = 2
# message property names (draft)
MSG_PROPERTY_ROUTING_ID = "Routing-Id"
MSG_PROPERTY_SOCKET_TYPE = "Socket-Type"
MSG_PROPERTY_USER_ID = "User-Id"
MSG_PROPERTY_PEER_ADDRESS = "Peer-Address"

_FLAT = _flat_names()
globals().update(_FLAT)

__all__ = [enum.__name__ for enum in _ENUMS] + list(_FLAT) + [
    name for name in tuple(globals()) if name.isupper() and not name.startswith("_") and name not in _FLAT
]
del _FLAT
