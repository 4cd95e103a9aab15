# SPDX-License-Identifier: BSD-3-Clause
"""A REQ/REP broker with a monitor, run by zmq-devices in a background thread."""

import zmq
from zmq.devices import ThreadMonitoredQueue

broker = ThreadMonitoredQueue(zmq.ROUTER, zmq.DEALER, zmq.PUB)
front = broker.bind_in_to_random_port("tcp://127.0.0.1")
back = broker.bind_out_to_random_port("tcp://127.0.0.1")
broker.bind_mon("inproc://broker-monitor")
broker.start()                        # returns once its sockets are bound

ctx = zmq.Context.instance()          # the context ThreadDevices use
monitor = ctx.socket(zmq.SUB)
monitor.subscribe(b"")
monitor.connect("inproc://broker-monitor")
client = ctx.socket(zmq.REQ)
client.connect(f"tcp://127.0.0.1:{front}")
worker = ctx.socket(zmq.REP)
worker.connect(f"tcp://127.0.0.1:{back}")
for sock in (monitor, client, worker):
    sock.rcvtimeo = 5000

# over inproc the subscription is in place at once; over tcp a PUB
# drops what it sends before the subscription has arrived
client.send(b"2 + 2")
question = worker.recv()
worker.send(b"4")
print(client.recv())                  # b'4'

# the monitor sees [direction, client routing id, b'', body]
direction, _client_id, *message = monitor.recv_multipart()
print(direction, message)             # b'in' [b'', b'2 + 2']
direction, _client_id, *message = monitor.recv_multipart()
print(direction, message)             # b'out' [b'', b'4']

for sock in (monitor, client, worker):
    sock.close()
ctx.term()                            # ends the broker too
broker.join()
print("broker done:", broker.done)    # True
