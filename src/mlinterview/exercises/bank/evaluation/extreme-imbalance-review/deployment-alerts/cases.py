"""Cases for extreme-imbalance-review/deployment-alerts.

Expected values: the validation counts at each threshold come from the library,
mlinterview.ml.metrics.threshold_metrics (TP and FP of the rule score >= threshold at every
distinct score, checked against scikit-learn's roc_curve in
tests/ml/metrics/test_threshold.py): a threshold t flags what the smallest distinct score
>= t flags. The rates, the rescaling to the deployment prevalence and the precisions are
the statement's formulas applied to those counts. The first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.metrics import threshold_metrics


def _precision(true, false):
    return true / (true + false) if true + false > 0 else 0.0


def reference(y_val, scores, thresholds, prevalence, events_per_day):
    m = threshold_metrics(np.asarray(y_val).astype(int), np.asarray(scores, dtype=float))
    # m["threshold"] is [inf, distinct scores in decreasing order]; the counts at
    # position i are those of flagging the scores >= m["threshold"][i].
    descending = m["threshold"][1:]
    out = []
    for t in np.asarray(thresholds, dtype=float):
        # How many distinct scores are >= t: the position of the last candidate still >= t.
        i = int(np.searchsorted(-descending, -t, side="right"))
        tp, fp, fn, tn = (float(m[key][i]) for key in ("tp", "fp", "fn", "tn"))
        tpr, fpr = tp / (tp + fn), fp / (fp + tn)
        true = events_per_day * prevalence * tpr
        false = events_per_day * (1 - prevalence) * fpr
        out.append((_precision(tp, fp), _precision(true, false), true, false))
    return tuple(np.array(column, dtype=float).reshape(-1) for column in zip(*out, strict=True))


def fixed():
    y = [1, 1, 1, 1, 0, 0, 0, 0]
    s = [0.9, 0.8, 0.7, 0.2, 0.6, 0.3, 0.1, 0.05]
    return [
        Case((y, s, [0.5], 0.001, 1_000_000), note="worked example of the statement",
             expected=([0.75], [750 / 250_500], [750.0], [249_750.0])),
        # Threshold 0.95: nothing flagged -> both precisions 0/0 = 0, no alarms.
        # Threshold 0.0: everything flagged -> TPR = FPR = 1: precision 0.5 on validation,
        # the prevalence in deployment.
        Case((y, s, [0.95, 0.0], 0.01, 1000.0), note="nothing flagged, then everything",
             expected=([0.0, 0.5], [0.0, 0.01], [0.0, 10.0], [0.0, 990.0])),
        # Threshold 0.6 equals a negative's score: flagged (>=), FP = 1, TP = 3.
        Case((y, s, [0.6, 0.7], 0.5, 8.0), note="thresholds equal to scores are flagged",
             expected=([0.75, 1.0], [0.75, 1.0], [3.0, 3.0], [1.0, 0.0])),
        # Ties: two samples at 0.4 (one of each class), threshold 0.4 flags both.
        Case(([1, 0, 1, 0], [0.4, 0.4, 0.1, 0.2], [0.4], 0.2, 100.0),
             note="tied scores of both classes",
             expected=([0.5], [0.2], [10.0], [40.0])),
        Case(([1, 0, 1, 0], [0.4, 0.4, 0.1, 0.2], [0.4, 0.15], 0.0, 100.0),
             note="prevalence 0: every alarm is false",
             expected=([0.5, 1 / 3], [0.0, 0.0], [0.0, 0.0], [50.0, 100.0])),
        Case(([1, 1, 1], [0.2, 0.5, 0.9], [0.5], 0.01, 10.0), note="no negatives: FPR undefined",
             raises="ValueError"),
        Case(([0, 0], [0.2, 0.5], [0.5], 0.01, 10.0), note="no positives: TPR undefined",
             raises="ValueError"),
        Case((np.array([0, 1, 0, 0, 1, 0]), np.array([-2.0, 3.0, -1.0, 0.5, -0.5, 1.5]),
              np.array([2.0, -3.0, 0.0, 0.5, -1.0]), 1e-6, 3e9),
             note="thresholds in any order, a tiny prevalence and a huge volume"),
    ]


def generated(rng):
    cases = []
    for i in range(20):
        n = int(rng.integers(2, 400)) if i < 19 else 200_000
        t = int(rng.integers(1, 50)) if i < 19 else 5000
        y = (rng.random(n) < rng.uniform(0.2, 0.7)).astype(int)
        y[0], y[-1] = 1, 0                              # both classes present
        scores = rng.normal(size=n) + 1.5 * y
        if i % 3 == 0:
            scores = np.round(scores, 1)                # ties
        thresholds = rng.normal(size=t) * 1.5 + 0.5
        if i % 4 == 0:
            thresholds[: t // 2] = rng.choice(scores, size=t // 2)   # thresholds on scores
        prevalence = float(10 ** rng.uniform(-6, -0.5))
        volume = float(10 ** rng.uniform(3, 9))
        if i % 5 == 0:
            y, scores, thresholds = y.tolist(), scores.tolist(), thresholds.tolist()
        cases.append(Case((y, scores, thresholds, prevalence, volume),
                          note=f"{n} samples, {t} thresholds, prevalence {prevalence:.2g}",
                          size=n + t))
    return cases


SPEC = ExerciseSpec(
    function="deployment_alerts",
    # Integer counts and a handful of float64 products and divisions.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
