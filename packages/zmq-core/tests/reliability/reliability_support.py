# SPDX-License-Identifier: BSD-3-Clause
"""Helpers of the reliability suite: scale, child processes, figures.

``ZMQ_RELIABILITY=full`` selects the full sizes (a million round trips, 100,000
messages per thread, thousands of fuzzed examples); anything else the quick
ones. With ``ZMQ_RELIABILITY_REPORT=FILE`` every test that measures something
appends one JSON line of figures to FILE (ci/reliability.sh prints them).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FULL = os.environ.get("ZMQ_RELIABILITY", "quick").lower() == "full"

#: a hang guard for child processes, never a pass/fail criterion
CHILD_TIMEOUT = 900 if FULL else 120


def scale(quick: int, full: int) -> int:
    """``full`` in the full run, ``quick`` otherwise."""
    return full if FULL else quick


def record(test: str, **figures: Any) -> None:
    """Append ``figures`` for ``test`` to $ZMQ_RELIABILITY_REPORT (if set)."""
    path = os.environ.get("ZMQ_RELIABILITY_REPORT")
    if path:
        line = {"test": test, "mode": "full" if FULL else "quick", **figures}
        with open(path, "a", encoding="utf-8") as report:
            report.write(json.dumps(line) + "\n")


def python_child(code: str, *args: str, **popen: Any) -> subprocess.Popen:
    """Start ``python -c code args...`` with text pipes for stdout and stderr."""
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def run_child(code: str, *args: str, timeout: float = CHILD_TIMEOUT, **popen: Any) -> subprocess.CompletedProcess:
    """Run ``python -c code args...`` to its end; the timeout is a hang guard."""
    child = python_child(code, *args, **popen)
    try:
        out, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        out, err = child.communicate()
        raise AssertionError(f"child hung (killed after {timeout} s)\nstdout: {out}\nstderr: {err}") from None
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)


def last_json(stdout: str) -> Any:
    """The JSON document on the last non-empty line of a child's output."""
    lines = [line for line in stdout.splitlines() if line.strip()]
    assert lines, "the child printed nothing"
    return json.loads(lines[-1])


# where the main thread of a process waits in the kernel, by machine: the
# poll family libzmq uses (poll, ppoll, epoll_wait, epoll_pwait, select, pselect6)
_WAIT_SYSCALLS = {
    "x86_64": {7, 271, 232, 281, 23, 270},
    "aarch64": {73, 22, 72},
}


def blocked_in_wait(pid: int) -> bool:
    """Whether the main thread of ``pid`` sleeps in one of the poll system calls.

    libzmq first polls with a zero timeout; that call never sleeps (state R),
    so a sleeping thread in the poll family is in the blocking wait.
    """
    try:
        with open(f"/proc/{pid}/stat") as stat:
            state = stat.read().rsplit(")", 1)[1].split()[0]
        with open(f"/proc/{pid}/syscall") as syscall:
            fields = syscall.read().split()
    except OSError:
        return False
    if state != "S" or not fields or not fields[0].lstrip("-").isdigit():
        return False
    return int(fields[0]) in _WAIT_SYSCALLS.get(os.uname().machine, set())


def wait_until_blocked(pid: int, guard: float = 30.0) -> None:
    """Wait until ``pid``'s main thread blocks in libzmq (``guard`` s hang guard)."""
    deadline = time.monotonic() + guard
    seen = 0
    while time.monotonic() < deadline:
        # twice in a row, 10 ms apart: settled in the wait, not passing through
        seen = seen + 1 if blocked_in_wait(pid) else 0
        if seen >= 2:
            return
        time.sleep(0.01)
    raise AssertionError(f"process {pid} never blocked in libzmq")


def interrupt_when_blocked(child: subprocess.Popen, signum: int = signal.SIGINT) -> float:
    """Once ``child`` printed 'ready' and blocks, send ``signum``; seconds until it exits."""
    line = child.stdout.readline().strip()
    assert line == "ready", f"child said {line!r}; stderr: {child.stderr.read()}"
    wait_until_blocked(child.pid)
    sent = time.monotonic()
    os.kill(child.pid, signum)
    try:
        child.wait(timeout=60)  # a hang guard; promptness is checked by the caller
    except subprocess.TimeoutExpired:
        child.kill()
        raise AssertionError("the child did not end after the signal") from None
    return time.monotonic() - sent


def rss_mb(pid: int | None = None) -> float:
    """Resident set size of ``pid`` (default: this process) in MiB."""
    with open(f"/proc/{pid or os.getpid()}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
