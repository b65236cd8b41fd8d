"""The differentiable operations of :class:`Tensor`, each forward next to its backward.

Each backward is the vector-Jacobian product: given ``g = dL/d(out)`` it returns
``dL/d(input) = g · d(out)/d(input)`` without ever building the Jacobian. Gradients of
broadcast inputs are returned at the broadcast shape; the engine sums them back.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from mlinterview.ml.autograd.tensor import Function, Tensor, _operand


# -- conversions ------------------------------------------------------------------------
class Cast(Function):
    def forward(self, x, dtype):
        self.dtype = x.dtype
        return x.astype(dtype)

    def backward(self, g):
        return (g.astype(self.dtype),)


class Clone(Function):
    def forward(self, x):
        return x.copy()

    def backward(self, g):
        return (g,)


# -- arithmetic: d(a+b) = da + db, d(ab) = b da + a db, d(a/b) = da/b - a db/b² -----------
class Add(Function):
    def forward(self, a, b):
        return np.add(a, b)

    def backward(self, g):
        return g, g


class Sub(Function):
    def forward(self, a, b):
        return np.subtract(a, b)

    def backward(self, g):
        return g, -g


class Mul(Function):
    def forward(self, a, b):
        self.a, self.b = a, b
        return np.multiply(a, b)

    def backward(self, g):
        need_a, need_b = self.needs_input_grad
        return (g * self.b if need_a else None), (g * self.a if need_b else None)


class Div(Function):
    def forward(self, a, b):
        self.a, self.b = a, b
        return np.divide(a, b)

    def backward(self, g):
        need_a, need_b = self.needs_input_grad
        ga = g / self.b if need_a else None
        gb = -g * self.a / np.square(self.b) if need_b else None
        return ga, gb


class Neg(Function):
    def forward(self, x):
        return np.negative(x)

    def backward(self, g):
        return (-g,)


class Pow(Function):
    """x ** p: d/dx = p x^(p-1), d/dp = x^p ln x (taken as 0 where x = 0 and p >= 0)."""

    def forward(self, x, p):
        self.x, self.p = x, p
        self.out = np.power(x, p)
        return self.out

    def backward(self, g):
        need_x, need_p = self.needs_input_grad
        gx = gp = None
        if need_x:
            gx = g * self.p * np.power(self.x, np.subtract(self.p, 1))
        if need_p:
            x = np.asarray(self.x)
            with np.errstate(divide="ignore", invalid="ignore"):
                log_x = np.log(np.where(x == 0, 1, x))
            gp = np.where((x == 0) & (np.asarray(self.p) >= 0), 0, g * self.out * log_x)
        return gx, gp


class MatMul(Function):
    """a @ b with NumPy's rules: 1-D operands are promoted to a row (a) or a column (b),
    leading dimensions broadcast. d(a@b)/da = g @ bᵀ, d(a@b)/db = aᵀ @ g.

    Both operands must have the same dtype, as in PyTorch: NumPy would silently compute
    float32 @ float64 in float64 (elementwise ops do promote, in both libraries).
    """

    def forward(self, a, b):
        a, b = np.asarray(a), np.asarray(b)
        if a.ndim == 0 or b.ndim == 0:
            raise ValueError("matmul: both operands must have at least one dimension, "
                             f"got shapes {a.shape} and {b.shape}")
        if a.shape[-1] != b.shape[-2 if b.ndim > 1 else 0]:
            raise ValueError(
                f"matmul: shapes {a.shape} and {b.shape} cannot be multiplied "
                f"({a.shape[-1]} != {b.shape[-2 if b.ndim > 1 else 0]})")
        if a.dtype != b.dtype:
            # TypeError, where PyTorch raises RuntimeError: in mlinterview.ml a wrong kind
            # of input is a TypeError (see nn/_dtypes.py); RuntimeError is for misuse of
            # the graph.
            raise TypeError(f"matmul: expected both operands to have the same dtype, got "
                            f"{a.dtype} and {b.dtype}; convert one with .to(np.{a.dtype})")
        self.a, self.b = a, b
        return np.matmul(a, b)

    def backward(self, g):
        a, b = self.a, self.b
        if a.ndim == 1 and b.ndim == 1:  # a dot product: a scalar out
            return g * b, g * a
        a2 = a[None, :] if a.ndim == 1 else a
        b2 = b[:, None] if b.ndim == 1 else b
        g2 = g
        if a.ndim == 1:
            g2 = np.expand_dims(g2, -2)
        if b.ndim == 1:
            g2 = np.expand_dims(g2, -1)
        need_a, need_b = self.needs_input_grad
        ga = gb = None
        if need_a:
            ga = np.matmul(g2, np.swapaxes(b2, -1, -2))
            ga = ga.reshape((*ga.shape[:-2], a.shape[-1])) if a.ndim == 1 else ga
        if need_b:
            gb = np.matmul(np.swapaxes(a2, -1, -2), g2)
            gb = gb.reshape((*gb.shape[:-2], b.shape[0])) if b.ndim == 1 else gb
        if a.ndim == 1 and ga is not None and ga.ndim > 1:
            ga = ga.reshape(-1, a.shape[0]).sum(0)
        if b.ndim == 1 and gb is not None and gb.ndim > 1:
            gb = gb.reshape(-1, b.shape[0]).sum(0)
        return ga, gb


# -- elementwise functions ----------------------------------------------------------------
class Exp(Function):
    def forward(self, x):
        self.out = np.exp(x)
        return self.out

    def backward(self, g):
        return (g * self.out,)


class Log(Function):
    def forward(self, x):
        self.x = x
        return np.log(x)

    def backward(self, g):
        return (g / self.x,)


class Sqrt(Function):
    def forward(self, x):
        self.out = np.sqrt(x)
        return self.out

    def backward(self, g):
        return (g / (2 * self.out),)


class Abs(Function):
    def forward(self, x):
        self.x = x
        return np.abs(x)

    def backward(self, g):
        return (g * np.sign(self.x),)  # sign(0) = 0: PyTorch's subgradient at the kink


class Clamp(Function):
    def forward(self, x, min=None, max=None):
        if min is None and max is None:
            raise ValueError("clamp: at least one of min and max must be given")
        self.x, self.lo, self.hi = x, min, max
        return np.clip(x, min, max)

    def backward(self, g):
        inside = np.ones(self.x.shape, dtype=bool)
        if self.lo is not None:
            inside &= self.x >= self.lo
        if self.hi is not None:
            inside &= self.x <= self.hi
        return (g * inside,)


class ReLU(Function):
    def forward(self, x):
        self.positive = x > 0
        return np.where(self.positive, x, 0).astype(x.dtype, copy=False)

    def backward(self, g):
        return (g * self.positive,)


class Sigmoid(Function):
    """σ(x) = 1 / (1 + e^-x), computed without overflow; σ' = σ (1 - σ)."""

    def forward(self, x):
        e = np.exp(-np.abs(x))
        self.out = np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype, copy=False)
        return self.out

    def backward(self, g):
        return (g * self.out * (1 - self.out),)


