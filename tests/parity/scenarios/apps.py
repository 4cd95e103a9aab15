# SPDX-License-Identifier: BSD-3-Clause
"""What real applications (jupyter_client, ipykernel, circus) rely on: versions,
pyzmq's module paths, generics, ``_socket_class`` on an instance, legacy aliases."""

import warnings
from typing import Any

import zmq


def versions_for_version_gates(p):
    # the pyzmq API level: circusd and Jupyter compare these with pyzmq releases
    p.value("__version__", zmq.__version__)
    p.value("pyzmq_version", zmq.pyzmq_version())
    p.value("pyzmq_version_info", list(zmq.pyzmq_version_info()))
    p.value("major.minor >= 13.1", [int(x) for x in zmq.__version__.split(".")[:2]] >= [13, 1])
    import zmq.sugar.version as version

    p.value("sugar.version", [version.__version__, version.VERSION_MAJOR, version.VERSION_MINOR])


def sugar_and_backend_paths(p):
    import zmq.backend
    import zmq.constants
    import zmq.error
    import zmq.sugar

    p.value("sugar.socket.Socket is Socket", zmq.sugar.socket.Socket is zmq.Socket)
    p.value("sugar.context.Context is Context", zmq.sugar.context.Context is zmq.Context)
    p.value("sugar.frame.Message is Frame", zmq.sugar.frame.Message is zmq.Frame)
    p.value("sugar.poll.Poller is Poller", zmq.sugar.poll.Poller is zmq.Poller)
    p.value("sugar.tracker.MessageTracker", zmq.sugar.tracker.MessageTracker is zmq.MessageTracker)
    p.value("error.ZMQError is ZMQError", zmq.error.ZMQError is zmq.ZMQError)
    p.value("error.Again is Again", zmq.error.Again is zmq.Again)
    p.value("constants.SocketType", zmq.constants.SocketType.PUSH)
    p.value("backend Frame subclass", issubclass(zmq.Frame, zmq.backend.Frame))
    p.value("backend Socket base", issubclass(zmq.Socket, zmq.backend.Socket))
    p.value("backend Context base", issubclass(zmq.Context, zmq.backend.Context))
    p.value("backend.Message", issubclass(zmq.Frame, zmq.backend.Message))
    from zmq.sugar.attrsettr import AttributeSetter

    p.value("AttributeSetter base", [issubclass(zmq.Socket, AttributeSetter), issubclass(zmq.Context, AttributeSetter)])


def generics_at_run_time(p):
    p.value("Context[Any] origin", zmq.Context[Any].__origin__ is zmq.Context)
    p.value("Socket[bytes] args", zmq.Socket[bytes].__args__ == (bytes,))

    class Typed(zmq.Socket[bytes]):
        pass

    with zmq.Context() as ctx:
        sock = ctx.socket(zmq.PUSH, socket_class=Typed)
        p.value("subclass of Socket[bytes]", [type(sock).__name__, isinstance(sock, zmq.Socket)])
        sock.close()


def socket_class_on_an_instance(p):
    class Traced(zmq.Socket):
        pass

    with zmq.Context() as ctx:
        p.value("class default", ctx._socket_class is zmq.Socket)
        ctx._socket_class = Traced
        sock = ctx.socket(zmq.PULL)
        p.value("socket type", type(sock).__name__)
        sock.close()
        p.value("other contexts unchanged", zmq.Context._socket_class is zmq.Socket)
        ctx._socket_class = zmq.Socket
        sock = ctx.socket(zmq.PULL)
        p.value("restored", type(sock) is zmq.Socket)
        sock.close()


def legacy_aliases_pyzmq_27_keeps(p):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p.value("Message is Frame", zmq.Message is zmq.Frame)
        p.value("send_unicode is send_string", zmq.Socket.send_unicode is zmq.Socket.send_string)
        p.value("recv_unicode is recv_string", zmq.Socket.recv_unicode is zmq.Socket.recv_string)
        with zmq.Context() as ctx:
            a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
            a.bind("inproc://legacy")
            b.connect("inproc://legacy")
            a.send_unicode("caf\u00e9")
            p.value("recv_unicode", b.recv_unicode())
            a.send(zmq.Message(b"zero"), copy=False)
            p.value("Message frame", b.recv(copy=False).bytes)
            a.close()
            b.close()
