"""Cases for efficient-attention/online-softmax.

Expected values: the probabilities from mlinterview.ml.nn.efficient_attention.online_softmax
(checked against torch.softmax, extreme logits and -inf included, in
tests/parity/test_efficient_attention.py); the running states from their definition on the
prefix seen after each block (m = max of the prefix, ℓ = Σ exp(prefix - m), and -inf, 0
while the prefix is all -inf), which is what the streaming update must reproduce. The fixed
cases are worked by hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.nn.efficient_attention import online_softmax

INF = np.inf


def reference(x, block_size):
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        p = online_softmax(x, block_size=block_size)
    ends = np.minimum(np.arange(block_size, len(x) + block_size, block_size), len(x))
    m = np.array([x[:e].max() for e in ends])
    ell = np.array([0.0 if mi == -INF else float(np.exp(x[:e] - mi).sum())
                    for e, mi in zip(ends, m, strict=True)])
    return p, m, ell


def fixed():
    e = math.e
    l1 = e ** -2 + 1
    l2 = l1 * e ** -2 + e ** -3 + 1
    x = np.array([1.0, 3.0, 2.0, 5.0])
    return [
        Case((x, 2), note="the statement's example",
             expected=(np.exp(x - 5) / l2, np.array([3.0, 5.0]), np.array([l1, l2]))),
        Case((np.array([5.0, 3.0, 2.0, 1.0]), 2), note="the maximum comes first: no rescale",
             expected=(np.exp(np.array([0.0, -2, -3, -4])) / (1 + e**-2 + e**-3 + e**-4),
                       np.array([5.0, 5.0]), np.array([1 + e**-2, 1 + e**-2 + e**-3 + e**-4]))),
        Case((np.array([0.0, 0.0, 0.0]), 1), note="block size 1, equal scores",
             expected=(np.full(3, 1 / 3), np.zeros(3), np.array([1.0, 2.0, 3.0]))),
        Case((np.array([-INF, -INF, 0.0, 0.0]), 2), note="a first block fully masked",
             expected=(np.array([0.0, 0.0, 0.5, 0.5]), np.array([-INF, 0.0]),
                       np.array([0.0, 2.0]))),
        Case((np.array([2.0, -INF, 2.0]), 5), note="one block longer than x, a masked entry",
             expected=(np.array([0.5, 0.0, 0.5]), np.array([2.0]), np.array([2.0]))),
        Case((np.array([-1000.0, -1001.0, -999.0]), 1),
             note="very negative scores: the first maximum is -1000, not 0",
             expected=(np.exp(np.array([-1.0, -2.0, 0.0])) / (e**-1 + e**-2 + 1),
                       np.array([-1000.0, -1000.0, -999.0]),
                       np.array([1.0, 1 + e**-1, 1 * e**-1 + e**-2 + 1]))),
        Case((np.array([1000.0, 0.0, 1001.0]), 2), note="huge scores: no overflow",
             expected=(np.exp(np.array([-1.0, -1001.0, 0.0])) / (e**-1 + 1),
                       np.array([1000.0, 1001.0]), np.array([1.0, e**-1 + 1]))),
        Case((np.array([-INF, -INF, -INF]), 2), note="every score masked: NaN, as in PyTorch",
             expected=(np.full(3, np.nan), np.array([-INF, -INF]), np.array([0.0, 0.0]))),
        Case((np.array([1.0, 3.0, 2.0, 5.0]), 4), note="one block: the plain softmax"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        n = int(rng.integers(1, 500))
        x = rng.normal(scale=[1.0, 10.0, 300.0][i % 3], size=n) + rng.normal() * 50
        if i % 4 == 1:
            x[rng.random(n) < 0.3] = -INF             # masked scores
        if i % 7 == 3:
            x[: int(rng.integers(1, n + 1))] = -INF   # a masked prefix of any length
            x[-1] = rng.normal()
        block = int(rng.integers(1, 80))
        cases.append(Case((x, block), note=f"n = {n}, block size {block}", size=n))
    return cases


SPEC = ExerciseSpec(
    function="online_softmax",
    # Sums of up to 500 exponentials in float64, accumulated in another order by the
    # reference: ~1e-14 relative.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
