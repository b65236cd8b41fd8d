"""Cases for atrous-conv/dilated-conv1d.

Expected values come from mlinterview.ml.nn.functional.conv1d (including its "same"
padding; checked against PyTorch in tests/parity/test_nn_conv.py); the first cases are
worked by hand in the statement.
"""

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn.functional import conv1d


def reference(x, weight, bias=None, dilation=1, padding=0):
    b = None if bias is None else Tensor(np.asarray(bias, dtype=np.float64))
    return conv1d(Tensor(np.asarray(x, dtype=np.float64)),
                  Tensor(np.asarray(weight, dtype=np.float64)), b, 1, padding,
                  dilation).numpy()


def _arr(*v):
    return np.array(v, dtype=np.float64)[None, None, :]


def _case(rng, n, c_in, c_out, length, k, note, bias=True, **kwargs):
    b = rng.normal(size=c_out) if bias else None
    return Case((rng.normal(size=(n, c_in, length)), rng.normal(size=(c_out, c_in, k)), b),
                kwargs, note=note)


def fixed():
    x7 = _arr(1, 2, 3, 4, 5, 6, 7)
    w = _arr(1, 0, -1)
    rng = np.random.default_rng(17)
    return [
        Case((x7, w), {"dilation": 2}, note="worked example: x[i] - x[i + 4]",
             expected=_arr(-4, -4, -4)),
        Case((x7, w), {"dilation": 2, "padding": "same"},
             note="same padding: d(k - 1) = 4 zeros, 2 each side",
             expected=_arr(-3, -4, -4, -4, -4, 4, 5)),
        Case((_arr(1, 2, 3), _arr(1, 1)), {"padding": "same"},
             note="even kernel, same: the extra zero goes right", expected=_arr(3, 5, 3)),
        Case((_arr(1, 2, 3, 4), _arr(1, 1)), {"dilation": 3, "padding": "same"},
             note="odd total padding 3: 1 left, 2 right", expected=_arr(3, 5, 2, 3)),
        Case((x7, w), {"dilation": 3}, note="dilation 3: span 7, one output",
             expected=_arr(-6)),
        Case((x7, w), {"dilation": 2, "padding": "valid"}, note="'valid' means no padding",
             expected=_arr(-4, -4, -4)),
        Case((_arr(1, 2), _arr(2, 3)), {"dilation": 2, "padding": 1},
             note="integer padding on both ends", expected=_arr(6, 2)),
        Case((x7, _arr(1, 2, 3), np.array([0.5])), note="dilation 1 is an ordinary conv",
             expected=_arr(14.5, 20.5, 26.5, 32.5, 38.5)),
        _case(rng, 2, 3, 2, 12, 3, "batch and channels, dilation 4, same", dilation=4,
              padding="same"),
        _case(rng, 1, 2, 3, 9, 4, "even kernel, dilation 1, same", padding="same"),
        _case(rng, 1, 1, 1, 10, 2, "no bias, dilation 5", bias=False, dilation=5),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n, c_in, c_out = (int(v) for v in rng.integers(1, 4, 3))
        k, d = int(rng.integers(1, 6)), int(rng.integers(1, 6))
        padding = ["same", 0, int(rng.integers(0, 4)), "valid"][i % 4]
        extra = int(rng.integers(0, 6 + i))
        p = padding if isinstance(padding, int) else 0
        length = max(1, d * (k - 1) + 1 - 2 * p) + extra
        if padding == "same":
            length = 1 + extra
        cases.append(_case(rng, n, c_in, c_out, length, k,
                           f"x {(n, c_in, length)}, k {k}, dilation {d}, padding {padding!r}",
                           bias=bool(i % 3), dilation=d, padding=padding))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="dilated_conv1d",
    # float64 sums of a few dozen products in another order: ~1e-15 apart.
    compare=AllClose(rtol=1e-9, atol=1e-12),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
