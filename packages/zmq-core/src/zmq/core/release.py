# SPDX-License-Identifier: LGPL-3.0-or-later
"""zmq-core's own release number: the distribution's version (the build reads it here).

``zmq.__version__`` is not this: it reports the pyzmq API level (see
``zmq.core.version``), for version gates written against pyzmq.
"""

__version__ = "0.1.0"
