"""Cases for efficient-attention/flash-forward.

Expected values come from mlinterview.ml.nn.efficient_attention.tiled_attention_forward,
which is checked against the naive computation (to 1e-12 in float64) and against PyTorch's
scaled_dot_product_attention and torch.logsumexp in tests/parity/test_efficient_attention.py.
The fixed cases are worked by hand; the largest case (L = S = 8192) runs under the 512 MB
memory limit, where an 8192 x 8192 float64 score matrix (512 MB) cannot be allocated.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.nn.efficient_attention import tiled_attention_forward


def reference(q, k, v, block_size, causal=False):
    q, k, v = (np.asarray(a, dtype=np.float64) for a in (q, k, v))
    return tiled_attention_forward(q, k, v, is_causal=causal, block_size_q=block_size,
                                   block_size_k=block_size)


def _a(*rows):
    return np.array(rows, dtype=float)


def fixed():
    ln3, ln2 = math.log(3), math.log(2)
    zeros3 = _a([0.0], [0.0], [0.0])
    return [
        Case((_a([1.0]), _a([0.0], [ln3]), _a([4.0], [8.0]), 1),
             note="the statement's example: weights 1/4, 3/4",
             expected=(_a([7.0]), np.array([math.log(4)]))),
        Case((zeros3, zeros3, _a([1.0], [2.0], [3.0]), 1, True),
             note="causal, equal scores: running means",
             expected=(_a([1.0], [1.5], [2.0]), np.array([0.0, ln2, ln3]))),
        Case((zeros3, zeros3, _a([1.0], [2.0], [3.0]), 2, True),
             note="causal with a tile that crosses the diagonal",
             expected=(_a([1.0], [1.5], [2.0]), np.array([0.0, ln2, ln3]))),
        Case((zeros3, zeros3, _a([1.0], [2.0], [3.0]), 8),
             note="one tile holds everything: the plain average",
             expected=(_a([2.0], [2.0], [2.0]), np.full(3, ln3))),
        # d = 4, scale 1/2: the scores are q·k / 2 = [0, 400]: the second key takes it all.
        Case((_a([20.0, 0, 0, 0]), _a([0.0, 0, 0, 0], [40.0, 0, 0, 0]), _a([1.0, 2.0],
              [3.0, 4.0]), 1),
             note="a huge late maximum (score 400): the first key's weight is rescaled to 0",
             expected=(_a([3.0, 4.0]), np.array([400.0 + math.log1p(math.exp(-400))]))),
        # L = 4 > S = 2, causal top-left: rows 1, 2, 3 all see both keys.
        Case((np.zeros((4, 2)), np.zeros((2, 2)), _a([2.0], [6.0]), 3, True),
             note="causal with more queries than keys",
             expected=(_a([2.0], [4.0], [4.0], [4.0]), np.array([0.0, ln2, ln2, ln2]))),
        Case((np.ones((1, 3)), np.ones((5, 3)), np.arange(10.0).reshape(5, 2), 2, True),
             note="causal, one query: it sees key 0 only",
             expected=(_a([0.0, 1.0]), np.array([math.sqrt(3)]))),
    ]


def generated(rng):
    cases = []
    for i in range(26):
        L, S = int(rng.integers(1, 300)), int(rng.integers(1, 300))
        d, dv = int(rng.integers(1, 65)), int(rng.integers(1, 33))
        spread = [1.0, 4.0, 25.0][i % 3]                  # up to scores in the hundreds
        q = rng.normal(size=(L, d)) * spread
        k = rng.normal(size=(S, d))
        v = rng.normal(size=(S, dv))
        block = int(rng.choice([1, 2, 7, 16, 64, 128, 512])) if L * S < 20000 \
            else int(rng.choice([16, 64, 128]))
        causal = bool(i % 2)
        cases.append(Case((q, k, v, block, causal),
                          note=f"L={L}, S={S}, d={d}, dv={dv}, block {block}, causal={causal}",
                          size=L * S))
    n = 8192
    q, k, v = (rng.normal(size=(n, 16)) for _ in range(3))
    cases.append(Case((q, k, v, 256, True), note="L = S = 8192 under 512 MB: tile by tile",
                      size=n * n))
    return cases


SPEC = ExerciseSpec(
    function="flash_attention_forward",
    # Exact softmax attention; the order of the sums differs from the reference (other
    # tile sizes are allowed), ~1e-14 relative in float64.
    compare=AllClose(rtol=1e-7, atol=1e-9),
    fixed=fixed,
    generated=generated,
    reference=reference,
    # 512 MB: room for the interpreter, NumPy and O(L·d + block²) arrays, not for a
    # 512 MB score matrix.
    limits=Limits(cpu_seconds=20, wall_seconds=60, memory_mb=512),
)
