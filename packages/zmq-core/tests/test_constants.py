# SPDX-License-Identifier: BSD-3-Clause
"""Every constant of the zmq.h the core was built against exists with its value.

The header is read as text: every object-like ``#define`` (draft ones included,
they sit inside ``#ifdef ZMQ_BUILD_DRAFT_API``) is evaluated — integers, hex,
references to other macros, ``(ZMQ_HAUSNUMERO + n)``, ``A | B`` — and compared
with the constant of the same name (without ``ZMQ_``) in ``zmq``.
"""

from __future__ import annotations

import enum
import errno
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import zmq
from zmq import constants
from zmq.core import _zmq, options

#: macros that are not constants of the API (after the ZMQ_ prefix)
NOT_CONSTANTS = {"EXPORT", "MAKE_VERSION", "DEFINED_STDINT", "BUILD_DRAFT_API"}
#: libzmq's own error numbers: compared with the header whatever errno says
LIBZMQ_ERRNOS = {"EFSM", "ENOCOMPATPROTO", "ETERM", "EMTHREAD"}


def zmq_header() -> Path:
    """The zmq.h of the libzmq found by pkg-config (the build uses the same)."""
    if shutil.which("pkg-config"):
        found = subprocess.run(
            ["pkg-config", "--variable=includedir", "libzmq"], capture_output=True, text=True
        ).stdout.strip()
        if found and (Path(found) / "zmq.h").is_file():
            return Path(found) / "zmq.h"
    return Path("/usr/include/zmq.h")


def _is_skipped(name: str) -> bool:
    if not name.startswith("ZMQ_"):
        return re.fullmatch(r"E[A-Z0-9]+", name) is None  # include guards, _WIN32_WINNT
    short = name[len("ZMQ_"):]
    return short in NOT_CONSTANTS or short.startswith(("VERSION", "HAVE_"))


