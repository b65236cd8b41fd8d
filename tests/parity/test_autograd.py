"""Every autograd op against PyTorch 2.13: forward values and input gradients.

Tolerances: rtol 1e-5 (float64), 1e-4 (float32), with atol 1e-6 / 1e-5 for entries near 0.
The upstream gradient is random (not ones), so a backward that ignores it fails.
"""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis.extra import numpy as hnp

from mlinterview.ml.autograd import Tensor, cat, stack, where

TOL = {np.float64: (1e-5, 1e-6), np.float32: (1e-4, 1e-5)}
DTYPES = [np.float64, np.float32]


def run_both(fn_ours, fn_torch, arrays, dtype, seed=0):
    """Forward and backward through both libraries with the same upstream gradient."""
    ours = [Tensor(a.astype(dtype), requires_grad=True) for a in arrays]
    theirs = [torch.tensor(a.astype(dtype), requires_grad=True) for a in arrays]
    out, ref = fn_ours(*ours), fn_torch(*theirs)
    rtol, atol = TOL[dtype]
    np.testing.assert_allclose(out.data, ref.detach().numpy(), rtol=rtol, atol=atol)
    assert out.dtype == ref.detach().numpy().dtype
    g = np.random.default_rng(seed).normal(size=ref.shape).astype(dtype)
    out.backward(g)
    ref.backward(torch.tensor(g))
    for mine, other in zip(ours, theirs, strict=True):
        expected = other.grad.numpy() if other.grad is not None else np.zeros(other.shape)
        np.testing.assert_allclose(mine.grad.data, expected, rtol=rtol, atol=atol)
        assert mine.grad.shape == mine.shape


rng = np.random.default_rng(0)
positive = rng.uniform(0.5, 2.0, (3, 4))
anything = rng.normal(size=(3, 4))

UNARY = [
    ("exp", lambda x: x.exp(), torch.exp, anything),
    ("log", lambda x: x.log(), torch.log, positive),
    ("sqrt", lambda x: x.sqrt(), torch.sqrt, positive),
    ("abs", lambda x: x.abs(), torch.abs, anything),
    ("neg", lambda x: -x, torch.neg, anything),
    ("relu", lambda x: x.relu(), torch.relu, anything),
    ("sigmoid", lambda x: x.sigmoid(), torch.sigmoid, anything * 10),
    ("tanh", lambda x: x.tanh(), torch.tanh, anything),
    ("sin", lambda x: x.sin(), torch.sin, anything),
    ("cos", lambda x: x.cos(), torch.cos, anything),
    ("pow 3", lambda x: x**3, lambda x: x**3, anything),
    ("pow -0.5", lambda x: x**-0.5, lambda x: x**-0.5, positive),
    ("rpow", lambda x: 2.0**x, lambda x: 2.0**x, anything),
    ("clamp", lambda x: x.clamp(-0.5, 0.7), lambda x: x.clamp(-0.5, 0.7), anything),
    ("clamp min", lambda x: x.clamp(min=0.1), lambda x: x.clamp(min=0.1), anything),
    ("softmax 1", lambda x: x.softmax(1), lambda x: x.softmax(1), anything * 30),
    ("softmax 0", lambda x: x.softmax(0), lambda x: x.softmax(0), anything),
    ("log_softmax", lambda x: x.log_softmax(-1), lambda x: x.log_softmax(-1), anything * 50),
    ("scalar ops", lambda x: (3 - x) / 2 + 1 * x, lambda x: (3 - x) / 2 + 1 * x, anything),
    ("rdiv", lambda x: 1 / x, lambda x: 1 / x, positive),
]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name, ours, theirs, data", UNARY, ids=[u[0] for u in UNARY])
def test_unary(name, ours, theirs, data, dtype):
    run_both(ours, theirs, [data], dtype)


