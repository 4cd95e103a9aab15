# SPDX-License-Identifier: BSD-3-Clause
"""Legacy (2.1/2.2) names: pyzmq 27's plain aliases, helpful errors without zmq-compat.

The old names pyzmq 27 keeps as plain aliases (zmq.Message, the *_unicode
methods) are the core's: they work with or without zmq-compat and warn only
when the user opts in. What the other names do with zmq-compat is tested in
packages/zmq-compat; here the error a user gets when zmq-compat is absent
(simulated by an empty entry-point table, and checked for real in CI's
core-only venv).
"""

import subprocess
import sys
import warnings
from importlib.metadata import entry_points

import pytest

import zmq
from zmq.utils import legacy

HERE = __file__

COMPAT_INSTALLED = any(entry_points(group=legacy.ENTRY_POINT_GROUP))


@pytest.fixture
def without_compat(monkeypatch):
    """As if zmq-compat were not installed: no legacy providers."""
    monkeypatch.setattr(legacy, "_providers", {})


@pytest.mark.parametrize(
    "lookup, replacement",
    [
        (lambda s: zmq.UPSTREAM, "zmq.PULL"),
        (lambda s: zmq.DOWNSTREAM, "zmq.PUSH"),
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


def test_hasattr_is_false_without_compat(without_compat):
    assert not hasattr(zmq, "UPSTREAM")
    assert not hasattr(zmq.MessageTracker(), "old_wait")


@pytest.fixture
def no_opt_in(monkeypatch):
    """Legacy warnings as by default: no ZMQ_LEGACY_WARNINGS, no warn_legacy_names()."""
    monkeypatch.delenv(legacy.WARNINGS_VARIABLE, raising=False)
    monkeypatch.setattr(legacy, "_warn_plain_aliases", None)


@pytest.mark.parametrize("compat", ["installed", "absent"])
def test_pyzmq27_plain_aliases_without_warning(pair, monkeypatch, no_opt_in, compat):
    """zmq.Message and the *_unicode methods work as in pyzmq 27, zmq-compat or not, silently."""
    if compat == "absent":
        monkeypatch.setattr(legacy, "_providers", {})
    a, b = pair(zmq.PAIR, zmq.PAIR)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert zmq.Message is zmq.Frame
        from zmq import Message

        assert Message is zmq.Frame
        assert zmq.Socket.send_unicode is zmq.Socket.send_string
        assert zmq.Socket.recv_unicode is zmq.Socket.recv_string
        assert zmq.Socket.setsockopt_unicode is zmq.Socket.setsockopt_string
        assert zmq.Socket.getsockopt_unicode is zmq.Socket.getsockopt_string
        a.send_unicode("caf\u00e9", encoding="utf-16")
        assert b.recv_unicode(encoding="utf-16") == "caf\u00e9"
        a.setsockopt_unicode(zmq.ROUTING_ID, "w\u00f6rker")
        assert a.getsockopt_unicode(zmq.ROUTING_ID) == "w\u00f6rker"
        frame = zmq.Message(b"zero copy")
        a.send(frame, copy=False)
        assert isinstance(b.recv(copy=False), zmq.Message)
        assert hasattr(zmq, "Message") and hasattr(a, "send_unicode")
    with pytest.raises(TypeError):
        a.send_unicode(b"bytes are not text")


def test_plain_alias_warnings_on_request(pair, monkeypatch, no_opt_in):
    """warn_legacy_names() turns on one DeprecationWarning per use, at the user's line."""
    a, b = pair(zmq.PAIR, zmq.PAIR)
    legacy.warn_legacy_names()
    for lookup, replacement in [
        (lambda: zmq.Message, "zmq.Frame"),
        (lambda: a.send_unicode, "Socket.send_string"),
        (lambda: zmq.Socket.getsockopt_unicode, "Socket.getsockopt_string"),
    ]:
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            lookup()
        assert len(record) == 1, [str(w.message) for w in record]
        assert replacement in str(record[0].message)
        assert record[0].category is DeprecationWarning
        assert record[0].filename == HERE, "the warning must point at the user's line"
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        from zmq import Message  # noqa: F401
    assert len(record) == 1 and record[0].filename == HERE, "one warning, not one per import probe"
    legacy.warn_legacy_names(False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        zmq.Message


def test_plain_alias_warnings_from_the_environment():
    code = (
        "import warnings, zmq\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    zmq.Message\n"
        "print([str(w.message) for w in caught])\n"
    )
    for value, expected in [("1", "['zmq.Message is a legacy alias, use zmq.Frame']"), ("0", "[]"), ("", "[]")]:
        env = {**__import__("os").environ, legacy.WARNINGS_VARIABLE: value}
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == expected


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


def test_legacy_names_follow_what_is_installed():
    """Core alone (CI's core-only venv): errors; with zmq-compat: the old names work."""
    if COMPAT_INSTALLED:
        with pytest.deprecated_call():
            assert zmq.UPSTREAM == zmq.PULL
    else:
        with pytest.raises(AttributeError, match="zmq-compat"):
            zmq.UPSTREAM


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
