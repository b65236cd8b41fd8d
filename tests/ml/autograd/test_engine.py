"""The engine's semantics (accumulation, freed graphs, no_grad, deep graphs, errors) and
gradcheck on every op."""

import numpy as np
import pytest

from mlinterview.ml.autograd import (
    Function,
    GradcheckError,
    Tensor,
    cat,
    enable_grad,
    gradcheck,
    is_grad_enabled,
    no_grad,
    stack,
    tensor,
    where,
)

rng = np.random.default_rng(0)


def leaf(*shape, low=None):
    data = rng.uniform(low, 2.0, shape) if low is not None else rng.normal(size=shape)
    return Tensor(data, requires_grad=True)


def test_hand_worked_chain_rule():
    # f = (x·y + y)², df/dx = 2(xy + y)·y, df/dy = 2(xy + y)(x + 1); at x=1, y=3: 36 and 24.
    x, y = Tensor(1.0, requires_grad=True), Tensor(3.0, requires_grad=True)
    ((x * y + y) ** 2).backward()
    assert x.grad.item() == 36.0 and y.grad.item() == 24.0


def test_gradients_accumulate_across_backward_calls():
    x = Tensor([1.0, 2.0], requires_grad=True)
    (x * 3).sum().backward()
    (x * x).sum().backward()
    np.testing.assert_array_equal(x.grad.data, [3 + 2, 3 + 4])


def test_a_tensor_used_twice_gets_both_contributions():
    x = Tensor(3.0, requires_grad=True)
    y = x * 2
    (y * y + y).backward()  # d/dx (4x² + 2x) = 8x + 2 = 26
    assert x.grad.item() == 26.0


def test_backward_twice_through_a_freed_graph_is_refused():
    x = Tensor([1.0, 2.0], requires_grad=True)
    loss = (x.exp() * x).sum()
    loss.backward()
    with pytest.raises(RuntimeError, match=r"second time.*retain_graph=True"):
        loss.backward()


def test_retain_graph_allows_a_second_backward():
    x = Tensor([1.0, 2.0], requires_grad=True)
    loss = (x.exp() * x).sum()
    loss.backward(retain_graph=True)
    first = x.grad.data.copy()
    loss.backward()
    np.testing.assert_allclose(x.grad.data, 2 * first)


def test_a_chain_of_100_000_ops_needs_no_recursion():
    x = Tensor(np.array(1.0), requires_grad=True)  # float64: 1e5 roundings stay small
    y = x
    for _ in range(100_000):
        y = y * 1.00001
    y.backward()
    assert x.grad.item() == pytest.approx(1.00001**100_000, rel=1e-9)



def test_backward_of_non_scalar_needs_a_gradient():
    x = Tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(RuntimeError, match=r"only for scalar outputs.*shape \(2,\)"):
        (x * 2).backward()
    with pytest.raises(RuntimeError, match="gradient has shape \\(3,\\)"):
        (x * 2).backward(np.ones(3))


def test_backward_on_a_tensor_without_grad_is_refused():
    with pytest.raises(RuntimeError, match="does not require grad"):
        Tensor([1.0]).sum().backward()


def test_no_grad_records_nothing_and_restores_the_mode():
    x = Tensor([1.0], requires_grad=True)
    with no_grad():
        y = x * 2
        assert not is_grad_enabled()
        with enable_grad():
            z = x * 2
    assert is_grad_enabled()
    assert not y.requires_grad and y.grad_fn is None
    assert z.requires_grad and z.grad_fn is not None


def test_no_grad_as_decorator():
    @no_grad()
    def f(t):
        return t * 2

    assert not f(Tensor([1.0], requires_grad=True)).requires_grad


def test_detach_cuts_the_graph_and_shares_memory():
    x = Tensor([1.0, 2.0], requires_grad=True)
    d = (x * 2).detach()
    assert not d.requires_grad
    y = x.detach()
    y.data[0] = 5.0
    assert x.data[0] == 5.0


def test_retain_grad_keeps_intermediate_gradients():
    x = Tensor([1.0, 2.0], requires_grad=True)
    h = x * 3
    h.retain_grad()
    (h * h).sum().backward()
    np.testing.assert_array_equal(h.grad.data, [6.0, 12.0])


def test_dtypes_follow_pytorch():
    assert Tensor([1.0, 2.0]).dtype == np.float32
    assert Tensor([1, 2]).dtype == np.int64
    assert Tensor(np.array([1.0])).dtype == np.float64
    assert (Tensor([1.0]) * 2.5).dtype == np.float32  # a Python scalar does not promote
    assert tensor([1.0], dtype=np.float64).dtype == np.float64
    with pytest.raises(RuntimeError, match="floating point"):
        Tensor([1, 2], requires_grad=True)


