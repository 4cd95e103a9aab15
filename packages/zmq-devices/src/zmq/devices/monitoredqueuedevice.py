# SPDX-License-Identifier: BSD-3-Clause
"""Monitored queue devices: ``monitored_queue`` run as a device, in the calling
thread, a background thread or a child process."""

from __future__ import annotations

import zmq

from .monitoredqueue import monitored_queue
from .proxydevice import ProcessProxy, Proxy, ProxyBase, ThreadProxy

__all__ = ["MonitoredQueueBase", "MonitoredQueue", "ThreadMonitoredQueue", "ProcessMonitoredQueue"]


class MonitoredQueueBase(ProxyBase):
    """Runs ``monitored_queue`` over the device's in, out and mon sockets.

    ``(in_type, out_type, mon_type=zmq.PUB, in_prefix=b'in', out_prefix=b'out')``;
    the prefixes must be bytes (TypeError otherwise).
    """

    in_prefix: bytes
    out_prefix: bytes

    def __init__(self, in_type: int, out_type: int, mon_type: int = zmq.PUB,
                 in_prefix: bytes = b"in", out_prefix: bytes = b"out") -> None:
        for name, prefix in (("in_prefix", in_prefix), ("out_prefix", out_prefix)):
            if not isinstance(prefix, bytes):
                raise TypeError(f"{name} must be bytes, not {type(prefix).__name__}")
        super().__init__(in_type, out_type, mon_type)
        self.in_prefix = in_prefix
        self.out_prefix = out_prefix

    def run_device(self) -> None:
        """Set up the sockets and run ``monitored_queue`` until the context ends."""
        sockets = self._setup_sockets()  # type: ignore[attr-defined]
        monitored_queue(sockets["in"], sockets["out"], sockets["mon"], self.in_prefix, self.out_prefix)


class MonitoredQueue(MonitoredQueueBase, Proxy):
    """A monitored queue run in the calling thread.

    Every message relayed from in to out is also sent to the monitor socket
    as ``[in_prefix, *parts]``, and every one from out to in as
    ``[out_prefix, *parts]``.
    """


class ThreadMonitoredQueue(MonitoredQueueBase, ThreadProxy):
    """A ``MonitoredQueue`` running in a background thread."""


class ProcessMonitoredQueue(MonitoredQueueBase, ProcessProxy):
    """A ``MonitoredQueue`` running in a child process."""
