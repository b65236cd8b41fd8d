"""Cases for conv-parameters/naive-conv2d.

Expected values come from mlinterview.ml.nn.functional.conv2d (im2col + one matrix
product, checked against PyTorch in tests/parity/test_nn_conv.py); the first cases are
worked by hand in the statement. Sizes stay small: the exercise is the loop version.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn.functional import conv2d


def reference(x, weight, bias=None, stride=1, padding=0, dilation=1):
    b = None if bias is None else Tensor(np.asarray(bias, dtype=np.float64))
    return conv2d(Tensor(np.asarray(x, dtype=np.float64)),
                  Tensor(np.asarray(weight, dtype=np.float64)), b, stride, padding,
                  dilation).numpy()


def _case(rng, n, c_in, c_out, size, k, note, **kwargs):
    bias = rng.normal(size=c_out) if kwargs.pop("bias", True) else None
    return Case((rng.normal(size=(n, c_in, *size)), rng.normal(size=(c_out, c_in, *k)), bias),
                kwargs, note=note)


def fixed():
    image = np.arange(1.0, 10.0).reshape(1, 1, 3, 3)
    diag = np.array([[[[1.0, 0.0], [0.0, -1.0]]]])
    padded = np.array([[-1.0, -2, -3, 0], [-4, -4, -4, 3], [-7, -4, -4, 6], [0, 7, 8, 9]])
    rng = np.random.default_rng(5)
    return [
        Case((image, diag), note="top-left minus bottom-right of each 2×2 window",
             expected=np.full((1, 1, 2, 2), -4.0)),
        Case((image, diag), {"padding": 1}, note="the same kernel with padding 1",
             expected=padded[None, None]),
        Case((image, np.ones((1, 1, 1, 1)), np.array([0.5])),
             note="1×1 kernel of ones plus a bias", expected=image + 0.5),
        Case((image, np.ones((1, 1, 2, 2))), {"dilation": 2},
             note="dilation 2: the four corners of the image", expected=np.full((1, 1, 1, 1),
                                                                                 20.0)),
        _case(rng, 1, 1, 1, (5, 5), (3, 3), "asymmetric random kernel: no flipping"),
        _case(rng, 2, 3, 4, (6, 7), (3, 2), "batch, channels, rectangular kernel"),
        _case(rng, 1, 2, 3, (7, 7), (3, 3), "stride 2 and padding 1", stride=2, padding=1),
        _case(rng, 1, 2, 2, (9, 8), (3, 3), "dilation 2 and padding 2", dilation=2,
              padding=2),
        _case(rng, 2, 2, 3, (5, 6), (2, 3), "no bias", bias=False),
    ]


def generated(rng):
    cases = []
    for i in range(16):
        n, c_in, c_out = (int(v) for v in rng.integers(1, 4, 3))
        k = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
        s, p, d = int(rng.integers(1, 3)), int(rng.integers(0, 3)), int(rng.integers(1, 3))
        size = tuple(d * (kk - 1) + 1 + int(rng.integers(0, 3 + i // 2)) for kk in k)
        case = _case(rng, n, c_in, c_out, size, k,
                     f"input {(n, c_in, *size)}, kernel {k}, stride {s}, padding {p}, "
                     f"dilation {d}", stride=s, padding=p, dilation=d, bias=bool(i % 4))
        cases.append(case)
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="conv2d_naive",
    # float64 sums of at most a few dozen products in a different order: ~1e-15 apart.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
