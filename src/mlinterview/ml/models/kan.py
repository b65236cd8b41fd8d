"""Kolmogorov–Arnold networks: learnable functions on the edges instead of fixed ones on
the nodes.

An MLP layer computes ``act(W x)``: the weights are numbers on the edges and the
non-linearity is fixed at the nodes. A KAN layer puts a learnable univariate function
φ_{o,i} on every edge and only sums at the nodes:

    y_o = Σ_i φ_{o,i}(x_i),     φ(x) = w_base · silu(x) + Σ_b c_b · B_b(x)

where B_b are B-spline basis functions of order k on a grid of G intervals, so each edge has
G + k spline coefficients plus one base weight. The Kolmogorov–Arnold representation
theorem says every continuous function of n variables is a sum of compositions of
univariate functions, Σ_q Φ_q(Σ_p φ_{q,p}(x_p)); stacking KAN layers generalises that
two-layer form.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from mlinterview.ml import nn
from mlinterview.ml.autograd import Function, Tensor


def make_grid(grid_size: int, spline_order: int, grid_range=(-1.0, 1.0)) -> np.ndarray:
    """Uniform knots t_0 < ... extended by ``spline_order`` knots on each side, so that
    exactly ``grid_size + spline_order`` basis functions are complete on ``grid_range``.
    Shape (grid_size + 2 * spline_order + 1,)."""
    lo, hi = grid_range
    if not hi > lo:
        raise ValueError(f"grid_range must be increasing, got {grid_range}")
    h = (hi - lo) / grid_size
    return lo + h * np.arange(-spline_order, grid_size + spline_order + 1, dtype=np.float64)


def _basis_orders(x: np.ndarray, t: np.ndarray, k: int) -> list[np.ndarray]:
    """B-spline bases of orders 0..k at x by the Cox–de Boor recursion.

    Element p has shape x.shape + (len(t) - p - 1,): B_{i,p}(x) for every i.
    """
    x = x[..., None]
    # Order 0: the indicator of the knot interval containing x.
    bases = [((x >= t[:-1]) & (x < t[1:])).astype(np.float64)]
    for p in range(1, k + 1):
        prev = bases[-1]
        left = (x - t[: -(p + 1)]) / (t[p:-1] - t[: -(p + 1)]) * prev[..., :-1]
        right = (t[p + 1:] - x) / (t[p + 1:] - t[1:-p]) * prev[..., 1:]
        bases.append(left + right)
    return bases


def bspline_basis_values(x: np.ndarray, t: np.ndarray, k: int) -> np.ndarray:
    """B_{i,k}(x) for every basis function i: shape x.shape + (len(t) - k - 1,)."""
    return _basis_orders(np.asarray(x, dtype=np.float64), np.asarray(t, np.float64), k)[-1]


class BSplineBasis(Function):
    """x (..., n) -> B(x) (..., n, n_basis); differentiable in x.

    dB_{i,k}/dx = k/(t_{i+k} - t_i) · B_{i,k-1}(x) - k/(t_{i+k+1} - t_{i+1}) · B_{i+1,k-1}(x).
    """

    def forward(self, x, grid, order):
        bases = _basis_orders(x.astype(np.float64), grid, order)
        self.grid, self.order, self.dtype = grid, order, x.dtype
        self.lower = bases[-2] if order > 0 else None
        return bases[-1].astype(x.dtype)

    def backward(self, g):
        if self.order == 0:
            return (np.zeros(g.shape[:-1], dtype=g.dtype),)
        t, k, lower = self.grid, self.order, self.lower
        left = k / (t[k:-1] - t[: -(k + 1)])
        right = k / (t[k + 1:] - t[1:-k])
        d = left * lower[..., :-1] - right * lower[..., 1:]
        return ((g * d).sum(axis=-1).astype(self.dtype),)


class KANLinear(nn.Module):
    """A KAN layer: (N, in_features) -> (N, out_features), one learnable function per edge.

    Args:
        grid_size: intervals G of the spline grid on ``grid_range``.
        spline_order: k (3 = cubic). Each edge has G + k spline coefficients.
        base_activation: the fixed part of each edge function (SiLU in the KAN paper),
            which also keeps a useful gradient outside the grid.
    """

    def __init__(self, in_features: int, out_features: int, grid_size: int = 5,
                 spline_order: int = 3, grid_range=(-1.0, 1.0), base_activation=nn.SiLU,
                 scale_spline: float = 0.1, dtype=np.float32,
                 generator: np.random.Generator | None = None):
        super().__init__()
        for name, value in (("in_features", in_features), ("out_features", out_features),
                            ("grid_size", grid_size)):
            if not isinstance(value, int | np.integer) or value <= 0:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        if not isinstance(spline_order, int | np.integer) or spline_order < 0:
            raise ValueError(f"spline_order must be a non-negative integer, got {spline_order!r}")
        self.in_features, self.out_features = in_features, out_features
        self.grid_size, self.spline_order = grid_size, spline_order
        self.grid = make_grid(grid_size, spline_order, grid_range)
        self.base_activation = base_activation()
        n_basis = grid_size + spline_order
        rng = generator if generator is not None else np.random.default_rng()
        bound = 1 / math.sqrt(in_features)
        self.base_weight = nn.Parameter(
            rng.uniform(-bound, bound, (out_features, in_features)).astype(dtype))
        # Small spline coefficients: the layer starts close to its base (SiLU) part.
        self.spline_weight = nn.Parameter(
            rng.normal(0, scale_spline / math.sqrt(in_features),
                       (out_features, in_features, n_basis)).astype(dtype))

    def forward(self, x):
        if x.ndim != 2 or x.shape[1] != self.in_features:
            raise ValueError(f"KANLinear({self.in_features}, {self.out_features}): expected "
                             f"input (N, {self.in_features}), got {tuple(x.shape)}")
        base = self.base_activation(x) @ self.base_weight.T
        basis = BSplineBasis.apply(x, grid=self.grid, order=self.spline_order)
        n = x.shape[0]
        flat_basis = basis.reshape(n, -1)  # (N, in * n_basis)
        flat_coef = self.spline_weight.reshape(self.out_features, -1)
        return base + flat_basis @ flat_coef.T

    def edge_function(self, out_index: int, in_index: int, x: np.ndarray) -> np.ndarray:
        """φ_{o,i}(x) on a grid of points x (1-D): the learned function of one edge."""
        x = np.asarray(x, dtype=np.float64)
        act = self.base_activation(Tensor(x)).data
        spline = bspline_basis_values(x, self.grid, self.spline_order) \
            @ self.spline_weight.data[out_index, in_index].astype(np.float64)
        return float(self.base_weight.data[out_index, in_index]) * act + spline

    def extra_repr(self) -> str:
        return (f"in_features={self.in_features}, out_features={self.out_features}, "
                f"grid_size={self.grid_size}, spline_order={self.spline_order}")


class KAN(nn.Module):
    """A stack of KAN layers with the given widths, e.g. ``KAN([2, 5, 1])``."""

    def __init__(self, widths, grid_size: int = 5, spline_order: int = 3,
                 grid_range=(-1.0, 1.0), dtype=np.float32,
                 generator: np.random.Generator | None = None):
        super().__init__()
        widths = list(widths)
        if len(widths) < 2:
            raise ValueError(f"widths needs at least an input and an output width, got {widths}")
        self.layers = nn.ModuleList(
            KANLinear(a, b, grid_size, spline_order, grid_range, dtype=dtype,
                      generator=generator)
            for a, b in itertools.pairwise(widths))

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


def count_parameters(module: nn.Module) -> int:
    """Number of scalar parameters."""
    return sum(p.numel() for p in module.parameters())
