# SPDX-License-Identifier: BSD-3-Clause
"""zmq.ssh.tunnel.select_random_ports: called thousands of times in one process."""

import socket

from zmq.ssh.tunnel import select_random_ports


def thousands_of_calls(p):
    calls = distinct = 0
    for _ in range(5000):
        ports = select_random_ports(3)
        calls += 1
        distinct += len(set(ports)) == 3 and all(isinstance(port, int) for port in ports)
    p.value("calls", calls)
    p.value("calls with 3 distinct int ports", distinct)


def ports_are_free(p):
    ports = select_random_ports(4)
    bound = 0
    for port in ports:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))
            bound += 1
    p.value("bound", bound)
    p.call("zero", select_random_ports, 0)
    p.call("float", select_random_ports, 1.5)
