"""Cases for multilabel/bce-with-logits.

Expected values come from mlinterview.ml.multilabel.bce_with_logits (checked against
PyTorch's BCEWithLogitsLoss in tests/parity/test_bce_with_logits.py); the first cases are
worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.multilabel import bce_with_logits


def reference(logits, targets, pos_weight=None):
    return bce_with_logits(logits, targets, pos_weight=pos_weight)


LN2, LN3 = math.log(2), math.log(3)


def fixed():
    return [
        Case(([[0.0, LN3]], [[1, 0]]), note="worked example: (ln 2 + ln 4) / 2",
             expected=(LN2 + math.log(4)) / 2),
        Case(([[0.0, LN3]], [[1, 0]], [2.0, 2.0]), note="worked example with pos_weight 2",
             expected=(2 * LN2 + math.log(4)) / 2),
        Case(([[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], [[1, 0, 1], [0, 0, 1]]),
             note="all logits 0: ln 2 per cell whatever the target", expected=LN2),
        # Two labels true at once, both predicted confidently: a softmax could not do this.
        Case(([[LN3, LN3]], [[1, 1]]), note="two labels true at once: -ln(3/4) each",
             expected=-math.log(0.75)),
        # Confidently wrong by 1000 costs 1000 (log σ(-1000) = -1000); right costs ~0.
        Case(([[1000.0, -1000.0], [1000.0, -1000.0]], [[0, 1], [1, 0]]),
             note="logits of +-1000: two cells cost 1000, two cost ~0", expected=500.0),
        Case(([[LN3, -LN3]], [[0.5, 0.5]]), note="soft targets 0.5",
             expected=0.5 * (-math.log(0.75) - math.log(0.25))),
        Case((np.array([[2.0, -1.0, 0.5]]), np.array([[1, 0, 0]]), [1.0, 5.0, 0.2]),
             note="pos_weight only touches positive cells: here only label 0"),
    ]


def generated(rng):
    cases = []
    for i in range(16):
        n = int(rng.integers(1, 200)) if i < 15 else 20_000
        k = int(rng.integers(2, 10)) if i < 15 else 40
        z = rng.normal(scale=rng.uniform(0.5, 30.0), size=(n, k))
        y = (rng.random((n, k)) < rng.uniform(0.05, 0.5)).astype(float)
        pw = None if i % 2 else rng.uniform(0.5, 10.0, size=k).tolist()
        args = (z.tolist(), y.tolist()) if i % 5 == 0 else (z, y)
        cases.append(Case(args if pw is None else (*args, pw),
                          note=f"{n} samples x {k} labels" + ("" if pw is None else ", pos_weight"),
                          size=n * k))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="bce_with_logits",
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
