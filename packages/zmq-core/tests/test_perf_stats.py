# SPDX-License-Identifier: BSD-3-Clause
"""zmq.perf.stats: paired CPU ratios of the paced rows and their intervals."""

import math
import random

import pytest
from zmq.perf.stats import geometric_mean, interval_rank, median, paired_ratio


def test_median_of_odd_and_even_counts():
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5


@pytest.mark.parametrize("n, rank, confidence", [
    (3, 1, 0.75),          # too few runs for 90%: the extremes, with what they give
    (5, 1, 1 - 2 / 32),
    (7, 1, 1 - 2 / 128),   # rank 2 would give 0.875
    (9, 2, 1 - 20 / 512),
    (11, 3, 1 - 2 * 67 / 2048),
])
def test_interval_rank_from_the_binomial(n, rank, confidence):
    k, got = interval_rank(n)
    assert k == rank
    assert got == pytest.approx(confidence)


def test_interval_rank_is_the_largest_that_reaches_the_level():
    for n in range(5, 40):
        k, confidence = interval_rank(n)
        assert confidence >= 0.9
        below = sum(math.comb(n, i) for i in range(k + 1)) / 2**n  # P(X < k + 1)
        assert 1 - 2 * below < 0.9  # one rank further in would miss the level


def test_interval_covers_the_true_median_as_often_as_it_claims():
    rng = random.Random(17)
    k, confidence = interval_rank(9)
    hits = 0
    trials = 4000
    for _ in range(trials):
        ours = [rng.lognormvariate(0, 0.3) for _ in range(9)]
        theirs = [rng.lognormvariate(0, 0.3) for _ in range(9)]
        ratio = paired_ratio(ours, theirs)
        hits += ratio.low <= 1.0 <= ratio.high  # the true median ratio is 1
    assert abs(hits / trials - confidence) < 0.02


def test_paired_ratio_pairs_runs_by_position():
    # the machine got twice as slow half-way: each pair still shows ours at 0.8 of theirs
    theirs = [10.0, 10.0, 10.0, 20.0, 20.0, 20.0, 20.0]
    ours = [8.0, 8.0, 8.0, 16.0, 16.0, 16.0, 16.0]
    ratio = paired_ratio(ours, theirs)
    assert ratio.median == pytest.approx(0.8)
    assert ratio.low == pytest.approx(0.8) and ratio.high == pytest.approx(0.8)
    assert ratio.verdict == "below" and ratio.pairs == 7
    # separate medians would have said 16 / 20
    assert median(ours) / median(theirs) == pytest.approx(0.8)


def test_verdicts():
    assert paired_ratio([12.0] * 5, [10.0] * 5).verdict == "above"
    assert paired_ratio([9.0, 11.0, 10.0, 9.5, 10.5], [10.0] * 5).verdict == "even"
    spread = paired_ratio([9.0, 11.0, 10.0, 9.5, 10.5], [10.0] * 5)
    assert spread.low == pytest.approx(0.9) and spread.high == pytest.approx(1.1)
    assert spread.as_dict()["verdict"] == "even"


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="unpaired"):
        paired_ratio([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="no CPU time"):
        paired_ratio([1.0], [0.0])
    with pytest.raises(ValueError):
        interval_rank(0)


def test_geometric_mean():
    assert geometric_mean([0.5, 2.0]) == pytest.approx(1.0)
    assert geometric_mean([1.0, 1.0, 8.0]) == pytest.approx(2.0)
