# SPDX-License-Identifier: BSD-3-Clause
"""The first program of the docs: a PUSH sends, a PULL receives, over loopback TCP."""

import zmq

with zmq.Context() as ctx:                       # leaving the block destroys it
    pull = ctx.socket(zmq.PULL)
    port = pull.bind_to_random_port("tcp://127.0.0.1")
    push = ctx.socket(zmq.PUSH)
    push.connect(f"tcp://127.0.0.1:{port}")
    push.send_string("hello")
    print(pull.recv_string())                    # hello
