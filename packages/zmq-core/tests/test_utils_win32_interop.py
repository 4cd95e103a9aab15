# SPDX-License-Identifier: BSD-3-Clause
"""zmq.utils.win32.allow_interrupt and zmq.utils.interop.cast_int_addr."""

import sys

import pytest

import zmq
from zmq.utils.interop import cast_int_addr
from zmq.utils.win32 import allow_interrupt


@pytest.mark.skipif(sys.platform == "win32", reason="the console handler needs a console")
def test_allow_interrupt_is_a_no_op_context_manager_outside_windows(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    calls = []
    with allow_interrupt(lambda: calls.append(1)) as value:
        push.send(b"x")
        assert pull.recv() == b"x"
    assert value is None and calls == []
    with allow_interrupt():
        pass


def test_cast_int_addr(context):
    assert cast_int_addr(context.underlying) == context.underlying
    shadow = zmq.Context.shadow(cast_int_addr(context.underlying))
    assert shadow.underlying == context.underlying
    for bad in ("x", 1.5, None):
        with pytest.raises(ValueError, match="Cannot cast"):
            cast_int_addr(bad)


def test_cast_int_addr_of_a_cffi_pointer():
    import cffi  # a test requirement (hatch.toml, ci/matrix.sh)

    ffi = cffi.FFI()
    assert cast_int_addr(ffi.cast("void *", 1234)) == 1234
