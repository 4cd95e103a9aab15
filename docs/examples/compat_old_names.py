# SPDX-License-Identifier: BSD-3-Clause
"""pyzmq 2.2-era code that runs unchanged with zmq-compat installed.

Each old name works and emits a DeprecationWarning that names its replacement.
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
