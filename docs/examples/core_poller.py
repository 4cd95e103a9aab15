# SPDX-License-Identifier: BSD-3-Clause
"""One thread waits on several sockets at once with zmq.Poller.

``poll(timeout)`` returns the sockets that are ready as ``[(socket, events)]``
(empty once ``timeout`` milliseconds pass with nothing to do). Plain file
descriptors and Python sockets can be registered too.
"""

import zmq

ctx = zmq.Context()
jobs = ctx.socket(zmq.PULL)
jobs.bind("inproc://jobs")
control = ctx.socket(zmq.PULL)
control.bind("inproc://control")

poller = zmq.Poller()
poller.register(jobs, zmq.POLLIN)
poller.register(control, zmq.POLLIN)

print(poller.poll(timeout=100))           # []: nothing arrived within 100 ms

job_sender = ctx.socket(zmq.PUSH)
job_sender.connect("inproc://jobs")
control_sender = ctx.socket(zmq.PUSH)
control_sender.connect("inproc://control")
for name in (b"wash", b"dry", b"fold"):
    job_sender.send(name)
control_sender.send(b"stop")

running = True
while running:
    ready = dict(poller.poll(timeout=5000))
    if jobs in ready:
        print("job:", jobs.recv().decode())
    elif control in ready:                # stop only once no job is waiting
        print("control:", control.recv().decode())
        running = False
    elif not ready:
        raise TimeoutError("no message for 5 seconds")

ctx.destroy(linger=0)
