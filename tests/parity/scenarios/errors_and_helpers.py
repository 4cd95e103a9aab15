# SPDX-License-Identifier: BSD-3-Clause
"""Exception classes made by hand, hwm helpers, the endpoint a bind reports."""

import zmq


def exceptions_made_by_hand(p):
    for label, make in (
        ("Again()", lambda: zmq.Again()),
        ("Again(text)", lambda: zmq.Again("custom")),
        ("ContextTerminated()", lambda: zmq.ContextTerminated()),
        ("ZMQError(EAGAIN)", lambda: zmq.ZMQError(zmq.EAGAIN)),
        ("ZMQError(EAGAIN, text)", lambda: zmq.ZMQError(zmq.EAGAIN, "custom")),
        ("ZMQError(text)", lambda: zmq.ZMQError("text")),
    ):
        e = make()
        p.value(label, [type(e).__name__, e.errno, str(e), repr(e)])
    p.value("InterruptedSystemCall()", [zmq.InterruptedSystemCall().errno,
                                        isinstance(zmq.InterruptedSystemCall(), InterruptedError)])


def hwm_helpers(p):
    with zmq.Context() as ctx:
        s = ctx.socket(zmq.PUSH)
        p.call("get_hwm", s.get_hwm)
        p.call("set_hwm", s.set_hwm, 7)
        p.value("after", [s.get_hwm(), s.hwm, s.sndhwm, s.rcvhwm])
        s.hwm = 9
        p.value("attribute", [s.get_hwm(), s.rcvhwm])
        ctx.setsockopt(zmq.SNDHWM, 3)
        t = ctx.socket(zmq.PUSH)
        p.value("context default", t.get_hwm())
        s.close()
        t.close()


def bind_reports_the_actual_endpoint(p):
    with zmq.Context() as ctx:
        s = ctx.socket(zmq.PULL)
        # not tcp://localhost:0: the system's libzmq 4.3.4 refuses it, pyzmq's bundled 4.3.5 not
        for addr in ("tcp://127.0.0.1:0", "tcp://*:0", "inproc://parity-endpoint"):
            result = s.bind(addr)
            p.text(addr, repr(result))
        with s.bind("tcp://127.0.0.1:0") as bound:
            p.text("inside with", repr(bound))
        s.close()


def terminated_context(p):
    ctx = zmq.Context()
    ctx.term()
    for label, call in (("get", lambda: ctx.get(zmq.IO_THREADS)), ("set", lambda: ctx.set(zmq.IO_THREADS, 1)),
                        ("attribute", lambda: ctx.io_threads)):
        try:
            call()
            p.value(label, "no error")
        except RuntimeError:  # pyzmq's type here; this project's is also a ZMQError(ENOTSUP)
            p.value(label, "RuntimeError")
    p.call("socket", ctx.socket, zmq.PUSH, kinds=(zmq.ZMQError,))
