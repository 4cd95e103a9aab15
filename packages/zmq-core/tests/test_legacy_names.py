# SPDX-License-Identifier: BSD-3-Clause
"""Legacy (2.1/2.2) names: helpful errors without zmq-compat, and no cost at import.

What the names do with zmq-compat is tested in packages/zmq-compat. Here the
core's side: the error a user gets when zmq-compat is absent (simulated by an
empty entry-point table, and checked for real in CI's core-only venv).
"""

import subprocess
import sys
from importlib.metadata import entry_points

import pytest

import zmq
from zmq.utils import legacy

COMPAT_INSTALLED = any(entry_points(group=legacy.ENTRY_POINT_GROUP))


@pytest.fixture
def without_compat(monkeypatch):
    """As if zmq-compat were not installed: no legacy providers."""
    monkeypatch.setattr(legacy, "_providers", {})


@pytest.mark.parametrize(
    "lookup, replacement",
    [
        (lambda s: zmq.Message, "zmq.Frame"),
        (lambda s: zmq.UPSTREAM, "zmq.PULL"),
        (lambda s: zmq.DOWNSTREAM, "zmq.PUSH"),
        (lambda s: s.send_unicode, "Socket.send_string"),
        (lambda s: s.recv_unicode, "Socket.recv_string"),
        (lambda s: s.setsockopt_unicode, "Socket.setsockopt_string"),
        (lambda s: s.getsockopt_unicode, "Socket.getsockopt_string"),
        (lambda s: zmq.Socket.send_unicode, "Socket.send_string"),
        (lambda s: zmq.MessageTracker().old_wait, "MessageTracker.wait"),
    ],
)
def test_legacy_name_without_compat_names_replacement_and_distribution(
    context, without_compat, lookup, replacement
):
    sock = context.socket(zmq.PAIR)
    with pytest.raises(AttributeError) as info:
        lookup(sock)
    message = str(info.value)
    assert replacement in message
    assert "pip install zmq-compat" in message


def test_hasattr_is_false_without_compat(context, without_compat):
    sock = context.socket(zmq.PAIR)
    assert not hasattr(zmq, "Message")
    assert not hasattr(sock, "send_unicode")


def test_multipart_prefix_without_compat_is_a_type_error(pair, without_compat):
    a, b = pair(zmq.PAIR, zmq.PAIR)
    with pytest.raises(TypeError, match="pip install zmq-compat"):
        a.send_multipart([b"body"], prefix=[b"head"])
    with pytest.raises(zmq.Again):
        b.recv(zmq.DONTWAIT)  # nothing was sent


def test_unknown_names_get_the_plain_error():
    with pytest.raises(AttributeError, match="module 'zmq' has no attribute 'Mesage'"):
        zmq.Mesage
    with pytest.raises(AttributeError):
        zmq.Socket.send_unicorn


def test_legacy_names_follow_what_is_installed(context):
    """Core alone (CI's core-only venv): errors; with zmq-compat: the old names work."""
    sock = context.socket(zmq.PAIR)
    if COMPAT_INSTALLED:
        with pytest.deprecated_call():
            assert zmq.Message is zmq.Frame
        with pytest.deprecated_call():
            assert sock.send_unicode.__name__ == "send_string"
    else:
        with pytest.raises(AttributeError, match="zmq-compat"):
            zmq.Message
        with pytest.raises(AttributeError, match="zmq-compat"):
            sock.send_unicode


def test_a_legacy_attribute_must_be_a_known_name():
    with pytest.raises((ValueError, RuntimeError)) as info:

        class Stream:
            send_unknown = legacy.LegacyAttribute()

    assert "Stream.send_unknown" in str(info.value) + str(info.value.__cause__)


def test_import_zmq_reads_no_entry_points():
    code = (
        "import sys, zmq\n"
        "assert 'importlib.metadata' not in sys.modules, 'entry points were read'\n"
        "sock = zmq.Context.instance().socket(zmq.PAIR)\n"
        "sock.send_string  # new names need no lookup either\n"
        "assert 'importlib.metadata' not in sys.modules\n"
        "sock.close()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_strtypes_without_compat_is_an_import_error_naming_it(monkeypatch, without_compat):
    import sys

    import zmq.utils

    monkeypatch.delitem(sys.modules, "zmq.utils.strtypes", raising=False)
    monkeypatch.delattr(zmq.utils, "strtypes", raising=False)
    with pytest.raises(ImportError) as info:
        import zmq.utils.strtypes  # noqa: F401
    message = str(info.value)
    assert "zmq.utils.strtypes" in message and "str.encode()" in message
    assert "pip install zmq-compat" in message
    assert "zmq.utils.strtypes" not in sys.modules  # a later import tries again
    with pytest.raises(ImportError, match="pip install zmq-compat"):
        from zmq.utils.strtypes import cast_bytes  # noqa: F401
