"""Cases for multilabel/f1-averages.

Expected values come from the library:
mlinterview.ml.metrics.multilabel_precision_recall_fscore_support with average None,
"micro", "macro", "weighted" and "samples" and the given zero_division, checked against
scikit-learn's f1_score in tests/parity. The first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.metrics import multilabel_precision_recall_fscore_support


def reference(y_true, y_pred, zero_division=0.0):
    Y, P = np.asarray(y_true), np.asarray(y_pred)
    zd = int(zero_division)                 # the library takes 0 or 1 (or "warn", nan)

    def f1(average):
        return multilabel_precision_recall_fscore_support(Y, P, average=average,
                                                          zero_division=zd)[2]

    return {"per_label": np.asarray(f1(None), dtype=float), "micro": float(f1("micro")),
            "macro": float(f1("macro")), "weighted": float(f1("weighted")),
            "samples": float(f1("samples"))}


def _expect(per_label, micro, macro, weighted, samples):
    return {"per_label": np.array(per_label, dtype=float), "micro": micro, "macro": macro,
            "weighted": weighted, "samples": samples}


def fixed():
    Y = [[1, 0, 0], [0, 0, 0], [1, 1, 0]]
    P = [[1, 1, 0], [0, 0, 0], [0, 1, 0]]
    return [
        Case((Y, P), note="worked example, zero_division 0",
             expected=_expect([2 / 3, 2 / 3, 0.0], 2 / 3, 4 / 9, 2 / 3, 4 / 9)),
        Case((Y, P, 1.0), note="worked example, zero_division 1",
             expected=_expect([2 / 3, 2 / 3, 1.0], 2 / 3, 7 / 9, 2 / 3, 7 / 9)),
        Case(([[1, 1], [0, 1]], [[1, 1], [0, 1]]), note="perfect prediction",
             expected=_expect([1.0, 1.0], 1.0, 1.0, 1.0, 1.0)),
        Case(([[1, 0], [0, 1]], [[0, 0], [0, 0]]), note="nothing predicted",
             expected=_expect([0.0, 0.0], 0.0, 0.0, 0.0, 0.0)),
        Case(([[1, 0], [0, 1]], [[0, 0], [0, 0]], 1.0),
             note="nothing predicted, zero_division 1: FN > 0, so still 0",
             expected=_expect([0.0, 0.0], 0.0, 0.0, 0.0, 0.0)),
        Case(([[1]], [[1]]), note="one sample, one label", expected=_expect([1.0], 1.0, 1.0,
                                                                            1.0, 1.0)),
        # Label 0: support 3, TP 3 -> 1. Label 1: support 1, FN 1 -> 0; label 2 only
        # predicted: FP 1 -> 0. Macro 1/3, weighted (3·1 + 1·0) / 4 = 3/4, micro TP 3,
        # FP 1, FN 1 -> 6/8. Rows: {0} vs {0}: 1; {0,1} vs {0}: 2/3; {0} vs {0,2}: 2/3.
        Case(([[1, 0, 0], [1, 1, 0], [1, 0, 0]], [[1, 0, 0], [1, 0, 0], [1, 0, 1]]),
             note="a frequent label, a rare one and one only predicted",
             expected=_expect([1.0, 0.0, 0.0], 0.75, 1 / 3, 0.75, 7 / 9)),
        Case((np.array([[0, 1, 0, 0], [0, 0, 0, 0], [1, 1, 1, 0], [0, 0, 0, 0]]),
              np.array([[0, 1, 1, 0], [0, 0, 0, 1], [1, 0, 1, 0], [0, 0, 0, 0]]), 1.0),
             note="empty rows and an empty column, zero_division 1"),
    ]


def generated(rng):
    cases = []
    while len(cases) < 24:
        i = len(cases)
        n = int(rng.integers(1, 300)) if i < 23 else 20_000
        L = int(rng.integers(1, 25)) if i < 23 else 40
        rates = rng.uniform(0.0, 0.4, size=L) * (rng.random(L) < 0.8)   # some labels never
        Y = (rng.random((n, L)) < rates).astype(int)
        if Y.sum() == 0:
            continue
        noise = rng.random((n, L)) < rng.uniform(0.02, 0.3)
        P = np.where(noise, 1 - Y, Y)
        P[:, rng.random(L) < 0.1] = 0                                    # labels never predicted
        zd = float(i % 2)
        args = (Y, P, zd) if i % 3 else (Y.tolist(), P.tolist(), zd)
        cases.append(Case(args, note=f"{n} samples, {L} labels, zero_division {zd:g}",
                          size=n * L))
    return cases


SPEC = ExerciseSpec(
    function="multilabel_f1",
    # Sums of counts and one division each, in float64.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
