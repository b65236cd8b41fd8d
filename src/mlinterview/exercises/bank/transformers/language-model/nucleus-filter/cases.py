"""Cases for language-model/nucleus-filter.

Expected values come from mlinterview.ml.text.decoding.sampling_probs with top_p (its top-p
filter keeps the same tokens as Hugging Face's TopPLogitsWarper when there are no ties,
tests/parity/test_language_model.py, and its samples follow the intended distribution,
tests/ml/text/test_decoding.py). The fixed cases are worked by hand, with probabilities
that are exact in binary so no sum lands on top_p by rounding; generated cases with
integer logits have ties.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.text.decoding import sampling_probs


def reference(logits, top_p):
    return sampling_probs(np.asarray(logits, dtype=float), top_p=top_p)


def _a(*rows):
    return np.array(rows, dtype=float)


EXAMPLE = _a(np.log([0.5, 0.25, 0.125, 0.125]))


def fixed():
    e = math.e
    return [
        Case((EXAMPLE, 0.3), note="the statement's example: the first token alone",
             expected=_a([1.0, 0, 0, 0])),
        Case((EXAMPLE, 0.6), note="the statement's example: the crossing token is kept",
             expected=_a([2 / 3, 1 / 3, 0, 0])),
        Case((EXAMPLE, 0.8), note="the statement's example: a tie at the cut keeps both",
             expected=_a([0.5, 0.25, 0.125, 0.125])),
        Case((EXAMPLE, 1.0), note="top_p = 1 keeps every token",
             expected=_a([0.5, 0.25, 0.125, 0.125])),
        Case((_a(np.log([0.125, 0.25, 0.5, 0.125])), 0.6),
             note="the same probabilities in another order",
             expected=_a([0, 1 / 3, 2 / 3, 0])),
        Case((_a(np.log([0.125, 0.125, 0.5, 0.25])), 0.8),
             note="the tie at the cut comes first in the vocabulary",
             expected=_a([0.125, 0.125, 0.5, 0.25])),
        Case((_a(np.log([0.25, 0.25, 0.25, 0.25])), 0.1),
             note="all equal: every token ties with the first",
             expected=_a([0.25, 0.25, 0.25, 0.25])),
        Case((_a([10.0, 0.0, 0.0]), 0.99),
             note="a confident model: the nucleus is one token even at 0.99",
             expected=_a([1.0, 0, 0])),
        Case((_a(np.log([0.5, 0.25, 0.125, 0.125]), np.log([0.125, 0.125, 0.25, 0.5])), 0.6),
             note="each row has its own nucleus",
             expected=_a([2 / 3, 1 / 3, 0, 0], [0, 0, 1 / 3, 2 / 3])),
        Case((_a([1000.0, 1000.0 + math.log(3.0), 0.0]), 0.5),
             note="logits near 1000: probabilities 0.25, 0.75, 0",
             expected=_a([0, 1.0, 0])),
        Case((_a([1000.0, 1000.0 + math.log(3.0), 0.0]), 0.9),
             note="logits near 1000, a larger nucleus",
             expected=_a([0.25, 0.75, 0])),
        Case((_a([2.0, 1.0, 1.0, 0.0]), 0.6),
             note="p = (e^2, e, e, 1) / 13.83: 0.534 < 0.6 above token 1, token 2 ties",
             expected=_a([e**2 / (e**2 + 2 * e), e / (e**2 + 2 * e), e / (e**2 + 2 * e), 0])),
        Case((_a([3.0], [-8.0]), 0.4), note="a vocabulary of one token",
             expected=_a([1.0], [1.0])),
    ]


def generated(rng):
    cases = []
    for i in range(40):
        n = int(rng.integers(1, 40))
        v = int(rng.integers(1, 60))
        top_p = 1.0 if i % 10 == 0 else float(rng.uniform(0.02, 0.999))
        logits = rng.normal(size=(n, v)) * float(rng.choice([0.3, 1.0, 3.0, 30.0]))
        if i % 3 == 0:
            logits = np.round(logits)            # integer logits: ties
        cases.append(Case((logits, top_p), note=f"n = {n}, V = {v}, top_p = {top_p:.4f}",
                          size=n * v))
    return cases


SPEC = ExerciseSpec(
    function="nucleus_distribution",
    # A softmax, a running sum and a division: rounding ~1e-16 relative.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
