"""Cases for kan/kan-layer.

Expected values come from the library's layer, mlinterview.ml.models.kan.KANLinear (its
basis checked against scipy.interpolate.BSpline in tests/ml/test_models_kan.py), built in
float64 with the given base and spline weights; the first cases are worked by hand in the
statement.
"""

import math

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.models.kan import KANLinear


def reference(x, base_weight, spline_weight, grid_size, spline_order, grid_range=(-1.0, 1.0)):
    out_features, in_features = np.shape(base_weight)
    layer = KANLinear(in_features, out_features, grid_size, spline_order, grid_range,
                      dtype=np.float64, generator=np.random.default_rng(0))
    layer.base_weight.data[...] = base_weight
    layer.spline_weight.data[...] = spline_weight
    return layer(Tensor(np.asarray(x, dtype=np.float64))).data


def _silu(v):
    return v / (1 + math.exp(-v))


def _random(rng, n, d_in, d_out, grid, order, grid_range=(-1.0, 1.0), note=""):
    lo, hi = grid_range
    # Points inside the grid, in the extension, and beyond it (base term only).
    x = rng.uniform(lo - (hi - lo), hi + (hi - lo), size=(n, d_in))
    kwargs = {"grid_range": grid_range} if grid_range != (-1.0, 1.0) else {}
    return Case((x, rng.normal(size=(d_out, d_in)), rng.normal(size=(d_out, d_in, grid + order)),
                 grid, order), kwargs,
                note=note or f"N={n}, {d_in} -> {d_out}, grid {grid}, order {order}, "
                             f"range {grid_range}")


def fixed():
    rng = np.random.default_rng(6)
    return [
        Case((np.array([[0.5], [1.0], [-1.0]]), np.array([[1.0]]), np.array([[[2.0]]]), 1, 0),
             {"grid_range": (0.0, 1.0)}, note="worked example: one indicator plus silu",
             expected=np.array([[2 + _silu(0.5)], [_silu(1.0)], [_silu(-1.0)]])),
        Case((np.array([[0.5]]), np.zeros((1, 1)), np.array([[[1.0, 10.0, 100.0]]]), 2, 1),
             note="worked example: halfway between two hats", expected=np.array([[55.0]])),
        Case((np.array([[-1.5, 1.0]]), np.zeros((1, 2)), np.ones((1, 2, 3)), 2, 1),
             note="hats sum to 1 inside the grid; at -1.5 only half of one hat",
             expected=np.array([[0.5 + 1.0]])),
        Case((np.array([[5.0, -5.0]]), np.array([[2.0, 3.0]]), np.ones((1, 2, 8)), 5, 3),
             note="far outside the grid: only the base term",
             expected=np.array([[2 * _silu(5.0) + 3 * _silu(-5.0)]])),
        Case((np.array([[0.0], [0.3]]), np.array([[0.5], [-1.0]]), np.arange(6.0).reshape(2, 1, 3),
              2, 1), note="two outputs from one input: each edge its own function",
             expected=np.array([[1.0, 4.0], [0.5 * _silu(0.3) + 0.7 * 1 + 0.3 * 2,
                                            -_silu(0.3) + 0.7 * 4 + 0.3 * 5]])),
        _random(rng, 4, 3, 2, 5, 3, note="cubic on 5 intervals, the KAN default"),
        _random(rng, 3, 2, 4, 3, 2, grid_range=(-2.0, 4.0), note="another range"),
        _random(rng, 2, 5, 1, 1, 3, note="a single interval with cubic splines"),
    ]


def generated(rng):
    cases = []
    for i in range(24):
        n, d_in, d_out = (int(v) for v in rng.integers(1, 4 + i // 3, 3))
        grid, order = int(rng.integers(1, 9)), int(rng.integers(0, 4))
        lo = float(rng.uniform(-3, 0))
        grid_range = (-1.0, 1.0) if i % 2 else (lo, lo + float(rng.uniform(0.5, 4)))
        cases.append(_random(rng, n, d_in, d_out, grid, order, grid_range))
    return sorted(cases, key=lambda c: c.size)


SPEC = ExerciseSpec(
    function="kan_layer",
    # float64 basis values and sums of a few hundred products in another order.
    compare=AllClose(rtol=1e-9, atol=1e-11),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
