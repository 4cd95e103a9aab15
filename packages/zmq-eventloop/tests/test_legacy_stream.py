# SPDX-License-Identifier: BSD-3-Clause
"""ZMQStream.send_unicode (a 2.x name): served by zmq-compat when installed, a helpful error otherwise."""

from importlib.metadata import entry_points

import pytest
from tornado.ioloop import IOLoop

import zmq
from zmq.eventloop.zmqstream import ZMQStream

COMPAT_INSTALLED = any(entry_points(group="zmq.legacy"))


def test_send_unicode_follows_what_is_installed(context):
    pull, push = context.socket(zmq.PULL), context.socket(zmq.PUSH)
    pull.rcvtimeo = 10_000
    pull.bind("inproc://legacy-stream")
    push.connect("inproc://legacy-stream")
    loop = IOLoop(make_current=False)
    stream = ZMQStream(push, loop)
    try:
        if COMPAT_INSTALLED:
            with pytest.warns(DeprecationWarning, match="send_string"):
                send_unicode = stream.send_unicode
            send_unicode("grüße")
            stream.flush()
            assert pull.recv_string() == "grüße"
        else:
            with pytest.raises(AttributeError) as info:
                stream.send_unicode
            assert "ZMQStream.send_string" in str(info.value)
            assert "pip install zmq-compat" in str(info.value)
    finally:
        stream.close(linger=0)
        loop.close()
