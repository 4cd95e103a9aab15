# SPDX-License-Identifier: BSD-3-Clause
"""Device construction, queued configuration, start/join, single-socket mode
and the context each kind of device uses."""

from __future__ import annotations

import socket
import threading
import time

import pytest

import zmq
from zmq.devices import (
    Device,
    MonitoredQueue,
    ProcessDevice,
    ProcessProxy,
    ProxySteerable,
    ThreadDevice,
    ThreadMonitoredQueue,
    ThreadProxy,
)

LOCAL = "tcp://127.0.0.1"
# bounds a retry loop, so that a broken device fails instead of hanging
TIMEOUT_TRIES = 1000


# -- construction ------------------------------------------------------------------


def test_attributes_and_defaults():
    dev = ThreadDevice(zmq.FORWARDER, zmq.SUB, zmq.PUB)
    assert (dev.device_type, dev.in_type, dev.out_type) == (zmq.FORWARDER, zmq.SUB, zmq.PUB)
    assert dev.daemon is True
    assert dev.done is False
    assert Device(in_type=zmq.PULL, out_type=zmq.PUSH).device_type == zmq.QUEUE
    assert Device.context_factory == zmq.Context.instance
    assert ThreadDevice.context_factory == zmq.Context.instance
    assert ProcessDevice.context_factory is zmq.Context


@pytest.mark.parametrize("args", [(zmq.QUEUE,), (zmq.QUEUE, zmq.PULL), (zmq.QUEUE, None, zmq.PUSH)])
def test_missing_socket_types_raise_type_error(args):
    with pytest.raises(TypeError, match="required"):
        ThreadDevice(*args)


@pytest.mark.parametrize(
    "args, error",
    [
        ((zmq.QUEUE, "PULL", zmq.PUSH), TypeError),
        ((zmq.QUEUE, zmq.PULL, 1.5), TypeError),
        ((zmq.QUEUE, 999, zmq.PUSH), ValueError),
        ((zmq.QUEUE, zmq.PULL, zmq.PUSH, 1), TypeError),
        (("QUEUE", zmq.PULL, zmq.PUSH), TypeError),
    ],
)
def test_bad_types_are_refused(args, error):
    with pytest.raises(error):
        Device(*args)


def test_proxy_types_are_checked():
    with pytest.raises(TypeError):
        ThreadProxy(zmq.PULL, zmq.PUSH, mon_type="PUB")
    with pytest.raises(ValueError):
        ProxySteerable(zmq.PULL, zmq.PUSH, zmq.PUB, ctrl_type=1234)
    assert ProxySteerable(zmq.PULL, zmq.PUSH).ctrl_type == zmq.PAIR
    assert ProxySteerable(zmq.PULL, zmq.PUSH).mon_type == zmq.PUB


@pytest.mark.parametrize("prefixes", [("in", b"out"), (b"in", "out"), (None, b"out")])
def test_monitored_queue_prefixes_must_be_bytes(prefixes):
    with pytest.raises(TypeError, match="bytes"):
        MonitoredQueue(zmq.ROUTER, zmq.DEALER, zmq.PUB, *prefixes)


def test_configuration_is_checked_when_queued():
    dev = ThreadMonitoredQueue(zmq.ROUTER, zmq.DEALER)
    with pytest.raises(TypeError, match="str"):
        dev.bind_in(5555)
    with pytest.raises(ValueError, match="endpoint"):
        dev.connect_out("127.0.0.1:5555")
    with pytest.raises(TypeError, match="option"):
        dev.setsockopt_mon("LINGER", 0)
    with pytest.raises(TypeError):
        dev.bind_mon_to_random_port(None)


# -- start, join, errors of setup ----------------------------------------------------


@pytest.mark.parametrize("cls", [ThreadDevice, ProcessDevice])
def test_setup_errors_are_raised_by_start(cls, thread_errors):
    dev = cls(zmq.QUEUE, zmq.PULL, zmq.PUSH)
    dev.bind_in("tcp://no-such-host-or-interface:xx")
    with pytest.raises(zmq.ZMQError):
        dev.start()
    dev.join(10)
    assert dev.done
    assert not dev.launcher.is_alive()


@pytest.mark.parametrize("cls", [ThreadDevice, ProcessDevice])
def test_a_port_in_use_is_reported_by_start(cls, context, thread_errors):
    taken = context.socket(zmq.PULL)
    port = taken.bind_to_random_port(LOCAL)
    dev = cls(zmq.QUEUE, zmq.PULL, zmq.PUSH)
    dev.bind_in(f"{LOCAL}:{port}")
    with pytest.raises(zmq.ZMQError) as info:
        dev.start()
    assert info.value.errno == zmq.EADDRINUSE


def test_bad_option_value_is_raised_by_start(thread_errors):
    dev = ThreadDevice(zmq.QUEUE, zmq.PULL, zmq.PUSH)
    dev.setsockopt_out(zmq.SNDHWM, "lots")
    with pytest.raises(TypeError):
        dev.start()


