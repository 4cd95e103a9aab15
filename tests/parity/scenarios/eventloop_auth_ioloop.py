# SPDX-License-Identifier: BSD-3-Clause
"""zmq.auth.ioloop (deprecated in pyzmq 27, still there): the import warns; the class.

A file of its own: the warning comes with the first import in a process.
"""

import warnings


def import_warns_and_the_class_is_an_asyncio_authenticator(p):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        from zmq.auth.ioloop import IOLoopAuthenticator
    p.value("warnings on import", [(w.category.__name__, w.filename == __file__) for w in caught])
    from zmq.auth.asyncio import AsyncioAuthenticator

    p.value("subclass of AsyncioAuthenticator", issubclass(IOLoopAuthenticator, AsyncioAuthenticator))
    import inspect

    p.value("parameters", list(inspect.signature(IOLoopAuthenticator).parameters))
