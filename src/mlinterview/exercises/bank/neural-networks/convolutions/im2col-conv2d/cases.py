"""Cases for convolutions/im2col-conv2d.

Expected values come from the library: ``cols`` from mlinterview.ml.nn._conv.im2col (the
gather behind the library's conv2d) reshaped to unfold's layout, ``y`` from
mlinterview.ml.nn.functional.conv2d (checked against PyTorch in
tests/parity/test_nn_conv.py). The first case is worked by hand in the statement.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn._conv import im2col
from mlinterview.ml.nn.functional import conv2d


def reference(x, weight, bias=None, stride=1, padding=0):
    x = np.asarray(x, dtype=np.float64)
    weight = np.asarray(weight, dtype=np.float64)
    n, c = x.shape[:2]
    kh, kw = weight.shape[2:]
    cols = im2col(x, kh, kw, (stride, stride), (padding, padding), (1, 1))
    cols = cols.reshape(n, c * kh * kw, -1)
    b = None if bias is None else Tensor(np.asarray(bias, dtype=np.float64))
    y = conv2d(Tensor(x), Tensor(weight), b, stride, padding).numpy()
    return cols, y


def _case(rng, n, c_in, c_out, size, k, note, bias=True, **kwargs):
    b = rng.normal(size=c_out) if bias else None
    return Case((rng.normal(size=(n, c_in, *size)), rng.normal(size=(c_out, c_in, *k)), b),
                kwargs, note=note)


def fixed():
    image = np.arange(1.0, 10.0).reshape(1, 1, 3, 3)
    cols = np.array([[[1.0, 2, 4, 5], [2, 3, 5, 6], [4, 5, 7, 8], [5, 6, 8, 9]]])
    rng = np.random.default_rng(21)
    # Two channels, 1x1 kernel: each row of cols is one channel's pixels.
    two = np.stack([np.array([[1.0, 2], [3, 4]]), np.array([[10.0, 20], [30, 40]])])[None]
    return [
        Case((image, np.ones((1, 1, 2, 2))), note="worked example in the statement",
             expected=(cols, np.array([[[[12.0, 16], [24, 28]]]]))),
        Case((two, np.array([[[[1.0]], [[-1.0]]]]), np.array([0.5])),
             note="1×1 kernel: a row per channel, channel 0 minus channel 1, plus bias",
             expected=(np.array([[[1.0, 2, 3, 4], [10, 20, 30, 40]]]),
                       np.array([[[[-8.5, -17.5], [-26.5, -35.5]]]]))),
        Case((image, np.ones((1, 1, 1, 1))), {"padding": 1},
             note="padding 1 with a 1×1 kernel: the zero border shows in cols and y"),
        Case((image, np.ones((1, 1, 2, 2))), {"stride": 2, "padding": 1},
             note="stride 2 and padding 1: the four corners' windows"),
        _case(rng, 1, 1, 1, (4, 5), (2, 3), "asymmetric kernel on a rectangle"),
        _case(rng, 2, 3, 2, (5, 5), (3, 3), "batch and channels: unfold's row order",
              stride=2, padding=1),
        _case(rng, 1, 2, 3, (6, 4), (3, 1), "stride 3, no bias", bias=False, stride=3),
        _case(rng, 2, 1, 2, (3, 3), (3, 3), "kernel as large as the image: one column"),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n, c_in, c_out = (int(v) for v in rng.integers(1, 4, 3))
        k = (int(rng.integers(1, 5)), int(rng.integers(1, 5)))
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        size = tuple(max(1, kk - 2 * p) + int(rng.integers(0, 4 + i // 2)) for kk in k)
        cases.append(_case(rng, n, c_in, c_out, size, k,
                           f"input {(n, c_in, *size)}, kernel {k}, stride {s}, padding {p}",
                           bias=bool(i % 3), stride=s, padding=p))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="conv2d_im2col",
    # cols is copied exactly; y is a float64 sum of at most ~50 products in another order.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
