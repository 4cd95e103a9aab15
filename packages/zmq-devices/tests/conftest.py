# SPDX-License-Identifier: BSD-3-Clause
"""Fixtures for the device tests: real devices on 127.0.0.1, in the calling
thread (run by a helper thread of the test), a background thread or a child
process, always ended and checked at teardown."""

from __future__ import annotations

import threading
from typing import Any

import pytest

import zmq
from zmq.testing import bound_pair, context, pair  # noqa: F401  (shared pytest fixtures)
import zmq.devices as devices

LOCAL = "tcp://127.0.0.1"
# generous bounds that only stop a broken test from hanging
TIMEOUT_MS = 10_000
TIMEOUT_S = 10.0

FAMILIES = {
    "device": (devices.Device, devices.ThreadDevice, devices.ProcessDevice),
    "proxy": (devices.Proxy, devices.ThreadProxy, devices.ProcessProxy),
    "steerable": (devices.ProxySteerable, devices.ThreadProxySteerable, devices.ProcessProxySteerable),
    "monitored": (devices.MonitoredQueue, devices.ThreadMonitoredQueue, devices.ProcessMonitoredQueue),
}
KINDS = ("plain", "thread", "process")


def device_class(family: str, kind: str) -> type:
    """The class of ``family`` for ``kind`` ('plain', 'thread' or 'process')."""
    return FAMILIES[family][KINDS.index(kind)]


class Harness:
    """Starts devices and client sockets for one test and ends them all after it.

    Thread and plain devices share the harness context with the clients, so
    terminating that context at teardown is what ends them; process devices
    are ended with SIGTERM. Teardown checks that every device ended cleanly.
    """

    def __init__(self) -> None:
        self.ctx = zmq.Context()
        self.clients: list[zmq.Socket] = []
        self.devices: list[tuple[Any, str, threading.Thread | None]] = []

    def socket(self, kind: int, connect_port: int | None = None, **options: Any) -> zmq.Socket:
        """A client socket (linger 0, receive timeout), connected to ``connect_port`` if given."""
        sock = self.ctx.socket(kind)
        sock.linger = 0
        sock.rcvtimeo = TIMEOUT_MS
        sock.sndtimeo = TIMEOUT_MS
        for name, value in options.items():
            setattr(sock, name, value)
        self.clients.append(sock)
        if connect_port is not None:
            sock.connect(f"{LOCAL}:{connect_port}")
        return sock

    def start(self, device: Any, kind: str) -> None:
        """Start ``device`` (plain devices in a helper thread) and remember it for teardown."""
        runner = None
        if kind == "process":
            device.start()
        else:
            device.context_factory = lambda: self.ctx
            if kind == "plain":
                runner = threading.Thread(target=device.start, daemon=True)
                runner.start()
            else:
                device.start()
        self.devices.append((device, kind, runner))

    def make(self, family: str, kind: str, in_type: int, out_type: int, **kwargs: Any) -> tuple[Any, dict[str, int]]:
        """A started device of ``family``/``kind`` bound to random ports: (device, ports by role).

        Monitor sockets are PUSH (every captured message arrives: no slow
        joiner) unless ``mon_type`` is given; control sockets are PAIR.
        """
        cls = device_class(family, kind)
        if family == "device":
            device = cls(zmq.QUEUE, in_type, out_type)
        else:
            kwargs.setdefault("mon_type", zmq.PUSH)
            device = cls(in_type, out_type, **kwargs)
        ports = {"in": device.bind_in_to_random_port(LOCAL)}
        if out_type >= 0:
            ports["out"] = device.bind_out_to_random_port(LOCAL)
        if family != "device":
            ports["mon"] = device.bind_mon_to_random_port(LOCAL)
        if family == "steerable":
            ports["ctrl"] = device.bind_ctrl_to_random_port(LOCAL)
        if in_type == zmq.SUB:
            device.setsockopt_in(zmq.SUBSCRIBE, b"")
        self.start(device, kind)
        return device, ports

    def close(self) -> None:
        """End every device and client; check that each device ended cleanly."""
        for sock in self.clients:
            sock.close(linger=0)
        for device, kind, _ in self.devices:
            if kind == "process" and device.launcher.is_alive():
                device.launcher.terminate()
        terminator = threading.Thread(target=self.ctx.term, daemon=True)
        terminator.start()
        terminator.join(TIMEOUT_S)
        assert not terminator.is_alive(), "context.term() hangs: a device did not close its sockets"
        for device, kind, runner in self.devices:
            device.join(TIMEOUT_S)
            if runner is not None:
                runner.join(TIMEOUT_S)
                assert not runner.is_alive()
            if kind == "process":
                assert device.launcher.exitcode == 0
            elif kind == "thread":
                assert not device.launcher.is_alive()
            assert device.done


@pytest.fixture
def thread_errors(monkeypatch):
    """Exceptions that escaped any thread during the test (must stay empty)."""
    errors: list[BaseException] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: errors.append(args.exc_value))
    yield errors
    assert errors == []


@pytest.fixture
def harness(thread_errors):
    """A Harness whose devices are ended and checked after the test."""
    h = Harness()
    try:
        yield h
    finally:
        h.close()
