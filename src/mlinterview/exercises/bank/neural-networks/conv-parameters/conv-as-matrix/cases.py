"""Cases for conv-parameters/conv-as-matrix.

Expected values come from mlinterview.ml.nn.functional.conv2d (checked against PyTorch in
tests/parity/test_nn_conv.py): column k of M is the flattened convolution of the k-th basis
image (a single 1 at pixel k), which is what a linear map's matrix is. The first cases are
worked by hand in the statement.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn.functional import conv2d


def reference(kernel, input_size, stride=1, padding=0):
    h, w = input_size
    k = Tensor(np.asarray(kernel, dtype=np.float64)[None, None])
    basis = np.eye(h * w).reshape(h * w, 1, h, w)        # every basis image as a batch
    out = conv2d(Tensor(basis), k, stride=stride, padding=padding).data
    return out.reshape(h * w, -1).T


def _random(rng, k, size, note="", **kwargs):
    return Case((rng.normal(size=k), size), kwargs,
                note=note or f"kernel {k}, input {size}, {kwargs}")


def _rows_of_ones(width, columns):
    """A 0/1 matrix with ones at the given columns of each row."""
    M = np.zeros((len(columns), width))
    for row, cols in enumerate(columns):
        M[row, cols] = 1.0
    return M


def fixed():
    rng = np.random.default_rng(53)
    return [
        Case((np.array([[1.0, -1.0]]), (1, 3)), note="a difference kernel: a Toeplitz band",
             expected=np.array([[1.0, -1, 0], [0, 1, -1]])),
        Case((np.array([[1.0, 2.0], [3.0, 4.0]]), (2, 2)), {"padding": 1},
             note="padding 1: border outputs see part of the kernel",
             expected=np.array([[4.0, 0, 0, 0], [3, 4, 0, 0], [0, 3, 0, 0], [2, 0, 4, 0],
                                [1, 2, 3, 4], [0, 1, 0, 3], [0, 0, 2, 0], [0, 0, 1, 2],
                                [0, 0, 0, 1]])),
        Case((np.array([[5.0]]), (2, 3)), note="a 1x1 kernel: 5 times the identity",
             expected=5 * np.eye(6)),
        Case((np.ones((2, 2)), (4, 4)), {"stride": 2},
             note="stride = kernel: each input pixel in exactly one row",
             expected=_rows_of_ones(16, [[0, 1, 4, 5], [2, 3, 6, 7], [8, 9, 12, 13],
                                         [10, 11, 14, 15]])),
        _random(rng, (3, 2), (4, 5), "asymmetric kernel on a rectangle: no flip", stride=2,
                padding=1),
        _random(rng, (3, 3), (2, 2), "padding 2: outputs that see only zeros", padding=2),
        _random(rng, (2, 3), (3, 6), "non-square output: rows in row-major order"),
        _random(rng, (1, 4), (2, 7), "stride 3 leaves some pixels unread", stride=3),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        k = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        size = tuple(max(1, kk - 2 * p) + int(rng.integers(0, 3 + i // 4)) for kk in k)
        cases.append(_random(rng, k, size, stride=s, padding=p))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="conv_matrix",
    # The entries are copies of kernel weights (or zeros): exact up to rounding.
    compare=AllClose(rtol=1e-12, atol=0.0),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
