# SPDX-License-Identifier: LGPL-3.0-or-later
"""Logging over zmq: ``zmq.log.handlers.PUBHandler``."""
