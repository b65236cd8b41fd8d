"""KAN: B-spline bases against SciPy (atol 1e-12), gradients by finite differences, and
the layer's algebra (parameter count, edge functions summing to the output)."""

import numpy as np
import pytest
from scipy.interpolate import BSpline

from mlinterview.ml.autograd import Tensor, gradcheck
from mlinterview.ml.models.kan import (
    KAN,
    BSplineBasis,
    KANLinear,
    bspline_basis_values,
    count_parameters,
    make_grid,
)


@pytest.mark.parametrize("grid_size, order", [(1, 0), (3, 1), (5, 2), (5, 3), (8, 3), (4, 5)])
def test_basis_matches_scipy_design_matrix(grid_size, order):
    t = make_grid(grid_size, order, (-2.0, 3.0))
    x = np.random.default_rng(0).uniform(-2.0, 2.999, 50)
    ours = bspline_basis_values(x, t, order)
    ref = BSpline.design_matrix(x, t, order).toarray()
    np.testing.assert_allclose(ours, ref, atol=1e-12)
    np.testing.assert_allclose(ours.sum(axis=1), 1.0, atol=1e-12)  # partition of unity


def test_basis_is_zero_outside_the_extended_grid():
    t = make_grid(4, 3)
    assert np.all(bspline_basis_values(np.array([-10.0, 10.0]), t, 3) == 0)


def test_basis_has_grid_plus_order_functions():
    assert bspline_basis_values(np.zeros((2, 3)), make_grid(7, 3), 3).shape == (2, 3, 10)


@pytest.mark.parametrize("order", [1, 2, 3])
def test_basis_gradient(order):
    t = make_grid(5, order)
    x = Tensor(np.random.default_rng(1).uniform(-0.95, 0.95, (3, 4)), requires_grad=True)
    assert gradcheck(lambda v: BSplineBasis.apply(v, grid=t, order=order), [x])


def test_kan_gradients_for_inputs_and_parameters():
    model = KAN([3, 4, 2], grid_size=4, dtype=np.float64, generator=np.random.default_rng(0))
    X = Tensor(np.random.default_rng(2).uniform(-1, 1, (5, 3)), requires_grad=True)
    assert gradcheck(lambda x, *p: model(x), [X, *model.parameters()])


def test_parameter_count():
    # Each edge: G + k spline coefficients and one base weight.
    model = KAN([2, 5, 1], grid_size=5, spline_order=3)
    edges = 2 * 5 + 5 * 1
    assert count_parameters(model) == edges * (5 + 3 + 1)


def test_output_is_the_sum_of_edge_functions():
    layer = KANLinear(3, 2, grid_size=6, dtype=np.float64, generator=np.random.default_rng(3))
    x = np.random.default_rng(4).uniform(-1, 1, (7, 3))
    out = layer(Tensor(x)).data
    by_edges = np.stack([sum(layer.edge_function(o, i, x[:, i]) for i in range(3))
                         for o in range(2)], axis=1)
    np.testing.assert_allclose(out, by_edges, rtol=1e-10, atol=1e-12)


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="grid_size must be a positive integer"):
        KANLinear(2, 3, grid_size=0)
    with pytest.raises(ValueError, match=r"expected input \(N, 2\)"):
        KANLinear(2, 3)(Tensor(np.zeros((4, 3))))
    with pytest.raises(ValueError, match="grid_range must be increasing"):
        make_grid(3, 3, (1.0, -1.0))
