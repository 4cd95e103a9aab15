# SPDX-License-Identifier: BSD-3-Clause
"""A million sends and receives, copied and zero-copy, tracked or not, leave memory flat."""

import subprocess
import sys
import textwrap

CHILD = textwrap.dedent(
    """
    import os, zmq

    def rss_mb():
        with open(f"/proc/{os.getpid()}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    ctx = zmq.Context()
    pull, push = ctx.socket(zmq.PULL), ctx.socket(zmq.PUSH)
    pull.bind("inproc://leak")
    push.connect("inproc://leak")
    push.copy_threshold = 0  # take the zero-copy path for every size
    payload = bytearray(b"x" * 200)

    def exchange(n, copy, track):
        for _ in range(n):
            tracker = push.send(payload, copy=copy, track=track)
            frame = pull.recv(copy=copy)
        return tracker

    def cycle(n):
        exchange(n, True, False)
        exchange(n, False, False)
        last = exchange(n, False, True)
        push.send_multipart([payload, payload], copy=False)
        pull.recv_multipart(copy=False)
        last.wait(10)

    cycle(50_000)  # warm up allocators and caches
    before = rss_mb()
    cycle(COUNT)
    zmq.core._zmq._collect_released()
    print(rss_mb() - before)
    ctx.destroy(linger=0)
    """
)


def test_memory_stays_flat():
    count = 340_000  # three kinds of send per cycle: about a million in all
    done = subprocess.run(
        [sys.executable, "-c", CHILD.replace("COUNT", str(count))], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    growth_mb = float(done.stdout)
    # leaking one bare object() per message shows as about 24 MB here
    assert growth_mb < 10, f"RSS grew by {growth_mb:.1f} MB"
