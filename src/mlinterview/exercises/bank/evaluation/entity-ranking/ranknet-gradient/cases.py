"""Cases for entity-ranking/ranknet-gradient.

Expected values come from the library: mlinterview.ml.ranking.ranknet_loss (the mean
of -logsigmoid over the same pairs) on an mlinterview.ml.autograd Tensor, and the
gradient from its backward pass (the autograd engine is checked against PyTorch in
tests/parity and by finite differences). The first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.ranking import ranknet_loss


def reference(scores, grades, sigma=1.0):
    s = Tensor(np.asarray(scores, dtype=float), requires_grad=True)
    loss = ranknet_loss(s, np.asarray(grades, dtype=float), sigma=sigma)
    loss.backward()
    return float(loss.item()), np.asarray(s.grad.data if hasattr(s.grad, "data") else s.grad)


def _sig(x):
    return 1 / (1 + np.exp(-x))


def fixed():
    lam = _sig(1.0)
    # Three docs, grades 2, 1, 0 and scores 0, 0, 0: three pairs, each log 2 and λ = 1/2/3.
    third = 0.5 / 3
    return [
        Case(([[1.0, 0.0]], [[0, 1]]), note="worked example: a misordered pair",
             expected=(np.log1p(np.e), np.array([[lam, -lam]]))),
        Case(([[0.0, 1000.0]], [[1, 0]]), note="a huge wrong gap: finite loss",
             expected=(1000.0, np.array([[-1.0, 1.0]]))),
        Case(([[1000.0, 0.0]], [[1, 0]]), note="a huge right gap: loss and gradient vanish",
             expected=(0.0, np.array([[0.0, 0.0]]))),
        Case(([[0.0, 0.0, 0.0]], [[2, 1, 0]]), note="equal scores, three pairs",
             expected=(np.log(2.0), np.array([[-2 * third, 0.0, 2 * third]]))),
        # sigma 2 on the worked example: loss log(1 + e²), λ = 2 sigmoid(2).
        Case(([[1.0, 0.0]], [[0, 1]], 2.0), note="sigma 2 scales the margin and the gradient",
             expected=(np.log1p(np.exp(2.0)), np.array([[2 * _sig(2.0), -2 * _sig(2.0)]]))),
        # Query 0: one pair (doc 0 > doc 1); query 1: all grades equal -> no pair.
        Case(([[0.5, 0.5], [3.0, -3.0]], [[1, 0], [2, 2]]),
             note="a query with tied grades adds no pair",
             expected=(np.log(2.0), np.array([[-0.5, 0.5], [0.0, 0.0]]))),
        Case(([[0.1, 0.2, 0.3]], [[1, 1, 1]]), note="no pair at all", raises="ValueError"),
        Case(([[2.0, -1.0, 0.5, 0.0], [0.3, 0.1, -0.2, 4.0]], [[3, 0, 1, 1], [0, 2, 1, 0]]),
             note="two queries with different pair counts"),
    ]


def generated(rng):
    cases = []
    while len(cases) < 22:
        i = len(cases)
        q = int(rng.integers(1, 8)) if i < 21 else 200
        d = int(rng.integers(2, 12)) if i < 21 else 40
        grades = rng.integers(0, int(rng.integers(2, 5)), size=(q, d))
        if not (grades[:, :, None] > grades[:, None, :]).any():
            continue
        scores = rng.normal(scale=rng.choice([0.5, 3.0, 30.0]), size=(q, d)) + 0.5 * grades
        sigma = float(rng.choice([1.0, 0.5, 2.0]))
        args = (scores, grades, sigma) if i % 2 else (scores.tolist(), grades.tolist(), sigma)
        cases.append(Case(args, note=f"{q} queries x {d} documents, sigma {sigma:g}",
                          size=q * d))
    return cases


SPEC = ExerciseSpec(
    function="ranknet_loss_grad",
    # Softplus and sigmoid in float64 by slightly different formulas: ~1e-15 relative;
    # atol covers gradients of pairs whose sigmoid underflows near 1e-300.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
