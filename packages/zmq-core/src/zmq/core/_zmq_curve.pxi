# SPDX-License-Identifier: LGPL-3.0-or-later
# CURVE keys (Z85 itself: zmq.utils.z85, pure Python).
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
