# SPDX-License-Identifier: BSD-3-Clause
"""Fixtures of zmq-core's tests: the shared ones from zmq.testing."""

from zmq.testing import bound_pair, context, pair  # noqa: F401  (pytest fixtures)
