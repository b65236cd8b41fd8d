"""Cases for attention/attention-backward.

Expected values are the gradients that the library's autograd computes for
mlinterview.ml.nn.functional.scaled_dot_product_attention (its fused backward is checked
against PyTorch's and against finite differences in tests/parity/test_attention.py):
q, k and v as tensors that require grad, ``out.backward(grad_out)``. The fixed cases are
worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn.functional import scaled_dot_product_attention


def reference(q, k, v, grad_out):
    q, k, v = (Tensor(np.asarray(a, dtype=float), requires_grad=True) for a in (q, k, v))
    scaled_dot_product_attention(q, k, v).backward(np.asarray(grad_out, dtype=float))
    return q.grad.data, k.grad.data, v.grad.data


def _a(x):
    return np.array(x, dtype=float)


def fixed():
    p0 = 1 / (1 + np.exp(-2.0))                # σ(2): the weight of key 0 in the example
    ds = -2 * p0 * (1 - p0)                    # dS_0 = p0 (2 - (2 p0 + 4 p1))
    return [
        Case((_a([[1]]), _a([[1], [-1]]), _a([[2], [4]]), _a([[1]])),
             note="the statement's example",
             expected=(_a([[2 * ds]]), _a([[ds], [-ds]]), _a([[p0], [1 - p0]]))),
        Case((_a([[0]]), _a([[1], [3]]), _a([[1], [5]]), _a([[2]])),
             note="a zero query: uniform weights, dS = P ⊙ (dP - mean dP) = [-2, 2]",
             expected=(_a([[4]]), _a([[0], [0]]), _a([[1], [1]]))),
        Case((_a([[1, 2], [3, -1]]), _a([[0.5, 0.5]]), _a([[7, 8, 9]]),
              _a([[1, 0, 2], [-1, 1, 1]])),
             note="one key: every weight is 1, so no gradient reaches q or k",
             expected=(np.zeros((2, 2)), np.zeros((1, 2)), _a([[0, 1, 3]]))),
        Case((np.zeros((2, 1, 1, 4)), np.ones((2, 1, 3, 4)), np.ones((2, 1, 3, 2)),
              np.ones((2, 1, 1, 2))),
             note="equal values: the output cannot change with the weights, so dS = 0",
             expected=(np.zeros((2, 1, 1, 4)), np.zeros((2, 1, 3, 4)),
                       np.full((2, 1, 3, 2), 1 / 3))),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        batch = [(), (int(rng.integers(1, 4)),), (2, int(rng.integers(1, 3)))][i % 3]
        L, S = int(rng.integers(1, 7)), int(rng.integers(1, 8))
        d, dv = int(rng.integers(1, 9)), int(rng.integers(1, 5))
        q, k = rng.normal(size=(*batch, L, d)), rng.normal(size=(*batch, S, d))
        v, dout = rng.normal(size=(*batch, S, dv)), rng.normal(size=(*batch, L, dv))
        cases.append(Case((q, k, v, dout), note=f"batch {batch}, L = {L}, S = {S}, d = {d}, "
                                                f"d_v = {dv}",
                          size=q.size + k.size + v.size + dout.size))
    return cases


SPEC = ExerciseSpec(
    function="attention_backward",
    # Gradients subtract nearly equal terms (dP - Σ P dP): rounding up to ~1e-14 relative
    # near zero entries, hence a small absolute floor.
    compare=AllClose(rtol=1e-8, atol=1e-10),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
