# SPDX-License-Identifier: LGPL-3.0-or-later
# CURVE keys and Z85.
# Included by _zmq.pyx (one compilation unit), which holds the cimports and imports.

def curve_keypair():
    """A new CURVE key pair ``(public, secret)``, each 40 bytes of Z85 text."""
    cdef char public_key[41]
    cdef char secret_key[41]
    if zmq_curve_keypair(public_key, secret_key) < 0:
        _raise_errno(zmq_errno())
    return public_key[:40], secret_key[:40]


def curve_public(secret_key):
    """The Z85 public key (bytes) of a Z85 secret key."""
    cdef char public_key[41]
    if isinstance(secret_key, str):
        secret_key = secret_key.encode("ascii")
    if not isinstance(secret_key, bytes) or len(secret_key) != 40:
        raise ValueError("a Z85 secret key is 40 bytes")
    if zmq_curve_public(public_key, secret_key) < 0:
        _raise_errno(zmq_errno())
    return public_key[:40]


def z85_encode(data):
    """Z85-encode ``data`` (length a multiple of 4) to bytes."""
    cdef bytes raw = bytes(data)
    cdef Py_ssize_t size = len(raw)
    cdef char *out
    if size % 4:
        raise ValueError("Z85 encodes lengths that are a multiple of 4, not %i" % size)
    out = <char *>malloc(size * 5 // 4 + 1)
    if out == NULL:
        raise MemoryError()
    try:
        if zmq_z85_encode(out, <const uint8_t *><char *>raw, size) == NULL:
            raise ValueError("Z85 encoding failed")
        return PyBytes_FromStringAndSize(out, size * 5 // 4)
    finally:
        free(out)


def z85_decode(text):
    """Decode Z85 text (str or bytes, length a multiple of 5) to bytes."""
    cdef bytes raw
    cdef Py_ssize_t size
    cdef uint8_t *out
    if isinstance(text, str):
        text = text.encode("ascii")
    raw = bytes(text)
    size = len(raw)
    if size % 5:
        raise ValueError("Z85 text has a length that is a multiple of 5, not %i" % size)
    out = <uint8_t *>malloc(size * 4 // 5 + 1)
    if out == NULL:
        raise MemoryError()
    try:
        if zmq_z85_decode(out, raw) == NULL:
            raise ValueError("invalid Z85 text")
        return PyBytes_FromStringAndSize(<char *>out, size * 4 // 5)
    finally:
        free(out)