class Tanh(Function):
    def forward(self, x):
        self.out = np.tanh(x)
        return self.out

    def backward(self, g):
        return (g * (1 - self.out * self.out),)


class Sin(Function):
    def forward(self, x):
        self.x = x
        return np.sin(x)

    def backward(self, g):
        return (g * np.cos(self.x),)


class Cos(Function):
    def forward(self, x):
        self.x = x
        return np.cos(x)

    def backward(self, g):
        return (-g * np.sin(self.x),)


class Softmax(Function):
    """softmax(x)_i = e^(x_i - max x) / Σ_j e^(x_j - max x); subtracting the max changes
    nothing mathematically and keeps exp from overflowing. Backward: y ⊙ (g - Σ g ⊙ y)."""

    def forward(self, x, dim):
        z = np.exp(x - x.max(axis=dim, keepdims=True))
        self.dim = dim
        self.out = z / z.sum(axis=dim, keepdims=True)
        return self.out

    def backward(self, g):
        y = self.out
        return (y * (g - (g * y).sum(axis=self.dim, keepdims=True)),)


class LogSoftmax(Function):
    """log softmax(x) = x - max - log Σ e^(x - max): never takes the log of a 0.
    Backward: g - softmax ⊙ Σ g."""

    def forward(self, x, dim):
        shifted = x - x.max(axis=dim, keepdims=True)
        self.dim = dim
        self.out = shifted - np.log(np.exp(shifted).sum(axis=dim, keepdims=True))
        return self.out

    def backward(self, g):
        return (g - np.exp(self.out) * g.sum(axis=self.dim, keepdims=True),)