def test_start_twice_and_join_before_start(harness):
    dev = ThreadDevice(zmq.QUEUE, zmq.PULL, zmq.PUSH)
    with pytest.raises(RuntimeError, match="not been started"):
        dev.join()
    harness.start(dev, "thread")
    with pytest.raises(RuntimeError, match="started already"):
        dev.start()


def test_join_timeout_returns_while_running(harness):
    dev = ThreadDevice(zmq.QUEUE, zmq.PULL, zmq.PUSH)
    harness.start(dev, "thread")
    dev.join(timeout=0.01)
    assert dev.launcher.is_alive() and not dev.done


def test_random_ports_are_distinct_and_bound(harness):
    dev = ThreadDevice(zmq.QUEUE, zmq.PULL, zmq.PUSH)
    ports = {dev.bind_in_to_random_port(LOCAL) for _ in range(3)}
    out_port = dev.bind_out_to_random_port(LOCAL, min_port=20000, max_port=60000)
    assert len(ports) == 3 and out_port not in ports and 20000 <= out_port < 60000
    harness.start(dev, "thread")
    sink = harness.socket(zmq.PULL, out_port)
    for port in ports:  # each reserved port is one of the in socket's endpoints
        harness.socket(zmq.PUSH, port).send(str(port).encode())
    assert sorted(int(sink.recv()) for _ in ports) == sorted(ports)


@pytest.mark.parametrize("device_class", [ThreadDevice, ThreadProxy, ThreadMonitoredQueue, ProxySteerable])
def test_no_two_sockets_of_a_device_get_the_same_random_port(device_class):
    """Each reservation releases its port until the worker binds: without a
    list shared by the device's sockets, in, out, mon and ctrl could each
    draw the same one (and start() would fail with EADDRINUSE)."""
    with socket.socket() as probe:  # a port free now, for a range of one
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    if device_class is ThreadDevice:
        dev = device_class(zmq.QUEUE, zmq.PULL, zmq.PUSH)
    else:
        dev = device_class(zmq.PULL, zmq.PUSH)
    assert dev.bind_in_to_random_port(LOCAL, min_port=port, max_port=port + 1) == port
    roles = ["out"] + (["mon"] if device_class is not ThreadDevice else [])
    roles += ["ctrl"] if device_class is ProxySteerable else []
    for role in roles:
        with pytest.raises(zmq.ZMQBindError):
            getattr(dev, f"bind_{role}_to_random_port")(LOCAL, min_port=port, max_port=port + 1)


def test_options_are_applied_before_connects(harness):
    """ROUTING_ID only counts if set before connecting: queued after the
    connect, it still names the device to the ROUTER it connects to."""
    router = harness.ctx.socket(zmq.ROUTER)
    harness.clients.append(router)
    router.rcvtimeo = 10_000
    port = router.bind_to_random_port(LOCAL)
    dev = ThreadDevice(zmq.QUEUE, zmq.PULL, zmq.DEALER)
    dev.connect_out(f"{LOCAL}:{port}")
    dev.setsockopt_out(zmq.ROUTING_ID, b"the-device")
    in_port = dev.bind_in_to_random_port(LOCAL)
    harness.start(dev, "thread")
    harness.socket(zmq.PUSH, in_port).send(b"hello")
    assert router.recv_multipart() == [b"the-device", b"hello"]


# -- single-socket mode ----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["plain", "thread", "process"])
def test_single_socket_device_echoes(harness, kind):
    cls = {"plain": Device, "thread": ThreadDevice, "process": ProcessDevice}[kind]
    dev = cls(zmq.QUEUE, zmq.REP, -1)
    port = dev.bind_in_to_random_port(LOCAL)
    harness.start(dev, kind)
    client = harness.socket(zmq.REQ, port)
    for text in (b"ping", b"pong"):
        client.send(text)
        assert client.recv() == text


@pytest.mark.parametrize("kind", ["plain", "thread", "process"])
@pytest.mark.parametrize("method", ["connect_in", "connect_out", "bind_in", "bind_out"])
def test_single_socket_device_takes_in_and_out_configuration(harness, kind, method):
    """With one socket, the _out calls configure that socket too (connect_out
    used to be dropped, and the client waited for a reply forever).

    The device's one DEALER sends each message back to its only peer, a
    ROUTER client that addresses it by the ROUTING_ID given with setsockopt_out.
    """
    cls = {"plain": Device, "thread": ThreadDevice, "process": ProcessDevice}[kind]
    dev = cls(zmq.QUEUE, zmq.DEALER, -1)
    dev.setsockopt_out(zmq.ROUTING_ID, b"echo")
    client = harness.socket(zmq.ROUTER, router_mandatory=True)
    if method.startswith("bind"):
        port = getattr(dev, f"{method}_to_random_port")(LOCAL)
        harness.start(dev, kind)
        client.connect(f"{LOCAL}:{port}")
    else:
        port = client.bind_to_random_port(LOCAL)
        getattr(dev, method)(f"{LOCAL}:{port}")
        harness.start(dev, kind)
    for _ in range(TIMEOUT_TRIES):
        try:
            client.send_multipart([b"echo", b"ping"])
            break
        except zmq.ZMQError as error:  # EHOSTUNREACH until the device's socket is connected
            assert error.errno == zmq.EHOSTUNREACH
            time.sleep(0.01)
    assert client.recv_multipart() == [b"echo", b"ping"]


