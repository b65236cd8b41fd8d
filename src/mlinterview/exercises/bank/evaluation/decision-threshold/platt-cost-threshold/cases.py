"""Cases for decision-threshold/platt-cost-threshold.

Our library has no Platt scaling (scikit-learn's is in CalibratedClassifierCV, not a
runtime dependency), so the expected (A, B) come from SciPy by another route than
Newton's method: scipy.optimize.minimize (BFGS, analytic gradient) on the same
cross-entropy with Platt's targets, polished by scipy.optimize.root on its gradient, as
scikit-learn's _sigmoid_calibration minimises it with SciPy. The threshold then follows
from the statement's formula. The first cases are worked by hand.
"""

import numpy as np
from scipy.optimize import minimize, root

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits


def _fit(scores, y):
    s = np.asarray(scores, dtype=float)
    pos = np.asarray(y) == 1
    n_pos, n_neg = pos.sum(), (~pos).sum()
    t = np.where(pos, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))

    def loss_and_grad(ab):
        z = ab[0] * s + ab[1]
        loss = np.sum(t * np.logaddexp(0, z) + (1 - t) * np.logaddexp(0, -z))
        g = np.exp(-np.logaddexp(0, -z)) - (1 - t)
        return loss, np.array([np.sum(g * s), np.sum(g)])

    start = np.array([0.0, np.log((n_neg + 1) / (n_pos + 1))])
    rough = minimize(loss_and_grad, start, jac=True, method="BFGS", options={"gtol": 1e-11})
    ab = root(lambda v: loss_and_grad(v)[1], rough.x, tol=1e-15).x
    if np.abs(loss_and_grad(ab)[1]).max() > 1e-9:
        raise RuntimeError("reference: Platt's fit did not converge")
    return ab


def reference(scores, y, cost_fp, cost_fn):
    A, B = _fit(scores, y)
    if A >= 0:
        raise ValueError("A >= 0")
    return float(A), float(B), float((np.log(cost_fn / cost_fp) - B) / A)


def fixed():
    ln2, ln3 = np.log(2.0), np.log(3.0)
    return [
        Case(([-1.0, 1.0], [0, 1], 1.0, 4.0), note="worked example of the statement",
             expected=(-ln2, 0.0, -2.0)),
        # Two per class: targets 3/4 and 1/4, so 1 / (1 + e^A) = 3/4: A = -log 3, B = 0.
        Case(([-1.0, -1.0, 1.0, 1.0], [0, 0, 1, 1], 2.0, 2.0),
             note="equal costs: the threshold where P = 1/2", expected=(-ln3, 0.0, 0.0)),
        # Scores scaled by 10: A scales by 1/10, the threshold by 10.
        Case(([-10.0, 10.0], [0, 1], 1.0, 4.0), note="scaled scores: A / 10, threshold x 10",
             expected=(-ln2 / 10, 0.0, -20.0)),
        # Shifted by +5: the same fit in s - 5, so B = 5 ln 2 and the threshold moves by 5.
        Case(([4.0, 6.0], [0, 1], 4.0, 1.0), note="shifted scores, false positives dearer",
             expected=(-ln2, 5 * ln2, 7.0)),
        Case(([0.9, 0.8, 0.3, 0.1], [0, 0, 1, 1], 1.0, 1.0),
             note="scores rank negatives higher: A > 0", raises="ValueError"),
        Case(([0.1, 0.4, 0.35, 0.8, 0.6, 0.2, 0.9, 0.7], [0, 0, 1, 1, 0, 0, 1, 1], 1.0, 3.0),
             note="overlapping classes"),
        Case(([2.0, 2.0, 2.0, 5.0, 5.0, 7.5], [0, 1, 0, 1, 1, 1], 0.5, 0.25),
             note="tied scores, more positives"),
    ]


def generated(rng):
    cases = []
    while len(cases) < 20:
        i = len(cases)
        n = int(rng.integers(4, 200)) if i < 19 else 20_000
        y = (rng.random(n) < rng.uniform(0.1, 0.6)).astype(int)
        y[0], y[-1] = 0, 1
        # A score that is informative but not a probability: a margin with some scale.
        scale = float(rng.choice([0.1, 1.0, 5.0]))
        scores = scale * (rng.normal(size=n) + rng.uniform(0.2, 3) * (2 * y - 1))
        if i % 4 == 0:
            scores = np.round(scores, 1)
        c_fp, c_fn = float(rng.uniform(0.2, 5)), float(rng.uniform(0.2, 5))
        if _fit(scores, y)[0] >= -1e-6:
            continue
        args = (scores, y, c_fp, c_fn) if i % 3 else (scores.tolist(), y.tolist(), c_fp, c_fn)
        cases.append(Case(args, note=f"{n} scores, costs FP {c_fp:.2f} FN {c_fn:.2f}",
                          size=n))
    return cases


SPEC = ExerciseSpec(
    function="platt_cost_threshold",
    # Newton to machine precision vs SciPy's root (gradient < 1e-9): ~1e-10 relative apart.
    compare=AllClose(rtol=1e-6, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
