"""Cases for p-values/multiple-testing.

Expected values come from mlinterview.ml.stats.multipletests(p, method=method)[1]
(checked against statsmodels' multipletests values in tests/ml/test_stats.py); the
first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.stats import multipletests

METHODS = ("bonferroni", "holm", "fdr_bh")


def reference(p, method):
    return multipletests(np.asarray(p, dtype=float), method=method)[1]


def fixed():
    p = [0.032, 0.01, 0.03]
    a = np.array
    return [
        Case((p, "bonferroni"), note="worked example, Bonferroni", expected=a([0.096, 0.03, 0.09])),
        Case((p, "holm"), note="worked example, Holm", expected=a([0.06, 0.03, 0.06])),
        Case((p, "fdr_bh"), note="worked example, BH", expected=a([0.032, 0.03, 0.032])),
        Case(([0.3], "holm"), note="one test: unchanged", expected=a([0.3])),
        Case(([0.3], "fdr_bh"), note="one test, BH: unchanged", expected=a([0.3])),
        Case(([0.4, 0.6], "bonferroni"), note="capped at 1", expected=a([0.8, 1.0])),
        # Holm: 0.4*2 = 0.8, 0.6*1 = 0.6 -> running max 0.8, 0.8.
        Case(([0.4, 0.6], "holm"), note="Holm's running maximum", expected=a([0.8, 0.8])),
        # BH: 0.02*2/1 = 0.04, 0.03*2/2 = 0.03 -> running min from the top: 0.03, 0.03.
        Case(([0.03, 0.02], "fdr_bh"), note="BH's running minimum", expected=a([0.03, 0.03])),
        Case(([0.01, 0.01, 0.04, 0.01], "holm"), note="ties, Holm",
             expected=a([0.04, 0.04, 0.04, 0.04])),
        Case(([0.01, 0.01, 0.04, 0.01], "fdr_bh"), note="ties, BH",
             expected=a([0.04 / 3, 0.04 / 3, 0.04, 0.04 / 3])),
        Case(([0.0, 1.0, 0.5, 0.0], "fdr_bh"), note="p-values 0 and 1"),
        Case(([0.9, 0.8, 0.95, 0.7, 0.99], "holm"), note="all large: Holm caps at 1"),
        Case(([0.9, 0.8, 0.95, 0.7, 0.99], "fdr_bh"), note="all large, BH"),
    ]


def generated(rng):
    cases = []
    for i in range(33):
        m = int(rng.integers(2, 60)) if i < 30 else 30_000
        method = METHODS[i % 3]
        # A mixture: some true effects (small p-values) among nulls (uniform).
        p = np.where(rng.random(m) < 0.3, rng.beta(0.3, 8, size=m), rng.random(m))
        if i % 4 == 0:
            p = np.round(p, 2)                      # ties
        cases.append(Case((p, method), note=f"{m} p-values, {method}"))
    return cases


SPEC = ExerciseSpec(
    function="adjust_pvalues",
    # The same products and a max/min: identical up to the last bit or two.
    compare=AllClose(rtol=1e-12, atol=1e-15),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