@pytest.mark.parametrize("device_type", [zmq.QUEUE, zmq.FORWARDER, zmq.STREAMER, zmq.PUB, zmq.PAIR, 99])
def test_any_int_is_a_device_type(harness, device_type):
    """device_type is informational (zmq_proxy has none): pyzmq code passes
    socket types there too; the sockets decide what is relayed."""
    dev = ThreadDevice(device_type, zmq.PULL, zmq.PUSH)
    assert dev.device_type == device_type
    ports = {"in": dev.bind_in_to_random_port(LOCAL), "out": dev.bind_out_to_random_port(LOCAL)}
    harness.start(dev, "thread")
    sink = harness.socket(zmq.PULL, ports["out"])
    harness.socket(zmq.PUSH, ports["in"]).send(b"through")
    assert sink.recv() == b"through"


@pytest.mark.parametrize("kind", ["thread", "process"])
def test_single_socket_monitored_queue(harness, kind):
    dev, ports = harness.make("monitored", kind, zmq.REP, -1)
    client = harness.socket(zmq.REQ, ports["in"])
    monitor = harness.socket(zmq.PULL, ports["mon"])
    client.send_multipart([b"echo", b"me"])
    assert client.recv_multipart() == [b"echo", b"me"]
    assert monitor.recv_multipart() == [b"in", b"echo", b"me"]


# -- contexts -----------------------------------------------------------------------------


def test_thread_device_shares_inproc_with_context_instance(thread_errors):
    """A ThreadDevice's sockets come from Context.instance(): inproc endpoints
    bound there are reachable from other threads' sockets of that context."""
    ctx = zmq.Context.instance()
    dev = ThreadDevice(zmq.QUEUE, zmq.PULL, zmq.PUSH)
    dev.bind_in("inproc://zmq-devices-instance-in")
    dev.bind_out("inproc://zmq-devices-instance-out")
    dev.start()
    source = ctx.socket(zmq.PUSH)
    source.connect("inproc://zmq-devices-instance-in")
    sink = ctx.socket(zmq.PULL)
    sink.connect("inproc://zmq-devices-instance-out")
    sink.rcvtimeo = 10_000
    source.send(b"through the instance")
    assert sink.recv() == b"through the instance"
    source.close(linger=0)
    sink.close(linger=0)
    ctx.term()
    dev.join(10)
    assert dev.done and not dev.launcher.is_alive()
    assert zmq.Context.instance() is not ctx  # a fresh instance for whoever comes next


def test_process_device_runs_in_another_process(harness):
    """The device's worker is a live child process, and it relays."""
    import os

    dev, ports = harness.make("device", "process", zmq.PULL, zmq.PUSH)
    assert dev.launcher.pid != os.getpid() and dev.launcher.is_alive()
    source = harness.socket(zmq.PUSH, ports["in"])
    sink = harness.socket(zmq.PULL, ports["out"])
    source.send(b"across processes")
    assert sink.recv() == b"across processes"


def test_process_device_with_spawn(harness):
    """With the spawn start method the device is pickled into a fresh interpreter."""
    dev = ProcessProxy(zmq.PULL, zmq.PUSH, zmq.PUSH)
    dev.start_method = "spawn"
    ports = {role: getattr(dev, f"bind_{role}_to_random_port")(LOCAL) for role in ("in", "out", "mon")}
    harness.start(dev, "process")
    source = harness.socket(zmq.PUSH, ports["in"])
    sink = harness.socket(zmq.PULL, ports["out"])
    monitor = harness.socket(zmq.PULL, ports["mon"])
    source.send_multipart([b"spawned", b"!"])
    assert sink.recv_multipart() == [b"spawned", b"!"]
    assert monitor.recv_multipart() == [b"spawned", b"!"]


def test_daemon_flag_reaches_the_launcher(harness):
    dev = ThreadDevice(zmq.QUEUE, zmq.PULL, zmq.PUSH)
    dev.daemon = False
    harness.start(dev, "thread")
    assert dev.launcher.daemon is False


def test_repr_names_the_state():
    dev = ThreadDevice(zmq.QUEUE, zmq.PULL, zmq.PUSH)
    assert "ThreadDevice" in repr(dev) and "not done" in repr(dev)


def test_plain_device_blocks_in_start(harness):
    """Device.start() runs in the calling thread until the context ends."""
    dev = Device(zmq.QUEUE, zmq.PULL, zmq.PUSH)
    port = dev.bind_in_to_random_port(LOCAL)
    out = dev.bind_out_to_random_port(LOCAL)
    dev.context_factory = lambda: harness.ctx
    runner = threading.Thread(target=dev.start, daemon=True)
    runner.start()
    harness.socket(zmq.PUSH, port).send(b"x")
    assert harness.socket(zmq.PULL, out).recv() == b"x"
    assert runner.is_alive() and not dev.done
    harness.devices.append((dev, "plain", runner))
