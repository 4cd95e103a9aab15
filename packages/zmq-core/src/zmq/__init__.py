# SPDX-License-Identifier: BSD-3-Clause
"""Python bindings for ZeroMQ (libzmq), with the API pyzmq users know.

``import zmq`` gives the core (zmq-core). Plugins such as ``zmq.eventloop`` or
``zmq.devices`` come from their own distributions; see ``zmq.plugins()``.
"""

# Plugin distributions install zmq/<plugin>/ without a zmq/__init__.py; when
# one of them is installed elsewhere on sys.path (editable, or mixed with
# wheels) its directory must join this package's search path. (What
# pkgutil.extend_path does, without importing pkgutil at start-up.)
def _extend_path(path: list[str]) -> list[str]:
    import os
    import sys

    path = list(path)
    for entry in sys.path:
        candidate = os.path.join(entry or os.curdir, __name__)
        if isinstance(entry, str) and candidate not in path and os.path.isdir(candidate):
            path.append(candidate)
    return path


__path__ = _extend_path(__path__)

# The public API is zmq.core's public names (zmq.core.__all__), published here.
# This is the one BSD module that names zmq.core, and only by these imports
# (tests/test_public_api_only.py holds it to them).
from zmq.core import *  # noqa: E402,F403
from zmq.constants import *  # noqa: E402,F403  (also directly: mypy follows one star level)
from zmq.core import __all__ as _core_all  # noqa: E402


TYPE_CHECKING = False
if not TYPE_CHECKING:  # type checkers keep flagging unknown names

    def __getattr__(name: str):
        """pyzmq's module paths, missing plugins, legacy names; AttributeError otherwise."""
        import sys

        from zmq._attributes import pyzmq_module_or_hint

        module = sys.modules[__name__]
        # sys._getframe(1): the frame that looked the name up (`from zmq import ssh`?)
        found = pyzmq_module_or_hint(module, name, sys._getframe(1))
        if found is not None:
            return found

        from zmq.utils.legacy import module_getattr

        return module_getattr(module, name)

del TYPE_CHECKING


def get_includes() -> list[str]:
    """Directories to add to a Cython build that cimports the core.

    ``from zmq.core._zmq cimport Socket`` and ``from zmq.core.libzmq cimport *``
    then resolve; libzmq's own zmq.h must be found through pkg-config as usual.
    """
    import os

    package_dir = os.path.dirname(os.path.abspath(__file__))
    return [os.path.dirname(package_dir), os.path.join(package_dir, "core")]


def get_library_dirs() -> list[str]:
    """Directories holding the libzmq this binding links to, for Cython builds.

    ``$ZMQ_PREFIX/lib`` when ZMQ_PREFIX is set (as for building zmq-core),
    else pkg-config's ``libdir`` of libzmq; an empty list when neither is
    known (the compiler's default directories then apply).
    """
    import os
    import subprocess

    prefix = os.environ.get("ZMQ_PREFIX")
    if prefix:
        return [os.path.join(prefix, "lib")]
    try:
        done = subprocess.run(
            ["pkg-config", "--variable=libdir", "libzmq"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return []
    libdir = done.stdout.strip()
    return [libdir] if libdir else []


__all__ = ["get_includes", "get_library_dirs"]
__all__ += _core_all
del _core_all
