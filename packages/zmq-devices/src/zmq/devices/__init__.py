# SPDX-License-Identifier: BSD-3-Clause
"""Devices, monitored queues and proxies that run in the calling thread, in a
background thread or in a child process.

* ``Device``, ``ThreadDevice``, ``ProcessDevice``: ``zmq.proxy`` between an
  in and an out socket.
* ``Proxy``, ``ThreadProxy``, ``ProcessProxy``: ``zmq.proxy`` with a monitor
  (capture) socket; ``ProxySteerable`` and its thread and process forms add a
  control socket (PAUSE, RESUME, TERMINATE, STATISTICS).
* ``monitored_queue`` and ``MonitoredQueue``, ``ThreadMonitoredQueue``,
  ``ProcessMonitoredQueue``: a queue that reports every message, prefixed
  with its direction, on a monitor socket.

Part of the zmq-devices distribution (BSD-3-Clause).
"""

from zmq import device, proxy, proxy_steerable

from .basedevice import BackgroundDevice, Device, ProcessDevice, ThreadDevice
from .monitoredqueue import monitored_queue
from .monitoredqueuedevice import (
    MonitoredQueue,
    MonitoredQueueBase,
    ProcessMonitoredQueue,
    ThreadMonitoredQueue,
)
from .proxydevice import ProcessProxy, Proxy, ProxyBase, ThreadProxy
from .proxysteerabledevice import (
    ProcessProxySteerable,
    ProxySteerable,
    ProxySteerableBase,
    ThreadProxySteerable,
)

__version__ = "0.1.0"

__all__ = [
    "device",
    "proxy",
    "proxy_steerable",
    "monitored_queue",
    "Device",
    "BackgroundDevice",
    "ThreadDevice",
    "ProcessDevice",
    "Proxy",
    "ProxyBase",
    "ThreadProxy",
    "ProcessProxy",
    "ProxySteerable",
    "ProxySteerableBase",
    "ThreadProxySteerable",
    "ProcessProxySteerable",
    "MonitoredQueue",
    "MonitoredQueueBase",
    "ThreadMonitoredQueue",
    "ProcessMonitoredQueue",
]