def test_errors_name_the_shapes():
    with pytest.raises(ValueError, match=r"\(2, 3\) and \(4, 5\)"):
        Tensor(np.ones((2, 3))) @ Tensor(np.ones((4, 5)))
    with pytest.raises(ValueError, match="shape \\(5,\\) is invalid for input of size 6"):
        Tensor(np.ones((2, 3))).reshape(5)
    with pytest.raises(ValueError, match="sizes must match except in dimension 0"):
        cat([Tensor(np.ones((2, 3))), Tensor(np.ones((2, 4)))], 0)
    with pytest.raises(IndexError, match="dim 3 is out of range"):
        Tensor(np.ones((2, 3))).sum(3)


def test_inplace_on_a_leaf_that_requires_grad_is_refused_but_allowed_under_no_grad():
    w = Tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(RuntimeError, match="in-place"):
        w -= 1.0
    with no_grad():
        w -= 1.0
    np.testing.assert_array_equal(w.data, [0.0, 1.0])
    assert w.requires_grad and w.is_leaf


def test_numpy_of_a_tensor_that_requires_grad_is_refused():
    with pytest.raises(RuntimeError, match="detach"):
        Tensor([1.0], requires_grad=True).numpy()


# -- gradcheck on every op (float64, central differences) --------------------------------
OPS = [
    ("add", lambda a, b: a + b, [(3, 4), (4,)]),
    ("sub", lambda a, b: a - b, [(3, 1), (1, 4)]),
    ("mul", lambda a, b: a * b, [(2, 3), (2, 3)]),
    ("div", lambda a, b: a / b, [(2, 3), "pos(3,)"]),
    ("pow", lambda a, b: a**b, ["pos(2, 3)", (2, 3)]),
    ("pow scalar", lambda a: a**3, [(2, 3)]),
    ("matmul", lambda a, b: a @ b, [(2, 3, 4), (4, 2)]),
    ("matmul vec", lambda a, b: a @ b, [(4,), (4, 3)]),
    ("exp", lambda a: a.exp(), [(3,)]),
    ("log", lambda a: a.log(), ["pos(3,)"]),
    ("sqrt", lambda a: a.sqrt(), ["pos(3,)"]),
    ("abs", lambda a: a.abs(), [(3, 2)]),
    ("clamp", lambda a: a.clamp(-0.3, 0.4), [(4, 3)]),
    ("relu", lambda a: a.relu(), [(4, 3)]),
    ("sigmoid", lambda a: a.sigmoid(), [(4, 3)]),
    ("tanh", lambda a: a.tanh(), [(4, 3)]),
    ("sin cos", lambda a: a.sin() * a.cos(), [(3,)]),
    ("softmax", lambda a: a.softmax(1), [(3, 4)]),
    ("log_softmax", lambda a: a.log_softmax(0), [(3, 4)]),
    ("sum", lambda a: a.sum((0, 2), keepdim=True), [(2, 3, 2)]),
    ("mean", lambda a: a.mean(1), [(2, 3, 2)]),
    ("var", lambda a: a.var(1), [(2, 3, 2)]),
    ("std", lambda a: a.std(), [(2, 3)]),
    ("max dim", lambda a: a.max(1)[0], [(3, 4)]),
    ("amin", lambda a: a.amin(0), [(3, 4)]),
    ("reshape permute", lambda a: a.reshape(3, 4).permute(1, 0), [(2, 6)]),
    ("index", lambda a: a[[0, 0, 2], 1:], [(3, 4)]),
    ("cat", lambda a, b: cat([a, b], 1), [(2, 3), (2, 1)]),
    ("stack", lambda a, b: stack([a, b], 2), [(2, 3), (2, 3)]),
    ("where", lambda a, b: where(a.data > 0, a, b), [(3, 3), (3, 3)]),
    ("expand", lambda a: a.expand(3, 4), [(1, 4)]),
    ("cast", lambda a: a.float().double() * 2, [(3,)]),
]


def _make(spec):
    if isinstance(spec, str):  # "pos(shape)": strictly positive entries
        return leaf(*eval(spec[3:]), low=0.5)
    return leaf(*spec)


@pytest.mark.parametrize("name, fn, specs", OPS, ids=[o[0] for o in OPS])
def test_gradcheck_every_op(name, fn, specs):
    inputs = [_make(s) for s in specs]
    if name == "cast":
        # float32 round-trip loses precision; check it at a looser tolerance.
        assert gradcheck(fn, inputs, eps=1e-3, atol=1e-3, rtol=1e-3)
    else:
        assert gradcheck(fn, inputs)


def test_gradcheck_catches_a_wrong_backward():
    class WrongSquare(Function):
        def forward(self, x):
            self.x = x
            return x * x

        def backward(self, g):
            return (g * self.x,)  # missing the factor 2

    with pytest.raises(GradcheckError, match=r"numerical .* vs analytical"):
        gradcheck(lambda x: WrongSquare.apply(x), [leaf(3)])
    assert gradcheck(lambda x: WrongSquare.apply(x), [leaf(3)], raise_exception=False) is False


def test_gradcheck_wants_float64():
    with pytest.raises(ValueError, match="float64"):
        gradcheck(lambda x: x * 2, [Tensor(np.ones(2, dtype=np.float32), requires_grad=True)])
