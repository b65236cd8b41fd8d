"""A reverse-mode automatic differentiation engine on NumPy, with PyTorch's semantics.

Every operation is a :class:`Function`: ``forward`` computes the output array from input
arrays and saves what the derivative will need; ``backward`` receives dL/d(output) and
returns dL/d(input) for each input (the vector-Jacobian product). A result that depends on
a tensor with ``requires_grad`` remembers the function that made it (``grad_fn``), so the
results form a graph from the loss back to the leaves.

``loss.backward()`` walks that graph once, in reverse topological order, so each node's
gradient is complete (summed over every path) before it is pushed further back. The order
is found with an explicit stack, not recursion: a chain of 100,000 operations is fine.
Gradients of leaves *accumulate* into ``.grad`` across calls, as in PyTorch; that is why
training loops call ``zero_grad()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from mlinterview.ml.autograd.grad_mode import is_grad_enabled

_FLOATS = (np.float16, np.float32, np.float64)


def _as_array(data: Any, dtype: Any = None) -> np.ndarray:
    """An ndarray from data: Python floats become float32 and ints int64, like PyTorch."""
    if isinstance(data, Tensor):
        data = data.data
    if isinstance(data, np.ndarray):
        arr = data
    else:
        arr = np.asarray(data)
        if arr.dtype == np.float64 and not _has_numpy_float64(data):
            arr = arr.astype(np.float32)
    if dtype is not None:
        arr = arr.astype(dtype, copy=False)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"data must be numeric, got an array of dtype {arr.dtype}")
    return arr


def _has_numpy_float64(data: Any) -> bool:
    if isinstance(data, np.floating | np.ndarray):
        return data.dtype == np.float64
    if isinstance(data, list | tuple):
        return any(_has_numpy_float64(d) for d in data)
    return False


def unbroadcast(grad: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum ``grad`` down to ``shape``: the adjoint of broadcasting.

    An input of shape (3, 1) broadcast to (2, 3, 4) was used 2 * 4 times per element, so
    its gradient is the sum over the new leading axis and over the stretched axis.
    """
    if grad.shape == shape:
        return grad
    extra = grad.ndim - len(shape)
    if extra:
        grad = grad.sum(axis=tuple(range(extra)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if stretched:
        grad = grad.sum(axis=stretched, keepdims=True)
    return grad


class Function:
    """One differentiable operation. Subclasses define ``forward`` and ``backward``.

    ``forward(*arrays, **options)`` takes NumPy arrays (and plain Python values) and returns
    the output array; it may store what ``backward`` needs on ``self``. ``backward(grad)``
    takes dL/d(output), an array of the output's shape, and returns one gradient (or
    ``None``) per positional input. Gradients of broadcast inputs may keep the broadcast
    shape: the engine sums them back (see :func:`unbroadcast`).
    """

    inputs: tuple[Any, ...] = ()
    needs_input_grad: tuple[bool, ...] = ()
    _freed = False

    def forward(self, *args: Any, **kwargs: Any) -> np.ndarray:  # pragma: no cover
        raise NotImplementedError

    def backward(self, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:  # pragma: no cover
        raise NotImplementedError

    @classmethod
    def apply(cls, *args: Any, **kwargs: Any) -> Tensor:
        """Run ``forward`` on the inputs' arrays and record the operation if needed.

        A forward returning a tuple gives several outputs: the first is differentiable,
        the others (e.g. the indices of ``max``) are plain tensors.
        """
        fn = cls()
        arrays = [a.data if isinstance(a, Tensor) else a for a in args]
        out = fn.forward(*arrays, **kwargs)
        extra = ()
        if isinstance(out, tuple):
            out, *extra = out
        track = is_grad_enabled() and any(
            isinstance(a, Tensor) and a.requires_grad for a in args)
        result = Tensor(out, requires_grad=track)
        if track:
            fn.inputs = args
            fn.needs_input_grad = tuple(
                isinstance(a, Tensor) and a.requires_grad for a in args)
            result.grad_fn = fn
            result.is_leaf = False
        if extra:
            return (result, *(Tensor(e) for e in extra))
        return result

    def release(self) -> None:
        """Drop the arrays saved for backward (after a backward without retain_graph)."""
        keep = {"inputs", "needs_input_grad"}
        for name in list(vars(self)):
            if name not in keep:
                delattr(self, name)
        self._freed = True

    @property
    def name(self) -> str:
        return f"{type(self).__name__}Backward"


class Tensor:
    """An n-dimensional array that records the operations applied to it.

    Args:
        data: array-like. Python floats become float32, Python ints int64, NumPy arrays
            keep their dtype (float32 and float64 are the ones gradients are for).
        requires_grad: track operations on this tensor so ``backward`` can fill ``.grad``.
        dtype: optional NumPy dtype to convert to.

    Attributes:
        data: the ``np.ndarray`` holding the values (shape ``self.shape``).
        grad: a Tensor of the same shape after ``backward``, accumulated across calls;
            ``None`` before.
        grad_fn: the :class:`Function` that produced this tensor, ``None`` for leaves.
    """

    __array_priority__ = 1000  # ndarray (op) Tensor defers to Tensor's reflected op

    def __init__(self, data: Any, requires_grad: bool = False, dtype: Any = None):
        self.data = _as_array(data, dtype)
        self.grad: Tensor | None = None
        self.grad_fn: Function | None = None
        self.is_leaf = True
        self._retains_grad = False
        self.requires_grad = False
        if requires_grad:
            self.requires_grad_(True)

    # -- basic properties ------------------------------------------------------------
    @property
    def shape(self) -> tuple[int, ...]:
        return self.data.shape

    @property
    def ndim(self) -> int:
        return self.data.ndim

    @property
    def dtype(self) -> np.dtype:
        return self.data.dtype

    @property
    def T(self) -> Tensor:
        return self.permute(*reversed(range(self.ndim)))

    def size(self, dim: int | None = None):
        """The shape, or the length of one dimension."""
        return self.shape if dim is None else self.shape[dim]

    def dim(self) -> int:
        return self.ndim

    def numel(self) -> int:
        return int(self.data.size)

    def __len__(self) -> int:
        if self.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self.shape[0]

    def item(self) -> float | int | bool:
        """The value of a one-element tensor as a Python number."""
        if self.data.size != 1:
            raise ValueError(
                f"only one element tensors can be converted to Python scalars, "
                f"got shape {self.shape}")
        return self.data.reshape(()).item()

    def numpy(self) -> np.ndarray:
        """The underlying array (shared memory). Refused while tracking gradients."""
        if self.requires_grad:
            raise RuntimeError(
                "can't call numpy() on a tensor that requires grad; use tensor.detach().numpy()")
        return self.data

    def tolist(self):
        return self.data.tolist()

    def __repr__(self) -> str:
        body = np.array2string(self.data, separator=", ", prefix="tensor(")
        extra = ""
        if self.data.dtype not in (np.float32, np.int64, np.bool_):
            extra += f", dtype={self.data.dtype}"
        if self.grad_fn is not None:
            extra += f", grad_fn=<{self.grad_fn.name}>"
        elif self.requires_grad:
            extra += ", requires_grad=True"
        return f"tensor({body}{extra})"

    def __bool__(self) -> bool:
        return bool(self.item())

    def __float__(self) -> float:
        return float(self.item())

    def __int__(self) -> int:
        return int(self.item())

    def __hash__(self) -> int:
        return id(self)

    def __array__(self, dtype=None, copy=None):
        return self.data if dtype is None else self.data.astype(dtype)

    # -- gradient bookkeeping ----------------------------------------------------------
    def requires_grad_(self, requires_grad: bool = True) -> Tensor:
        """Set ``requires_grad`` in place (only on leaves, and only for float tensors)."""
        if not self.is_leaf and not requires_grad:
            raise RuntimeError("you can only change requires_grad flags of leaf variables")
        if requires_grad and self.data.dtype.type not in _FLOATS:
            raise RuntimeError(
                f"only floating point tensors can require gradients, got {self.data.dtype}")
        self.requires_grad = bool(requires_grad)
        return self

    def retain_grad(self) -> None:
        """Keep ``.grad`` on this non-leaf tensor after backward."""
        if not self.requires_grad:
            raise RuntimeError("can't retain_grad on a tensor that has requires_grad=False")
        self._retains_grad = True

    def detach(self) -> Tensor:
        """The same values, cut from the graph (shares memory, like PyTorch)."""
        return Tensor(self.data)

    def detach_(self) -> Tensor:
        self.grad_fn, self.is_leaf, self.requires_grad = None, True, False
        return self

    def zero_(self) -> Tensor:
        self.data[...] = 0
        return self

    def backward(self, gradient: Any = None, retain_graph: bool = False) -> None:
        """Accumulate d(self)/d(leaf) into the ``.grad`` of every leaf that requires grad.

        Args:
            gradient: dL/d(self) with the shape of ``self``; may be omitted for a
                one-element tensor (it is then 1).
            retain_graph: keep the saved arrays so backward can run through the graph
                again; by default they are freed.
        """
        if not self.requires_grad:
            raise RuntimeError(
                "element 0 of tensors does not require grad and does not have a grad_fn")
        if gradient is None:
            if self.data.size != 1:
                raise RuntimeError(
                    f"grad can be implicitly created only for scalar outputs; this tensor "
                    f"has shape {self.shape}: pass backward(gradient=...) of that shape")
            grad = np.ones_like(self.data)
        else:
            grad = _as_array(gradient, self.dtype)
            if grad.shape != self.shape:
                raise RuntimeError(
                    f"gradient has shape {grad.shape} but the tensor has shape {self.shape}")
        run_backward(self, grad, retain_graph)

    # -- conversions -------------------------------------------------------------------
    def to(self, dtype: Any) -> Tensor:
        """A copy converted to ``dtype``; differentiable between float types."""
        dtype = np.dtype(dtype)
        if dtype == self.dtype:
            return self
        return _ops.Cast.apply(self, dtype=dtype)

    def float(self) -> Tensor:
        return self.to(np.float32)

    def double(self) -> Tensor:
        return self.to(np.float64)

    def half(self) -> Tensor:
        return self.to(np.float16)

    def long(self) -> Tensor:
        return Tensor(self.data.astype(np.int64))

    def clone(self) -> Tensor:
        return _ops.Clone.apply(self)

    # -- arithmetic --------------------------------------------------------------------
    def __add__(self, other):
        return _ops.Add.apply(self, _operand(other))

    def __radd__(self, other):
        return _ops.Add.apply(_operand(other), self)

    def __sub__(self, other):
        return _ops.Sub.apply(self, _operand(other))

    def __rsub__(self, other):
        return _ops.Sub.apply(_operand(other), self)

    def __mul__(self, other):
        return _ops.Mul.apply(self, _operand(other))

    def __rmul__(self, other):
        return _ops.Mul.apply(_operand(other), self)

    def __truediv__(self, other):
        return _ops.Div.apply(self, _operand(other))

    def __rtruediv__(self, other):
        return _ops.Div.apply(_operand(other), self)

    def __neg__(self):
        return _ops.Neg.apply(self)

    def __pos__(self):
        return self

    def __pow__(self, exponent):
        return _ops.Pow.apply(self, _operand(exponent))

    def __rpow__(self, base):
        return _ops.Pow.apply(_operand(base), self)

    def __matmul__(self, other):
        return _ops.MatMul.apply(self, _operand(other, scalar_ok=False))

    def __rmatmul__(self, other):
        return _ops.MatMul.apply(_operand(other, scalar_ok=False), self)

    def __iadd__(self, other):
        return self._inplace(self + other)

    def __isub__(self, other):
        return self._inplace(self - other)

    def __imul__(self, other):
        return self._inplace(self * other)

    def __itruediv__(self, other):
        return self._inplace(self / other)

    def _inplace(self, result: Tensor) -> Tensor:
        # In-place arithmetic on a leaf that requires grad would corrupt the graph, as in
        # PyTorch; under no_grad (optimiser steps) it writes into the same array.
        if self.is_leaf and self.requires_grad and is_grad_enabled():
            raise RuntimeError(
                "a leaf Variable that requires grad is being used in an in-place operation")
        if result.grad_fn is None:
            self.data[...] = result.data
            return self
        return result

    # -- comparisons (no gradient) ---------------------------------------------------
    def _compare(self, other, op) -> Tensor:
        return Tensor(op(self.data, other.data if isinstance(other, Tensor) else other))

    def __eq__(self, other):  # type: ignore[override]
        return self._compare(other, np.equal)

    def __ne__(self, other):  # type: ignore[override]
        return self._compare(other, np.not_equal)

    def __lt__(self, other):
        return self._compare(other, np.less)

    def __le__(self, other):
        return self._compare(other, np.less_equal)

    def __gt__(self, other):
        return self._compare(other, np.greater)

    def __ge__(self, other):
        return self._compare(other, np.greater_equal)

    # -- elementwise functions ---------------------------------------------------------
    def exp(self):
        return _ops.Exp.apply(self)

    def log(self):
        return _ops.Log.apply(self)

    def sqrt(self):
        return _ops.Sqrt.apply(self)

    def abs(self):
        return _ops.Abs.apply(self)

    def pow(self, exponent):
        return self**exponent

    def clamp(self, min=None, max=None):
        return _ops.Clamp.apply(self, min=min, max=max)

    clip = clamp

    def relu(self):
        return _ops.ReLU.apply(self)

    def sigmoid(self):
        return _ops.Sigmoid.apply(self)

    def tanh(self):
        return _ops.Tanh.apply(self)

    def sin(self):
        return _ops.Sin.apply(self)

    def cos(self):
        return _ops.Cos.apply(self)

    def matmul(self, other):
        return self @ other

    def softmax(self, dim: int):
        return _ops.Softmax.apply(self, dim=dim)

    def log_softmax(self, dim: int):
        return _ops.LogSoftmax.apply(self, dim=dim)

    # -- reductions ----------------------------------------------------------------
    def sum(self, dim=None, keepdim: bool = False):
        return _ops.Sum.apply(self, dim=dim, keepdim=keepdim)

    def mean(self, dim=None, keepdim: bool = False):
        return _ops.Mean.apply(self, dim=dim, keepdim=keepdim)

    def var(self, dim=None, keepdim: bool = False, *, unbiased: bool | None = None,
            correction: int | None = None):
        """Variance with Bessel's correction by default (``correction=1``), as PyTorch."""
        if unbiased is not None and correction is not None:
            raise ValueError("pass either unbiased or correction, not both")
        corr = (1 if unbiased in (None, True) else 0) if correction is None else correction
        return _ops.Var.apply(self, dim=dim, keepdim=keepdim, correction=corr)

    def std(self, dim=None, keepdim: bool = False, *, unbiased: bool | None = None,
            correction: int | None = None):
        return self.var(dim, keepdim, unbiased=unbiased, correction=correction).sqrt()

    def max(self, dim=None, keepdim: bool = False):
        """Largest value; with ``dim``, a (values, indices) pair like PyTorch."""
        return _ops.extremum(self, dim, keepdim, np.max, np.argmax)

    def min(self, dim=None, keepdim: bool = False):
        """Smallest value; with ``dim``, a (values, indices) pair like PyTorch."""
        return _ops.extremum(self, dim, keepdim, np.min, np.argmin)

    def amax(self, dim=None, keepdim: bool = False):
        return _ops.Extreme.apply(self, dim=dim, keepdim=keepdim, reduce=np.max)

    def amin(self, dim=None, keepdim: bool = False):
        return _ops.Extreme.apply(self, dim=dim, keepdim=keepdim, reduce=np.min)

    def argmax(self, dim=None, keepdim: bool = False):
        return Tensor(_ops.arg_reduce(self.data, dim, keepdim, np.argmax))

    def argmin(self, dim=None, keepdim: bool = False):
        return Tensor(_ops.arg_reduce(self.data, dim, keepdim, np.argmin))

    # -- shape -------------------------------------------------------------------------
    def reshape(self, *shape):
        return _ops.Reshape.apply(self, shape=_shape_arg(shape))

    def view(self, *shape):
        return self.reshape(*shape)

    def flatten(self, start_dim: int = 0, end_dim: int = -1):
        if self.ndim == 0:
            return self.reshape(1)
        start, end = start_dim % self.ndim, end_dim % self.ndim
        shape = (*self.shape[:start], -1, *self.shape[end + 1:])
        return self.reshape(shape)

    def transpose(self, dim0: int, dim1: int):
        axes = list(range(self.ndim))
        axes[dim0], axes[dim1] = axes[dim1], axes[dim0]
        return self.permute(*axes)

    def permute(self, *dims):
        return _ops.Permute.apply(self, dims=_shape_arg(dims))

    def unsqueeze(self, dim: int):
        dim = dim % (self.ndim + 1)
        return self.reshape((*self.shape[:dim], 1, *self.shape[dim:]))

    def squeeze(self, dim: int | None = None):
        if dim is None:
            return self.reshape(tuple(n for n in self.shape if n != 1))
        dim = dim % max(self.ndim, 1)
        if self.ndim == 0 or self.shape[dim] != 1:
            return self
        return self.reshape(self.shape[:dim] + self.shape[dim + 1:])

    def expand(self, *shape):
        shape = _shape_arg(shape)
        lead = len(shape) - self.ndim
        target = tuple(s if s != -1 else self.shape[i - lead] for i, s in enumerate(shape))
        return _ops.BroadcastTo.apply(self, shape=target)

    def __getitem__(self, index):
        return _ops.Index.apply(self, index=_index_arg(index))

    def masked_fill(self, mask, value):
        return _ops.where(mask, value, self)


def _operand(x: Any, scalar_ok: bool = True) -> Any:
    """Tensors pass through; Python scalars stay scalars (NumPy's weak typing keeps the
    tensor's float32); anything else becomes a constant Tensor."""
    if isinstance(x, Tensor):
        return x
    if scalar_ok and isinstance(x, int | float | bool) and not isinstance(x, np.generic):
        return x
    if isinstance(x, np.ndarray | np.generic):
        return Tensor(x)
    return Tensor(x)


def _shape_arg(shape: tuple) -> tuple[int, ...]:
    if len(shape) == 1 and isinstance(shape[0], Sequence | np.ndarray):
        shape = tuple(shape[0])
    return tuple(int(s) for s in shape)


def _index_arg(index: Any) -> Any:
    if isinstance(index, Tensor):
        return index.data
    if isinstance(index, tuple):
        return tuple(i.data if isinstance(i, Tensor) else i for i in index)
    if isinstance(index, list):
        return np.asarray(index)
    return index


def tensor(data: Any, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """A new leaf tensor (a copy of ``data``), like ``torch.tensor``."""
    arr = np.array(data.data if isinstance(data, Tensor) else data, copy=True)
    if not isinstance(data, np.ndarray | Tensor) and arr.dtype == np.float64 \
            and not _has_numpy_float64(data):
        arr = arr.astype(np.float32)
    return Tensor(arr, requires_grad=requires_grad, dtype=dtype)


def _topological_order(root: Tensor) -> list[Tensor]:
    """Tensors of the graph behind ``root``, each after every tensor it depends on.

    Depth-first with an explicit stack: a node is emitted when all of its inputs have
    been emitted (post-order), and each node is expanded once.
    """
    order: list[Tensor] = []
    expanded: set[int] = set()
    stack: list[tuple[Tensor, bool]] = [(root, False)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)
            continue
        if id(node) in expanded:
            continue
        expanded.add(id(node))
        stack.append((node, True))
        if node.grad_fn is not None:
            for parent in node.grad_fn.inputs:
                if isinstance(parent, Tensor) and parent.requires_grad \
                        and id(parent) not in expanded:
                    stack.append((parent, False))
    return order


def run_backward(root: Tensor, grad: np.ndarray, retain_graph: bool) -> None:
    """Push ``grad`` = dL/d(root) back through the graph into the leaves' ``.grad``."""
    order = _topological_order(root)
    grads: dict[int, np.ndarray] = {id(root): grad}
    for node in reversed(order):
        g = grads.pop(id(node), None)
        if g is None:
            continue
        fn = node.grad_fn
        if fn is None or node._retains_grad:
            _accumulate(node, g)
        if fn is None:
            continue
        if fn._freed:
            raise RuntimeError(
                "Trying to backward through the graph a second time: its saved values were "
                "freed by the first backward. Pass retain_graph=True to the first call.")
        input_grads = fn.backward(g)
        if not isinstance(input_grads, tuple):
            input_grads = (input_grads,)
        for parent, needs, pg in zip(fn.inputs, fn.needs_input_grad, input_grads, strict=False):
            if not needs or pg is None:
                continue
            pg = unbroadcast(np.asarray(pg), parent.shape)
            if pg.dtype != parent.dtype:
                pg = pg.astype(parent.dtype)
            key = id(parent)
            if key in grads:
                grads[key] = grads[key] + pg
            else:
                grads[key] = pg
        if not retain_graph:
            fn.release()


def _accumulate(node: Tensor, g: np.ndarray) -> None:
    if node.grad is None:
        # A fresh array: later in-place accumulation must not alias an op's buffer.
        node.grad = Tensor(np.array(g, dtype=node.dtype, copy=True))
    else:
        node.grad.data = node.grad.data + g


from mlinterview.ml.autograd import ops as _ops  # noqa: E402 - ops needs Tensor/Function
