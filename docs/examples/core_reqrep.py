# SPDX-License-Identifier: BSD-3-Clause
"""Request/reply: a REP server in a thread answers a REQ client, one request at a time."""

import threading

import zmq


def serve(rep: zmq.Socket, count: int) -> None:
    """Answer ``count`` requests with the upper-cased request."""
    for _ in range(count):
        request = rep.recv()
        rep.send(request.upper())
    rep.close()


ctx = zmq.Context()
rep = ctx.socket(zmq.REP)
port = rep.bind_to_random_port("tcp://127.0.0.1")   # a free port, chosen by the system

words = [b"hello", b"zero", b"mq"]
# A socket may move to another thread (starting the thread is the hand-over);
# it must never be used from two threads at once.
server = threading.Thread(target=serve, args=(rep, len(words)))
server.start()

req = ctx.socket(zmq.REQ)
req.connect(f"tcp://127.0.0.1:{port}")
req.rcvtimeo = 5000                               # a recv waiting longer raises zmq.Again
for word in words:
    req.send(word)          # REQ must alternate: send, recv, send, recv ...
    print(req.recv())       # b'HELLO', b'ZERO', b'MQ'

server.join()
req.close()
ctx.term()
