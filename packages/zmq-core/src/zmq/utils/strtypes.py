# SPDX-License-Identifier: BSD-3-Clause
"""``zmq.utils.strtypes``: the str/bytes helpers of pyzmq 2.2-era code.

The names (``bytes``, ``unicode``, ``basestring``, ``asbytes``,
``cast_bytes``, ``cast_unicode``, ``b``, ``u``) come from zmq-compat, like
every legacy name; without it, importing this module raises ImportError that
says what to write instead and which distribution brings them back.
"""

import sys

from zmq.utils.legacy import provider

_names = provider("zmq.utils.strtypes", ImportError)(sys.modules[__name__])
globals().update(_names)
__all__ = list(_names)
del _names
