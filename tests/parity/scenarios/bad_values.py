# SPDX-License-Identifier: BSD-3-Clause
"""Wrong types where pyzmq refuses them: buffers for recv_into, context option values."""

import array

import zmq


def recv_into_buffers(p):
    with zmq.Context() as ctx:
        push, pull = ctx.socket(zmq.PUSH), ctx.socket(zmq.PULL)
        push.bind("inproc://parity-recv-into")
        pull.connect("inproc://parity-recv-into")
        targets = {
            "bytes": lambda: b"xxxxxxxx",
            "bytearray": lambda: bytearray(8),
            "non-contiguous view": lambda: memoryview(bytearray(16))[::2],
            "read-only view": lambda: memoryview(bytearray(8)).toreadonly(),
            "array": lambda: array.array("b", bytes(8)),
            "str": lambda: "text",
            "int": lambda: 8,
        }
        for label, make in targets.items():
            push.send(b"abc")
            p.call(label, pull.recv_into, make())
            if pull.poll(100):
                pull.recv()
        push.close()
        pull.close()


def context_option_values(p):
    ctx = zmq.Context()
    # not compared: get(THREAD_SCHED_POLICY), whose default is -1; pyzmq
    # then reports whatever errno an earlier call left (docs/migration.rst)
    p.call("float", ctx.set, zmq.MAX_SOCKETS, 1.5)
    p.call("str", ctx.set, zmq.MAX_SOCKETS, "5")
    p.call("bool", ctx.set, zmq.BLOCKY, True)
    p.call("int", ctx.set, zmq.MAX_SOCKETS, 100)
    p.call("read back", ctx.get, zmq.MAX_SOCKETS)
    p.call("attribute float", setattr, ctx, "io_threads", 2.0)
    p.call("io_threads", ctx.get, zmq.IO_THREADS)
    p.call("too large", ctx.set, zmq.MAX_SOCKETS, 2**40)
    p.call("negative io_threads", ctx.set, zmq.IO_THREADS, -1)
    ctx.term()