REDUCTIONS = [
    ("sum", lambda x: x.sum(), lambda x: x.sum()),
    ("sum dim", lambda x: x.sum(1), lambda x: x.sum(1)),
    ("sum dims keepdim", lambda x: x.sum((0, 2), keepdim=True),
     lambda x: x.sum((0, 2), keepdim=True)),
    ("mean", lambda x: x.mean(), lambda x: x.mean()),
    ("mean dim -1", lambda x: x.mean(-1), lambda x: x.mean(-1)),
    ("var", lambda x: x.var(), lambda x: x.var()),
    ("var dim biased", lambda x: x.var(1, unbiased=False), lambda x: x.var(1, unbiased=False)),
    ("var keepdim", lambda x: x.var(0, keepdim=True), lambda x: x.var(0, keepdim=True)),
    ("std", lambda x: x.std(2), lambda x: x.std(2)),
    ("max dim", lambda x: x.max(1)[0], lambda x: x.max(1)[0]),
    ("min dim keepdim", lambda x: x.min(2, keepdim=True)[0],
     lambda x: x.min(2, keepdim=True)[0]),
    ("amax", lambda x: x.amax((1, 2)), lambda x: x.amax((1, 2))),
    ("max all", lambda x: x.max(), lambda x: x.max()),
]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name, ours, theirs", REDUCTIONS, ids=[r[0] for r in REDUCTIONS])
def test_reductions(name, ours, theirs, dtype):
    run_both(ours, theirs, [rng.normal(size=(2, 3, 4))], dtype)


def test_max_with_ties_splits_the_gradient_like_pytorch():
    data = np.array([[1.0, 3.0, 3.0], [2.0, 2.0, 2.0]])
    run_both(lambda x: x.max(), lambda x: x.max(), [data], np.float64)
    run_both(lambda x: x.amax(1), lambda x: x.amax(1), [data], np.float64)


def test_max_dim_returns_indices():
    x = rng.normal(size=(4, 5))
    values, idx = Tensor(x).max(1)
    ref_values, ref_idx = torch.tensor(x).max(1)
    np.testing.assert_array_equal(idx.data, ref_idx.numpy())
    np.testing.assert_allclose(values.data, ref_values.numpy())


BINARY_SHAPES = [((3, 4), (3, 4)), ((3, 4), (4,)), ((2, 1, 4), (3, 1)), ((1,), (5, 2)),
                 ((), (2, 3)), ((4, 1), (1, 5))]
BINARY = [
    ("add", lambda a, b: a + b),
    ("sub", lambda a, b: a - b),
    ("mul", lambda a, b: a * b),
    ("div", lambda a, b: a / b),
    ("pow", lambda a, b: a.abs() ** b),
]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shapes", BINARY_SHAPES, ids=str)
@pytest.mark.parametrize("name, op", BINARY, ids=[b[0] for b in BINARY])
def test_binary_broadcasting(name, op, shapes, dtype):
    a = rng.normal(size=shapes[0])
    b = rng.uniform(0.5, 2.0, size=shapes[1])  # positive: safe for div and pow
    run_both(op, op, [a, b], dtype)


@given(shapes=hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=4,
                                                max_side=4))
@settings(max_examples=40, deadline=None)
def test_broadcasting_gradients_hypothesis(shapes):
    a = np.random.default_rng(1).normal(size=shapes.input_shapes[0])
    b = np.random.default_rng(2).normal(size=shapes.input_shapes[1])
    run_both(lambda x, y: x * y + x, lambda x, y: x * y + x, [a, b], np.float64)


MATMUL_SHAPES = [((3, 4), (4, 5)), ((4,), (4, 5)), ((3, 4), (4,)), ((4,), (4,)),
                 ((2, 3, 4), (4, 5)), ((2, 3, 4), (2, 4, 5)), ((1, 3, 4), (6, 4, 2)),
                 ((5, 1, 3, 4), (2, 4, 3)), ((4,), (2, 4, 3)), ((2, 3, 4), (4,))]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shapes", MATMUL_SHAPES, ids=str)
