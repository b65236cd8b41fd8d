"""Cases for positional-encodings/alibi-bias.

Expected values come from mlinterview.ml.nn.positional.alibi_bias(..., causal=True) in
float64, whose slopes are checked against the geometric sequences worked out by hand (8, 6,
5 and 12 heads) and whose bias gives the same attention as the paper's causal form in
PyTorch (tests/parity/test_positional_encodings.py). The fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.nn.positional import alibi_bias


def reference(num_heads, seq_len):
    return alibi_bias(num_heads, seq_len, causal=True, dtype=np.float64).data


def _causal(slopes, n):
    """The bias from a list of slopes, written out by loops (hand-worked cases)."""
    out = np.full((len(slopes), n, n), -np.inf)
    for h, m in enumerate(slopes):
        for i in range(n):
            for j in range(i + 1):
                out[h, i, j] = -m * (i - j)
    return out


def fixed():
    return [
        Case((3, 3), note="the statement's example: 3 heads, slopes 1/16, 1/256, 1/4",
             expected=_causal([1 / 16, 1 / 256, 1 / 4], 3)),
        Case((1, 3), note="one head: slope 2^-8", expected=_causal([1 / 256], 3)),
        Case((8, 2), note="8 heads: 1/2, 1/4, ..., 1/256",
             expected=_causal([2.0 ** -k for k in range(1, 9)], 2)),
        Case((6, 2), note="6 heads: the 4-head slopes, then 1/2 and 1/8",
             expected=_causal([1 / 4, 1 / 16, 1 / 64, 1 / 256, 1 / 2, 1 / 8], 2)),
        Case((5, 3), note="5 heads: the 4-head slopes, then 1/2",
             expected=_causal([1 / 4, 1 / 16, 1 / 64, 1 / 256, 1 / 2], 3)),
        Case((2, 1), note="one position: a zero", expected=np.zeros((2, 1, 1))),
        Case((4, 5), note="4 heads: 1/4, 1/16, 1/64, 1/256",
             expected=_causal([1 / 4, 1 / 16, 1 / 64, 1 / 256], 5)),
        # 12 heads: 8 slopes 2^-1..2^-8, then entries 0, 2, 4, 6 of the 16-head list
        # 2^-0.5, 2^-1, 2^-1.5, ...: 2^-0.5, 2^-1.5, 2^-2.5, 2^-3.5.
        Case((12, 2), note="12 heads: half-integer exponents fill in",
             expected=_causal([2.0 ** -k for k in range(1, 9)]
                              + [2.0 ** -(k + 0.5) for k in range(4)], 2)),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        heads = int(rng.integers(1, 33)) if i % 3 else int(2 ** rng.integers(0, 6))
        n = int(rng.integers(1, 70))
        cases.append(Case((heads, n), note=f"{heads} heads, {n} positions",
                          size=heads * n * n))
    return cases


SPEC = ExerciseSpec(
    function="alibi_bias",
    # Powers of two and products by small integers: exact or within 1 ulp.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
