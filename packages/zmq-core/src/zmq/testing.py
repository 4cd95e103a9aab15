# SPDX-License-Identifier: BSD-3-Clause
"""pytest fixtures and checks for code that uses zmq, and for zmq's own test suites.

Nothing here is loaded automatically. A ``conftest.py`` opts in by importing
the fixtures it wants::

    from zmq.testing import bound_pair, context, pair  # noqa: F401  (pytest fixtures)

Every distribution of this project does so in its ``tests/conftest.py``, so
that its tests run from an unpacked sdist with only that distribution and
zmq-core installed. Importing this module needs pytest; ``import zmq`` never
imports it.
"""

from __future__ import annotations

import importlib
import itertools
import os
from collections.abc import Iterator
from typing import Any

import pytest

import zmq

_endpoint_numbers = itertools.count()


def make_bound_pair(context: zmq.Context, bind_type: int, connect_type: int,
                    transport: str = "inproc") -> tuple[zmq.Socket, zmq.Socket]:
    """Two sockets of ``context``: the first bound, the second connected to it.

    ``transport`` is ``'inproc'`` (a unique name) or ``'tcp'`` (127.0.0.1 on a
    random port from ``bind_to_random_port``). Returns ``(bound, connected)``;
    closing them is the caller's (the ``context`` fixture's teardown does it).
    """
    bound = context.socket(bind_type)
    connected = context.socket(connect_type)
    if transport == "inproc":
        endpoint = f"inproc://test-pair-{os.getpid()}-{next(_endpoint_numbers)}"
        bound.bind(endpoint)
    elif transport == "tcp":
        port = bound.bind_to_random_port("tcp://127.0.0.1")
        endpoint = f"tcp://127.0.0.1:{port}"
    else:
        raise ValueError(f"unknown transport {transport!r}")
    connected.connect(endpoint)
    return bound, connected


@pytest.fixture
def context() -> Iterator[zmq.Context]:
    """A fresh zmq.Context, destroyed (linger 0) after the test."""
    ctx = zmq.Context()
    yield ctx
    ctx.destroy(linger=0)


@pytest.fixture
def bound_pair() -> Any:
    """``bound_pair(context, bind_type, connect_type, transport='inproc')`` (any context)."""
    return make_bound_pair


@pytest.fixture
def pair(context: zmq.Context) -> Any:
    """``pair(bind_type, connect_type, transport='inproc')`` → ``(bound, connected)``.

    The sockets belong to the ``context`` fixture (see ``make_bound_pair``).
    """

    def make(bind_type: int, connect_type: int, transport: str = "inproc") -> tuple[zmq.Socket, zmq.Socket]:
        return make_bound_pair(context, bind_type, connect_type, transport)

    return make


def assert_plugin_installed(distribution: str, name: str, modules: list[str]) -> None:
    """Check that ``distribution`` is installed as the zmq plugin ``name``.

    ``zmq.plugins()`` lists it once, with its module ``zmq.<name>``, the
    module's ``__version__`` and license BSD-3-Clause; each of ``modules``
    imports as a package inside ``zmq``, found through ``zmq.__path__`` (which
    the core extends for editable and mixed installs).
    """
    plugin = importlib.import_module(f"zmq.{name}")
    entries = [info for info in zmq.plugins() if info.distribution == distribution]
    assert len(entries) == 1, f"{distribution} registered {len(entries)} times: {entries}"
    (entry,) = entries
    assert (entry.name, entry.module) == (name, f"zmq.{name}")
    assert entry.version == plugin.__version__
    assert entry.license == "BSD-3-Clause"
    for module_name in modules:
        module = importlib.import_module(f"zmq.{module_name}")
        assert module.__name__ == f"zmq.{module_name}"
        assert hasattr(module, "__path__"), f"zmq.{module_name}: expected a package"
        assert os.path.dirname(module.__path__[0]) in zmq.__path__
