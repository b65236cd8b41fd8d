"""Cases for cnn-advances/group-conv.

Expected values come from mlinterview.ml.nn.functional.conv2d with ``groups`` (checked
against PyTorch in tests/parity/test_nn_conv.py), which also raises the ValueErrors; the
first cases are worked by hand in the statement.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn.functional import conv2d


def reference(x, weight, bias=None, groups=1, stride=1, padding=0):
    b = None if bias is None else Tensor(np.asarray(bias, dtype=np.float64))
    return conv2d(Tensor(np.asarray(x, dtype=np.float64)),
                  Tensor(np.asarray(weight, dtype=np.float64)), b, stride, padding, 1,
                  groups).numpy()


def _case(rng, n, c_in, c_out, groups, size, k, note, bias=True, **kwargs):
    b = rng.normal(size=c_out) if bias else None
    x = rng.normal(size=(n, c_in, *size))
    w = rng.normal(size=(c_out, c_in // groups, *k))
    return Case((x, w, b), {"groups": groups, **kwargs}, note=note)


def fixed():
    px = np.array([3.0, 5.0]).reshape(1, 2, 1, 1)
    w4 = np.array([1.0, 2.0, 10.0, 20.0]).reshape(4, 1, 1, 1)
    rng = np.random.default_rng(31)
    return [
        Case((px, w4), {"groups": 2}, note="worked example: two groups of one channel",
             expected=np.array([3.0, 6.0, 50.0, 100.0]).reshape(1, 4, 1, 1)),
        Case((px, np.ones((4, 2, 1, 1))), {"groups": 1}, note="one group: every output reads "
             "both channels", expected=np.full((1, 4, 1, 1), 8.0)),
        Case((px, np.array([2.0, -1.0]).reshape(2, 1, 1, 1), np.array([0.5, 0.5])),
             {"groups": 2}, note="depthwise 1x1: a scale and a bias per channel",
             expected=np.array([6.5, -4.5]).reshape(1, 2, 1, 1)),
        # 4 input channels, 2 groups: output 0 reads channels 0 and 1, output 1 reads 2 and 3.
        Case((np.array([1.0, 2.0, 4.0, 8.0]).reshape(1, 4, 1, 1),
              np.array([[1.0, 1.0], [1.0, -1.0]]).reshape(2, 2, 1, 1)), {"groups": 2},
             note="contiguous groups, not interleaved channels",
             expected=np.array([3.0, -4.0]).reshape(1, 2, 1, 1)),
        Case((np.ones((1, 6, 3, 3)), np.ones((4, 2, 1, 1))), {"groups": 4},
             note="4 groups do not divide 6 channels", raises="ValueError"),
        Case((np.ones((1, 4, 3, 3)), np.ones((6, 1, 1, 1))), {"groups": 2},
             note="the weight expects 2 input channels, x has 4", raises="ValueError"),
        Case((np.ones((1, 4, 3, 3)), np.ones((3, 2, 1, 1))), {"groups": 2},
             note="2 groups do not divide 3 output channels", raises="ValueError"),
        _case(rng, 2, 6, 6, 6, (5, 5), (3, 3), "depthwise 3x3, padding 1", padding=1),
        _case(rng, 1, 8, 4, 4, (6, 7), (3, 2), "4 groups, stride 2", stride=2),
        _case(rng, 2, 4, 8, 2, (4, 4), (2, 2), "2 groups, channel multiplier 4, no bias",
              bias=False, padding=2, stride=3),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        groups = int(rng.choice([1, 2, 3, 4]))
        c_in = groups * int(rng.integers(1, 4))
        c_out = groups * int(rng.integers(1, 4))
        n = int(rng.integers(1, 3))
        k = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
        s, p = int(rng.integers(1, 3)), int(rng.integers(0, 2))
        size = tuple(max(1, kk - 2 * p) + int(rng.integers(0, 4 + i // 3)) for kk in k)
        cases.append(_case(rng, n, c_in, c_out, groups, size, k,
                           f"{c_in} -> {c_out} channels in {groups} groups, input {size}, "
                           f"kernel {k}, stride {s}, padding {p}", bias=bool(i % 3),
                           stride=s, padding=p))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="group_conv2d",
    # float64 sums of at most a few dozen products in another order: ~1e-15 apart.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
