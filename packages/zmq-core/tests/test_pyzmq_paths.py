# SPDX-License-Identifier: BSD-3-Clause
"""pyzmq's module paths and class conventions that real applications rely on.

jupyter_client annotates with ``zmq.sugar.socket.Socket`` at class definition,
ipykernel with ``zmq.Context[Any]``, circus catches ``zmq.core.error.ZMQError``
and reads ``zmq.__version__``; jupyter_client assigns ``ctx._socket_class``
on an instance. Each path gives the public ``zmq`` object itself.
"""

import importlib
import subprocess
import sys
from typing import Any

import pytest

import zmq

SUGAR = {
    "zmq.sugar.socket": {"Socket": zmq.Socket, "SyncSocket": zmq.Socket},
    "zmq.sugar.context": {"Context": zmq.Context, "SyncContext": zmq.Context},
    "zmq.sugar.frame": {"Frame": zmq.Frame, "Message": zmq.Frame},
    "zmq.sugar.poll": {"Poller": zmq.Poller, "select": zmq.select},
    "zmq.sugar.tracker": {"MessageTracker": zmq.MessageTracker, "_FINISHED_TRACKER": zmq._FINISHED_TRACKER},
    "zmq.sugar.stopwatch": {"Stopwatch": zmq.Stopwatch},
    "zmq.sugar.version": {
        "__version__": zmq.__version__,
        "pyzmq_version": zmq.pyzmq_version,
        "pyzmq_version_info": zmq.pyzmq_version_info,
        "zmq_version_info": zmq.zmq_version_info,
        "VERSION_MAJOR": 27,
    },
    "zmq.sugar": {"Socket": zmq.Socket, "Context": zmq.Context, "Message": zmq.Frame, "ZMQError": zmq.ZMQError},
    "zmq.backend": {
        "Socket": zmq.Socket,
        "Context": zmq.Context,
        "Frame": zmq.Frame,
        "Message": zmq.Frame,
        "zmq_poll": zmq.zmq_poll,
        "has": zmq.has,
        "curve_keypair": zmq.curve_keypair,
        "strerror": zmq.strerror,
    },
    "zmq.error": {
        "ZMQError": zmq.ZMQError,
        "ZMQBaseError": zmq.ZMQBaseError,
        "Again": zmq.Again,
        "ContextTerminated": zmq.ContextTerminated,
        "InterruptedSystemCall": zmq.InterruptedSystemCall,
        "NotDone": zmq.NotDone,
        "ZMQBindError": zmq.ZMQBindError,
        "ZMQVersionError": zmq.ZMQVersionError,
    },
    "zmq.constants": {"SocketType": zmq.SocketType, "SocketOption": zmq.SocketOption, "PUSH": zmq.PUSH,
                      "EAGAIN": zmq.EAGAIN, "POLLIN": zmq.POLLIN},
}


@pytest.mark.parametrize("module", sorted(SUGAR))
def test_pyzmq_module_paths_give_the_public_objects(module):
    mod = __import__(module, fromlist=["_"])
    for name, expected in SUGAR[module].items():
        assert getattr(mod, name) is expected or getattr(mod, name) == expected, f"{module}.{name}"
    for name in getattr(mod, "__all__", []):
        assert hasattr(mod, name), f"{module}.__all__ names {name}"


