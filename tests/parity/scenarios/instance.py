# SPDX-License-Identifier: BSD-3-Clause
"""Context.instance(): one per class that defines _instance, shared otherwise.

In a file of its own: the instances are process-wide.
"""

import zmq


class Own(zmq.Context):
    _instance = None


class Shares(zmq.Context):
    pass


class Early(zmq.Context):
    pass


def instances(p):
    early = Early.instance()  # before the base has one: made and kept on Early
    p.value("early type", type(early).__name__)
    base = zmq.Context.instance()
    p.value("base type", type(base).__name__)
    p.value("base is early", base is early)
    p.value("same again", zmq.Context.instance() is base)
    p.value("Shares gets the base's", Shares.instance() is base)
    own = Own.instance()
    p.value("Own type", type(own).__name__)
    p.value("Own is base", own is base)
    p.value("Own same again", Own.instance() is own)
    p.value("io_threads argument after first", zmq.Context.instance(4).get(zmq.IO_THREADS))
    base.term()
    renewed = zmq.Context.instance()
    p.value("renewed after term", [renewed is base, renewed.closed, type(renewed).__name__])
    shares_new = Shares.instance()
    p.value("Shares after the base renewed", shares_new is renewed)
    p.value("has own attribute", ["_instance" in vars(c) for c in (Own, Shares, Early)])
    for c in (renewed, own, early):
        c.term()


def asyncio_instance(p):
    import zmq.asyncio

    a = zmq.asyncio.Context.instance()
    p.value("asyncio instance type", type(a).__name__)
    p.value("apart from zmq.Context's", a is zmq.Context.instance())
    p.value("same again", zmq.asyncio.Context.instance() is a)
    a.term()
    zmq.Context.instance().term()
