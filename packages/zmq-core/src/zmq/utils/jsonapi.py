# SPDX-License-Identifier: BSD-3-Clause
"""JSON in the wire form zmq uses: ``json.dumps``'s defaults, as utf-8 bytes (as pyzmq)."""

from __future__ import annotations

import json
from typing import Any

#: the json module in use (kept for code that reads it)
jsonmod = json


def dumps(obj: Any, **kwargs: Any) -> bytes:
    """Serialize ``obj`` to utf-8 JSON bytes; kwargs go to ``json.dumps``.

    The default separators are json's own (``", "`` and ``": "``), so the
    bytes on the wire are the ones pyzmq sends.
    """
    return json.dumps(obj, **kwargs).encode("utf-8")


def loads(data: bytes | str, **kwargs: Any) -> Any:
    """Parse JSON from bytes (utf-8) or str."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        data = bytes(data).decode("utf-8")
    return json.loads(data, **kwargs)
