"""Cases for search-ranking/lambdarank-lambdas.

Expected values come from mlinterview.ml.design.ltr.lambdarank_lambdas (tested by hand,
against a pair-by-pair loop on scikit-learn's ndcg_score and against torch.autograd in
tests/ml/design/test_ltr.py and tests/parity/test_search_ranking.py). The fixed cases are
worked by hand in their notes; those without ``expected`` take the library's value, and their notes
say what they test.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.design.ltr import lambdarank_lambdas


def reference(scores, grades, k=None):
    return lambdarank_lambdas([scores], [grades], k=k)[0].tolist()


L3 = math.log2(3)
# Two documents, equal scores, grades (1, 0): doc 0 ranks first (the tie rule); swapping
# moves gain 1 from discount 1 to 1/log2 3: |ΔNDCG| = 1 - 1/log2 3; σ(0) = 1/2.
TIE = (1 - 1 / L3) / 2
# The statement's example, worked out: discounts 1/2, 1, 1/log2 3 for docs 0, 1, 2.
IDCG = 3 + 1 / L3
L01 = -(3 * 0.5 / IDCG) / (1 + math.exp(0.5 - 2.0))
L02 = -(2 * (1 / L3 - 0.5) / IDCG) / (1 + math.exp(0.5 - 1.0))
L21 = -((1 - 1 / L3) / IDCG) / (1 + math.exp(1.0 - 2.0))


def fixed():
    return [
        Case(([0.5, 2.0, 1.0], [2, 0, 1]),
             note="the statement's example",
             expected=[L01 + L02, -L01 - L21, L21 - L02]),
        Case(([0.0, 0.0], [1, 0]),
             note="a tie: doc 0 ranks first; |ΔNDCG| = 1 - 1/log2 3, times 1/2",
             expected=[-TIE, TIE]),
        Case(([0.0, 0.0], [0, 1]),
             note="the same tie, the better document second: same size, roles swapped",
             expected=[TIE, -TIE]),
        Case(([3.0, 1.0, 2.0], [1, 1, 1]),
             note="all grades equal: no pair, all zero", expected=[0.0, 0.0, 0.0]),
        Case(([0.5, 2.0, 1.0], [2, 0, 1], 1),
             note="k = 1: only pairs with the top document (doc 1) change NDCG@1; "
                  "pair (2, 0) has both discounts 0"),
        Case(([1.0, 4.0, 3.0, 2.0], [0, 0, 0, 3]),
             note="the only relevant document is ranked last; it gets all the push"),
        Case(([5.0, 4.0, 3.0, 2.0, 1.0], [4, 3, 2, 1, 0]),
             note="already ideal: lambdas are small but not zero (RankNet keeps pushing)"),
        Case(([0.1, -0.3, 0.8, 0.2, -1.0, 0.0], [0, 2, 1, 3, 0, 1], 3),
             note="scores not in index order, k = 3"),
    ]


def generated(rng):
    cases = []
    for _ in range(40):
        n = int(rng.integers(2, 12))
        scores = np.round(rng.normal(0, 2, n), 3).tolist()
        grades = rng.integers(0, 5, n).tolist()
        k = None if rng.random() < 0.3 else int(rng.integers(1, n + 2))
        cases.append(Case((scores, grades, k), note=f"{n} documents, k = {k}", size=n))
    return cases


SPEC = ExerciseSpec(
    function="lambdarank_lambdas",
    # A few dozen products and sums: rounding ~1e-15 relative.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
