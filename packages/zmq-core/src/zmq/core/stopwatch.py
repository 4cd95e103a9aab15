# SPDX-License-Identifier: LGPL-3.0-or-later
"""Stopwatch: a simple timer in microseconds (kept for pyzmq compatibility)."""

from __future__ import annotations

import time

from .error import ZMQError


class Stopwatch:
    """``start()``, then ``stop()`` returns the elapsed microseconds (an int)."""

    def __init__(self) -> None:
        self._start: int | None = None

    def start(self) -> None:
        """Start timing; ZMQError if already running."""
        if self._start is not None:
            raise ZMQError(msg="the stopwatch is already running")
        self._start = time.perf_counter_ns()

    def stop(self) -> int:
        """Stop and return the microseconds since ``start()``; ZMQError if not running."""
        if self._start is None:
            raise ZMQError(msg="the stopwatch is not running")
        elapsed = time.perf_counter_ns() - self._start
        self._start = None
        return elapsed // 1000

    @staticmethod
    def sleep(seconds: float) -> None:
        """Sleep for ``seconds``."""
        time.sleep(seconds)
