"""Cases for rag-assistant/reciprocal-rank-fusion.

Expected values come from mlinterview.ml.design.rag.reciprocal_rank_fusion (hand-worked
in tests/ml/design/test_rag.py); the order applies the statement's tie rule to its scores.
The comparison checks the ids and their order exactly, and each score within rtol 1e-9.
The fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import Case, Custom, ExerciseSpec, Limits
from mlinterview.ml.design.rag import reciprocal_rank_fusion as rrf


def reference(rankings, k=60):
    docs = sorted({d for r in rankings for d in r})
    if not docs:
        return []
    index = {d: i for i, d in enumerate(docs)}
    width = max(len(r) for r in rankings)
    padded = np.full((len(rankings), 1, width), -1, dtype=np.int64)
    for j, r in enumerate(rankings):
        padded[j, 0, :len(r)] = [index[d] for d in r]
    scores = rrf(list(padded), len(docs), k=k)[0]
    order = sorted(range(len(docs)), key=lambda i: (-round(scores[i], 12), docs[i]))
    return [(docs[i], float(scores[i])) for i in order]


def check(case, expected, got):
    if not isinstance(got, (list, tuple)):
        return f"expected a list of (doc, score) pairs, got {type(got).__name__}"
    if len(got) != len(expected):
        return f"expected {len(expected)} documents, got {len(got)}"
    for i, ((doc, score), item) in enumerate(zip(expected, got, strict=True)):
        try:
            g_doc, g_score = item
            g_score = float(g_score)
        except (TypeError, ValueError):
            return f"item {i}: expected a (doc, score) pair, got {item!r}"
        if g_doc != doc:
            return f"position {i}: expected document {doc}, got {g_doc!r}"
        if not abs(g_score - score) <= 1e-9 * abs(score):
            return f"document {doc}: expected score {score:.12g}, got {g_score:.12g}"
    return None


def fixed():
    return [
        Case(([[7, 3, 9], [3, 4]],), note="the statement's example",
             expected=[(3, 1 / 62 + 1 / 61), (7, 1 / 61), (4, 1 / 62), (9, 1 / 63)]),
        Case(([[1, 2], [2, 1]],), note="a tie: both 1/61 + 1/62, the smaller id first",
             expected=[(1, 1 / 61 + 1 / 62), (2, 1 / 61 + 1 / 62)]),
        Case(([[5, 2], [6, 2]],), note="5 and 6 tie at 1/61, both behind 2 (2/62)",
             expected=[(2, 2 / 62), (5, 1 / 61), (6, 1 / 61)]),
        Case(([[1, 2, 3]], 1), note="k = 1: scores 1/2, 1/3, 1/4",
             expected=[(1, 0.5), (2, 1 / 3), (3, 0.25)]),
        Case(([[0, 1]], 0.5), note="a fractional k: 1/1.5, 1/2.5",
             expected=[(0, 1 / 1.5), (1, 1 / 2.5)]),
        Case(([[4], []],), note="an empty ranking adds nothing", expected=[(4, 1 / 61)]),
        Case(([[], []],), note="nothing to fuse", expected=[]),
        Case(([[10, 20, 30], [30, 20, 10], [20]],),
             note="three rankings: 20 gets 1/62 + 1/62 + 1/61 and wins; 10 and 30 tie",
             expected=[(20, 2 / 62 + 1 / 61), (10, 1 / 61 + 1 / 63), (30, 1 / 63 + 1 / 61)]),
        Case(([[3, 1], [2]], 2), note="k = 2: 3 -> 1/3, 2 -> 1/3 (tie: 2 first), 1 -> 1/4",
             expected=[(2, 1 / 3), (3, 1 / 3), (1, 0.25)]),
        Case(([[9, 8, 7, 6, 5, 4, 3, 2, 1, 0], [0]],),
             note="0 is last in one list and first in the other: 1/70 + 1/61 beats 1/61",
             expected=[(0, 1 / 70 + 1 / 61), (9, 1 / 61), (8, 1 / 62), (7, 1 / 63),
                       (6, 1 / 64), (5, 1 / 65), (4, 1 / 66), (3, 1 / 67), (2, 1 / 68),
                       (1, 1 / 69)]),
    ]


def generated(rng):
    cases = []
    for _ in range(50):
        n_docs = int(rng.integers(1, 80))
        n_rankings = int(rng.integers(1, 5))
        rankings = [rng.permutation(n_docs)[:int(rng.integers(0, n_docs + 1))].tolist()
                    for _ in range(n_rankings)]
        k = float(rng.choice([60, 60, 1, 10, 0.5]))
        cases.append(Case((rankings, k), note=f"{n_rankings} rankings of up to {n_docs} "
                          f"documents, k = {k:g}", size=sum(len(r) for r in rankings)))
    return cases


SPEC = ExerciseSpec(
    function="reciprocal_rank_fusion",
    compare=Custom(check, text="ids and order exactly, scores within rtol 1e-9"),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=512),
)
