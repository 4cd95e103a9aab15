# SPDX-License-Identifier: BSD-3-Clause
"""Publish/subscribe: subscribers get only the topics they asked for.

A PUB socket drops messages for subscribers whose subscription has not
arrived yet. An XPUB is a PUB that also hands you each subscription as a
message (``b"\\x01" + topic``), so the publisher can wait for its subscriber
instead of sleeping and hoping.
"""

import zmq

ctx = zmq.Context()
pub = ctx.socket(zmq.XPUB)
port = pub.bind_to_random_port("tcp://127.0.0.1")

sub = ctx.socket(zmq.SUB)
sub.connect(f"tcp://127.0.0.1:{port}")
sub.subscribe(b"weather.")               # a prefix: every topic that starts with it
sub.rcvtimeo = 5000

pub.rcvtimeo = 5000
print(pub.recv())                        # b'\x01weather.': the subscription arrived

for n in range(3):
    pub.send_multipart([b"weather.paris", b"%d C" % (20 + n)])
    pub.send_multipart([b"sport.rugby", b"%d-%d" % (n, n + 1)])   # filtered out
pub.send_multipart([b"weather.end", b""])

while True:
    topic, body = sub.recv_multipart()   # the topic is the first frame
    if topic == b"weather.end":
        break
    print(topic.decode(), body.decode())   # weather.paris 20 C ... 22 C

ctx.destroy(linger=0)                    # closes both sockets, then terminates