def read_defines(text: str) -> dict[str, str]:
    """Object-like macros of a C header: name → replacement text (first definition)."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)  # block comments
    text = re.sub(r"\\\n", " ", text)  # line continuations
    defines: dict[str, str] = {}
    for match in re.finditer(r"^[ \t]*#[ \t]*define[ \t]+(\w+)(\(?)(.*)$", text, re.M):
        name, function_like, body = match.groups()
        if function_like:
            continue
        defines.setdefault(name, body.split("//", 1)[0].strip())
    return defines


_TOKEN = re.compile(r"\s*(?:(0[xX][0-9a-fA-F]+|\d+)[uUlL]*|([A-Za-z_]\w*)|([-+|()~<>]+))")


def evaluate(name: str, defines: dict[str, str], values: dict[str, int | str]) -> int | str:
    """The value of macro ``name``: a str for string literals, else an int."""
    if name in values:
        return values[name]
    body = defines[name]
    if re.fullmatch(r'"[^"]*"', body):
        values[name] = body[1:-1]
        return values[name]
    python = []
    position = 0
    while position < len(body):
        token = _TOKEN.match(body, position)
        if token is None:
            raise ValueError(f"{name}: cannot evaluate {body!r}")
        number, identifier, operator = token.groups()
        if number is not None:
            python.append(str(int(number, 0)))
        elif identifier is not None:
            python.append(repr(evaluate(identifier, defines, values)))
        else:
            python.append(operator)
        position = token.end()
    if not python:
        raise ValueError(f"{name}: empty definition")
    values[name] = eval(" ".join(python), {"__builtins__": {}})  # ints and operators only
    return values[name]


HEADER_TEXT = zmq_header().read_text()
DEFINES = read_defines(HEADER_TEXT)
CONSTANT_MACROS = sorted(name for name in DEFINES if not _is_skipped(name))


def header_value(name: str) -> int | str:
    return evaluate(name, DEFINES, {})


def test_header_was_parsed():
    assert DEFINES["ZMQ_PUSH"] == "8"
    assert header_value("ZMQ_PUSH") == 8
    assert header_value("ZMQ_THREAD_PRIORITY_DFLT") == -1
    assert header_value("ETERM") == constants.HAUSNUMERO + 53
    assert len(CONSTANT_MACROS) > 200
    if "ZMQ_BUILD_DRAFT_API" in HEADER_TEXT:  # draft defines are compared as well
        assert "ZMQ_SERVER" in CONSTANT_MACROS and "ZMQ_MSG_PROPERTY_PEER_ADDRESS" in CONSTANT_MACROS


def test_header_matches_the_linked_libzmq_series():
    header_version = tuple(int(DEFINES[f"ZMQ_VERSION_{part}"]) for part in ("MAJOR", "MINOR"))
    assert header_version >= (4, 3)
    assert zmq.zmq_version_info()[:2] >= (4, 3)


def test_evaluator():
    defines = {"A": "1", "B": "(A + 0x10)", "C": "A | B | 4", "D": '"text"', "E": "-1"}
    assert [evaluate(n, defines, {}) for n in "ABCDE"] == [1, 17, 21, "text", -1]
    with pytest.raises(ValueError):
        evaluate("F", {"F": "1 ? 2 : 3"}, {})
    with pytest.raises(KeyError):
        evaluate("G", {"G": "UNDEFINED + 1"}, {})


@pytest.mark.parametrize("macro", [m for m in CONSTANT_MACROS if m.startswith("ZMQ_")])
def test_zmq_constant_matches_header(macro):
    name = macro[len("ZMQ_"):]
    value = header_value(macro)
    if isinstance(value, str):  # ZMQ_MSG_PROPERTY_* (draft): metadata names
        assert getattr(constants, name) == value
    else:
        assert hasattr(zmq, name), f"zmq.{name} is missing"
        assert getattr(zmq, name) == value
        assert isinstance(getattr(zmq, name), int)


@pytest.mark.parametrize("macro", [m for m in CONSTANT_MACROS if not m.startswith("ZMQ_")])
def test_errno_matches_header_or_platform(macro):
    # zmq.h defines ENOTSUP etc. only where the platform's errno.h lacks them
    if macro in LIBZMQ_ERRNOS or not hasattr(errno, macro):
        assert getattr(zmq, macro) == header_value(macro)
    else:
        assert getattr(zmq, macro) == getattr(errno, macro)
    assert getattr(zmq, macro) == getattr(zmq.Errno, macro)


def test_libzmq_errnos_are_compared():
    assert LIBZMQ_ERRNOS <= set(CONSTANT_MACROS)


def test_aliases_and_enum_members():
    assert zmq.DEALER == zmq.XREQ and zmq.ROUTER == zmq.XREP
    assert zmq.NOBLOCK == zmq.DONTWAIT
    assert zmq.IDENTITY == zmq.ROUTING_ID
    assert zmq.PUSH is zmq.SocketType.PUSH
    assert zmq.XREQ is zmq.SocketType.DEALER
    assert zmq.LINGER is zmq.SocketOption.LINGER
    assert zmq.EVENT_ALL is zmq.Event.ALL is zmq.Event.ALL_V1
    assert zmq.EVENT_CONNECTED is zmq.Event.CONNECTED
    assert zmq.PROTOCOL_ERROR_ZAP_UNSPECIFIED is zmq.Event.PROTOCOL_ERROR_ZAP_UNSPECIFIED
    assert zmq.NOTIFY_CONNECT is zmq.RouterNotify.CONNECT
    assert zmq.RECONNECT_STOP_CONN_REFUSED is zmq.ReconnectStop.CONN_REFUSED
    assert zmq.NORM_CCE is zmq.NormMode.CCE
    assert zmq.BLOCKY is zmq.SocketOption.BLOCKY  # as pyzmq (it is also a ContextOption)
    assert zmq.EAGAIN is zmq.Errno.EAGAIN
    assert zmq.STREAMER == 1 and zmq.FORWARDER == 2 and zmq.QUEUE == 3
    assert zmq.POLLIN | zmq.POLLOUT == 3


def test_option_types_are_partitioned():
    kinds = [zmq.bytes_sockopts, zmq.int_sockopts, zmq.int64_sockopts, zmq.fd_sockopts]
    assert set().union(*kinds) == set(zmq.SocketOption)
    assert sum(len(k) for k in kinds) == len(set(zmq.SocketOption))
    assert _zmq.option_type(zmq.SUBSCRIBE) == _zmq.OPT_BYTES
    assert _zmq.option_type(zmq.AFFINITY) == _zmq.OPT_INT64
    assert _zmq.option_type(zmq.FD) == _zmq.OPT_FD
    assert _zmq.option_type(zmq.LINGER) == _zmq.OPT_INT
    assert _zmq.option_type(9999) == _zmq.OPT_INT
    assert len({_zmq.OPT_INT, _zmq.OPT_INT64, _zmq.OPT_BYTES, _zmq.OPT_FD}) == 4
    assert zmq.LAST_ENDPOINT in zmq.bytes_sockopts  # the constant, not its name
    assert zmq.bytes_sockopts is options.bytes_sockopts


def test_option_kinds_are_what_libzmq_returns(context):
    # the one table of kinds (in the compiled core) against libzmq itself: an
    # int64 option refuses a 4-byte buffer, an int option an 8-byte one
    sock = context.socket(zmq.DEALER)
    assert sock.get(zmq.AFFINITY) == 0 and isinstance(sock.get(zmq.ROUTING_ID), bytes)
    sock.set(zmq.MAXMSGSIZE, 2**40)
    assert sock.get(zmq.MAXMSGSIZE) == 2**40  # would not fit an int
    assert sock.get(zmq.FD) >= 0


def test_zmq_constants_module_is_the_one_zmq_publishes():
    from zmq.constants import Event, Flag, PollEvent, SocketOption, SocketType

    assert (SocketType, SocketOption, Event, Flag, PollEvent) == (
        zmq.SocketType, zmq.SocketOption, zmq.Event, zmq.Flag, zmq.PollEvent)
    for name in constants.__all__:
        assert getattr(zmq, name) is getattr(constants, name), name
    assert len(constants.__all__) == len(set(constants.__all__))


def test_flat_names_are_derived_from_the_enums():
    # every member has its module-level name (prefixed for Event, NormMode,
    # RouterNotify and ReconnectStop, as in pyzmq), and every name is a member
    prefixes = {zmq.Event: "EVENT_", zmq.NormMode: "NORM_", zmq.RouterNotify: "NOTIFY_",
                zmq.ReconnectStop: "RECONNECT_STOP_"}
    members = 0
    for enum in constants._ENUMS:
        assert enum.__name__ in constants.__all__
        for name, member in enum.__members__.items():
            flat = name if name.startswith("PROTOCOL_ERROR_") else prefixes.get(enum, "") + name
            assert getattr(constants, flat) == member and flat in constants.__all__, flat
            members += 1
    assert members > 250
    assert "_ENUMS" not in constants.__all__ and "IntEnum" not in constants.__all__


def test_repr_and_str_as_in_pyzmq():
    # the values pyzmq 27 prints (tests/parity/scenarios/constants.py compares them live)
    assert repr(zmq.Event.CONNECTED) == "<Event.CONNECTED: 1>"
    assert str(zmq.Event.CONNECTED) == "1"
    assert repr(zmq.PUSH) == "<SocketType.PUSH: 8>"
    assert str(zmq.PUSH) == "8" and f"{zmq.PUSH}" == "8"
    assert str(zmq.SocketOption.LINGER) == "17"
    assert repr(zmq.SocketOption.LINGER) == "<SocketOption.LINGER: 17>"
    assert repr(zmq.Event.CONNECTED | zmq.Event.DISCONNECTED) == "<Event.CONNECTED|DISCONNECTED: 513>"
    assert str(zmq.Event.CONNECTED | zmq.Event.DISCONNECTED) == "513"
    assert repr(zmq.POLLIN | zmq.POLLOUT) == "<PollEvent.POLLIN|POLLOUT: 3>"
    assert repr(zmq.DONTWAIT | zmq.SNDMORE) == "<Flag.DONTWAIT|SNDMORE: 3>"
    assert repr(zmq.Event(0)) == "<Event: 0>"
    assert repr(zmq.EVENT_ALL) == "<Event.ALL_V1: 65535>"
    assert repr(zmq.IDENTITY) == "<SocketOption.ROUTING_ID: 5>"
    assert repr(zmq.XREQ) == "<SocketType.DEALER: 5>"
    assert repr(zmq.NOBLOCK) == "<Flag.DONTWAIT: 1>"
    assert "%s %d" % (zmq.LINGER, zmq.LINGER) == "17 17"


# -- zmq/constants.pyi ----------------------------------------------------------
# zmq.constants writes each constant once, as an enum member, and derives the
# module-level names at import; type checkers cannot follow that, so the stub
# spells every name out. It is generated here:
#     hatch run python packages/zmq-core/tests/test_constants.py --write-stub

STUB = Path(constants.__file__).with_suffix(".pyi")
STUB_HEADER = """\
# SPDX-License-Identifier: BSD-3-Clause
# Generated from constants.py by packages/zmq-core/tests/test_constants.py --write-stub: do not edit.

from enum import IntEnum, IntFlag
"""


def render_stub() -> str:
    """The stub's text for the zmq.constants imported now."""
    names = [getattr(constants, name) for name in constants.__all__]
    lines = [STUB_HEADER]
    for cls in [value for value in names if isinstance(value, enum.EnumMeta)]:
        lines.append(f"\nclass {cls.__name__}({'IntFlag' if issubclass(cls, enum.IntFlag) else 'IntEnum'}):")
        for name, member in cls.__members__.items():
            # error numbers differ between platforms: the stub does not fix them
            lines.append(f"    {name} = {'...' if cls is constants.Errno else int(member)}")
        lines.append("")
    lines.append("")
    for name, value in zip(constants.__all__, names):
        if not isinstance(value, enum.EnumMeta):  # members, and the plain ints and strs
            lines.append(f"{name}: {type(value).__name__}")
    return "\n".join(lines) + "\n"


def test_stub_is_generated_from_the_module():
    assert STUB.read_text() == render_stub(), "stale: run this file with --write-stub"


if __name__ == "__main__" and sys.argv[1:] == ["--write-stub"]:
    STUB.write_text(render_stub())
    print(f"wrote {STUB}")
