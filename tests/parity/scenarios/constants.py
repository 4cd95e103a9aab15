# SPDX-License-Identifier: BSD-3-Clause
"""zmq.constants: the enum classes, their members, and how members print."""

import zmq
import zmq.constants

# classes whose members are pyzmq's exactly (ContextOption and Errno have a few
# more here, ReconnectStop follows the linked zmq.h: see docs/migration.rst)
SAME_MEMBERS = ("SocketType", "SocketOption", "Event", "Flag", "PollEvent", "MessageOption",
                "NormMode", "SecurityMechanism", "DeviceType", "RouterNotify")


def module_and_classes(p):
    from zmq.constants import Event, Flag, PollEvent, SocketOption, SocketType

    p.value("same objects as zmq", [Event is zmq.Event, Flag is zmq.Flag, PollEvent is zmq.PollEvent,
                                    SocketOption is zmq.SocketOption, SocketType is zmq.SocketType])
    for name in SAME_MEMBERS + ("ContextOption", "Errno", "ReconnectStop"):
        cls = getattr(zmq.constants, name)
        p.value(name + " bases", [base.__name__ for base in cls.__mro__[1:3]])


def members(p):
    for name in SAME_MEMBERS:
        cls = getattr(zmq.constants, name)
        p.value(name, [(member, int(value), value.name) for member, value in cls.__members__.items()])
        p.value(name + " iterated", [value.name for value in cls])


def printing(p):
    for expression in (
        "zmq.Event.CONNECTED", "zmq.PUSH", "zmq.SocketOption.LINGER", "zmq.LINGER", "zmq.XREP",
        "zmq.IDENTITY", "zmq.NOBLOCK", "zmq.EVENT_ALL", "zmq.EVENT_ALL_V2", "zmq.Event(0)",
        "zmq.Event.CONNECTED | zmq.Event.DISCONNECTED", "zmq.POLLIN | zmq.POLLOUT",
        "zmq.DONTWAIT | zmq.SNDMORE", "zmq.PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND",
        "zmq.EAGAIN", "zmq.ETERM", "zmq.IO_THREADS", "zmq.NOTIFY_CONNECT", "zmq.NORM_CCE",
        "zmq.BLOCKY", "zmq.CURVE", "zmq.QUEUE", "zmq.MORE",
    ):
        value = eval(expression)
        p.text(expression, f"repr={value!r} str={value!s} format={value:} %d={'%d' % value}")


def flat_names(p):
    names = [name for name in dir(zmq.constants) if name.isupper() and not name.startswith("_")]
    shared = [name for name in names if hasattr(zmq, name)]
    p.value("flat names are zmq's", all(getattr(zmq, name) is getattr(zmq.constants, name) for name in shared))
    for name in ("EVENT_CONNECTED", "EVENT_MONITOR_STOPPED", "PROTOCOL_ERROR_ZAP_UNSPECIFIED",
                 "NOTIFY_DISCONNECT", "RECONNECT_STOP_CONN_REFUSED", "NORM_FIXED", "HWM", "BUSY_POLL"):
        value = getattr(zmq, name)
        p.value(name, [type(value).__name__, value.name])
