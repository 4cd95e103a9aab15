# SPDX-License-Identifier: BSD-3-Clause
"""unittest.mock specs of sockets and contexts; every listed attribute is readable or AttributeError."""

import warnings
from unittest import mock

import zmq


def _unreadable(obj):
    bad = {}
    for name in dir(obj):
        try:
            getattr(obj, name)
        except AttributeError:
            pass
        except Exception as exc:  # noqa: BLE001
            bad[name] = type(exc).__name__
    return bad


def _quiet(make):
    """``make()`` without warnings: reading every attribute of a socket touches
    deprecated legacy names, which warn differently here (docs/migration.rst)."""
    def call():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return make()
    return call


def socket_spec(p):
    with zmq.Context() as ctx:
        for kind in (zmq.PUSH, zmq.SUB, zmq.ROUTER):
            s = ctx.socket(kind)
            p.call(f"Mock(spec) {int(kind)}", _quiet(lambda: type(mock.Mock(spec=s)).__name__))
            p.value(f"only AttributeError {int(kind)}", _quiet(lambda: _unreadable(s))())
            s.close()
        s = ctx.socket(zmq.REQ)
        m = _quiet(lambda: mock.Mock(spec=s))()
        m.send(b"x")
        p.value("recorded call", [c[0] for c in m.method_calls])
        p.call("spec refuses unknown", lambda: m.not_a_socket_method)
        p.call("blocky", getattr, s, "blocky")
        p.call("BLOCKY", getattr, s, "BLOCKY")
        p.call("get(BLOCKY)", s.get, zmq.BLOCKY)
        p.call("MagicMock(spec)", _quiet(lambda: type(mock.MagicMock(spec=s)).__name__))
        p.call("create_autospec", _quiet(lambda: callable(mock.create_autospec(s).send)))
        s.close()


def context_spec(p):
    ctx = zmq.Context()
    p.call("Mock(spec)", _quiet(lambda: type(mock.Mock(spec=ctx)).__name__))
    p.value("only AttributeError", _quiet(lambda: _unreadable(ctx))())
    m = _quiet(lambda: mock.Mock(spec=ctx))()
    m.socket(zmq.PUSH)
    p.value("recorded call", [c[0] for c in m.method_calls])
    p.call("write-only context option", getattr, ctx, "thread_affinity_cpu_add")
    p.call("unset default", getattr, ctx, "linger")
    ctx.term()