def test_paths_resolve_by_attribute_without_import():
    """`zmq.sugar.socket.Socket` right after `import zmq`, as jupyter_client evaluates it."""
    code = (
        "import sys, zmq\n"
        "assert not [m for m in sys.modules if m.split('.')[1:2] in (['sugar'], ['backend'], ['error'])], 'eager'\n"
        "assert zmq.sugar.socket.Socket is zmq.Socket\n"
        "assert zmq.sugar.context.Context is zmq.Context\n"
        "assert zmq.backend.Frame is zmq.Frame\n"
        "assert zmq.error.ZMQError is zmq.ZMQError\n"
        "assert zmq.constants.SocketType is zmq.SocketType\n"
        "assert zmq.utils.jsonapi.dumps({}) == b'{}'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_circus_style_error_path_catches():
    ctx = zmq.Context()
    try:
        sock = ctx.socket(zmq.PULL)
        sock.close()
        with pytest.raises(zmq.core.error.ZMQError):
            sock.recv()
        with pytest.raises(zmq.error.ZMQError):
            sock.recv()
    finally:
        ctx.term()


def test_backend_monitored_queue_comes_from_zmq_devices():
    # importlib, not `import zmq.devices`: that would make `zmq` a local name here
    try:
        devices = importlib.import_module("zmq.devices")
    except ModuleNotFoundError:  # zmq-core tested alone
        with pytest.raises(ModuleNotFoundError, match="zmq-devices"):
            zmq.backend.monitored_queue
    else:
        assert zmq.backend.monitored_queue is devices.monitored_queue


def test_attribute_setter_is_a_base_of_context_and_socket(context):
    from zmq.sugar.attrsettr import AttributeSetter

    assert issubclass(zmq.Context, AttributeSetter) and issubclass(zmq.Socket, AttributeSetter)
    assert isinstance(context, AttributeSetter) and isinstance(context.socket(zmq.PUSH), AttributeSetter)

    class Options(AttributeSetter):
        values = None  # a name the class has: an ordinary attribute, not an option

        def __init__(self):
            self.values = {}

        def set(self, option, value):
            self.values[option] = value

        def get(self, option):
            return self.values[option]

    options = Options()
    options.linger = 5
    options.SNDHWM = 7
    assert options.values == {zmq.LINGER: 5, zmq.SNDHWM: 7}
    assert options.linger == 5
    with pytest.raises(AttributeError, match="NO_SUCH_OPTION"):
        options.no_such_option = 1


def test_context_and_socket_are_subscriptable():
    for alias in (zmq.Context[Any], zmq.Socket[bytes], zmq.Context[zmq.Socket[bytes]]):
        assert alias.__origin__ in (zmq.Context, zmq.Socket)

    def kernel_api(context: zmq.Context[Any], sock: zmq.Socket[bytes]) -> None:  # ipykernel's style
        """Annotations evaluated at definition (no `from __future__ import annotations`)."""

    assert kernel_api.__annotations__["context"].__args__ == (Any,)

    class Typed(zmq.Socket[bytes]):
        pass

    ctx = zmq.Context[Any]()
    try:
        sock = ctx.socket(zmq.PUSH, socket_class=Typed)
        assert type(sock) is Typed and isinstance(sock, zmq.Socket)
        sock.close()
    finally:
        ctx.term()


def test_socket_class_overridable_on_an_instance(context):
    """jupyter_client: `ctx._socket_class = zmq.Socket` on an instance, then restores it."""

    class Traced(zmq.Socket):
        pass

    assert zmq.Context._socket_class is zmq.Socket
    assert context._socket_class is zmq.Socket
    context._socket_class = Traced
    assert type(context.socket(zmq.PUSH)) is Traced
    other = zmq.Context()
    try:
        assert other._socket_class is zmq.Socket, "the override is the instance's alone"
    finally:
        other.term()
    del context._socket_class
    assert type(context.socket(zmq.PUSH)) is zmq.Socket
    with pytest.raises(AttributeError):
        context.no_such_attribute = 1  # still no instance __dict__: typos are errors


def test_subclass_socket_class_is_overridable_too():
    class Child(zmq.Socket):
        pass

    class ChildContext(zmq.Context):
        __slots__ = ()
        _socket_class = Child

    ctx = ChildContext()
    try:
        assert ChildContext._socket_class is Child and ctx._socket_class is Child
        assert type(ctx.socket(zmq.PUSH)) is Child
        ctx._socket_class = zmq.Socket
        assert type(ctx.socket(zmq.PUSH)) is zmq.Socket
        assert ChildContext._socket_class is Child
    finally:
        ctx.destroy(linger=0)
