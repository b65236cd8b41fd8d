"""Cases for attention/masked-attention.

Expected values come from mlinterview.ml.nn.functional.scaled_dot_product_attention (checked
against PyTorch in tests/parity/test_attention.py, including its zeros for a query with
no visible key) with the boolean mask built from the key lengths, and-ed with the
lower triangle np.tri(L, S) when causal. The fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn.functional import scaled_dot_product_attention


def reference(q, k, v, key_lengths, causal):
    q, k, v = (np.asarray(a, dtype=float) for a in (q, k, v))
    L, S = q.shape[1], k.shape[1]
    mask = np.arange(S)[None, None, :] < np.asarray(key_lengths)[:, None, None]
    if causal:
        mask = mask & np.tri(L, S, dtype=bool)
    return scaled_dot_product_attention(Tensor(q), Tensor(k), Tensor(v), attn_mask=mask).data


def _a(x):
    return np.array(x, dtype=float)


def fixed():
    return [
        Case((_a([[[1], [1]]]), _a([[[0], [0], [5]]]), _a([[[1], [3], [100]]]),
              np.array([2]), True),
             note="the statement's example", expected=_a([[[1], [2]]])),
        Case((_a([[[1, 0]], [[1, 0]]]), _a([[[4, 0], [-4, 0]], [[4, 0], [9, 9]]]),
              _a([[[1], [5]], [[7], [-3]]]), np.array([2, 1]), False),
             note="sequence 2 has one real key: its query copies that key's value",
             expected=_a([[[(np.exp(8 / np.sqrt(2)) * 1 + 5) / (np.exp(8 / np.sqrt(2)) + 1)]],
                          [[7]]])),
        Case((_a([[[3, 1], [0, 2]]]), _a([[[1, 1], [2, 2]]]), _a([[[5, 6], [7, 8]]]),
              np.array([0]), False),
             note="no real key at all: rows of zeros, not NaN", expected=np.zeros((1, 2, 2))),
        Case((_a([[[1], [2], [3]]]), _a([[[1], [2], [3]]]), _a([[[1], [10], [100]]]),
              np.array([3]), True),
             note="causal, L = S: query 0 sees only key 0",
             expected=_a([[[1],
                           [(np.exp(2) * 1 + np.exp(4) * 10) / (np.exp(2) + np.exp(4))],
                           [(np.exp(3) + np.exp(6) * 10 + np.exp(9) * 100)
                            / (np.exp(3) + np.exp(6) + np.exp(9))]]])),
        Case((_a([[[0], [0]]]), _a([[[1], [2], [3], [4]]]), _a([[[2], [4], [6], [8]]]),
              np.array([4]), True),
             note="causal with L = 2 < S = 4: the triangle starts at the top-left",
             expected=_a([[[2], [3]]])),
        Case((_a([[[0], [0], [0]]]), _a([[[1], [2]]]), _a([[[2], [4]]]), np.array([2]), True),
             note="causal with L = 3 > S = 2: the last query sees both keys",
             expected=_a([[[2], [3], [3]]])),
        Case((_a([[[50, 0], [0, 50]]]), _a([[[50, 0], [0, 50], [50, 50]]]),
              _a([[[1], [2], [3]]]), np.array([2]), False),
             note="large scores (1768) next to a padded key with a larger one",
             expected=_a([[[1], [2]]])),
    ]


def generated(rng):
    cases = []
    for i in range(32):
        N, L, S = int(rng.integers(1, 5)), int(rng.integers(1, 8)), int(rng.integers(1, 9))
        d, dv = int(rng.integers(1, 9)), int(rng.integers(1, 5))
        lengths = rng.integers(0 if i % 4 == 0 else 1, S + 1, size=N)
        q, k = rng.normal(size=(N, L, d)) * 2, rng.normal(size=(N, S, d)) * 2
        v = rng.normal(size=(N, S, dv))
        causal = bool(i % 2)
        cases.append(Case((q, k, v, lengths, causal),
                          note=f"N = {N}, L = {L}, S = {S}, lengths {lengths.tolist()}, "
                               f"causal = {causal}", size=q.size + k.size + v.size))
    return cases


SPEC = ExerciseSpec(
    function="masked_attention",
    # A masked softmax and two matrix products in float64: rounding ~1e-15.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
