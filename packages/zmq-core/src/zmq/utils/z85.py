# SPDX-License-Identifier: BSD-3-Clause
"""Z85 (ZeroMQ RFC 32) encoding, as used for CURVE keys."""

from zmq.core._zmq import z85_decode as decode, z85_encode as encode

__all__ = ["encode", "decode"]
