# SPDX-License-Identifier: BSD-3-Clause
"""Small helpers shipped with zmq-core (jsonapi, ...)."""


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    """``zmq.utils.jsonapi`` without importing it first, as with pyzmq (which imports it eagerly)."""
    if name == "jsonapi":
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
