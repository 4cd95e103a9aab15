# SPDX-License-Identifier: BSD-3-Clause
"""pyzmq 2.2-era code that runs unchanged: old names pyzmq 27 dropped need zmq-compat.

``zmq.Message`` and the ``*_unicode`` methods are plain aliases in zmq-core
(as in pyzmq 27): they warn only with ``ZMQ_LEGACY_WARNINGS=1``. The names
pyzmq 27 dropped (``prefix=``, ``zmq.UPSTREAM``) come from zmq-compat, each
with a DeprecationWarning that names its replacement.
"""

import zmq

ctx = zmq.Context()
router = ctx.socket(zmq.ROUTER)
router.bind("inproc://old")
dealer = ctx.socket(zmq.DEALER)
dealer.setsockopt_unicode(zmq.IDENTITY, "worker")   # today: setsockopt_string
dealer.connect("inproc://old")

dealer.send_unicode("hello")                        # today: send_string
identity, text = router.recv_multipart()
print(identity, text)                               # b'worker' b'hello'
router.send_multipart([b"hi"], prefix=[identity])   # today: send_multipart([identity, b"hi"])
msg = zmq.Message(dealer.recv())                    # today: zmq.Frame
print(msg.bytes)                                    # b'hi'
ctx.destroy()
