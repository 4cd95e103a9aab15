# SPDX-License-Identifier: BSD-3-Clause
"""Errors, strerror and the version functions."""

import errno
import math
import re

import pytest

import zmq
from zmq.core import version


@pytest.mark.parametrize("errnum", [zmq.EAGAIN, zmq.EINVAL, zmq.EFSM, zmq.ETERM, zmq.ENOTSOCK])
def test_zmq_error_from_errno(errnum):
    error = zmq.ZMQError(errnum)
    assert error.errno == errnum
    assert error.strerror == zmq.strerror(errnum)
    assert str(error) == error.strerror
    assert repr(error) == f"ZMQError({error.strerror!r})"
    assert error.args == (errnum,)  # the arguments given, as pyzmq
    assert type(error.errno) is zmq.Errno
    assert isinstance(error, Exception)


def test_zmq_error_with_message_and_without_errno():
    custom = zmq.ZMQError(zmq.EINVAL, "custom")
    assert str(custom) == custom.strerror == "custom" and custom.errno == zmq.EINVAL
    keyword = zmq.ZMQError(errno=zmq.EINVAL, msg="keyword")
    assert (keyword.errno, str(keyword)) == (zmq.EINVAL, "keyword")
    text = zmq.ZMQError("just text")
    assert text.errno is None and str(text) == "just text"
    assert isinstance(zmq.ZMQError().errno, int)  # from zmq_errno()
    only_msg = zmq.ZMQError(msg="only a message")
    assert str(only_msg) == "only a message" and isinstance(only_msg.errno, int)


def test_zmq_error_without_errno_uses_zmq_errno(context):
    pub = context.socket(zmq.PUB)
    with pytest.raises(zmq.ZMQError):
        pub.set(zmq.SUBSCRIBE, b"")  # fails in libzmq with EINVAL
    assert zmq.zmq_errno() == zmq.EINVAL
    error = zmq.ZMQError()
    assert error.errno == zmq.EINVAL
    assert str(error) == zmq.strerror(zmq.EINVAL)
    with pytest.raises(zmq.ZMQError):
        pub.bind("ftl://nowhere")
    assert zmq.ZMQError().errno == zmq.zmq_errno() == zmq.EPROTONOSUPPORT


def test_raised_errors_have_the_matching_class(context):
    pull = context.socket(zmq.PULL)
    with pytest.raises(zmq.ZMQError) as info:
        pull.recv(zmq.DONTWAIT)
    assert type(info.value) is zmq.Again
    with pytest.raises(zmq.ZMQError) as info:
        pull.bind("ftl://x")
    assert type(info.value) is zmq.ZMQError
    from zmq.core.error import error_for

    assert type(error_for(zmq.EAGAIN)) is zmq.Again
    assert type(error_for(zmq.ETERM)) is zmq.ContextTerminated
    assert type(error_for(zmq.EINTR)) is zmq.InterruptedSystemCall
    assert type(error_for(zmq.EINVAL)) is zmq.ZMQError
    assert str(error_for(zmq.EINVAL, "why")) == "why"


def test_subclasses_can_be_made_directly():
    again = zmq.Again(zmq.EAGAIN)
    assert again.errno == zmq.EAGAIN and isinstance(again, zmq.ZMQError)
    assert repr(again) == f"Again({zmq.strerror(zmq.EAGAIN)!r})"
    terminated = zmq.ContextTerminated(zmq.ETERM)
    assert terminated.errno == zmq.ETERM and isinstance(terminated, zmq.ZMQError)


@pytest.mark.parametrize(
    "cls, errnum",
    [(zmq.Again, zmq.EAGAIN), (zmq.ContextTerminated, zmq.ETERM), (zmq.InterruptedSystemCall, errno.EINTR)],
)
def test_subclasses_always_carry_their_errno(cls, errnum):
    for args in [(), (zmq.EINVAL,), ("text",)]:
        error = cls(*args)
        assert error.errno == errnum
        assert str(error) == zmq.strerror(errnum)
        assert error.args == args
    assert str(cls(zmq.EINVAL, "why")) == "why"


def test_errors_pickle():
    import pickle

    for error in (zmq.ZMQError(zmq.EINVAL), zmq.ZMQError(zmq.EINVAL, "why"), zmq.ZMQError("text"),
                  zmq.Again(), zmq.ContextTerminated()):
        copy = pickle.loads(pickle.dumps(error))
        assert (type(copy), copy.errno, str(copy)) == (type(error), error.errno, str(error))


def test_error_classes_are_exported():
    from zmq.core import error

    for name in ("ZMQBaseError", "ZMQError", "Again", "ContextTerminated", "ZMQBindError",
                 "NotDone", "ZMQVersionError", "InterruptedSystemCall"):
        assert getattr(zmq, name) is getattr(error, name)
        assert name in zmq.__all__
    for name in ("strerror", "zmq_errno"):
        assert callable(getattr(zmq, name)) and name in zmq.__all__


def test_error_classes():
    assert issubclass(zmq.Again, zmq.ZMQError)
    assert issubclass(zmq.ContextTerminated, zmq.ZMQError)
    assert issubclass(zmq.ZMQError, zmq.ZMQBaseError)
    assert issubclass(zmq.ZMQBindError, zmq.ZMQBaseError)
    assert issubclass(zmq.NotDone, zmq.ZMQBaseError)
    assert issubclass(zmq.ZMQVersionError, NotImplementedError)
    assert issubclass(zmq.InterruptedSystemCall, InterruptedError)
    assert "4.9" in str(zmq.ZMQVersionError("4.9", "Teleport"))


