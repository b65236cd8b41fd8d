"""Stateless functions of ``nn``: activations, losses, linear, dropout — PyTorch's
``torch.nn.functional`` names, arguments and defaults.

Losses take raw network outputs where PyTorch does (``cross_entropy`` takes logits,
``binary_cross_entropy_with_logits`` takes logits) because folding the softmax/sigmoid into
the loss is what keeps it finite: log(softmax(x)) computed in two steps underflows to
log(0) = -inf for a confident wrong prediction, while log_softmax never does.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.autograd import Tensor, where
from mlinterview.ml.autograd import ops as _ops
from mlinterview.ml.nn import _activations as _act
from mlinterview.ml.nn._attention import scaled_dot_product_attention
from mlinterview.ml.nn._conv import conv1d, conv2d, conv_transpose2d
from mlinterview.ml.nn._distillation import distillation_loss, kl_div
from mlinterview.ml.nn._dtypes import check_input_dtype
from mlinterview.ml.nn._linear import LinearFunction
from mlinterview.ml.nn._moe import (
    expert_capacity,
    expert_positions,
    load_balancing_loss,
    router_z_loss,
    top_k_gating,
)
from mlinterview.ml.nn._pool import adaptive_avg_pool2d, avg_pool2d, max_pool2d
from mlinterview.ml.nn._rms_norm import rms_norm
from mlinterview.ml.nn._softmax_cross_entropy import SoftmaxCrossEntropy
from mlinterview.ml.nn.efficient_attention import flash_attention
from mlinterview.ml.nn.positional import apply_rotary_emb

_REDUCTIONS = ("none", "mean", "sum")


# -- activations ---------------------------------------------------------------------------
def relu(input: Tensor, inplace: bool = False) -> Tensor:
    """max(x, 0) elementwise."""
    return _ops.ReLU.apply(input)


def leaky_relu(input: Tensor, negative_slope: float = 0.01, inplace: bool = False) -> Tensor:
    """x for x > 0, ``negative_slope`` · x otherwise."""
    return _act.LeakyReLU.apply(input, negative_slope=negative_slope)


def elu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    """x for x > 0, α (eˣ - 1) otherwise."""
    return _act.ELU.apply(input, alpha=alpha)


def gelu(input: Tensor, approximate: str = "none") -> Tensor:
    """x Φ(x) (``approximate="none"``) or its tanh approximation (``"tanh"``)."""
    return _act.GELU.apply(input, approximate=approximate)


def silu(input: Tensor, inplace: bool = False) -> Tensor:
    """x σ(x), also called swish."""
    return _act.SiLU.apply(input)


def sigmoid(input: Tensor) -> Tensor:
    """1 / (1 + e⁻ˣ), computed without overflow."""
    return _ops.Sigmoid.apply(input)


def tanh(input: Tensor) -> Tensor:
    return _ops.Tanh.apply(input)


def softplus(input: Tensor, beta: float = 1.0, threshold: float = 20.0) -> Tensor:
    """log(1 + e^(βx)) / β; linear above ``threshold`` like PyTorch."""
    return _act.Softplus.apply(input, beta=beta, threshold=threshold)


def logsigmoid(input: Tensor) -> Tensor:
    """log σ(x) = -softplus(-x), finite for every x."""
    return _act.LogSigmoid.apply(input)


def hardtanh(input: Tensor, min_val: float = -1.0, max_val: float = 1.0) -> Tensor:
    return _act.Hardtanh.apply(input, min_val=min_val, max_val=max_val)


def softmax(input: Tensor, dim: int) -> Tensor:
    """exp(x - max) / Σ exp(x - max) along ``dim``: the max shift prevents overflow."""
    return _ops.Softmax.apply(input, dim=dim)


def log_softmax(input: Tensor, dim: int) -> Tensor:
    """x - max - log Σ exp(x - max) along ``dim``: finite even for extreme logits."""
    return _ops.LogSoftmax.apply(input, dim=dim)


# -- layers as functions -------------------------------------------------------------------
def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """x Wᵀ + b with W of shape (out_features, in_features), as ``nn.Linear`` stores it.

    ``input``, ``weight`` and ``bias`` must share a dtype (``TypeError`` otherwise), as in
    PyTorch: NumPy would silently compute float32 weights and float64 input in float64.
    """
    check_input_dtype("linear", input, {"weight": weight, "bias": bias})
    if input.shape[-1] != weight.shape[-1]:
        raise ValueError(
            f"linear: input has {input.shape[-1]} features (shape {tuple(input.shape)}) "
            f"but the weight expects {weight.shape[-1]} (weight shape {tuple(weight.shape)})")
    if weight.ndim == 2 and (bias is None or bias.ndim == 1):
        return LinearFunction.apply(input, weight, bias)  # one graph node (nn/_linear.py)
    out = input @ weight.T
    return out if bias is None else out + bias


def dropout(input: Tensor, p: float = 0.5, training: bool = True,
            generator: np.random.Generator | None = None) -> Tensor:
    """Zero each element with probability p and scale the rest by 1/(1-p) (inverted
    dropout: the expected activation is unchanged, so evaluation needs no rescaling)."""
    if not 0 <= p <= 1:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training or p == 0:
        return input
    if p == 1:
        return input * 0.0
    rng = generator if generator is not None else np.random.default_rng()
    keep = rng.random(input.shape) >= p
    return input * Tensor((keep / (1 - p)).astype(input.dtype))


def embedding(input: Tensor, weight: Tensor, padding_idx: int | None = None) -> Tensor:
    """Rows of ``weight`` (num_embeddings, dim) picked by integer ``input`` of any shape."""
    idx = input.data if isinstance(input, Tensor) else np.asarray(input)
    if idx.dtype not in (np.int64, np.int32):
        # PyTorch takes Long or Int indices only (not bool, uint8 or floats).
        raise TypeError(f"embedding: indices must be integers of dtype int64 or int32 "
                        f"(PyTorch's Long or Int), got dtype {idx.dtype}")
    if idx.size and (idx.min() < 0 or idx.max() >= weight.shape[0]):
        raise IndexError(f"embedding: index out of range [0, {weight.shape[0]}) "
                         f"(got min {idx.min()}, max {idx.max()})")
    out = weight[idx]
    if padding_idx is not None:
        # The padding row gets no gradient: mask the rows that came from it.
        mask = (idx != padding_idx)[..., None].astype(weight.dtype)
        out = out * Tensor(mask) + (weight[idx] * Tensor(1 - mask)).detach()
    return out


def one_hot(tensor: Tensor, num_classes: int = -1) -> Tensor:
    """(...,) integer labels -> (..., num_classes) int64 indicator."""
    idx = tensor.data if isinstance(tensor, Tensor) else np.asarray(tensor)
    n = int(idx.max()) + 1 if num_classes == -1 else num_classes
    return Tensor((idx[..., None] == np.arange(n)).astype(np.int64))


# -- losses ------------------------------------------------------------------------------
# Every loss checks its arguments the same way: ``input`` a floating-point Tensor (PyTorch
# has no integer or bool kernels for them), ``target`` anything that makes a numeric array
# of the right shape and kind, and a mean over an empty batch is refused (PyTorch returns
# a silent NaN for that 0/0). NaN and inf inside ``input`` propagate, as in PyTorch.
def _check_input(input, *, min_ndim: int = 0) -> Tensor:
    if not isinstance(input, Tensor):
        raise TypeError(f"input: expected a Tensor, got {type(input).__name__}")
    if input.dtype.kind != "f":
        raise TypeError(f"input: expected a floating-point Tensor, got dtype {input.dtype}")
    if input.ndim < min_ndim:
        raise ValueError(f"input: expected at least {min_ndim} dimension(s) (the classes "
                         f"last or second), got shape {tuple(input.shape)}")
    return input


def _tensor_arg(value, name: str) -> Tensor:
    """``value`` as a numeric Tensor, or a ``TypeError`` naming the argument."""
    if isinstance(value, Tensor):
        return value
    try:
        return Tensor(np.asarray(value))
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name}: expected a numeric array or Tensor ({exc})") from None


def _reduce(loss: Tensor, reduction: str) -> Tensor:
    if reduction not in _REDUCTIONS:
        raise ValueError(f"reduction must be one of {_REDUCTIONS}, got {reduction!r}")
    if reduction == "mean":
        if loss.data.size == 0:
            raise ValueError("input: an empty batch has no mean loss (0/0); use "
                             "reduction='sum' or 'none'")
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


def _as_target(target, like: Tensor, kinds: str = "iuf") -> Tensor:
    """``target`` as a Tensor of ``like``'s shape with a dtype of one of ``kinds``
    (integers and floats by default: PyTorch cannot subtract bool tensors)."""
    t = _tensor_arg(target, "target")
    if t.dtype.kind not in kinds:
        expected = "floating-point numbers" if kinds == "f" else "real numbers (not bools)"
        raise TypeError(f"target: expected {expected}, got dtype {t.dtype}")
    if t.shape != like.shape:
        raise ValueError(f"target shape {tuple(t.shape)} must match input shape "
                         f"{tuple(like.shape)}")
    return t


def _probability_target(target, like: Tensor) -> Tensor:
    """A binary cross-entropy target: probabilities in [0, 1] (hard or soft labels).
    Anything else (NaN, inf, 3) has no meaning there and would only give NaN or -inf."""
    y = _as_target(target, like, kinds="f")
    if not np.all((y.data >= 0) & (y.data <= 1)):
        raise ValueError("target: expected probabilities in [0, 1] (0/1 labels or soft "
                         "labels)")
    return y


def mse_loss(input: Tensor, target, reduction: str = "mean") -> Tensor:
    """(input - target)², reduced. A square beyond float64's range is inf, as in PyTorch
    (no overflow warning)."""
    diff = _check_input(input) - _as_target(target, input)
    with np.errstate(over="ignore"):
        return _reduce(diff * diff, reduction)


def l1_loss(input: Tensor, target, reduction: str = "mean") -> Tensor:
    """|input - target|, reduced."""
    return _reduce((_check_input(input) - _as_target(target, input)).abs(), reduction)


def _class_dim_last(x: Tensor) -> Tensor:
    """(N, C, d1, ...) -> (N·d1·..., C); (C,) -> (1, C)."""
    if x.ndim == 1:
        return x.reshape(1, -1)
    if x.ndim == 2:
        return x
    return x.permute(0, *range(2, x.ndim), 1).reshape(-1, x.shape[1])


def nll_loss(input: Tensor, target, weight=None, ignore_index: int = -100,
             reduction: str = "mean") -> Tensor:
    """-input[i, target[i]] · weight[target[i]], averaged over the total weight of the
    targets that are not ``ignore_index``. ``input`` holds log-probabilities (N, C, ...)."""
    logp = _class_dim_last(_check_input(input, min_ndim=1))
    y = _tensor_arg(target, "target").data
    if y.dtype.kind not in "iu":
        raise TypeError(f"nll_loss: target must hold class indices (integers), got {y.dtype}")
    # One class index per sample (and position): input (N, C, d1, ...) -> target (N, d1, ...)
    expected = (input.shape[0], *input.shape[2:]) if input.ndim > 1 else ()
    if y.shape != expected:
        raise ValueError(f"nll_loss: expected target of shape {expected} to match input "
                         f"shape {tuple(input.shape)}, got {y.shape}")
    y = y.reshape(-1)
    n_classes = logp.shape[1]
    keep = y != ignore_index
    if np.any((y[keep] < 0) | (y[keep] >= n_classes)):
        raise IndexError(f"nll_loss: target values must be in [0, {n_classes}) or "
                         f"ignore_index={ignore_index}")
    safe_y = np.where(keep, y, 0)
    w = np.ones(n_classes, dtype=logp.dtype) if weight is None else _weights(weight, n_classes)
    per_sample_w = np.where(keep, w[safe_y], 0).astype(logp.dtype)
    picked = logp[np.arange(len(y)), safe_y]
    losses = -picked * Tensor(per_sample_w)
    if reduction == "mean":
        if y.size == 0:
            raise ValueError("input: an empty batch has no mean loss (0/0); use "
                             "reduction='sum' or 'none'")
        if per_sample_w.sum() == 0:
            raise ValueError(f"target: every target is ignore_index={ignore_index} or has "
                             "weight 0, so the mean loss is 0/0; use reduction='sum'")
        return losses.sum() / float(per_sample_w.sum())
    if reduction == "none":
        return losses.reshape(np.shape(target.data if isinstance(target, Tensor) else target))
    return _reduce(losses, reduction)


def _weights(weight, n_classes: int) -> np.ndarray:
    w = weight.data if isinstance(weight, Tensor) else np.asarray(weight, dtype=float)
    if w.shape != (n_classes,):
        raise ValueError(f"weight must have one entry per class ({n_classes}), "
                         f"got shape {w.shape}")
    return w


def cross_entropy(input: Tensor, target, weight=None, ignore_index: int = -100,
                  reduction: str = "mean", label_smoothing: float = 0.0) -> Tensor:
    """Softmax cross-entropy of logits ``input`` (N, C, ...) against class indices (N, ...)
    or class probabilities (same shape as input).

    With label smoothing ε the target puts 1 - ε on the true class and ε/C on every class,
    so the loss is (1 - ε) · NLL + ε · mean over classes of -log p (both weighted).
    """
    if not 0.0 <= label_smoothing <= 1.0:
        raise ValueError(f"label_smoothing must be in [0, 1], got {label_smoothing}")
    if _check_input(input, min_ndim=1).data.size == 0 and reduction == "mean":
        raise ValueError("input: an empty batch has no mean loss (0/0); use "
                         "reduction='sum' or 'none'")
    dim = 1 if input.ndim > 1 else 0
    t = _tensor_arg(target, "target").data
    if (input.ndim == 2 and weight is None and label_smoothing == 0 and t.dtype.kind in "iu"
            and reduction in ("mean", "sum") and input.data.size
            and t.shape == (input.shape[0],) and np.all((t >= 0) & (t < input.shape[1]))
            and not np.any(t == ignore_index)):  # anything else, errors too: nll_loss
        return SoftmaxCrossEntropy.apply(input, t, reduction=reduction)  # one graph node
    with np.errstate(invalid="ignore"):  # inf logits give NaN (inf - inf), as in PyTorch
        logp = log_softmax(input, dim=dim)
    n_classes = input.shape[dim]
    w = None if weight is None else _weights(weight, n_classes).astype(input.dtype)
    if t.dtype.kind == "f":  # class probabilities
        if t.shape != input.shape:
            raise ValueError(f"cross_entropy: probability targets must have the input's "
                             f"shape {tuple(input.shape)}, got {t.shape}")
        probs = t * (1 - label_smoothing) + label_smoothing / n_classes
        shape = [1] * input.ndim
        shape[dim] = n_classes
        wlogp = logp if w is None else logp * Tensor(w.reshape(shape))
        losses = -(wlogp * Tensor(probs.astype(input.dtype))).sum(dim=dim)
        if reduction == "mean":
            return losses.sum() / float(np.prod(losses.shape) or 1)
        return _reduce(losses, reduction)
    nll = nll_loss(logp, target, weight=weight, ignore_index=ignore_index, reduction=reduction)
    if label_smoothing == 0:
        return nll
    flat = _class_dim_last(logp)
    y = t.reshape(-1)
    keep = (y != ignore_index).astype(input.dtype)
    wv = np.ones(n_classes, dtype=input.dtype) if w is None else w
    smooth = -(flat * Tensor(wv)).sum(dim=1) * Tensor(keep)
    if reduction == "mean":
        denom = float(np.where(y != ignore_index, wv[np.where(y != ignore_index, y, 0)],
                               0).sum())
        smooth = smooth.sum() / denom
    elif reduction == "sum":
        smooth = smooth.sum()
    else:
        smooth = smooth.reshape(t.shape)
    return nll * (1 - label_smoothing) + smooth * (label_smoothing / n_classes)


def binary_cross_entropy(input: Tensor, target, weight=None,
                         reduction: str = "mean") -> Tensor:
    """-(y log p + (1 - y) log(1 - p)) for probabilities ``input``; each log is clamped
    at -100 like PyTorch, so p = 0 or 1 gives a large finite loss, not inf."""
    y = _probability_target(target, _check_input(input))
    if not np.all((input.data >= 0) & (input.data <= 1)):  # NaN is refused too, as in PyTorch
        raise ValueError("binary_cross_entropy: input must be probabilities in [0, 1]; "
                         "for logits use binary_cross_entropy_with_logits")
    with np.errstate(divide="ignore"):  # log(0) = -inf, clamped to -100 just below
        loss = -(y * input.log().clamp(min=-100) + (1 - y) * (1 - input).log().clamp(min=-100))
    if weight is not None:
        loss = loss * (weight if isinstance(weight, Tensor) else Tensor(np.asarray(weight)))
    return _reduce(loss, reduction)


def binary_cross_entropy_with_logits(input: Tensor, target, weight=None,
                                     reduction: str = "mean", pos_weight=None) -> Tensor:
    """BCE of σ(input) computed from the logits: -(w_pos · y · logσ(x) + (1-y) · logσ(-x)).

    ``pos_weight`` (one per class, broadcast over the last dim) scales the positive term:
    > 1 raises recall on a rare positive class.
    """
    y = _probability_target(target, _check_input(input))
    with np.errstate(invalid="ignore"):  # infinite logits: 0 * inf is NaN, as in PyTorch
        pos = y * logsigmoid(input)
        if pos_weight is not None:
            pos = pos * (pos_weight if isinstance(pos_weight, Tensor)
                         else Tensor(np.asarray(pos_weight, dtype=input.dtype)))
        loss = -(pos + (1 - y) * logsigmoid(-input))
    if weight is not None:
        loss = loss * (weight if isinstance(weight, Tensor) else Tensor(np.asarray(weight)))
    return _reduce(loss, reduction)


__all__ = [
    "adaptive_avg_pool2d",
    "apply_rotary_emb",
    "avg_pool2d",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "conv1d",
    "conv2d",
    "conv_transpose2d",
    "cross_entropy",
    "distillation_loss",
    "dropout",
    "elu",
    "embedding",
    "expert_capacity",
    "expert_positions",
    "flash_attention",
    "gelu",
    "hardtanh",
    "kl_div",
    "l1_loss",
    "leaky_relu",
    "linear",
    "load_balancing_loss",
    "log_softmax",
    "logsigmoid",
    "max_pool2d",
    "mse_loss",
    "nll_loss",
    "one_hot",
    "relu",
    "rms_norm",
    "router_z_loss",
    "scaled_dot_product_attention",
    "sigmoid",
    "silu",
    "softmax",
    "softplus",
    "tanh",
    "top_k_gating",
    "where",
]
