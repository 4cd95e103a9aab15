# SPDX-License-Identifier: BSD-3-Clause
"""zmq.devices: single-socket devices configured through connect_in or
connect_out, any int as device_type, and Context.term() once they end."""

import threading

import zmq
from zmq.devices import ThreadDevice


def _echo_through(configure):
    """A REP echo device on Context.instance(), reached by a REQ client bound here."""
    ctx = zmq.Context.instance()
    client = ctx.socket(zmq.REQ)
    client.linger = 0
    client.rcvtimeo = 10_000  # only turns a hang into Again
    port = client.bind_to_random_port("tcp://127.0.0.1")
    dev = ThreadDevice(zmq.QUEUE, zmq.REP, -1)
    configure(dev, f"tcp://127.0.0.1:{port}")
    dev.start()
    replies = []
    for text in (b"ping", b"pong"):
        client.send(text)
        replies.append(client.recv())
    client.close()
    return ctx, dev, replies


def _term_and_join(p, ctx, dev):
    terminator = threading.Thread(target=ctx.term, daemon=True)
    terminator.start()
    terminator.join(10)
    p.value("term returned", not terminator.is_alive())
    dev.join(10)
    p.value("device thread ended", not dev.launcher.is_alive())
    p.value("done", dev.done)


def single_socket_connect_in(p):
    ctx, dev, replies = _echo_through(lambda dev, url: dev.connect_in(url))
    p.value("replies", replies)
    _term_and_join(p, ctx, dev)


def single_socket_connect_out(p):
    ctx, dev, replies = _echo_through(lambda dev, url: dev.connect_out(url))
    p.value("replies", replies)
    _term_and_join(p, ctx, dev)


def single_socket_attributes(p):
    dev = ThreadDevice(zmq.QUEUE, zmq.REP, -1)
    p.value("types", (dev.device_type, dev.in_type, dev.out_type))
    p.value("done before start", dev.done)


def socket_types_as_device_type(p):
    for device_type in (zmq.PUB, zmq.PAIR, zmq.ROUTER, 99):
        ctx = zmq.Context.instance()
        dev = ThreadDevice(device_type, zmq.PULL, zmq.PUSH)
        p.value("device_type", dev.device_type)
        dev.bind_in("inproc://parity-device-in")
        dev.bind_out("inproc://parity-device-out")
        dev.start()
        source, sink = ctx.socket(zmq.PUSH), ctx.socket(zmq.PULL)
        source.linger = sink.linger = 0
        sink.rcvtimeo = 10_000
        source.connect("inproc://parity-device-in")
        sink.connect("inproc://parity-device-out")
        source.send(b"relayed")
        p.call("relayed", sink.recv)
        source.close()
        sink.close()
        _term_and_join(p, ctx, dev)
