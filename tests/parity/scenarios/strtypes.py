# SPDX-License-Identifier: BSD-3-Clause
"""zmq.utils.strtypes (2.2-era helpers; zmq-compat serves it here): names,
conversions, errors and the DeprecationWarning of every cast."""

import zmq.utils.strtypes as strtypes


def names(p):
    p.value("__all__", sorted(strtypes.__all__))
    p.value("aliases", (strtypes.bytes, strtypes.unicode, strtypes.basestring))
    p.value("same functions", (strtypes.b is strtypes.asbytes is strtypes.cast_bytes,
                               strtypes.u is strtypes.cast_unicode))
    namespace = {}
    exec("from zmq.utils.strtypes import *", namespace)
    p.value("star import", sorted(name for name in namespace if name != "__builtins__"))


def conversions(p):
    p.call("cast_bytes str", strtypes.cast_bytes, "é")
    p.call("cast_bytes bytes", strtypes.cast_bytes, b"raw")
    p.call("cast_bytes latin-1", strtypes.cast_bytes, "é", "latin-1")
    p.call("cast_bytes errors", strtypes.cast_bytes, "é", "ascii", "ignore")
    p.call("b", strtypes.b, "x")
    p.call("asbytes", strtypes.asbytes, "x")
    p.call("cast_unicode bytes", strtypes.cast_unicode, b"\xc3\xa9")
    p.call("cast_unicode str", strtypes.cast_unicode, "text")
    p.call("cast_unicode latin-1", strtypes.cast_unicode, b"\xe9", "latin-1")
    p.call("u", strtypes.u, b"x")


def errors(p):
    for value in (1, None, bytearray(b"ab")):
        p.call("cast_bytes", strtypes.cast_bytes, value, message=True)
        p.call("cast_unicode", strtypes.cast_unicode, value, message=True)
    p.call("undecodable", strtypes.cast_unicode, b"\xff")
