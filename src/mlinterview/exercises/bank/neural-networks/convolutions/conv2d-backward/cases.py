"""Cases for convolutions/conv2d-backward.

Expected gradients come from our autograd engine (checked against PyTorch in
tests/parity/test_nn_conv.py): mlinterview.ml.nn.functional.conv2d on Tensors that require
grad, the loss sum(y * grad_out), ``backward()``. The first cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn.functional import conv2d


def reference(x, weight, grad_out, stride=1, padding=0):
    xt = Tensor(np.asarray(x, dtype=np.float64), requires_grad=True)
    wt = Tensor(np.asarray(weight, dtype=np.float64), requires_grad=True)
    bt = Tensor(np.zeros(wt.shape[0]), requires_grad=True)
    y = conv2d(xt, wt, bt, stride, padding)
    (y * Tensor(np.asarray(grad_out, dtype=np.float64))).sum().backward()
    return xt.grad.data, wt.grad.data, bt.grad.data


def _out(size, k, s, p):
    return (size + 2 * p - k) // s + 1


def _case(rng, n, c_in, c_out, size, k, note, stride=1, padding=0):
    ho, wo = (_out(a, b, stride, padding) for a, b in zip(size, k, strict=True))
    x = rng.normal(size=(n, c_in, *size))
    w = rng.normal(size=(c_out, c_in, *k))
    g = rng.normal(size=(n, c_out, ho, wo))
    kwargs = {"stride": stride, "padding": padding} if (stride, padding) != (1, 0) else {}
    return Case((x, w, g), kwargs, note=note)


def fixed():
    image = np.arange(1.0, 10.0).reshape(1, 1, 3, 3)
    ones = np.ones((1, 1, 2, 2))
    x4 = np.arange(16.0).reshape(1, 1, 4, 4)
    g2 = np.array([[[[1.0, 2], [3, 4]]]])
    rng = np.random.default_rng(8)
    return [
        Case((image, ones, np.ones((1, 1, 2, 2))), note="worked example in the statement",
             expected=(np.array([[[[1.0, 2, 1], [2, 4, 2], [1, 2, 1]]]]),
                       np.array([[[[12.0, 16], [24, 28]]]]), np.array([4.0]))),
        # Stride 2, kernel 2: the windows tile the image, no overlap. Each pixel gets the
        # gradient of the one output that read it; dw sums g times the pixel at that tap.
        Case((x4, ones, g2), {"stride": 2}, note="stride = kernel: windows tile the image",
             expected=(np.array([[[[1.0, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]]]]),
                       np.array([[[[0 + 2 * 2 + 3 * 8 + 4 * 10, 1 + 2 * 3 + 3 * 9 + 4 * 11],
                                   [4 + 2 * 6 + 3 * 12 + 4 * 14,
                                    5 + 2 * 7 + 3 * 13 + 4 * 15]]]]),
                       np.array([10.0]))),
        # Stride 3 on a 4x4 input: one window, rows and columns 2 and 3 are never read.
        Case((x4, ones, np.array([[[[2.0]]]])), {"stride": 3},
             note="pixels no window reads get zero gradient",
             expected=(np.array([[[[2.0, 2, 0, 0], [2, 2, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]]]),
                       np.array([[[[0.0, 2], [8, 10]]]]), np.array([2.0]))),
        # Padding 1, 1x1 kernel on a 2x2 input: the output is 4x4, only its centre reads x.
        Case((np.ones((1, 1, 2, 2)), np.array([[[[3.0]]]]), np.arange(16.0).reshape(1, 1, 4, 4)),
             {"padding": 1}, note="padding: the border outputs read zeros only",
             expected=(3 * np.array([[[[5.0, 6], [9, 10]]]]), np.array([[[[30.0]]]]),
                       np.array([120.0]))),
        _case(rng, 1, 1, 1, (5, 5), (3, 2), "asymmetric kernel: the scatter must not flip"),
        _case(rng, 2, 3, 2, (6, 5), (3, 3), "batch, channels, padding 1", padding=1),
        _case(rng, 1, 2, 3, (7, 7), (3, 3), "stride 2 with overlap, padding 2", stride=2,
              padding=2),
        _case(rng, 2, 2, 2, (5, 8), (2, 4), "stride 3 leaves unread columns", stride=3),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n, c_in, c_out = (int(v) for v in rng.integers(1, 4, 3))
        k = (int(rng.integers(1, 5)), int(rng.integers(1, 5)))
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        size = tuple(max(1, kk - 2 * p) + int(rng.integers(0, 4 + i // 3)) for kk in k)
        cases.append(_case(rng, n, c_in, c_out, size, k,
                           f"input {(n, c_in, *size)}, kernel {k}, stride {s}, padding {p}",
                           stride=s, padding=p))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="conv2d_backward",
    # float64 sums of at most a few hundred products in another order: ~1e-14 relative.
    compare=AllClose(rtol=1e-9, atol=1e-11),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
