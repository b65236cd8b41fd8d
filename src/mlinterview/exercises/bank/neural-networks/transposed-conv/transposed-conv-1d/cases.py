"""Cases for transposed-conv/transposed-conv-1d.

Expected values come from mlinterview.ml.nn.functional.conv_transpose2d on a height-1
image (checked against PyTorch's conv_transpose2d in tests/parity/test_nn_conv.py); the
first cases are worked by hand in the statement.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn.functional import conv_transpose2d


def reference(x, weight, bias=None, stride=1, padding=0, output_padding=0):
    x = Tensor(np.asarray(x, dtype=np.float64)[:, :, None, :])
    w = Tensor(np.asarray(weight, dtype=np.float64)[:, :, None, :])
    b = None if bias is None else Tensor(np.asarray(bias, dtype=np.float64))
    out = conv_transpose2d(x, w, b, stride=(1, stride), padding=(0, padding),
                           output_padding=(0, output_padding))
    return out.numpy()[:, :, 0, :]


def _case(rng, n, c_in, c_out, length, k, note, bias=True, **kwargs):
    b = rng.normal(size=c_out) if bias else None
    return Case((rng.normal(size=(n, c_in, length)), rng.normal(size=(c_in, c_out, k)), b),
                kwargs, note=note)


def fixed():
    x = np.array([[[1.0, 2.0]]])
    ones = np.ones((1, 1, 3))
    rng = np.random.default_rng(3)
    return [
        Case((x, ones), {"stride": 2}, note="the statement's example: overlap at position 2",
             expected=np.array([[[1.0, 1, 3, 2, 2]]])),
        Case((x, ones), {"stride": 2, "padding": 1}, note="padding cuts both ends",
             expected=np.array([[[1.0, 3, 2]]])),
        Case((x, ones), {"stride": 2, "padding": 1, "output_padding": 1},
             note="output_padding gives back one more sample at the end",
             expected=np.array([[[1.0, 3, 2, 2]]])),
        Case((x, np.array([[[1.0, 2.0]]]), np.array([0.5])), note="stride 1 plus a bias",
             expected=np.array([[[1.5, 4.5, 4.5]]])),
        Case((np.array([[[1.0, 1.0, 1.0]]]), np.array([[[1.0]]])), {"stride": 3},
             note="kernel shorter than the stride: zeros in the gaps",
             expected=np.array([[[1.0, 0, 0, 1, 0, 0, 1]]])),
        _case(rng, 1, 1, 1, 4, 3, "asymmetric kernel (no flip allowed)", stride=2),
        _case(rng, 2, 3, 2, 5, 4, "C_in ≠ C_out: weight layout (C_in, C_out, k)", stride=2,
              padding=1),
        _case(rng, 1, 2, 2, 4, 3, "square channels, stride 3 and output_padding 2", stride=3,
              output_padding=2, padding=1),
        _case(rng, 2, 2, 3, 3, 5, "no bias", bias=False, stride=2, padding=2,
              output_padding=1),
    ]


def generated(rng):
    cases = []
    for i in range(20):
        n, c_in, c_out = (int(v) for v in rng.integers(1, 4, 3))
        k, s = int(rng.integers(1, 6)), int(rng.integers(1, 4))
        length = int(rng.integers(1, 4 + i))
        op = int(rng.integers(0, s))
        full = (length - 1) * s + k + op
        p = int(rng.integers(0, (full - 1) // 2 + 1))  # leaves at least one output
        cases.append(_case(rng, n, c_in, c_out, length, k,
                           f"x {(n, c_in, length)}, k {k}, stride {s}, padding {p}, "
                           f"output_padding {op}", bias=bool(i % 3), stride=s, padding=p,
                           output_padding=op))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="conv_transpose1d",
    # float64 sums of a few products in a different order: ~1e-15 apart.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
