# SPDX-License-Identifier: BSD-3-Clause
"""How ``zmq.perf`` compares the CPU cost of two bindings in the paced rows.

A paced cell runs several times per binding, the bindings taking turns, so
run ``i`` of one binding and run ``i`` of another ran a few seconds apart,
under the same load from the rest of the machine. The ratio of their CPU
per message is taken pair by pair, and the row's ratio is the median of
those paired ratios: what the machine does at the moment weighs on both
sides of each pair alike and cancels out, where a ratio of two separate
medians would keep it.

The median of ``n`` paired ratios comes with a distribution-free interval:
between the ``k``-th smallest and the ``k``-th largest ratio, which holds
the true median with probability ``1 - 2 * P(Binomial(n, 1/2) < k)``. A row
whose whole interval lies above 1 costs more than the other binding beyond
what the noise explains; one whose interval holds 1 cannot be told apart
from it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: the confidence the interval of a paired ratio aims for
LEVEL = 0.9


def median(values: list[float]) -> float:
    """The median (the mean of the two middle values for an even count)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def interval_rank(n: int, level: float = LEVEL) -> tuple[int, float]:
    """The rank ``k`` of the median's interval over ``n`` values, and its confidence.

    The largest ``k`` (1 = the extremes) whose interval still holds the median
    with at least ``level`` probability; with too few values for ``level``,
    ``k`` is 1 and the confidence is what the extremes give.
    """
    if n < 1:
        raise ValueError("no values")
    below = 0.0  # P(Binomial(n, 1/2) < k)
    best = (1, 1 - 2 * 0.5**n)
    for k in range(1, (n + 1) // 2 + 1):
        below += math.comb(n, k - 1) * 0.5**n
        confidence = 1 - 2 * below
        if confidence < level:
            break
        best = (k, confidence)
    return best


@dataclass(frozen=True)
class PairedRatio:
    """The median of paired ratios ``ours[i] / theirs[i]`` and its interval."""

    median: float
    low: float
    high: float
    #: the probability that [low, high] holds the true median ratio
    confidence: float
    pairs: int

    @property
    def verdict(self) -> str:
        """``"below"`` or ``"above"`` 1 beyond the noise, else ``"even"``."""
        if self.high < 1:
            return "below"
        if self.low > 1:
            return "above"
        return "even"

    def as_dict(self) -> dict:
        """The fields and the verdict, for the JSON output."""
        return {"median": self.median, "low": self.low, "high": self.high,
                "confidence": self.confidence, "pairs": self.pairs, "verdict": self.verdict}


def paired_ratio(ours: list[float], theirs: list[float], level: float = LEVEL) -> PairedRatio:
    """Compare two bindings' runs of one cell, taken in turns (``ours[i]`` beside ``theirs[i]``)."""
    if len(ours) != len(theirs):
        raise ValueError(f"unpaired runs: {len(ours)} against {len(theirs)}")
    if any(value <= 0 for value in theirs):
        raise ValueError("a run of the other binding has no CPU time to compare with")
    ratios = sorted(mine / other for mine, other in zip(ours, theirs))
    k, confidence = interval_rank(len(ratios), level)
    return PairedRatio(median(ratios), ratios[k - 1], ratios[-k], confidence, len(ratios))


def geometric_mean(values: list[float]) -> float:
    """The geometric mean of positive values."""
    return math.exp(sum(math.log(value) for value in values) / len(values))
