"""Cases for convolutions/correlate-1d.

Expected values come from mlinterview.ml.nn.functional.conv1d (one channel, one sample;
checked against PyTorch in tests/parity/test_nn_conv.py); the first cases are worked by
hand in the statement.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn.functional import conv1d


def reference(x, k, stride=1):
    x = Tensor(np.asarray(x, dtype=np.float64)[None, None, :])
    k = Tensor(np.asarray(k, dtype=np.float64)[None, None, :])
    return conv1d(x, k, stride=stride).numpy()[0, 0]


def fixed():
    rng = np.random.default_rng(1)
    return [
        Case((np.array([1.0, 2, 3, 4, 5]), np.array([1.0, 0, -1])),
             note="worked example: no flip", expected=np.array([-2.0, -2, -2])),
        Case((np.array([1.0, 2, 3, 4, 5]), np.array([1.0, 0, -1])), {"stride": 2},
             note="stride 2 keeps positions 0 and 2", expected=np.array([-2.0, -2])),
        Case((np.array([1.0, 2, 3]), np.array([1.0, 1, 1])),
             note="kernel as long as the signal: one output", expected=np.array([6.0])),
        Case((np.array([1.0, 2]), np.array([1.0, 1, 1])), note="kernel longer than the signal",
             raises="ValueError"),
        Case((np.array([3.0, -1, 4, 1, -5, 9]), np.array([2.0])),
             note="a one-tap kernel scales the signal",
             expected=np.array([6.0, -2, 8, 2, -10, 18])),
        Case((np.array([1.0, 2, 3, 4, 5, 6, 7]), np.array([1.0, 1])), {"stride": 3},
             note="the last window does not fit: round down", expected=np.array([3.0, 9.0])),
        Case((np.array([0.0, 1, 0, 0, 0]), np.array([1.0, 2, 3])),
             note="an impulse reads the kernel backwards", expected=np.array([2.0, 1.0, 0.0])),
        Case((np.arange(10.0), np.array([1.0, -2, 1])), {"stride": 4},
             note="second difference of a line is 0", expected=np.array([0.0, 0.0])),
        Case((rng.normal(size=8), rng.normal(size=3)), note="an asymmetric random kernel"),
        Case((rng.normal(size=9).tolist(), rng.normal(size=4).tolist()), {"stride": 2},
             note="Python lists"),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        n = int(rng.integers(1, 10 + 20 * i))
        m = int(rng.integers(1, min(n, 12) + 1))
        stride = int(rng.integers(1, 5))
        cases.append(Case((rng.normal(size=n), rng.normal(size=m)), {"stride": stride},
                          note=f"signal {n}, kernel {m}, stride {stride}"))
    return cases


SPEC = ExerciseSpec(
    function="correlate1d",
    # Dot products of a dozen float64 terms in another order: ~1e-15 apart.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
