# SPDX-License-Identifier: BSD-3-Clause
"""Fixtures shared by every package's tests (real libzmq, loopback only)."""

from __future__ import annotations

import pytest

import zmq


@pytest.fixture
def context():
    """A fresh zmq.Context, destroyed (linger 0) after the test."""
    ctx = zmq.Context()
    yield ctx
    ctx.destroy(linger=0)


@pytest.fixture
def pair(context):
    """``pair(bind_type, connect_type, transport='inproc')`` → connected (bound, connected)."""
    counter = iter(range(1_000_000))

    def make(bind_type, connect_type, transport="inproc"):
        bound = context.socket(bind_type)
        connected = context.socket(connect_type)
        if transport == "inproc":
            endpoint = f"inproc://test-pair-{next(counter)}"
            bound.bind(endpoint)
        elif transport == "tcp":
            bound.bind("tcp://127.0.0.1:*")
            endpoint = bound.last_endpoint.decode()
        else:
            raise ValueError(f"unknown transport {transport!r}")
        connected.connect(endpoint)
        return bound, connected

    return make
