# SPDX-License-Identifier: BSD-3-Clause
"""Code written for pyzmq 2.1/2.2 runs unchanged with zmq-compat installed.

Each test is old-style code using a name gone from pyzmq 27 (UPSTREAM,
prefix=, old_wait) and asserts the one DeprecationWarning it earns, pointing
at the caller's line. The old names pyzmq 27 keeps as plain aliases
(zmq.Message, the *_unicode methods) are zmq-core's and tested there.
"""

import warnings

import pytest

import zmq

HERE = __file__


def legacy_warning(record, replacement):
    """The single DeprecationWarning in ``record``; it names ``replacement``."""
    deprecations = [w for w in record if issubclass(w.category, DeprecationWarning)]
    assert len(deprecations) == 1, [str(w.message) for w in deprecations]
    warning = deprecations[0]
    assert replacement in str(warning.message)
    assert warning.filename == HERE, "the warning must point at the user's line"
    return warning


@pytest.mark.parametrize("old, new", [("UPSTREAM", zmq.PULL), ("DOWNSTREAM", zmq.PUSH)])
def test_streamer_socket_names(context, old, new):
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        socket_type = getattr(zmq, old)
    legacy_warning(record, "zmq.PULL" if new == zmq.PULL else "zmq.PUSH")
    sock = context.socket(socket_type)
    assert sock.socket_type == new


def test_send_multipart_prefix_as_2_1_11(context):
    router, dealer = context.socket(zmq.ROUTER), context.socket(zmq.DEALER)
    router.rcvtimeo = dealer.rcvtimeo = 5000
    dealer.setsockopt(zmq.IDENTITY, b"client")
    router.bind("inproc://prefix")
    dealer.connect("inproc://prefix")
    dealer.send(b"request")
    identity, request = router.recv_multipart()
    assert (identity, request) == (b"client", b"request")
    # old ROUTER code passed the routing identity as prefix
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        router.send_multipart([b"reply", b"part 2"], prefix=[identity])
    legacy_warning(record, "send_multipart(prefix + msg_parts)")
    assert dealer.recv_multipart() == [b"reply", b"part 2"]
    # a single bytes prefix is one part
    with pytest.deprecated_call():
        router.send_multipart([b"again"], prefix=identity)
    assert dealer.recv_multipart() == [b"again"]


def test_send_multipart_prefix_checks_every_part_first(pair):
    a, b = pair(zmq.PAIR, zmq.PAIR)
    with pytest.deprecated_call(), pytest.raises(TypeError):
        a.send_multipart([b"body"], prefix=[b"ok", 42])
    with pytest.deprecated_call(), pytest.raises(TypeError):
        a.send_multipart([b"body"], prefix="text")
    with pytest.raises(zmq.Again):
        b.recv(zmq.DONTWAIT)  # nothing went out


def test_tracker_old_wait(pair):
    a, b = pair(zmq.PAIR, zmq.PAIR, "tcp")
    tracker = a.send(b"x" * 100_000, copy=False, track=True)
    b.rcvtimeo = 5000
    assert b.recv() == b"x" * 100_000
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        old_wait = tracker.old_wait
    legacy_warning(record, "MessageTracker.wait")
    old_wait(5)
    assert tracker.done


def test_new_names_do_not_warn(pair):
    a, b = pair(zmq.PAIR, zmq.PAIR)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a.send_string("fine")
        assert b.recv_string() == "fine"
        assert zmq.Frame(b"x").bytes == b"x"
        a.send_multipart([b"a", b"b"])
        assert b.recv_multipart() == [b"a", b"b"]


def test_pyzmq27_aliases_do_not_warn_with_compat_installed(pair, monkeypatch):
    """zmq-compat installed changes nothing for zmq.Message and *_unicode: no warning by default."""
    monkeypatch.delenv("ZMQ_LEGACY_WARNINGS", raising=False)
    a, b = pair(zmq.PAIR, zmq.PAIR)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert zmq.Message is zmq.Frame
        a.send_unicode("plain")
        assert b.recv_unicode() == "plain"


def test_unknown_names_still_fail_plainly():
    with pytest.raises(AttributeError, match="no attribute 'Mesage'"):
        zmq.Mesage


def test_providers_called_directly_still_warn():
    """A provider called from a shallow stack (a vendored copy, say) warns instead of failing."""
    import subprocess
    import sys

    code = (
        "import warnings, zmq\n"
        "from zmq.compat import providers\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    assert providers.upstream(zmq) == zmq.PULL\n"  # module level: two frames deep
        "assert [str(w.message) for w in caught] == ['zmq.UPSTREAM is deprecated, use zmq.PULL']\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
