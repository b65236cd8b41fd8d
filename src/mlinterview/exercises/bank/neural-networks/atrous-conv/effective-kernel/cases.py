"""Cases for atrous-conv/effective-kernel.

Expected values come from our autograd engine and mlinterview.ml.nn.functional.conv2d
(checked against PyTorch in tests/parity/test_nn_conv.py): the stack is applied to an
input exactly the size of the receptive field, whose single output y = Σ K[p] x[p] has
gradient dy/dx = K; ``reached`` is the same gradient with all-ones kernels, > 0. The first
cases are worked by hand in the statement.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn.functional import conv2d


def _input_gradient(kernels, dilations):
    size = [1 + sum(d * (np.shape(k)[axis] - 1) for k, d in zip(kernels, dilations,
                                                                strict=True))
            for axis in (0, 1)]
    x = Tensor(np.zeros((1, 1, *size)), requires_grad=True)
    y = x
    for k, d in zip(kernels, dilations, strict=True):
        y = conv2d(y, Tensor(np.asarray(k, dtype=np.float64)[None, None]), dilation=d)
    y.sum().backward()
    return x.grad.data[0, 0]


def reference(kernels, dilations):
    ones = [np.ones(np.shape(k)) for k in kernels]
    return _input_gradient(kernels, dilations), _input_gradient(ones, dilations) > 0


def _random(rng, n_layers, note, same_dilation=None):
    kernels = [rng.normal(size=(int(rng.integers(1, 4)), int(rng.integers(1, 4))))
               for _ in range(n_layers)]
    dilations = ([same_dilation] * n_layers if same_dilation else
                 [int(v) for v in rng.integers(1, 5, n_layers)])
    return Case((kernels, dilations), note=note or f"dilations {dilations}")


def fixed():
    grid = np.zeros((13, 13), dtype=bool)
    grid[::2, ::2] = True
    rng = np.random.default_rng(4)
    return [
        Case(([np.array([[1.0, 2.0]]), np.array([[1.0, -1.0]])], [1, 2]),
             note="worked example: [1, 2] then [1, 0, -1]",
             expected=(np.array([[1.0, 2, -1, -2]]), np.ones((1, 4), dtype=bool))),
        Case(([np.array([[1.0, 1.0]]), np.array([[1.0, -1.0]])], [1, 1]),
             note="weights cancel in the middle: reached is not K != 0",
             expected=(np.array([[1.0, 0, -1]]), np.ones((1, 3), dtype=bool))),
        Case(([], []), note="no layers: the identity",
             expected=(np.ones((1, 1)), np.ones((1, 1), dtype=bool))),
        Case(([np.ones((3, 3))] * 3, [2, 2, 2]),
             note="three 3x3 layers of dilation 2: gridding, 49 of 169 reached"),
        Case(([np.ones((3, 3))] * 3, [1, 2, 5]),
             note="dilations 1, 2, 5: a 17x17 field, every pixel reached"),
        Case(([np.array([[2.0]]), np.array([[1.0, 2.0], [3.0, 4.0]])], [3, 3]),
             note="a 1x1 layer only scales: its dilation changes nothing",
             expected=(np.array([[2.0, 0, 0, 4], [0, 0, 0, 0], [0, 0, 0, 0], [6, 0, 0, 8]]),
                       np.array([[1, 0, 0, 1], [0, 0, 0, 0], [0, 0, 0, 0], [1, 0, 0, 1]],
                                dtype=bool))),
        Case(([np.array([[1.0], [2.0]]), np.array([[1.0, 3.0]])], [2, 1]),
             note="a column then a row: the outer product, the column dilated",
             expected=(np.array([[1.0, 3], [0, 0], [2, 6]]),
                       np.array([[1, 1], [0, 0], [1, 1]], dtype=bool))),
        _random(rng, 2, "asymmetric random kernels: no flip allowed"),
        _random(rng, 3, "same dilation 3 three times", same_dilation=3),
        _random(rng, 4, "four random layers"),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n_layers = 1 + int(rng.integers(0, 2 + i // 6))
        same = int(rng.integers(2, 4)) if i % 4 == 1 else None
        cases.append(_random(rng, n_layers, "", same_dilation=same))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="effective_kernel",
    # Sums of a few hundred products of normal weights in another order; reached is exact.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
