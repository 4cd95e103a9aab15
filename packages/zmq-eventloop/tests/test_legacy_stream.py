# SPDX-License-Identifier: BSD-3-Clause
"""ZMQStream.send_unicode (a 2.x name): a plain alias of send_string, as in pyzmq 27."""

import warnings

import pytest
from tornado.ioloop import IOLoop

import zmq
from zmq.eventloop.zmqstream import ZMQStream
from zmq.utils import legacy


def test_send_unicode_is_send_string_without_warning(context, monkeypatch):
    monkeypatch.delenv(legacy.WARNINGS_VARIABLE, raising=False)
    monkeypatch.setattr(legacy, "_warn_plain_aliases", None)
    pull, push = context.socket(zmq.PULL), context.socket(zmq.PUSH)
    pull.rcvtimeo = 10_000
    pull.bind("inproc://legacy-stream")
    push.connect("inproc://legacy-stream")
    loop = IOLoop(make_current=False)
    stream = ZMQStream(push, loop)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert ZMQStream.send_unicode is ZMQStream.send_string
            stream.send_unicode("grüße")
        stream.flush()
        assert pull.recv_string() == "grüße"
        legacy.warn_legacy_names()
        with pytest.warns(DeprecationWarning, match="ZMQStream.send_string"):
            stream.send_unicode
    finally:
        legacy.warn_legacy_names(False)
        stream.close(linger=0)
        loop.close()
