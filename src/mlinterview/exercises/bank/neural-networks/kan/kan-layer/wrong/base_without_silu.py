"""Uses x itself in the base term instead of silu(x)."""
import numpy as np


def _bspline_basis(x, t, k):
    """B_{b,k}(x) on knots t for every entry of x: shape x.shape + (len(t) - k - 1,)."""
    x = x[..., None]
    B = ((x >= t[:-1]) & (x < t[1:])).astype(float)      # degree 0: half-open intervals
    for p in range(1, k + 1):
        left = (x - t[:-(p + 1)]) / (t[p:-1] - t[:-(p + 1)]) * B[..., :-1]
        right = (t[p + 1:] - x) / (t[p + 1:] - t[1:-p]) * B[..., 1:]
        B = left + right
    return B


def _silu(x):
    """x * sigmoid(x), with a sigmoid that never overflows."""
    e = np.exp(-np.abs(x))
    return x * np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def kan_layer(x, base_weight, spline_weight, grid_size, spline_order, grid_range=(-1.0, 1.0)):
    lo, hi = grid_range
    h = (hi - lo) / grid_size
    # G intervals on [lo, hi], extended by k knots on each side: G + k complete basis
    # functions on [lo, hi].
    knots = lo + h * np.arange(-spline_order, grid_size + spline_order + 1)
    basis = _bspline_basis(np.asarray(x, dtype=float), knots, spline_order)  # (N, in, G + k)
    base = x @ base_weight.T                                          # (N, out)
    # Each edge (o, i) has its own coefficients; the node o sums over its inputs i.
    spline = np.einsum("nib,oib->no", basis, spline_weight)
    return base + spline
