# SPDX-License-Identifier: BSD-3-Clause
"""A REQ socket reaches a REP peer through an ssh tunnel (OpenSSH).

Usage: ``python ssh_tunnel.py USER@HOST[:PORT] [KEYFILE] [KNOWN_HOSTS]``.

The peer listens only on the loopback interface of the ssh server, so nothing
but the tunnel can reach it. To keep the example self-contained the "peer"
runs in this program, so the ssh server must be this machine (log in to
localhost, or run a test sshd on 127.0.0.1); with a real remote server the
peer would run there and only the client part below would be yours.
"""

import sys
import threading

import zmq
from zmq.ssh import tunnel_connection

server = sys.argv[1]                       # e.g. "alice@127.0.0.1:22"
keyfile = sys.argv[2] if len(sys.argv) > 2 else None
known_hosts = sys.argv[3] if len(sys.argv) > 3 else None   # None: ~/.ssh/known_hosts

ctx = zmq.Context()

# the peer: a REP on the ssh server's loopback, answering one request
rep = ctx.socket(zmq.REP)
peer_port = rep.bind_to_random_port("tcp://127.0.0.1")
peer = threading.Thread(target=lambda: rep.send(rep.recv().upper()))
peer.start()

# the client: the address is the peer's address as seen from the ssh server
req = ctx.socket(zmq.REQ)
req.rcvtimeo = 20000
tunnel = tunnel_connection(req, f"tcp://127.0.0.1:{peer_port}", server,
                           keyfile=keyfile, known_hosts=known_hosts)
print("tunnel from", tunnel.local_url)     # tcp://127.0.0.1:<a free local port>
req.send(b"through the tunnel")
print(req.recv())                          # b'THROUGH THE TUNNEL'

peer.join()
req.close()
rep.close()
tunnel.close()                             # ends the ssh process
ctx.term()
