# SPDX-License-Identifier: BSD-3-Clause
"""zmq.utils.strtypes for 2.2-era code: served by zmq-compat, as pyzmq 27 has it
(aliases, and cast functions that warn DeprecationWarning on every call)."""

import warnings
from importlib.metadata import entry_points

import pytest

HERE = __file__


def test_served_through_an_entry_point():
    names = {entry.name for entry in entry_points(group="zmq.legacy")}
    assert "zmq.utils.strtypes" in names, (
        "zmq-compat's installed metadata is stale: reinstall it "
        "(uv pip install --no-deps -e packages/zmq-compat)")


def test_names_and_aliases():
    import zmq.utils.strtypes as strtypes

    assert strtypes.__all__ == ["asbytes", "bytes", "unicode", "basestring", "b", "u", "cast_bytes",
                                "cast_unicode"]
    assert strtypes.bytes is bytes and strtypes.unicode is str and strtypes.basestring == (str,)
    assert strtypes.b is strtypes.asbytes is strtypes.cast_bytes
    assert strtypes.u is strtypes.cast_unicode
    namespace: dict = {}
    exec("from zmq.utils.strtypes import *", namespace)
    assert sorted(name for name in namespace if name != "__builtins__") == sorted(strtypes.__all__)


def test_casts_warn_at_the_callers_line_and_convert():
    from zmq.utils.strtypes import asbytes, b, cast_bytes, cast_unicode, u

    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        results = [cast_bytes("é"), b("é"), asbytes(b"raw"), cast_bytes("é", "latin-1"),
                   cast_unicode(b"\xc3\xa9"), u("text"), cast_unicode(b"\xe9", "latin-1"),
                   cast_bytes("é", "ascii", "ignore"), cast_unicode(b"\xff", errors="replace")]
    assert results == [b"\xc3\xa9", b"\xc3\xa9", b"raw", b"\xe9", "é", "text", "é", b"", "\ufffd"]
    assert [w.category for w in record] == [DeprecationWarning] * len(results)
    assert {w.filename for w in record} == {HERE}
    assert "zmq.utils.strtypes is deprecated" in str(record[0].message)


@pytest.mark.parametrize("value", [1, None, bytearray(b"ab"), memoryview(b"ab")])
def test_casts_refuse_other_types(value):
    from zmq.utils.strtypes import cast_bytes, cast_unicode

    for cast in (cast_bytes, cast_unicode):
        with pytest.deprecated_call(), pytest.raises(TypeError, match="Expected unicode or bytes, got"):
            cast(value)


def test_decoding_errors_are_unicode_errors():
    from zmq.utils.strtypes import cast_unicode

    with pytest.deprecated_call(), pytest.raises(UnicodeDecodeError):
        cast_unicode(b"\xff")
