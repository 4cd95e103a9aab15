# SPDX-License-Identifier: BSD-3-Clause
"""Zero-copy sends and receives, and trackers that say when a buffer is free again.

``send(data, copy=False)`` lends ``data``'s memory to libzmq instead of
copying it. The buffer must not change until libzmq is done with it, which the
returned ``MessageTracker`` tells (``done``, ``wait()``). Buffers smaller than
``socket.copy_threshold`` (64 KiB by default) are copied anyway, which is
cheaper, and their tracker is done at once. ``recv(copy=False)`` returns a
``zmq.Frame`` that holds the received message without copying it out.
"""

import zmq

ctx = zmq.Context()
pull = ctx.socket(zmq.PULL)
pull.bind("inproc://zero-copy")
push = ctx.socket(zmq.PUSH)
push.connect("inproc://zero-copy")
pull.rcvtimeo = 5000

data = bytearray(b"x" * 1_000_000)            # 1 MB: above the copy threshold
tracker = push.send(data, copy=False, track=True)

frame = pull.recv(copy=False)                 # a zmq.Frame, no copy made
view = frame.buffer                           # a memoryview of the received bytes
print(len(view), bytes(view[:3]))             # 1000000 b'xxx'

# Over inproc the receiver got the sender's very buffer: it is in use as long
# as the received frame lives.
print("done while the frame lives:", tracker.done)     # False
del view, frame
tracker.wait(timeout=5)                       # raises zmq.NotDone if it takes longer
print("done once it is dropped:", tracker.done)        # True
data[:5] = b"reuse"                           # now safe to change

small = push.send(b"tiny", copy=False, track=True)
print("small message copied, tracker done:", small.done)   # True
print(pull.recv())                            # b'tiny'

ctx.destroy(linger=0)
