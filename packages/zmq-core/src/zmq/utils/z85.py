# SPDX-License-Identifier: BSD-3-Clause
"""Z85 (ZeroMQ RFC 32) encoding, as used for CURVE keys.

Pure Python on purpose: the keys it serves are 32 bytes, and this module
stays free of the core's internals, so it can be copied on its own.
"""

from __future__ import annotations

import struct

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: the 85 digits of Z85, in order of value
ALPHABET = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#"

_VALUE = [-1] * 256  # byte → digit value, -1 for bytes that are not Z85 digits
for _value, _byte in enumerate(ALPHABET):
    _VALUE[_byte] = _value
del _value, _byte



def encode(data: Any) -> bytes:
    """Z85-encode a bytes-like object whose length is a multiple of 4: 5 digits per 4 bytes."""
    raw = memoryview(data).tobytes()  # TypeError for str and other non-buffers
    if len(raw) % 4:
        raise ValueError(f"Z85 encodes lengths that are a multiple of 4, not {len(raw)}")
    digits = ALPHABET
    out = bytearray()
    for word in struct.unpack(f">{len(raw) // 4}I", raw):  # big-endian 32-bit words, base 85
        out += bytes((
            digits[word // 52200625], digits[word // 614125 % 85], digits[word // 7225 % 85],
            digits[word // 85 % 85], digits[word % 85],
        ))
    return bytes(out)


def decode(text: Any) -> bytes:
    """Decode Z85 text (str or bytes-like, length a multiple of 5) to bytes.

    ValueError for a length that is not a multiple of 5, a character that is
    not a Z85 digit, or a group of 5 digits beyond 32 bits.
    """
    raw = text.encode("ascii") if isinstance(text, str) else memoryview(text).tobytes()
    if len(raw) % 5:
        raise ValueError(f"Z85 text has a length that is a multiple of 5, not {len(raw)}")
    value_of = _VALUE
    words = []
    for start in range(0, len(raw), 5):
        word = 0
        for offset in range(start, start + 5):
            value = value_of[raw[offset]]
            if value < 0:
                raise ValueError(f"invalid Z85 text: {raw[offset:offset + 1]!r} at {offset} is not a Z85 digit")
            word = word * 85 + value
        if word > 0xFFFFFFFF:
            raise ValueError(f"invalid Z85 text: {raw[start:start + 5]!r} at {start} is beyond 32 bits")
        words.append(word)
    return struct.pack(f">{len(words)}I", *words)


__all__ = ["encode", "decode"]
