# SPDX-License-Identifier: BSD-3-Clause
"""zmq.utils.win32 and zmq.utils.interop, which pyzmq programs import on every platform."""

import zmq
from zmq.utils.interop import cast_int_addr
from zmq.utils.win32 import allow_interrupt


def allow_interrupt_outside_windows(p):
    calls = []
    with allow_interrupt(lambda: calls.append(1)) as value:
        p.value("as", value)
    with allow_interrupt():
        pass
    p.value("calls", calls)


def cast_int_addr_values(p):
    with zmq.Context() as ctx:
        p.call("int", lambda: cast_int_addr(ctx.underlying) == ctx.underlying)
    p.call("str", cast_int_addr, "x", message=True)
    p.call("float", cast_int_addr, 1.5)
