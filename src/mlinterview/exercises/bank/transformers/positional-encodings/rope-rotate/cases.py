"""Cases for positional-encodings/rope-rotate.

Expected values come from mlinterview.ml.nn.positional.apply_rotary_emb in float64, which
is checked in tests/parity/test_positional_encodings.py against two implementations written
in torch (complex numbers for the interleaved layout, the rotate-half formula for the half
layout), and for the offset-only property of the scores. The fixed cases are worked by
hand.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn.positional import apply_rotary_emb


def reference(x, positions, base=10000.0, layout="half"):
    return apply_rotary_emb(Tensor(np.asarray(x, dtype=np.float64)), np.asarray(positions),
                            base=base, layout=layout).data


def _turn(a, b, t):
    return a * math.cos(t) - b * math.sin(t), a * math.sin(t) + b * math.cos(t)


def fixed():
    x = np.array([[1.0, 2.0, 3.0, 4.0]])
    h0, h2 = _turn(1, 3, 1.0)
    h1, h3 = _turn(2, 4, 0.1)
    i0, i1 = _turn(1, 2, 1.0)
    i2, i3 = _turn(3, 4, 0.1)
    # Three positions of dim 2: one pair turning 1 rad per position (base irrelevant).
    seq = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 2.0]])
    return [
        Case((x, np.array([1]), 100.0), note="the statement's example, half layout",
             expected=np.array([[h0, h1, h2, h3]])),
        Case((x, np.array([1]), 100.0, "interleaved"),
             note="the statement's example, interleaved layout",
             expected=np.array([[i0, i1, i2, i3]])),
        Case((x, np.array([0])), note="position 0: nothing moves", expected=x.copy()),
        Case((seq, np.array([0, 1, 2])), note="dim 2, positions 0, 1, 2",
             expected=np.array([[1.0, 0.0], [math.cos(1), math.sin(1)],
                                [-2 * math.sin(2), 2 * math.cos(2)]])),
        Case((seq, np.array([5, 6, 7]), 10000.0, "interleaved"),
             note="a KV-cache step: the tokens sit at positions 5, 6, 7",
             expected=np.array([[math.cos(5), math.sin(5)], [math.cos(6), math.sin(6)],
                                [-2 * math.sin(7), 2 * math.cos(7)]])),
        Case((seq, np.array([0.0, 0.5, 1.0])), note="interpolated (float) positions",
             expected=np.array([[1.0, 0.0], [math.cos(0.5), math.sin(0.5)],
                                [-2 * math.sin(1), 2 * math.cos(1)]])),
        Case((np.ones((2, 3)), np.arange(2)), note="odd dim", raises="ValueError"),
        Case((x, np.array([1]), 100.0, "pairs"), note="unknown layout", raises="ValueError"),
        Case((np.arange(24.0).reshape(2, 3, 4), np.array([[3], [10]]), 50.0),
             note="(batch, seq, dim) with a start position per sequence"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        seq, dim = int(rng.integers(1, 20)), 2 * int(rng.integers(1, 33))
        lead = [(), (int(rng.integers(1, 4)),),
                (int(rng.integers(1, 3)), int(rng.integers(1, 5)))][i % 3]
        x = rng.normal(size=(*lead, seq, dim))
        start = int(rng.integers(0, 3000))
        if i % 5 == 4 and lead:
            # A start position per sequence of the batch (left padding, separate caches).
            positions = rng.integers(0, 3000, size=(lead[0],) + (1,) * (len(lead) - 1) + (1,)) \
                + np.arange(seq)
        elif i % 5 == 3:
            positions = (start + np.arange(seq)) / float(rng.choice([2.0, 4.0, 8.0]))
        else:
            positions = start + np.arange(seq)
        base = [10000.0, 500000.0, 10.0, float(rng.uniform(2, 1000))][i % 4]
        layout = "half" if i % 2 else "interleaved"
        cases.append(Case((x, positions, base, layout),
                          note=f"x {x.shape}, positions from {np.min(positions):g}, "
                               f"base {base:g}, {layout}", size=int(x.size)))
    return cases


SPEC = ExerciseSpec(
    function="apply_rope",
    # float64 cos/sin of angles up to ~3000 rad (rounding ~1e-13) times O(1) values.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