def test_strerror_is_text():
    for errnum in range(10):
        assert isinstance(zmq.strerror(errnum), str)
    for errnum in (zmq.EFSM, zmq.ENOCOMPATPROTO, zmq.ETERM, zmq.EMTHREAD):
        message = zmq.strerror(errnum)  # libzmq's own error numbers have messages
        assert isinstance(message, str) and message
    assert isinstance(zmq.strerror(123456), str)
    assert isinstance(zmq.zmq_errno(), int)
    with pytest.raises(TypeError):
        zmq.strerror("EINVAL")


def test_libzmq_version():
    info = zmq.zmq_version_info()
    assert len(info) == 3 and all(isinstance(part, int) for part in info)
    assert info >= (4, 3, 0)
    assert zmq.zmq_version() == "%i.%i.%i" % info
    assert re.fullmatch(r"\d+\.\d+\.\d+", zmq.zmq_version())


def test_binding_version_is_the_pyzmq_api_level(monkeypatch):
    """zmq.__version__ and pyzmq_version() report the pyzmq release whose API we implement."""
    assert zmq.__version__ == version.PYZMQ_API_VERSION == "27.3.0"
    assert zmq.pyzmq_version() == zmq.__version__
    assert zmq.pyzmq_version_info() == (27, 3, 0)
    # version gates written for pyzmq pass: circus needs >= 13.1, ipykernel >= 25
    major, minor = (int(part) for part in zmq.__version__.split(".")[:2])
    assert (major, minor) >= (13, 1) and zmq.pyzmq_version_info() >= (25,)
    monkeypatch.setattr(version, "__version__", "2.10dev")
    assert version.pyzmq_version_info() == (2, 10, math.inf)
    monkeypatch.setattr(version, "__version__", "2.1.10")
    assert version.pyzmq_version_info() == (2, 1, 10)
    monkeypatch.setattr(version, "__revision__", "abcdef123456")
    assert version.pyzmq_version() == "2.1.10+abcdef"


def test_zmq_core_release_is_its_own():
    """zmq-core's own version: the distribution's metadata, zmq.core.release, python -m zmq."""
    from importlib.metadata import version as distribution_version

    from zmq.core import release

    assert distribution_version("zmq-core") == release.__version__
    assert release.__version__ != zmq.__version__
    assert version.core_version == release.__version__


def test_has_capabilities():
    assert zmq.has("ipc") is True
    assert zmq.has("no-such-capability") is False
    assert isinstance(zmq.has(b"curve"), bool)
    with pytest.raises(TypeError):
        zmq.has(5)


def test_pyzmq_version_data_and_build_facts():
    assert (zmq.VERSION_MAJOR, zmq.VERSION_MINOR, zmq.VERSION_PATCH) == zmq.pyzmq_version_info()[:3]
    assert zmq.version_info[:3] == (zmq.VERSION_MAJOR, zmq.VERSION_MINOR, zmq.VERSION_PATCH)
    assert isinstance(zmq.VERSION_EXTRA, str) and isinstance(zmq.__revision__, str)
    assert zmq._FINISHED_TRACKER.done
    # built without libzmq's draft API, whatever libzmq itself has
    assert zmq.DRAFT_API is False and zmq.PYZMQ_DRAFT_API is False
    assert isinstance(zmq.get_library_dirs(), list)


def test_ipc_path_limit_and_the_errors_that_name_it(tmp_path):
    import socket

    assert zmq.IPC_PATH_MAX_LEN > 0
    longest = str(tmp_path / ("p" * (zmq.IPC_PATH_MAX_LEN - len(str(tmp_path)) - 1)))
    assert len(longest.encode()) == zmq.IPC_PATH_MAX_LEN
    with socket.socket(socket.AF_UNIX) as unix:  # the OS agrees on the limit
        unix.bind(longest)
    ctx = zmq.Context()
    try:
        sock = ctx.socket(zmq.PULL)
        with pytest.raises(zmq.ZMQError, match="IPC_PATH_MAX_LEN") as too_long:
            sock.bind("ipc://" + longest + "x")
        assert too_long.value.errno == errno.ENAMETOOLONG
        with pytest.raises(zmq.ZMQError, match="directory of this ipc path does not exist") as missing:
            sock.bind(f"ipc://{tmp_path}/no/such/dir/sock")
        assert missing.value.errno == errno.ENOENT
    finally:
        ctx.destroy(linger=0)


def test_interrupted_system_call_keeps_errno_and_message():
    # it is also an InterruptedError (an OSError), whose __init__ resets errno
    error = zmq.InterruptedSystemCall(errno.EINTR)
    assert isinstance(error, InterruptedError) and isinstance(error, zmq.ZMQError)
    assert (error.errno, error.strerror, str(error)) == (errno.EINTR, zmq.strerror(errno.EINTR),
                                                         zmq.strerror(errno.EINTR))
    assert type(zmq.ZMQError(errno.EINTR)) is zmq.ZMQError
