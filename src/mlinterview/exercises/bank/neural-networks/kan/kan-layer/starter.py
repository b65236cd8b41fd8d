import numpy as np


def kan_layer(x, base_weight, spline_weight, grid_size, spline_order, grid_range=(-1.0, 1.0)):
    """A KAN layer: y[n, o] = sum_i base_weight[o, i] silu(x[n, i])
    + sum_i sum_b spline_weight[o, i, b] B_b(x[n, i]); x (N, in) -> y (N, out)."""
    raise NotImplementedError("extended grid, B-spline basis per input, then sum over edges")
