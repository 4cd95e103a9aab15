# SPDX-License-Identifier: BSD-3-Clause
"""zmq-eventloop is installed as a zmq plugin: registered, importable, licensed."""

import importlib
import os

import zmq
import zmq.auth

MODULES = ['eventloop', 'asyncio']


def test_registered_in_zmq_plugins():
    """zmq.plugins() lists this distribution with its version and license."""
    import zmq.eventloop

    entries = [info for info in zmq.plugins() if info.distribution == "zmq-eventloop"]
    assert len(entries) == 1
    entry = entries[0]
    assert entry.name == "eventloop"
    assert entry.module == "zmq.eventloop"
    assert entry.version == zmq.eventloop.__version__
    assert entry.license == "BSD-3-Clause"


def test_modules_import_as_zmq_subpackages():
    """Every module of the distribution imports as a package inside zmq."""
    for name in MODULES:
        module = importlib.import_module(f"zmq.{name}")
        assert module.__name__ == f"zmq.{name}"
        assert hasattr(module, "__path__"), "expected a package"
        # found through zmq.__path__ (extended when installed editable/mixed)
        assert os.path.dirname(module.__path__[0]) in zmq.__path__


def test_wheel_ships_auth_asyncio_but_no_package_init(tmp_path):
    """zmq/auth/asyncio.py is ours; zmq/__init__.py and zmq/auth/__init__.py are the core's."""
    import subprocess
    import sys
    import zipfile
    from pathlib import Path

    package_dir = Path(__file__).resolve().parents[1]
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=package_dir, check=True, capture_output=True, timeout=300,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "zmq/auth/asyncio.py" in names
    assert "zmq/eventloop/zmqstream.py" in names and "zmq/asyncio/__init__.py" in names
    assert "zmq/__init__.py" not in names and "zmq/auth/__init__.py" not in names


def test_auth_asyncio_importable():
    from zmq.auth.asyncio import AsyncioAuthenticator

    assert issubclass(AsyncioAuthenticator, zmq.auth.Authenticator)
