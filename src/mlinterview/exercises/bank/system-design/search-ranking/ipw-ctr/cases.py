"""Cases for search-ranking/ipw-ctr.

Expected values come from mlinterview.ml.design.clicks.ipw_ctr (tested by hand, by
enumerating every click outcome and against a Python loop in tests/ml/design/
test_clicks.py and tests/parity/test_search_ranking.py). The fixed cases are worked by
hand in their notes.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.design.clicks import ipw_ctr


def reference(doc_ids, positions, clicks, propensities, n_docs):
    return ipw_ctr(doc_ids, positions, clicks, propensities, n_docs=n_docs).tolist()


NAN = float("nan")


def fixed():
    return [
        Case(([0, 1, 0, 2], [0, 1, 2, 0], [1, 1, 0, 0], [1.0, 0.5, 0.25], 4),
             note="the statement's example: (1 + 0)/2, 1/0.5, 0/1, never shown",
             expected=[0.5, 2.0, 0.0, NAN]),
        Case(([0] * 8, [2, 2, 2, 2, 0, 0, 0, 0], [1, 0, 0, 0, 1, 1, 0, 0],
              [1.0, 0.5, 0.25], 1),
             note="one click at position 2 (weight 4) and two at position 0: (4 + 2) / 8",
             expected=[0.75]),
        Case(([1, 1, 1], [1, 1, 1], [0, 1, 0], [0.8, 0.4], 2),
             note="document 0 never shown -> nan; document 1: (1 / 0.4) / 3",
             expected=[NAN, 2.5 / 3]),
        Case(([0, 0], [0, 0], [1, 1], [1.0], 1),
             note="propensity 1 everywhere: the naive CTR, 2/2", expected=[1.0]),
        Case(([2, 0, 1], [0, 1, 2], [0, 0, 0], [0.9, 0.6, 0.3], 3),
             note="no clicks at all: every shown document 0", expected=[0.0, 0.0, 0.0]),
        Case(([0, 1], [1, 0], [1, 1], [0.5, 0.25], 2),
             note="positions are 0-based: document 0 at position 1 (θ 0.25) -> 4, "
                  "document 1 at position 0 (θ 0.5) -> 2", expected=[4.0, 2.0]),
        Case(([0, 0, 0, 1], [0, 1, 1, 0], [0, 1, 1, 1], [1.0, 0.2], 2),
             note="two clicks at position 1 weigh 5 each: (0 + 5 + 5) / 3",
             expected=[10 / 3, 1.0]),
    ]


def generated(rng):
    cases = []
    for _ in range(30):
        n_pos = int(rng.integers(1, 10))
        n_docs = int(rng.integers(1, 15))
        n = int(rng.integers(1, 200))
        theta = np.round((1.0 / np.arange(1, n_pos + 1)) ** rng.uniform(0.3, 1.5), 4)
        docs = rng.integers(0, n_docs, n)
        pos = rng.integers(0, n_pos, n)
        clicks = (rng.random(n) < 0.6 * theta[pos]).astype(int)
        cases.append(Case((docs.tolist(), pos.tolist(), clicks.tolist(), theta.tolist(),
                           n_docs), note=f"{n} impressions, {n_docs} documents, "
                                         f"{n_pos} positions"))
    return cases


SPEC = ExerciseSpec(
    function="ipw_ctr",
    # Sums of a few hundred ratios: rounding ~1e-14 relative.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