def test_matmul(shapes, dtype):
    a, b = rng.normal(size=shapes[0]), rng.normal(size=shapes[1])
    run_both(lambda x, y: x @ y, lambda x, y: x @ y, [a, b], dtype)


SHAPE_OPS = [
    ("reshape", lambda x: x.reshape(4, 6), lambda x: x.reshape(4, 6)),
    ("view -1", lambda x: x.view(-1, 3), lambda x: x.view(-1, 3)),
    ("transpose", lambda x: x.transpose(0, 2), lambda x: x.transpose(0, 2)),
    ("permute", lambda x: x.permute(2, 0, 1), lambda x: x.permute(2, 0, 1)),
    ("T of 2-d", lambda x: x.reshape(6, 4).T, lambda x: x.reshape(6, 4).T),
    ("flatten", lambda x: x.flatten(1), lambda x: x.flatten(1)),
    ("unsqueeze", lambda x: x.unsqueeze(1), lambda x: x.unsqueeze(1)),
    ("squeeze", lambda x: x[:, :1].squeeze(1), lambda x: x[:, :1].squeeze(1)),
    ("expand", lambda x: x[:, :1].expand(2, 5, 4), lambda x: x[:, :1].expand(2, 5, 4)),
    ("slice", lambda x: x[1:, ::2, -1], lambda x: x[1:, ::2, -1]),
    ("int index", lambda x: x[0, 1], lambda x: x[0, 1]),
    ("ellipsis", lambda x: x[..., 1:3], lambda x: x[..., 1:3]),
    ("none", lambda x: x[None, 0], lambda x: x[None, 0]),
    ("gather with repeats", lambda x: x[[0, 0, 1], [2, 2, 0]],
     lambda x: x[[0, 0, 1], [2, 2, 0]]),
    ("bool mask", lambda x: x[Tensor(np.arange(24).reshape(2, 3, 4) % 3 == 0)],
     lambda x: x[torch.tensor(np.arange(24).reshape(2, 3, 4) % 3 == 0)]),
    ("array rows", lambda x: x[np.array([1, 0, 1])], lambda x: x[torch.tensor([1, 0, 1])]),
]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name, ours, theirs", SHAPE_OPS, ids=[s[0] for s in SHAPE_OPS])
def test_shape_and_indexing(name, ours, theirs, dtype):
    run_both(ours, theirs, [rng.normal(size=(2, 3, 4))], dtype)


@pytest.mark.parametrize("dim", [0, 1, -1])
def test_cat_and_stack(dim):
    arrays = [rng.normal(size=(2, 3)), rng.normal(size=(2, 3)), rng.normal(size=(2, 3))]
    run_both(lambda *xs: cat(list(xs), dim), lambda *xs: torch.cat(xs, dim), arrays,
             np.float64)
    run_both(lambda *xs: stack(list(xs), dim), lambda *xs: torch.stack(xs, dim), arrays,
             np.float64)


def test_cat_of_different_lengths():
    arrays = [rng.normal(size=(2, 1)), rng.normal(size=(2, 4))]
    run_both(lambda a, b: cat([a, b], 1), lambda a, b: torch.cat([a, b], 1), arrays,
             np.float64)


def test_where():
    cond = rng.random((3, 4)) > 0.5
    run_both(lambda a, b: where(cond, a, b), lambda a, b: torch.where(torch.tensor(cond), a, b),
             [rng.normal(size=(3, 4)), rng.normal(size=(4,))], np.float64)


def test_a_composite_expression():
    def f(x, w, b):
        h = (x @ w + b).tanh()
        return (h * h.sigmoid()).log_softmax(1).sum(1).mean() + (w**2).sum() * 0.01

    def g(x, w, b):
        h = (x @ w + b).tanh()
        return torch.log_softmax(h * torch.sigmoid(h), 1).sum(1).mean() + (w**2).sum() * 0.01

    arrays = [rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=(4,))]
    for dtype in DTYPES:
        run_both(f, g, arrays, dtype)
