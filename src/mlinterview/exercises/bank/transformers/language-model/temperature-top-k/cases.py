"""Cases for language-model/temperature-top-k.

Expected values come from mlinterview.ml.text.decoding.sampling_probs (temperature, then
top-k with ties kept, then softmax; its samples are checked against the intended
distribution and its filter against the torch formula in tests/ml/text/test_decoding.py and
tests/parity/test_language_model.py). The fixed cases are worked by hand; generated cases
with integer logits have ties at the cut.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.text.decoding import sampling_probs


def reference(logits, temperature, top_k):
    return sampling_probs(np.asarray(logits, dtype=float), temperature=temperature,
                          top_k=top_k)


def _a(*rows):
    return np.array(rows, dtype=float)


EXAMPLE = _a(np.log([1.0, 2.0, 3.0, 4.0]))


def fixed():
    r = 2.0 ** 1e-6   # e^(ln 2 / 10^6): the ratio of the two weights at T = 10^6
    return [
        Case((EXAMPLE, 1.0, 4), note="the statement's example: plain softmax",
             expected=_a([0.1, 0.2, 0.3, 0.4])),
        Case((EXAMPLE, 0.5, 4), note="T = 0.5 squares the weights",
             expected=_a([1 / 30, 4 / 30, 9 / 30, 16 / 30])),
        Case((EXAMPLE, 0.5, 2), note="T = 0.5 and top-2", expected=_a([0, 0, 0.36, 0.64])),
        Case((EXAMPLE, 1.0, 1), note="top-1 is greedy", expected=_a([0, 0, 0, 1.0])),
        Case((EXAMPLE, 2.0, 3), note="T = 2 takes square roots of the weights, top-3",
             expected=_a([0, math.sqrt(2), math.sqrt(3), 2.0])
             / (math.sqrt(2) + math.sqrt(3) + 2.0)),
        Case((_a([0.0, 1.0, 1.0, -1.0]), 1.0, 1), note="two tokens tie for first: both kept",
             expected=_a([0, 0.5, 0.5, 0])),
        Case((_a([2.0, 5.0, 2.0, 1.0]), 1.0, 2),
             note="a tie at the k-th place: three tokens kept for k = 2",
             expected=_a([np.e**2, np.e**5, np.e**2, 0]) / (2 * np.e**2 + np.e**5)),
        Case((_a([7.0, 7.0, 7.0, 7.0]), 0.3, 2), note="all equal: every token is tied",
             expected=_a([0.25, 0.25, 0.25, 0.25])),
        Case((_a([1.0, 2.0, 3.0], [3.0, 2.0, 1.0]), 1.0, 1),
             note="each row keeps its own top token", expected=_a([0, 0, 1.0], [1.0, 0, 0])),
        Case((_a([1000.0, 1000.0 + math.log(3.0), 0.0]), 1.0, 3),
             note="logits near 1000: the softmax must not overflow",
             expected=_a([0.25, 0.75, 0.0])),
        Case((_a([1.0, 2.0]), 0.01, 2),
             note="T = 0.01: scaled logits 100 and 200, nearly one-hot",
             expected=_a([1 / (1 + math.exp(100)), 1 / (1 + math.exp(-100))])),
        Case((_a([0.0, math.log(2.0)]), 1e6, 2), note="T = 10^6: nearly uniform",
             expected=_a([1 / (1 + r), r / (1 + r)])),
        Case((_a([5.0], [-3.0]), 0.7, 1), note="a vocabulary of one token",
             expected=_a([1.0], [1.0])),
        Case((_a([-3.0, -1.0, -2.0, -5.0]), 1.0, 3),
             note="negative logits, top-3 of 4",
             expected=_a([np.e**-3, np.e**-1, np.e**-2, 0]) / (np.e**-3 + np.e**-1 + np.e**-2)),
    ]


def generated(rng):
    cases = []
    for i in range(40):
        n = int(rng.integers(1, 40))
        v = int(rng.integers(1, 60))
        k = int(rng.integers(1, v + 1))
        t = float(rng.choice([0.05, 0.3, 0.7, 1.0, 1.5, 4.0]))
        logits = rng.normal(size=(n, v)) * float(rng.choice([0.5, 3.0, 30.0]))
        if i % 3 == 0:
            logits = np.round(logits)            # integer logits: ties at the cut
        cases.append(Case((logits, t, k), note=f"n = {n}, V = {v}, T = {t:g}, top_k = {k}",
                          size=n * v))
    return cases


SPEC = ExerciseSpec(
    function="sampling_distribution",
    # One division, a softmax: rounding ~1e-16 relative; 1e-9 is far above it.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
