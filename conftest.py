# SPDX-License-Identifier: BSD-3-Clause
"""Fixtures shared by every package's tests (real libzmq, loopback only)."""

from __future__ import annotations

import itertools

import pytest

import zmq

_endpoint_numbers = itertools.count()


def make_bound_pair(context, bind_type, connect_type, transport="inproc"):
    """Two sockets of ``context``: the first bound, the second connected to it.

    ``transport`` is ``'inproc'`` (a unique name) or ``'tcp'`` (127.0.0.1 on a
    random port from ``bind_to_random_port``). Returns ``(bound, connected)``;
    the context's teardown closes them.
    """
    bound = context.socket(bind_type)
    connected = context.socket(connect_type)
    if transport == "inproc":
        endpoint = f"inproc://test-pair-{next(_endpoint_numbers)}"
        bound.bind(endpoint)
    elif transport == "tcp":
        port = bound.bind_to_random_port("tcp://127.0.0.1")
        endpoint = f"tcp://127.0.0.1:{port}"
    else:
        raise ValueError(f"unknown transport {transport!r}")
    connected.connect(endpoint)
    return bound, connected


@pytest.fixture
def context():
    """A fresh zmq.Context, destroyed (linger 0) after the test."""
    ctx = zmq.Context()
    yield ctx
    ctx.destroy(linger=0)


@pytest.fixture
def bound_pair():
    """``bound_pair(context, bind_type, connect_type, transport='inproc')`` (any context)."""
    return make_bound_pair


@pytest.fixture
def pair(context):
    """``pair(bind_type, connect_type, transport='inproc')`` → ``(bound, connected)``.

    The sockets belong to the ``context`` fixture (see ``make_bound_pair``).
    """

    def make(bind_type, connect_type, transport="inproc"):
        return make_bound_pair(context, bind_type, connect_type, transport)

    return make