# -- reductions ---------------------------------------------------------------------------
def _axes(dim, ndim: int) -> tuple[int, ...] | None:
    if dim is None:
        return None
    dims = (dim,) if isinstance(dim, int | np.integer) else tuple(dim)
    for d in dims:
        if not -max(ndim, 1) <= d < max(ndim, 1):
            raise IndexError(
                f"dim {d} is out of range for a tensor with {ndim} dimension(s)")
    return tuple(sorted(d % max(ndim, 1) for d in dims)) if ndim else ()


def _expand_back(g: np.ndarray, shape: tuple[int, ...], axes, keepdim: bool) -> np.ndarray:
    """Broadcast a reduced gradient back to the input's shape."""
    if axes is None:
        return np.broadcast_to(g.reshape((1,) * len(shape)), shape)
    if not keepdim and axes:
        g = np.expand_dims(g, axes)
    return np.broadcast_to(g, shape)


class Sum(Function):
    def forward(self, x, dim=None, keepdim=False):
        self.shape, self.axes, self.keepdim = x.shape, _axes(dim, x.ndim), keepdim
        return np.sum(x, axis=self.axes, keepdims=keepdim)

    def backward(self, g):
        return (_expand_back(g, self.shape, self.axes, self.keepdim),)


class Mean(Function):
    def forward(self, x, dim=None, keepdim=False):
        self.shape, self.axes, self.keepdim = x.shape, _axes(dim, x.ndim), keepdim
        out = np.mean(x, axis=self.axes, keepdims=keepdim)
        self.count = x.size // max(out.size, 1) if x.size else 0
        return out.astype(x.dtype, copy=False)

    def backward(self, g):
        return (_expand_back(g, self.shape, self.axes, self.keepdim) / self.count,)


