"""Cases for classification-metrics/roc-auc-rank.

Expected values come from the library: mlinterview.ml.metrics.roc_auc_score (the
trapezoidal area under the weighted ROC curve, which equals the tie-corrected
Mann–Whitney statistic), checked against scikit-learn in tests/parity; where a class is
missing it warns and returns NaN, as the statement asks. The first cases are worked by
hand.
"""

import warnings

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.metrics import roc_auc_score


def reference(y_true, scores, sample_weight=None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")           # "only one class": the NaN cases
        return float(roc_auc_score(np.asarray(y_true), np.asarray(scores, float),
                                   sample_weight=sample_weight))


def fixed():
    nan = float("nan")
    return [
        Case(([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9]), note="worked example: one tie",
             expected=0.875),
        Case(([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9], [1, 3, 1, 1]),
             note="worked example with weights", expected=0.8125),
        Case(([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), note="scikit-learn's doc example",
             expected=0.75),
        Case(([0, 1, 0, 1, 1], [3.0, 3.0, 3.0, 3.0, 3.0]), note="all scores tied: 1/2",
             expected=0.5),
        Case(([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9]), note="perfectly inverted", expected=0.0),
        Case(([0, 1], [-5.0, 7.0]), note="one pair, right order", expected=1.0),
        Case(([1, 1, 1], [0.1, 0.2, 0.3]), note="no negatives: nan", expected=nan),
        Case(([0, 1, 1], [0.1, 0.2, 0.3], [1.0, 0.0, 0.0]),
             note="positives with zero total weight: nan", expected=nan),
        # Pairs: 0.4 (w 3) vs 0.5: lose; 0.6 (w 1) vs 0.5: win -> 1 / (4 · 1).
        Case(([0, 1, 1], [0.5, 0.4, 0.6], [1.0, 3.0, 1.0]), note="a heavy positive that loses",
             expected=0.25),
        # A weight of 2 is the same as the sample twice.
        Case(([0, 1, 1, 0], [0.3, 0.3, 0.7, 0.1], [2.0, 1.0, 1.0, 1.0]),
             note="integer weight = repetition", expected=reference(
                 [0, 0, 1, 1, 0], [0.3, 0.3, 0.3, 0.7, 0.1])),
        Case(([0, 1, 0, 1, 0, 1], [0.2, 0.2, 0.9, 0.9, 0.5, 0.1], [0.5, 2.0, 1.5, 0.0, 1.0, 3.0]),
             note="ties at two scores, fractional and zero weights"),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n = int(rng.integers(2, 400)) if i < 23 else 200_000
        y = (rng.random(n) < rng.uniform(0.05, 0.7)).astype(int)
        y[0], y[-1] = 1, 0
        scores = rng.normal(size=n) + rng.uniform(0, 2) * y
        if i % 2 == 0:
            scores = np.round(scores, int(rng.integers(0, 2)))      # many ties
        weights = None
        if i % 3 == 1:
            weights = rng.uniform(0, 3, n)
        elif i % 3 == 2:
            weights = rng.integers(0, 4, n).astype(float)
            weights[0] = weights[-1] = 1.0
        args = (y.tolist(), scores.tolist()) if i % 4 == 0 else (y, scores)
        if weights is not None:
            args = (*args, weights)
        cases.append(Case(args, note=f"{n} samples" + (", weighted" if weights is not None
                                                       else ""), size=n))
    return cases


SPEC = ExerciseSpec(
    function="roc_auc",
    # Sums of products of weights in a different order than the trapezoids: ~1e-15.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
