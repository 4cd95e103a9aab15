# SPDX-License-Identifier: BSD-3-Clause
"""Steering a proxy in a background thread: ask it for statistics, then stop it."""

import struct

import zmq
from zmq.devices import ThreadProxySteerable

proxy = ThreadProxySteerable(zmq.PULL, zmq.PUSH, zmq.PUB, zmq.PAIR)
proxy.bind_in("inproc://jobs")
proxy.bind_out("inproc://workers")
proxy.bind_mon("inproc://jobs-seen")
proxy.bind_ctrl("inproc://jobs-control")
proxy.start()

ctx = zmq.Context.instance()
source = ctx.socket(zmq.PUSH)
source.connect("inproc://jobs")
sink = ctx.socket(zmq.PULL)
sink.connect("inproc://workers")
control = ctx.socket(zmq.PAIR)
control.connect("inproc://jobs-control")
for sock in (sink, control):
    sock.rcvtimeo = 5000

source.send(b"job 1")
print(sink.recv())                                   # b'job 1'
control.send(b"STATISTICS")
counters = [struct.unpack("=Q", f)[0] for f in control.recv_multipart()]
print(counters[0], counters[6])                      # 1 1: one message in, one out
control.send(b"TERMINATE")
proxy.join()
for sock in (source, sink, control):
    sock.close()
ctx.term()
print("proxy done:", proxy.done)                     # True
