# SPDX-License-Identifier: BSD-3-Clause
"""Logging over zmq: ``zmq.log.handlers.PUBHandler``."""
