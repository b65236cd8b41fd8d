"""Cases for transformer-block/layer-norm-backward.

Expected values are the gradients that the library's autograd computes through
mlinterview.ml.nn.LayerNorm (its fused backward is checked against PyTorch's
nn.LayerNorm in tests/parity/test_nn_core.py and tests/parity/test_transformer_block.py,
and by finite differences): x and the layer's weight (gamma) and bias require grad,
``out.backward(grad_out)``. The fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor


def reference(x, gamma, grad_out, eps):
    x = np.asarray(x, dtype=float)
    d = x.shape[-1]
    norm = nn.LayerNorm(d, eps=float(eps), dtype=np.float64)
    norm.weight.data[...] = np.asarray(gamma, dtype=float)
    xt = Tensor(x, requires_grad=True)
    norm(xt).backward(np.asarray(grad_out, dtype=float))
    return xt.grad.data, norm.weight.grad.data, norm.bias.grad.data


def _a(x):
    return np.array(x, dtype=float)


def fixed():
    s = np.sqrt(1.5)
    gamma = _a([2, -1, 0.5, 3])
    dy_flat = 0.25 / gamma[None, :]  # dy · gamma = 0.25 for every feature
    return [
        Case((_a([[0, 1, 2]]), _a([1, 1, 1]), _a([[1, 0, 0]]), 0.0),
             note="the statement's example",
             expected=(_a([[0.5, -1, 0.5]]) / np.sqrt(6), _a([-s, 0, 0]), _a([1, 0, 0]))),
        Case((_a([[5, 1, 9, 3]]), gamma, dy_flat, 0.0),
             note="dy · gamma constant along the row: shifting x changes nothing, so dx = 0",
             expected=(np.zeros((1, 4)), dy_flat[0] * (_a([5, 1, 9, 3]) - 4.5) / np.sqrt(8.75),
                       dy_flat[0])),
        Case((_a([[3, 7]]), _a([1.5, 0.5]), _a([[2, -1]]), 0.0),
             note="two features with eps = 0: x̂ is always ±1, so dx = 0",
             expected=(np.zeros((1, 2)), _a([-2, -1]), _a([2, -1]))),
        Case((_a([[1, 2], [4, 4]]), _a([1, 1]), _a([[0, 0], [3, 5]]), 1.0),
             note="a constant row: x̂ = 0, so dx = r · (g − mean g), r = 1/√(0 + 1)",
             expected=(_a([[0, 0], [-1, 1]]), _a([0, 0]), _a([3, 5]))),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        lead = [(int(rng.integers(1, 6)),), (int(rng.integers(1, 4)), int(rng.integers(1, 5))),
                ()][i % 3]
        d = int(rng.integers(2, 13))
        x = rng.normal(loc=rng.normal() * 3, scale=rng.uniform(0.5, 3), size=(*lead, d))
        gamma = rng.uniform(-2, 2, size=d)
        dy = rng.normal(size=x.shape)
        eps = [1e-5, 1e-2, 0.5][i % 3]
        cases.append(Case((x, gamma, dy, eps), note=f"x of shape {x.shape}, eps = {eps}",
                          size=x.size))
    return cases


SPEC = ExerciseSpec(
    function="layer_norm_backward",
    # dx subtracts nearly equal terms: ~1e-15 relative rounding, and a small absolute
    # floor for entries that are 0 in exact arithmetic.
    compare=AllClose(rtol=1e-8, atol=1e-10),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
