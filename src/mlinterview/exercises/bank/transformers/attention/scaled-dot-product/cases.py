"""Cases for attention/scaled-dot-product.

Expected values come from mlinterview.ml.nn.functional.scaled_dot_product_attention (the
library's fused operation, checked against PyTorch's in tests/parity/test_attention.py),
called without a mask. The fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn.functional import scaled_dot_product_attention


def reference(q, k, v):
    q, k, v = (Tensor(np.asarray(a, dtype=float)) for a in (q, k, v))
    return scaled_dot_product_attention(q, k, v).data


def _a(*rows):
    return np.array(rows, dtype=float)


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def fixed():
    e2 = np.exp(2.0)
    w_big = _sigmoid((100.0 * 100 - 99.0 * 100) / np.sqrt(2))  # weight of key 0 below
    return [
        Case((_a([2, 0, 0, 0]), _a([2, 0, 0, 0], [0, 0, 0, 0]), _a([1, 0], [0, 1])),
             note="the statement's example: scores [2, 0]",
             expected=_a([e2 / (e2 + 1), 1 / (e2 + 1)])),
        Case((_a([0.3, -1.2], [5.0, 2.0]), _a([7.0, 1.0]), _a([4.0, -2.0, 0.5])),
             note="one key: every weight is 1, every output row is that value",
             expected=_a([4.0, -2.0, 0.5], [4.0, -2.0, 0.5])),
        Case((_a([1.0, 2.0, 3.0]), _a([1, 1, 1], [1, 1, 1], [1, 1, 1]), _a([3.0], [6.0], [0.0])),
             note="equal keys: uniform weights, the output is the mean value",
             expected=_a([3.0])),
        Case((_a([0, 0, 0, 0], [0, 0, 0, 0]), _a([9, 9, 9, 9], [-5, 1, 2, 3]),
              _a([1, 2], [3, 4])),
             note="zero queries: every score is 0, weights 1/2 each",
             expected=_a([2.0, 3.0], [2.0, 3.0])),
        Case((_a([100.0, 0.0]), _a([100.0, 0.0], [99.0, 0.0]), _a([1.0, 0.0], [0.0, 1.0])),
             note="scores 7071 and 7000: exp of the raw scores overflows",
             expected=_a([w_big, 1 - w_big])),
        Case((_a([40.0, 0.0], [0.0, 0.0]), _a([40.0, 0.0], [0.0, 40.0]), _a([2.0], [4.0])),
             note="rows on very different scales: the max must be taken per row",
             expected=_a([2.0], [3.0])),
        Case((np.ones((2, 1, 1, 3)), np.zeros((2, 1, 2, 3)),
              np.arange(8.0).reshape(2, 1, 2, 2)),
             note="batch and head axes (2, 1): each batch averages its own values",
             expected=np.array([[[[1.0, 2.0]]], [[[5.0, 6.0]]]])),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        batch = [(), (int(rng.integers(1, 4)),), (2, int(rng.integers(1, 4)))][i % 3]
        L, S = int(rng.integers(1, 9)), int(rng.integers(1, 12))
        d, dv = int(rng.integers(1, 17)), int(rng.integers(1, 6))
        scale = [0.5, 1.0, 3.0][i % 3]
        q = rng.normal(size=(*batch, L, d)) * scale
        k = rng.normal(size=(*batch, S, d)) * scale
        v = rng.normal(size=(*batch, S, dv))
        cases.append(Case((q, k, v), note=f"batch {batch}, L = {L}, S = {S}, d = {d}, "
                                          f"d_v = {dv}", size=q.size + k.size + v.size))
    return cases


SPEC = ExerciseSpec(
    function="attention",
    # A softmax and two matrix products in float64: rounding ~1e-15; 1e-9 is far above.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
