"""Cases for transposed-conv/scatter-conv-transpose2d.

Expected values come from mlinterview.ml.nn.functional.conv_transpose2d (checked against
PyTorch in tests/parity/test_nn_conv.py); the first cases are worked by hand in the
statement.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn.functional import conv_transpose2d


def reference(x, weight, bias=None, stride=1, padding=0, output_padding=0):
    b = None if bias is None else Tensor(np.asarray(bias, dtype=np.float64))
    return conv_transpose2d(Tensor(np.asarray(x, dtype=np.float64)),
                            Tensor(np.asarray(weight, dtype=np.float64)), b, stride, padding,
                            output_padding).numpy()


def _case(rng, n, c_in, c_out, size, k, note, bias=True, **kwargs):
    b = rng.normal(size=c_out) if bias else None
    return Case((rng.normal(size=(n, c_in, *size)), rng.normal(size=(c_in, c_out, *k)), b),
                kwargs, note=note)


def fixed():
    x = np.array([[1.0, 2.0], [3.0, 4.0]])[None, None]
    rng = np.random.default_rng(41)
    return [
        Case((x, np.ones((1, 1, 2, 2))), note="stride 1: overlapping blocks add up",
             expected=np.array([[[[1.0, 3, 2], [4, 10, 6], [3, 7, 4]]]])),
        Case((x, np.ones((1, 1, 2, 2))), {"stride": 2}, note="stride 2: blocks tile the output",
             expected=np.array([[[[1.0, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]]]])),
        Case((x, np.ones((1, 1, 3, 3))), {"stride": 2, "padding": 1, "output_padding": 1},
             note="padding crops both sides, output_padding adds a row and a column",
             expected=np.array([[[[1.0, 3, 2, 2], [4, 10, 6, 6], [3, 7, 4, 4],
                                  [3, 7, 4, 4]]]])),
        Case((np.ones((1, 2, 1, 1)), np.arange(6.0).reshape(2, 3, 1, 1), np.array([0.5, 0, -1])),
             note="C_in = 2 -> C_out = 3: weight[c, o] summed over c, plus bias",
             expected=np.array([3.5, 5.0, 6.0]).reshape(1, 3, 1, 1)),
        _case(rng, 1, 1, 1, (3, 3), (3, 2), "asymmetric kernel: no flip allowed", stride=2),
        _case(rng, 2, 3, 2, (3, 4), (3, 3), "C_in ≠ C_out, padding 1", stride=2, padding=1),
        _case(rng, 1, 2, 2, (2, 3), (4, 4), "square channels, stride 3, output_padding 2",
              stride=3, padding=1, output_padding=2),
        _case(rng, 2, 2, 3, (3, 2), (5, 5), "no bias, large padding", bias=False, stride=2,
              padding=2, output_padding=1),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n, c_in, c_out = (int(v) for v in rng.integers(1, 4, 3))
        k = (int(rng.integers(1, 5)), int(rng.integers(1, 5)))
        s = int(rng.integers(1, 4))
        op = int(rng.integers(0, s))
        size = tuple(int(rng.integers(1, 3 + i // 3)) for _ in range(2))
        full = min((a - 1) * s + kk + op for a, kk in zip(size, k, strict=True))
        p = int(rng.integers(0, (full - 1) // 2 + 1))   # leaves at least one output pixel
        cases.append(_case(rng, n, c_in, c_out, size, k,
                           f"x {(n, c_in, *size)}, kernel {k}, stride {s}, padding {p}, "
                           f"output_padding {op}", bias=bool(i % 3), stride=s, padding=p,
                           output_padding=op))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="conv_transpose2d",
    # float64 sums of at most a few dozen products in another order.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
