"""Cases for transformer-block/rms-norm.

Expected values come from mlinterview.ml.nn.functional.rms_norm (checked against PyTorch's
nn.RMSNorm in tests/parity/test_transformer_block.py). The fixed cases are worked by hand.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn.functional import rms_norm as library_rms_norm


def reference(x, weight, eps):
    x = np.asarray(x, dtype=float)
    w = Tensor(np.asarray(weight, dtype=float))
    return library_rms_norm(Tensor(x), x.shape[-1], w, eps=float(eps)).data


def _a(x):
    return np.array(x, dtype=float)


def fixed():
    r = np.sqrt(12.5)
    return [
        Case((_a([[3, 4]]), _a([1, 2]), 0.0), note="the statement's example",
             expected=_a([[3 / r, 8 / r]])),
        Case((_a([[1, 1], [-2, -2]]), _a([0.5, 3]), 0.0),
             note="constant rows are not centred: x / |x| · weight",
             expected=_a([[0.5, 3], [-0.5, -3]])),
        Case((_a([[1, 1, 1, 1]]), _a([1, 1, 1, 1]), 3.0),
             note="eps inside the root: 1 / sqrt(1 + 3) = 0.5", expected=_a([[0.5] * 4])),
        Case((_a([[0, 0, 0]]), _a([1, 2, 3]), 1e-6), note="a zero row stays zero",
             expected=_a([[0, 0, 0]])),
        Case((_a([2, -2, 2, -2]), _a([1, 1, 1, 1]), 0.0),
             note="a single vector (d,): rms 2", expected=_a([1, -1, 1, -1])),
        Case((_a([[[6, 8]], [[0, 5]]]), _a([1, 1]), 0.0),
             note="(batch, sequence, d): each token on its own",
             expected=_a([[[6 / np.sqrt(50), 8 / np.sqrt(50)]],
                          [[0, 5 / np.sqrt(12.5)]]])),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        lead = [(), (int(rng.integers(1, 6)),), (int(rng.integers(1, 4)), int(rng.integers(1, 5)))]
        shape = (*lead[i % 3], int(rng.integers(1, 17)))
        x = rng.normal(loc=[0.0, 2.0, -1.0][i % 3], scale=3.0, size=shape)
        weight = rng.uniform(0.2, 2.0, size=shape[-1])
        eps = [1e-6, 1e-3, 0.5][i % 3]
        cases.append(Case((x, weight, eps), note=f"x of shape {shape}, eps = {eps}",
                          size=x.size))
    return cases


SPEC = ExerciseSpec(
    function="rms_norm",
    # One mean, one square root, one division in float64: rounding ~1e-16.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
