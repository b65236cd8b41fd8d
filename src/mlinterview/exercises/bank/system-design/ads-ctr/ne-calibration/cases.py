"""Cases for ads-ctr/ne-calibration.

Expected values come from mlinterview.ml.design.ctr.normalized_entropy (tested against
scikit-learn's log_loss over SciPy's entropy in tests/parity/test_ads_ctr.py) and
calibration_ratio. The fixed cases are worked by hand in their notes.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.design.ctr import calibration_ratio, normalized_entropy


def reference(y_true, p):
    return normalized_entropy(y_true, p), calibration_ratio(y_true, p)


H_QUARTER = -(0.25 * math.log(0.25) + 0.75 * math.log(0.75))


def fixed():
    return [
        Case(([1, 0, 0, 0], [0.5, 0.1, 0.2, 0.1]),
             note="the statement's example: 0.28176 / 0.56234, 0.9 predicted clicks for 1",
             expected=(-(math.log(0.5) + 2 * math.log(0.9) + math.log(0.8)) / 4 / H_QUARTER,
                       0.9)),
        Case(([1, 0, 0, 0], [0.25, 0.25, 0.25, 0.25]),
             note="predicting the base rate everywhere: NE = 1 and a ratio of 1",
             expected=(1.0, 1.0)),
        Case(([1, 0], [0.5, 0.5]),
             note="base rate 1/2: the entropy is ln 2 and so is the loss",
             expected=(1.0, 1.0)),
        Case(([1, 0], [0.8, 0.2]),
             note="both right with 0.8: loss -ln 0.8 over ln 2 = 0.3219; 1.0 / 1",
             expected=(-math.log(0.8) / math.log(2), 1.0)),
        Case(([1, 0, 0, 0], [0.5, 0.5, 0.5, 0.5]),
             note="confident in the wrong base rate: NE = ln 2 / 0.56234 = 1.2326; the "
                  "model predicts 2 clicks for 1, ratio 2",
             expected=(math.log(2) / H_QUARTER, 2.0)),
        Case(([0, 1, 1, 1], [0.9, 0.9, 0.9, 0.9]),
             note="base rate 3/4: the same entropy as 1/4; 3.6 predicted for 3 clicks",
             expected=(-(math.log(0.1) + 3 * math.log(0.9)) / 4 / H_QUARTER, 1.2)),
        Case(([1, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0.1] * 10),
             note="the constant 0.1 at a 10% base rate: NE exactly 1 (the predictions' "
                  "mean equals the base rate, so using mean(p) hides nothing here)",
             expected=(1.0, 1.0)),
        Case(([1, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0.2] * 10),
             note="mean prediction 0.2 differs from the base rate 0.1: the entropy must "
                  "be of the labels' rate"),
        Case((np.array([1, 0, 1, 0, 0]), np.array([0.7, 0.3, 0.6, 0.2, 0.4])),
             note="numpy arrays in"),
        Case(([1] + [0] * 999, [0.001] * 1000),
             note="a 0.1% click rate predicted exactly: NE 1, ratio 1", expected=(1.0, 1.0)),
    ]


def generated(rng):
    cases = []
    for _ in range(40):
        n = int(rng.integers(2, 5000))
        rate = float(rng.choice([0.005, 0.02, 0.1, 0.4]))
        logit_true = np.log(rate / (1 - rate)) + rng.normal(0, 1.0, n)
        q = 1 / (1 + np.exp(-logit_true))
        y = (rng.random(n) < q).astype(int)
        y[0], y[1] = 1, 0                                    # both classes present
        noise = rng.normal(float(rng.choice([-0.5, 0.0, 0.5])), 0.5, n)
        p = np.clip(1 / (1 + np.exp(-(logit_true + noise))), 1e-6, 1 - 1e-6)
        cases.append(Case((y.tolist(), p.tolist()), note=f"{n} impressions, CTR ~{rate:g}",
                          size=n))
    return cases


SPEC = ExerciseSpec(
    function="ne_and_calibration",
    # Sums of a few thousand logs: rounding ~1e-13 relative.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
