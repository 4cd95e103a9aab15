# SPDX-License-Identifier: BSD-3-Clause
"""Item 1: round trips in every send/recv mode leave memory and object counts flat.

Each mode runs in its own process: PAIR sockets over inproc, every round trip
sends a message one way and echoes it back (so both sockets send and
receive). After a warm-up, resident memory, the number of objects the
garbage collector tracks and the number of blocks Python's allocator holds
are measured, then measured again after the counted round trips. A leak of a
single small object per round trip shows as tens of thousands of blocks in the
quick run and a million in the full one; the bounds below allow a few MB and a
few hundred objects of noise.

test_leaks.py (beside the other core tests) covers copy/zero-copy/tracked
sends in one loop; this module separates the modes, adds multipart and the
memoryview of received frames, and counts objects, not only memory.
"""

import pytest

from reliability_support import FULL, last_json, record, run_child, scale

CHILD = """
import gc, json, os, sys, time, collections
import zmq

mode, warmup, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def rss_mb():
    with open(f"/proc/{os.getpid()}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

ctx = zmq.Context()
a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
a.bind("inproc://soak")
b.connect("inproc://soak")
a.copy_threshold = b.copy_threshold = 0  # small messages take the zero-copy path too
payload = bytearray(b"p" * 256)
parts = [b"head", bytearray(b"b" * 100), memoryview(b"tail" * 8)]
kept = collections.deque(maxlen=64)  # memoryviews kept past their Frame (bounded)

def copy_mode(n):
    for _ in range(n):
        a.send(payload)
        b.send(b.recv())
        a.recv()

def nocopy_mode(n):
    for _ in range(n):
        a.send(payload, copy=False)
        frame = b.recv(copy=False)
        b.send(frame, copy=False)  # a received Frame sent on again
        a.recv(copy=False)

def track_mode(n):
    tracker = None
    for _ in range(n):
        tracker = a.send(payload, copy=False, track=True)
        b.send(b.recv(copy=False), copy=False)
        a.recv(copy=False)
    return tracker

def multipart_mode(n):
    for _ in range(n):
        a.send_multipart(parts)
        b.send_multipart(b.recv_multipart())
        a.recv_multipart(copy=False)

def view_kept_mode(n):
    for _ in range(n):
        a.send(payload, copy=False)
        view = b.recv(copy=False).buffer  # the Frame is dropped, its view lives on
        kept.append(view)
        b.send(view)
        a.recv()

def view_dropped_mode(n):
    for _ in range(n):
        a.send(payload, copy=False)
        frame = b.recv(copy=False)
        view = frame.buffer
        b.send(view)
        del frame, view
        a.recv()

run = {
    "copy": copy_mode, "nocopy": nocopy_mode, "track": track_mode,
    "multipart": multipart_mode, "view_kept": view_kept_mode, "view_dropped": view_dropped_mode,
}[mode]

def settle():
    # libzmq frees zero-copy messages from its own threads; their buffers are
    # released by a call the interpreter runs soon after: let it run
    if mode == "track":
        last = a.send(payload, copy=False, track=True)
        b.recv(); last.wait(30)
    for _ in range(3):
        time.sleep(0.02)
        gc.collect()

def measure():
    settle()
    return rss_mb(), len(gc.get_objects()), sys.getallocatedblocks()

run(warmup)
rss0, objects0, blocks0 = measure()
start = time.perf_counter()
samples = []
step = max(1, count // 10)
done = 0
while done < count:
    chunk = min(step, count - done)
    run(chunk)
    done += chunk
    samples.append(rss_mb())
seconds = time.perf_counter() - start
rss1, objects1, blocks1 = measure()
kept.clear()
ctx.destroy(linger=0)
print(json.dumps({
    "send_mode": mode, "round_trips": count, "seconds": round(seconds, 2),
    "rss_before_mb": round(rss0, 2), "rss_after_mb": round(rss1, 2),
    "rss_max_mb": round(max(samples), 2),
    "gc_objects_before": objects0, "gc_objects_after": objects1,
    "blocks_before": blocks0, "blocks_after": blocks1,
}))
"""

MODES = ["copy", "nocopy", "track", "multipart", "view_kept", "view_dropped"]


@pytest.mark.parametrize("mode", MODES)
def test_round_trips_leave_memory_and_objects_flat(mode):
    warmup = scale(50_000, 100_000)
    count = scale(200_000, 1_000_000)
    done = run_child(CHILD, mode, str(warmup), str(count))
    assert done.returncode == 0, done.stderr
    figures = last_json(done.stdout)
    record(f"soak[{mode}]", **figures)
    assert figures["round_trips"] == count
    rss_growth = figures["rss_after_mb"] - figures["rss_before_mb"]
    rss_peak = figures["rss_max_mb"] - figures["rss_before_mb"]
    # one leaked 64-byte block per round trip would be ~60 MB in the full run
    assert rss_growth < 4, f"RSS grew {rss_growth:.1f} MB: {figures}"
    assert rss_peak < 8, f"RSS peaked {rss_peak:.1f} MB above the warm-up level: {figures}"
    assert figures["gc_objects_after"] - figures["gc_objects_before"] < 200, figures
    assert figures["blocks_after"] - figures["blocks_before"] < 2_000, figures

