# SPDX-License-Identifier: BSD-3-Clause
"""Devices end cleanly when their context is terminated (thread and calling-
thread devices) or their process gets SIGTERM: no traceback, ``done`` set,
every socket closed (``Context.term()`` would hang on an open one)."""

from __future__ import annotations

import pytest

import zmq

FAMILIES = ("device", "proxy", "steerable", "monitored")
# (in_type, out_type): the monitored queue runs inside libzmq for the first,
# in its loop for the second
TRAFFIC = {"one-way": (zmq.PULL, zmq.PUSH), "two-way": (zmq.ROUTER, zmq.DEALER)}


def client_types(in_type):
    return (zmq.PUSH, zmq.PULL) if in_type == zmq.PULL else (zmq.DEALER, zmq.DEALER)


@pytest.mark.parametrize("traffic", sorted(TRAFFIC))
@pytest.mark.parametrize("kind", ["plain", "thread", "process"])
@pytest.mark.parametrize("family", FAMILIES)
def test_ends_cleanly_after_traffic(harness, capfd, family, kind, traffic):
    in_type, out_type = TRAFFIC[traffic]
    dev, ports = harness.make(family, kind, in_type, out_type)
    source_type, sink_type = client_types(in_type)
    source = harness.socket(source_type, ports["in"])
    sink = harness.socket(sink_type, ports["out"])
    if "mon" in ports:
        harness.socket(zmq.PULL, ports["mon"])
    source.send(b"one")
    assert sink.recv_multipart()[-1] == b"one"
    assert not dev.done
    harness.close()  # terminate / SIGTERM, then check done, exit code, threads
    harness.close = lambda: None
    assert dev.done
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize("kind", ["thread", "process"])
@pytest.mark.parametrize("family", FAMILIES)
def test_ends_while_blocked_sending(harness, capfd, family, kind):
    """The out socket has no peer, so the device blocks in a send: terminating
    still ends it."""
    dev, ports = harness.make(family, kind, zmq.PULL, zmq.PUSH)
    source = harness.socket(zmq.PUSH, ports["in"])
    source.send(b"stuck")
    harness.close()
    harness.close = lambda: None
    assert dev.done
    assert "Traceback" not in capfd.readouterr().err


def test_start_on_a_terminated_context_raises(thread_errors):
    """A device whose context is already gone cannot set up: start() says so."""
    from zmq.devices import ThreadDevice

    ctx = zmq.Context()
    ctx.term()
    dev = ThreadDevice(zmq.QUEUE, zmq.PULL, zmq.PUSH)
    dev.context_factory = lambda: ctx
    with pytest.raises(zmq.ZMQError, match="closed"):
        dev.start()
    assert dev.done and not dev.launcher.is_alive()