class Var(Function):
    """Σ (x - mean)² / (N - correction); d/dx = 2 (x - mean) / (N - correction)."""

    def forward(self, x, dim=None, keepdim=False, correction=1):
        self.axes, self.keepdim = _axes(dim, x.ndim), keepdim
        n = x.size if self.axes is None else int(np.prod([x.shape[a] for a in self.axes]))
        self.denominator = max(n - correction, 0)
        self.centered = x - x.mean(axis=self.axes, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            out = (self.centered**2).sum(axis=self.axes, keepdims=keepdim) / self.denominator
        return out.astype(x.dtype, copy=False)

    def backward(self, g):
        g = _expand_back(g, self.centered.shape, self.axes, self.keepdim)
        return (2 * g * self.centered / self.denominator,)


class Extreme(Function):
    """max/min over dims; ties share the gradient equally, as PyTorch's amax/amin."""

    def forward(self, x, dim=None, keepdim=False, reduce=np.max):
        if x.size == 0:
            raise ValueError("max/min of an empty tensor")
        self.x, self.axes, self.keepdim = x, _axes(dim, x.ndim), keepdim
        self.out = reduce(x, axis=self.axes, keepdims=keepdim)
        return self.out

    def backward(self, g):
        out = _expand_back(self.out, self.x.shape, self.axes, self.keepdim)
        hit = self.x == out
        count = hit.sum(axis=self.axes, keepdims=True)
        return (_expand_back(g, self.x.shape, self.axes, self.keepdim) * hit / count,)


def arg_reduce(x: np.ndarray, dim, keepdim: bool, arg) -> np.ndarray:
    if dim is None:
        out = np.asarray(arg(x))
        return out.reshape((1,) * x.ndim) if keepdim else out
    return arg(x, axis=dim, keepdims=keepdim)


class MaxDim(Function):
    """values, indices = max over one dim; the gradient goes to the index taken."""

    def forward(self, x, dim, keepdim, reduce, arg):
        dim = _axes(dim, x.ndim)[0]
        idx = arg(x, axis=dim, keepdims=True)
        self.shape, self.dim, self.idx, self.keepdim = x.shape, dim, idx, keepdim
        values = np.take_along_axis(x, idx, axis=dim)
        if not keepdim:
            values, idx = values.squeeze(dim), idx.squeeze(dim)
        return values, idx

    def backward(self, g):
        if not self.keepdim:
            g = np.expand_dims(g, self.dim)
        out = np.zeros(self.shape, dtype=g.dtype)
        np.put_along_axis(out, self.idx, g, axis=self.dim)
        return (out,)


def extremum(x: Tensor, dim, keepdim: bool, reduce, arg):
    if dim is None:
        return Extreme.apply(x, reduce=reduce)
    return MaxDim.apply(x, dim=dim, keepdim=keepdim, reduce=reduce, arg=arg)


# -- shape --------------------------------------------------------------------------------
class Reshape(Function):
    def forward(self, x, shape):
        self.shape = x.shape
        try:
            return x.reshape(shape)
        except ValueError:
            raise ValueError(
                f"shape {tuple(shape)} is invalid for input of size {x.size} "
                f"(shape {x.shape})") from None

    def backward(self, g):
        return (g.reshape(self.shape),)


class Permute(Function):
    def forward(self, x, dims):
        if sorted(d % max(x.ndim, 1) for d in dims) != list(range(x.ndim)):
            raise ValueError(f"permute: dims {dims} are not a permutation of the "
                             f"{x.ndim} dimensions of shape {x.shape}")
        self.dims = tuple(d % x.ndim for d in dims)
        return np.transpose(x, self.dims)

    def backward(self, g):
        return (np.transpose(g, np.argsort(self.dims)),)


class BroadcastTo(Function):
    def forward(self, x, shape):
        return np.broadcast_to(x, shape)

    def backward(self, g):
        return (g,)  # the engine sums back to the input's shape


def _is_advanced(index) -> bool:
    parts = index if isinstance(index, tuple) else (index,)
    return any(isinstance(p, np.ndarray | list) for p in parts)


class Index(Function):
    """x[index]. Backward scatters g into zeros; with integer-array indices the same
    element may be picked twice, so the scatter must add (``np.add.at``)."""

    def forward(self, x, index):
        self.shape, self.dtype, self.index = x.shape, x.dtype, index
        return x[index]

    def backward(self, g):
        out = np.zeros(self.shape, dtype=g.dtype)
        if _is_advanced(self.index):
            np.add.at(out, self.index, g)
        else:
            out[self.index] = g
        return (out,)


class Where(Function):
    def forward(self, cond, a, b):
        self.cond = np.asarray(cond, dtype=bool)
        return np.where(self.cond, a, b)

    def backward(self, g):
        _, need_a, need_b = self.needs_input_grad
        zero = np.zeros((), dtype=g.dtype)
        return (None, np.where(self.cond, g, zero) if need_a else None,
                np.where(self.cond, zero, g) if need_b else None)


def where(condition, input, other) -> Tensor:
    """Elementwise ``input if condition else other`` (gradient flows to the chosen one)."""
    cond = condition.data if isinstance(condition, Tensor) else np.asarray(condition)
    return Where.apply(cond, _operand(input), _operand(other))


class Cat(Function):
    def forward(self, *xs, dim=0):
        self.dim = dim
        self.splits = np.cumsum([x.shape[dim] for x in xs])[:-1]
        return np.concatenate(xs, axis=dim)

    def backward(self, g):
        return tuple(np.split(g, self.splits, axis=self.dim))


class Stack(Function):
    def forward(self, *xs, dim=0):
        self.dim = dim
        return np.stack(xs, axis=dim)

    def backward(self, g):
        return tuple(np.moveaxis(g, self.dim, 0))


def _check_sequence(tensors, name: str) -> list:
    if isinstance(tensors, Tensor) or not isinstance(tensors, Sequence) or not tensors:
        raise TypeError(f"{name} expects a non-empty list or tuple of tensors")
    return [t if isinstance(t, Tensor) else Tensor(t) for t in tensors]


def cat(tensors, dim: int = 0) -> Tensor:
    """Join tensors along an existing dimension."""
    ts = _check_sequence(tensors, "cat")
    ndim = ts[0].ndim
    for t in ts[1:]:
        if t.ndim != ndim or any(
                a != b for i, (a, b) in enumerate(zip(t.shape, ts[0].shape, strict=True))
                if i != dim % ndim):
            raise ValueError(f"cat: sizes must match except in dimension {dim}, got shapes "
                             f"{[tuple(x.shape) for x in ts]}")
    return Cat.apply(*ts, dim=dim % ndim)


def stack(tensors, dim: int = 0) -> Tensor:
    """Join same-shape tensors along a new dimension."""
    ts = _check_sequence(tensors, "stack")
    if len({t.shape for t in ts}) != 1:
        raise ValueError(f"stack expects each tensor to be equal size, got shapes "
                         f"{[tuple(t.shape) for t in ts]}")
    return Stack.apply(*ts, dim=dim % (ts[0].ndim + 1))
