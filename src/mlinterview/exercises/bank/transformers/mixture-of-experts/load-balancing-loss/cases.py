"""Cases for mixture-of-experts/load-balancing-loss.

Expected values come from mlinterview.ml.nn.functional.load_balancing_loss (checked
against a plain-PyTorch computation, through the softmax, in
tests/parity/test_mixture_of_experts.py). The fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn.functional import load_balancing_loss


def reference(router_probs, expert_index):
    probs = Tensor(np.asarray(router_probs, dtype=np.float64))
    return load_balancing_loss(probs, np.asarray(expert_index)).item()


def _a(rows):
    return np.array(rows, dtype=float)


def fixed():
    return [
        Case((_a([[0.9, 0.1], [0.8, 0.2], [0.6, 0.4], [0.3, 0.7]]), np.array([0, 0, 0, 1])),
             note="the statement's example: f = (3/4, 1/4), P = (0.65, 0.35)", expected=1.15),
        Case((_a([[0.5, 0.3, 0.2], [0.1, 0.6, 0.3]]), np.array([[0, 1], [1, 2]])),
             note="top-2: f over the T·k = 4 assignments", expected=1.0875),
        Case((np.full((6, 3), 1 / 3), np.array([0, 0, 0, 0, 1, 2])),
             note="uniform probabilities: 1 whatever the dispatch", expected=1.0),
        Case((np.eye(4)[[0, 1, 2, 3, 3, 2, 1, 0]], np.array([0, 1, 2, 3, 3, 2, 1, 0])),
             note="confident and balanced: the minimum, 1", expected=1.0),
        Case((np.eye(4)[[2, 2, 2]], np.array([2, 2, 2])),
             note="confident and collapsed onto one expert: E", expected=4.0),
        Case((_a([[0.51, 0.49]] * 9 + [[0.0, 1.0]]), np.array([0] * 9 + [1])),
             note="hard routing can dip below 1: f = (0.9, 0.1), P = (0.459, 0.541)",
             expected=0.9344),
        Case((_a([[0.6, 0.4], [0.6, 0.4]]), np.array([1, 1])),
             note="choices that are not the argmax (noisy routing): f = (0, 1)",
             expected=0.8),
        Case((_a([[0.5, 0.3, 0.2], [0.4, 0.4, 0.2]]), np.array([0, 0])),
             note="experts 1 and 2 never chosen: f = (1, 0, 0)", expected=1.35),
        Case((_a([[0.2, 0.5, 0.3]]), np.array([[1, 2]])),
             note="one token, top-2: f = (0, 1/2, 1/2)", expected=1.2),
        Case((_a([[1.0], [1.0]]), np.array([0, 0])), note="a single expert", expected=1.0),
        Case((_a([[0.7, 0.2, 0.1], [0.1, 0.2, 0.7]]), np.array([[0, 1, 2], [2, 1, 0]])),
             note="k = E: every expert gets 1/E of the assignments", expected=1.0),
    ]


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def generated(rng):
    cases = []
    for i in range(40):
        T = int(rng.integers(1, 300))
        E = int(rng.integers(2, 17))
        k = int(rng.integers(1, min(4, E) + 1))
        logits = rng.normal(size=(T, E)) * rng.choice([0.3, 1.0, 4.0])
        logits[:, 0] += rng.choice([0.0, 2.0])        # sometimes a favoured expert
        probs = _softmax(logits)
        # The router's choices: the top k, or with noise (choices need not be the argmax).
        score = logits + (rng.gumbel(size=(T, E)) if i % 3 == 0 else 0.0)
        index = np.argsort(-score, axis=1, kind="stable")[:, :k]
        if k == 1 and i % 2 == 0:
            index = index[:, 0]
        cases.append(Case((probs, index), note=f"T = {T}, E = {E}, k = {k}",
                          size=T * E))
    return cases


SPEC = ExerciseSpec(
    function="load_balancing_loss",
    # A sum of E products of averages: rounding ~1e-15 relative; 1e-9 is far above it.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
