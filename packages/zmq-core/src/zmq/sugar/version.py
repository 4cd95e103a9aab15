# SPDX-License-Identifier: BSD-3-Clause
"""pyzmq's ``zmq.sugar.version``: the version names of ``zmq``.

``__version__`` and ``pyzmq_version()`` are the pyzmq API level zmq-core
implements (see the migration guide); zmq-core's own release is
``importlib.metadata.version('zmq-core')``.
"""

from zmq import (  # noqa: F401
    VERSION_EXTRA,
    VERSION_MAJOR,
    VERSION_MINOR,
    VERSION_PATCH,
    __revision__,
    __version__,
    pyzmq_version,
    pyzmq_version_info,
    version_info,
    zmq_version,
    zmq_version_info,
)

__all__ = ["zmq_version", "zmq_version_info", "pyzmq_version", "pyzmq_version_info", "__version__"]
