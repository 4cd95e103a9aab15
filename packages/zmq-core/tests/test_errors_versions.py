# SPDX-License-Identifier: LGPL-3.0-or-later
"""Errors, strerror and the version functions."""

import math
import re

import pytest

import zmq
from zmq.core import version


def test_zmq_error_from_errno():
    error = zmq.ZMQError(zmq.EAGAIN)
    assert error.errno == zmq.EAGAIN
    assert error.strerror == zmq.strerror(zmq.EAGAIN)
    assert str(error) == error.strerror
    assert repr(error) == f"ZMQError({error.strerror!r})"


def test_zmq_error_with_message_and_without_errno():
    assert str(zmq.ZMQError(zmq.EINVAL, "custom")) == "custom"
    text = zmq.ZMQError("just text")
    assert text.errno is None and str(text) == "just text"
    assert isinstance(zmq.ZMQError().errno, int)  # from zmq_errno()


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
    assert zmq.strerror(zmq.EFSM)  # libzmq's own error numbers have messages
    assert isinstance(zmq.zmq_errno(), int)


def test_libzmq_version():
    info = zmq.zmq_version_info()
    assert len(info) == 3 and all(isinstance(part, int) for part in info)
    assert info >= (4, 3, 0)
    assert zmq.zmq_version() == "%i.%i.%i" % info
    assert re.fullmatch(r"\d+\.\d+\.\d+", zmq.zmq_version())


def test_binding_version(monkeypatch):
    assert zmq.pyzmq_version() == zmq.__version__
    assert zmq.pyzmq_version_info()[:2] == tuple(int(p) for p in zmq.__version__.split(".")[:2])
    monkeypatch.setattr(version, "__version__", "2.10dev")
    assert version.pyzmq_version_info() == (2, 10, math.inf)
    monkeypatch.setattr(version, "__version__", "2.1.10")
    assert version.pyzmq_version_info() == (2, 1, 10)
    monkeypatch.setattr(version, "__revision__", "abcdef123456")
    assert version.pyzmq_version() == "2.1.10+abcdef"


def test_has_capabilities():
    assert zmq.has("ipc") is True
    assert zmq.has("no-such-capability") is False
    assert isinstance(zmq.has(b"curve"), bool)
    with pytest.raises(TypeError):
        zmq.has(5)
