# SPDX-License-Identifier: BSD-3-Clause
"""Legacy names for old pyzmq code (``zmq.Message``, the ``*_unicode`` methods,
...), each emitting DeprecationWarning.

Part of the zmq-compat distribution (BSD-3-Clause); the features arrive in
later releases of it.
"""

__version__ = "0.1.0"
