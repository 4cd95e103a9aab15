# SPDX-License-Identifier: BSD-3-Clause
"""Every constant of the zmq.h the core was built against exists with its value.

The header is read as text: every object-like ``#define`` (draft ones included,
they sit inside ``#ifdef ZMQ_BUILD_DRAFT_API``) is evaluated — integers, hex,
references to other macros, ``(ZMQ_HAUSNUMERO + n)``, ``A | B`` — and compared
with the constant of the same name (without ``ZMQ_``) in ``zmq``.
"""

from __future__ import annotations

import errno
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import zmq
from zmq.core import constants

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
    assert zmq.EVENT_ALL is zmq.Event.EVENT_ALL
    assert zmq.EAGAIN is zmq.Errno.EAGAIN
    assert zmq.STREAMER == 1 and zmq.FORWARDER == 2 and zmq.QUEUE == 3
    assert zmq.POLLIN | zmq.POLLOUT == 3


def test_option_types_are_partitioned():
    kinds = [zmq.bytes_sockopts, zmq.int_sockopts, zmq.int64_sockopts, zmq.fd_sockopts]
    assert set().union(*kinds) == set(zmq.SocketOption)
    assert sum(len(k) for k in kinds) == len(set(zmq.SocketOption))
    assert constants.option_type(zmq.SUBSCRIBE) == constants.OPT_BYTES
    assert constants.option_type(zmq.AFFINITY) == constants.OPT_INT64
    assert constants.option_type(zmq.FD) == constants.OPT_FD
    assert constants.option_type(zmq.LINGER) == constants.OPT_INT
    assert constants.option_type(9999) == constants.OPT_INT
    assert zmq.LAST_ENDPOINT in zmq.bytes_sockopts  # the constant, not its name
