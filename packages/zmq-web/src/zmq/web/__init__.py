# SPDX-License-Identifier: BSD-3-Clause
"""Experimental: tornado request handlers run in backend processes, with the
requests load-balanced to them over zmq (DEALER/ROUTER).

Part of the zmq-web distribution (BSD-3-Clause); the features arrive in
later releases of it.
"""

__version__ = "0.1.0"
