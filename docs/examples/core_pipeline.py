# SPDX-License-Identifier: BSD-3-Clause
"""A push/pull pipeline: a ventilator spreads jobs over workers, a sink gathers results.

PUSH hands each message to one connected PULL peer, round-robin, so adding
workers spreads the load. Workers here are threads sharing one context over
``inproc://``; with ``tcp://`` they could as well be other processes or
machines. The workers end when the context is terminated: their blocked
``recv`` raises ``zmq.ContextTerminated``.
"""

import threading

import zmq

JOBS = 100
WORKERS = 3


def worker(jobs: zmq.Socket, results: zmq.Socket) -> None:
    """Square each number it is given and send it on to the sink."""
    try:
        while True:
            number = int(jobs.recv())
            results.send(b"%d" % (number * number))
    except zmq.ContextTerminated:
        pass                  # the program is ending
    finally:
        jobs.close(linger=0)
        results.close(linger=0)


ctx = zmq.Context()
ventilator = ctx.socket(zmq.PUSH)
ventilator.bind("inproc://jobs")
sink = ctx.socket(zmq.PULL)
sink.bind("inproc://results")
sink.rcvtimeo = 5000

threads = []
for _ in range(WORKERS):
    # Made here, used only by the worker: starting the thread hands them over.
    jobs = ctx.socket(zmq.PULL)
    jobs.connect("inproc://jobs")
    results = ctx.socket(zmq.PUSH)
    results.connect("inproc://results")
    threads.append(threading.Thread(target=worker, args=(jobs, results)))
    threads[-1].start()

for number in range(JOBS):
    ventilator.send(b"%d" % number)

total = sum(int(sink.recv()) for _ in range(JOBS))
print("sum of squares:", total)          # 328350

ventilator.close()
sink.close()
ctx.term()                               # wakes the workers; returns once they closed their sockets
for thread in threads:
    thread.join()
print("workers done")
