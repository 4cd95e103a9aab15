# SPDX-License-Identifier: BSD-3-Clause
"""What ``zmq.__getattr__`` serves: names that are not in the module's namespace.

* pyzmq's module paths that code names without importing them
  (``zmq.sugar.socket.Socket``, ``zmq.error.ZMQError``): imported on first access;
* ``from zmq import ssh`` without zmq-ssh: the import system tries ``zmq.ssh``
  first and hides the error that names the distribution to install, then
  looks the attribute up; the error is raised again here, hint included;
* legacy names (``zmq.Message``, ...) and AttributeError for anything else
  come next, from :mod:`zmq.utils.legacy`.

Only called on a miss, so ``import zmq`` and normal lookups pay nothing for it.
"""

from __future__ import annotations

import importlib
from types import FrameType, ModuleType

#: pyzmq's module paths, imported on first access of ``zmq.<name>``
PYZMQ_MODULES = frozenset({"sugar", "backend", "error"})


def pyzmq_module_or_hint(module: ModuleType, name: str, frame: FrameType | None = None) -> ModuleType | None:
    """``zmq.<name>`` if it is one of pyzmq's module paths; None for any other name.

    ``frame`` did the lookup: when it is ``from zmq import <name>`` and
    importing ``zmq.<name>`` fails with the core's install hint (a plugin that
    is not installed), that ModuleNotFoundError is raised.
    """
    if name in PYZMQ_MODULES:
        return importlib.import_module(f"{module.__name__}.{name}")
    if frame is not None and _is_import_from(frame):
        hint = _missing_module_hint(f"{module.__name__}.{name}")
        if hint is not None:
            raise hint
    return None


def _missing_module_hint(fullname: str) -> ModuleNotFoundError | None:
    """The error importing ``fullname`` gives, if it says more than "No module named"."""
    try:
        importlib.import_module(fullname)
    except ModuleNotFoundError as error:
        if error.name == fullname and str(error) != f"No module named {fullname!r}":
            return error  # the core's hint for a plugin that is not installed
    return None


def _is_import_from(frame: FrameType) -> bool:
    """Whether ``frame`` is executing ``from ... import name`` (the IMPORT_FROM opcode)."""
    import dis

    code = frame.f_code.co_code
    return 0 <= frame.f_lasti < len(code) and code[frame.f_lasti] == dis.opmap["IMPORT_FROM"]
