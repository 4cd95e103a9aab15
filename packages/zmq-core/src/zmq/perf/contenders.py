# SPDX-License-Identifier: BSD-3-Clause
"""Busy processes beside the benchmark workloads (``python -m zmq.perf --contend N``)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

#: a contender: busy until stopped, or until zmq.perf is gone (however it ended)
BUSY_LOOP = """
import os, sys
parent = int(sys.argv[1])
while os.getppid() == parent:
    for _ in range(200_000):
        pass
"""


class Contenders:
    """Busy processes beside the workloads (``--contend N``), as on a shared machine.

    Each one loops in Python at normal priority, so the workload's threads
    compete for the cores with it; they are stopped when the level drops or
    on :meth:`stop`.
    """

    def __init__(self) -> None:
        self.procs: list[subprocess.Popen] = []

    def set(self, count: int) -> None:
        """Keep exactly ``count`` busy processes running."""
        while len(self.procs) > count:
            self._end(self.procs.pop())
        while len(self.procs) < count:
            self.procs.append(subprocess.Popen(
                [sys.executable, "-c", BUSY_LOOP, str(os.getpid())],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            ))
        if count:
            time.sleep(0.2)  # let them start spinning before the workload does

    def stop(self) -> None:
        """Stop every busy process."""
        self.set(0)

    @staticmethod
    def _end(proc: subprocess.Popen) -> None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
