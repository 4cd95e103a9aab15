# SPDX-License-Identifier: LGPL-3.0-or-later
"""The name a class is shown by in reprs: where users import it from."""

from __future__ import annotations


def public_name(cls: type) -> str:
    """``zmq.Context``, ``zmq.asyncio.Socket``, ``mymodule.MySocket``.

    A class of a ``zmq`` package is named by its public module: the core's
    modules (``zmq.core.*``) by ``zmq``, others up to their first private
    part (``zmq.asyncio._socket`` by ``zmq.asyncio``); any other class by its
    own module and qualified name, as pyzmq shows them. No import lookups, so
    it also works while the interpreter shuts down.
    """
    module = cls.__module__
    if module == "zmq.core" or module.startswith("zmq.core."):
        module = "zmq"
    elif module.startswith("zmq."):
        public = []
        for part in module.split("."):
            if part.startswith("_"):
                break
            public.append(part)
        module = ".".join(public)
    return f"{module}.{cls.__qualname__}"
