# SPDX-License-Identifier: BSD-3-Clause
"""zmq-devices is installed as a zmq plugin: registered, importable, licensed."""

import importlib
import os

import zmq

MODULES = ['devices']


def test_registered_in_zmq_plugins():
    """zmq.plugins() lists this distribution with its version and license."""
    import zmq.devices

    entries = [info for info in zmq.plugins() if info.distribution == "zmq-devices"]
    assert len(entries) == 1
    entry = entries[0]
    assert entry.name == "devices"
    assert entry.module == "zmq.devices"
    assert entry.version == zmq.devices.__version__
    assert entry.license == "BSD-3-Clause"


def test_modules_import_as_zmq_subpackages():
    """Every module of the distribution imports as a package inside zmq."""
    for name in MODULES:
        module = importlib.import_module(f"zmq.{name}")
        assert module.__name__ == f"zmq.{name}"
        assert hasattr(module, "__path__"), "expected a package"
        # found through zmq.__path__ (extended when installed editable/mixed)
        assert os.path.dirname(module.__path__[0]) in zmq.__path__
