# SPDX-License-Identifier: LGPL-3.0-or-later
"""Every constant of the zmq.h the core was built against exists with its value."""

import errno
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import zmq
from zmq.core import constants

SKIPPED_MACROS = {"EXPORT", "VERSION", "MAKE_VERSION", "DEFINED_STDINT", "BUILD_DRAFT_API"}


def _zmq_header() -> Path:
    if shutil.which("pkg-config"):
        found = subprocess.run(
            ["pkg-config", "--variable=includedir", "libzmq"], capture_output=True, text=True
        ).stdout.strip()
        if found and (Path(found) / "zmq.h").is_file():
            return Path(found) / "zmq.h"
    return Path("/usr/include/zmq.h")


def header_defines() -> dict[str, int | str]:
    """Object-like ``#define`` macros of zmq.h: name → evaluated value."""
    raw: dict[str, str] = {}
    for match in re.finditer(r"^\s*#\s*define\s+(\w+)[ \t]+(.+?)\s*(?://.*)?$", _zmq_header().read_text(), re.M):
        raw.setdefault(match.group(1), match.group(2))
    values: dict[str, int | str] = {}

    def evaluate(name: str):
        if name not in values:
            text = raw[name]
            if text.startswith('"'):
                values[name] = text.strip('"')
            else:
                expr = re.sub(r"\b([A-Z_][A-Z0-9_]*)\b", lambda m: repr(evaluate(m.group(1))), text)
                values[name] = eval(expr, {"__builtins__": {}})  # ints, +, |, parentheses
        return values[name]

    for name, text in raw.items():
        if name.removeprefix("ZMQ_") in SKIPPED_MACROS or name.startswith("ZMQ_HAVE_"):
            continue
        if re.fullmatch(r"ZMQ_\w+|E[A-Z]+", name) and re.fullmatch(r"[\w\s+|()]+|\"[^\"]*\"", text):
            try:
                evaluate(name)
            except (KeyError, NameError, SyntaxError):
                pass  # refers to something outside zmq.h
    return values


DEFINES = header_defines()


def test_header_was_parsed():
    assert DEFINES["ZMQ_PUSH"] == 8
    assert len(DEFINES) > 200


@pytest.mark.parametrize("macro", sorted(n for n in DEFINES if n.startswith("ZMQ_")))
def test_zmq_constant_matches_header(macro):
    name = macro[len("ZMQ_"):]
    if name in SKIPPED_MACROS or name.startswith("VERSION_"):
        return
    value = DEFINES[macro]
    if isinstance(value, str):
        assert getattr(constants, name) == value
    else:
        assert getattr(zmq, name) == value, name


@pytest.mark.parametrize("macro", sorted(n for n in DEFINES if re.fullmatch(r"E[A-Z]+", n)))
def test_errno_matches_header_or_platform(macro):
    expected = getattr(errno, macro, DEFINES[macro])
    assert getattr(zmq, macro) == expected


def test_aliases_and_enum_members():
    assert zmq.DEALER == zmq.XREQ and zmq.ROUTER == zmq.XREP
    assert zmq.NOBLOCK == zmq.DONTWAIT
    assert zmq.IDENTITY == zmq.ROUTING_ID
    assert zmq.PUSH is zmq.SocketType.PUSH
    assert zmq.LINGER is zmq.SocketOption.LINGER
    assert zmq.EVENT_ALL is zmq.Event.EVENT_ALL
    assert zmq.STREAMER == 1 and zmq.FORWARDER == 2 and zmq.QUEUE == 3


def test_option_types_are_partitioned():
    kinds = [zmq.bytes_sockopts, zmq.int_sockopts, zmq.int64_sockopts, zmq.fd_sockopts]
    assert set().union(*kinds) == set(zmq.SocketOption)
    assert sum(len(k) for k in kinds) == len(set(zmq.SocketOption))
    assert constants.option_type(zmq.SUBSCRIBE) == constants.OPT_BYTES
    assert constants.option_type(zmq.AFFINITY) == constants.OPT_INT64
    assert constants.option_type(9999) == constants.OPT_INT
