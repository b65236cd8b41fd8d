"""Cases for mixture-of-experts/top-k-gates.

Expected values come from mlinterview.ml.nn.functional.top_k_gating (checked against
torch.softmax + torch.topk + gather in tests/parity/test_mixture_of_experts.py),
scattered into the dense (T, E) matrix. The fixed cases are worked by hand; generated
cases with integer logits have ties, which both sides break towards the lower index.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn.functional import top_k_gating


def reference(logits, k, renormalize):
    logits = np.asarray(logits, dtype=np.float64)
    gates, index, _ = top_k_gating(Tensor(logits), k, renormalize=renormalize)
    dense = np.zeros_like(logits)
    np.put_along_axis(dense, index.data, gates.data, axis=1)
    return dense


def _a(rows):
    return np.array(rows, dtype=float)


EXAMPLE = _a([np.log([1.0, 2.0, 3.0, 4.0]), [0.0, 0.0, 0.0, 0.0]])


def fixed():
    return [
        Case((EXAMPLE, 2, False), note="the statement's example, raw probabilities",
             expected=_a([[0, 0, 0.3, 0.4], [0.25, 0.25, 0, 0]])),
        Case((EXAMPLE, 2, True), note="the statement's example, renormalised",
             expected=_a([[0, 0, 3 / 7, 4 / 7], [0.5, 0.5, 0, 0]])),
        Case((EXAMPLE, 1, True), note="top-1 renormalised: every kept gate is 1",
             expected=_a([[0, 0, 0, 1], [1, 0, 0, 0]])),
        Case((EXAMPLE, 1, False), note="top-1, Switch style: the probability itself",
             expected=_a([[0, 0, 0, 0.4], [0.25, 0, 0, 0]])),
        Case((EXAMPLE, 4, False), note="k = E: the full softmax",
             expected=_a([[0.1, 0.2, 0.3, 0.4], [0.25] * 4])),
        Case((_a([[1.0, 3.0, 3.0, 3.0]]), 2, False),
             note="a three-way tie for first: experts 1 and 2 are kept",
             expected=_a([[0, np.e**3 / (np.e + 3 * np.e**3), np.e**3 / (np.e + 3 * np.e**3),
                           0]])),
        Case((_a([[1000.0, 1000.0 + np.log(3.0), 0.0]]), 2, False),
             note="logits near 1000: the softmax must not overflow",
             expected=_a([[0.25, 0.75, 0.0]])),
        Case((_a([[-5.0, -5.0 + np.log(4.0), -5.0 + np.log(5.0)]]), 2, True),
             note="negative logits, renormalised: 4/9 and 5/9",
             expected=_a([[0.0, 4 / 9, 5 / 9]])),
        Case((_a([[0.0, -800.0, -900.0]]), 2, False),
             note="the second probability underflows to 0 (e^-800)",
             expected=_a([[1.0, 0.0, 0.0]])),
        Case((_a([[2.0], [-7.0]]), 1, False), note="a single expert: gate 1",
             expected=_a([[1.0], [1.0]])),
    ]


def generated(rng):
    cases = []
    for i in range(40):
        T = int(rng.integers(1, 200))
        E = int(rng.integers(1, 17))
        k = int(rng.integers(1, E + 1))
        logits = rng.normal(size=(T, E)) * rng.choice([0.5, 2.0, 50.0])
        if i % 4 == 0:
            logits = np.round(logits)        # integer logits: many ties
        cases.append(Case((logits, k, bool(i % 2)),
                          note=f"T = {T}, E = {E}, k = {k}, renormalize = {bool(i % 2)}",
                          size=T * E))
    return cases


SPEC = ExerciseSpec(
    function="top_k_gates",
    # A softmax and one division: rounding ~1e-16 relative; 1e-9 is far above it.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
