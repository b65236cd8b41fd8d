"""Batch and layer normalisation.

Both standardise activations, x̂ = (x - μ) / √(σ² + ε), then rescale with learnable γ, β.
They differ in *which* values share μ and σ²:

- BatchNorm: per channel, over the batch (and spatial positions). Needs a batch; at
  evaluation time uses running averages collected in training.
- LayerNorm: per sample, over its last dimensions. Independent of the batch, so it is the
  same in training and evaluation (and the choice for sequence models).

The backward of standardisation, for the m values that share statistics, with
dx̂ = g·γ:   dx = (1/m)·(1/√(σ²+ε))·(m·dx̂ - Σdx̂ - x̂·Σ(dx̂·x̂)).
The two sums are what make it a fused op: μ and σ² depend on every x in the group.

The input must be floating point and have the dtype of the layer's parameters and running
statistics, except float16 input with float32 ones (PyTorch's CPU mixed precision).
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.autograd import Function, Tensor
from mlinterview.ml.nn._dtypes import check_floating_input, check_input_dtype
from mlinterview.ml.nn.module import Module, Parameter


class _Standardize(Function):
    """(x - mean) / sqrt(var + eps) · weight + bias with statistics over ``axes``."""

    def forward(self, x, weight, bias, axes, eps, shape):
        mean = x.mean(axis=axes, keepdims=True)
        centered = x - mean
        var = np.mean(centered * centered, axis=axes, keepdims=True)
        self.inv_std = 1.0 / np.sqrt(var + eps)
        self.x_hat = centered * self.inv_std
        self.axes, self.shape = axes, shape
        self.param_shape = next((p.shape for p in (weight, bias) if p is not None), None)
        self.weight = None if weight is None else weight.reshape(shape)
        out = self.x_hat if weight is None else self.x_hat * self.weight
        if bias is not None:
            out = out + bias.reshape(shape)
        self.batch_mean, self.batch_var = mean, var
        return out.astype(x.dtype, copy=False)

    def backward(self, g):
        _, need_w, need_b = self.needs_input_grad
        x_hat, axes = self.x_hat, self.axes
        # Parameter gradients sum over every axis the parameter is broadcast along.
        param_axes = tuple(i for i, n in enumerate(self.shape) if n == 1)
        gw = (g * x_hat).sum(axis=param_axes).reshape(self.param_shape) if need_w else None
        gb = g.sum(axis=param_axes).reshape(self.param_shape) if need_b else None
        dx_hat = g if self.weight is None else g * self.weight
        m = x_hat.size // self.inv_std.size
        gx = (self.inv_std / m) * (
            m * dx_hat
            - dx_hat.sum(axis=axes, keepdims=True)
            - x_hat * (dx_hat * x_hat).sum(axis=axes, keepdims=True))
        return gx, gw, gb


class _BatchNorm(Module):
    _expected_dims: tuple[int, ...] = ()

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float | None = 0.1,
                 affine: bool = True, track_running_stats: bool = True, dtype=np.float32):
        super().__init__()
        if not isinstance(num_features, int | np.integer) or num_features <= 0:
            raise ValueError(f"num_features must be a positive integer, got {num_features!r}")
        self.num_features, self.eps, self.momentum = int(num_features), eps, momentum
        self.affine, self.track_running_stats = affine, track_running_stats
        if affine:
            self.weight = Parameter(np.ones(num_features, dtype=dtype))
            self.bias = Parameter(np.zeros(num_features, dtype=dtype))
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)
        if track_running_stats:
            self.register_buffer("running_mean", Tensor(np.zeros(num_features, dtype=dtype)))
            self.register_buffer("running_var", Tensor(np.ones(num_features, dtype=dtype)))
            self.register_buffer("num_batches_tracked", Tensor(np.array(0, dtype=np.int64)))
        else:
            self.register_buffer("running_mean", None)
            self.register_buffer("running_var", None)
            self.register_buffer("num_batches_tracked", None)

    def forward(self, x):
        name = type(self).__name__
        check_floating_input(name, x)
        check_input_dtype(name, x, {"weight": self.weight, "bias": self.bias,
                                    "running_mean": self.running_mean,
                                    "running_var": self.running_var}, half_input_ok=True)
        if x.ndim not in self._expected_dims:
            dims = " or ".join(f"{d}D" for d in self._expected_dims)
            raise ValueError(f"{type(self).__name__}: expected {dims} input, got {x.ndim}D "
                             f"input of shape {tuple(x.shape)}")
        if x.shape[1] != self.num_features:
            raise ValueError(f"{type(self).__name__}({self.num_features}): input has "
                             f"{x.shape[1]} channels (shape {tuple(x.shape)})")
        axes = (0, *range(2, x.ndim))
        shape = (1, self.num_features) + (1,) * (x.ndim - 2)
        use_batch = self.training or not self.track_running_stats
        if use_batch:
            n = x.data.size // self.num_features
            if n <= 1:
                raise ValueError(f"Expected more than 1 value per channel when training, "
                                 f"got input size {tuple(x.shape)}")
            out = _Standardize.apply(x, self.weight, self.bias, axes=axes, eps=self.eps,
                                     shape=shape)
            if self.training and self.track_running_stats:
                self._update_running(x.data, axes, n)
            return out
        # Evaluation: a fixed affine map with the running statistics.
        inv_std = 1.0 / np.sqrt(self.running_var.data + self.eps)
        scale = Tensor((inv_std).reshape(shape).astype(x.dtype))
        out = (x - Tensor(self.running_mean.data.reshape(shape).astype(x.dtype))) * scale
        if self.affine:
            # .to(x.dtype): float16 input keeps its dtype with float32 parameters.
            out = (out * self.weight.reshape(shape).to(x.dtype)
                   + self.bias.reshape(shape).to(x.dtype))
        return out

    def _update_running(self, x: np.ndarray, axes, n: int) -> None:
        self.num_batches_tracked.data = self.num_batches_tracked.data + 1
        momentum = self.momentum
        if momentum is None:  # a cumulative moving average
            momentum = 1.0 / float(self.num_batches_tracked.data)
        mean = x.mean(axis=axes)
        # The running variance is the unbiased one (n - 1), as in PyTorch.
        var = x.var(axis=axes) * n / (n - 1)
        rm, rv = self.running_mean, self.running_var
        rm.data = ((1 - momentum) * rm.data + momentum * mean).astype(rm.dtype)
        rv.data = ((1 - momentum) * rv.data + momentum * var).astype(rv.dtype)

    def extra_repr(self) -> str:
        return (f"{self.num_features}, eps={self.eps}, momentum={self.momentum}, "
                f"affine={self.affine}, track_running_stats={self.track_running_stats}")


class BatchNorm1d(_BatchNorm):
    """Batch norm over (N, C) or (N, C, L): statistics per channel C."""

    _expected_dims = (2, 3)


class BatchNorm2d(_BatchNorm):
    """Batch norm over (N, C, H, W): statistics per channel C, over N, H and W."""

    _expected_dims = (4,)


class LayerNorm(Module):
    """Normalise over the last ``len(normalized_shape)`` dims of each sample."""

    def __init__(self, normalized_shape, eps: float = 1e-5, elementwise_affine: bool = True,
                 bias: bool = True, dtype=np.float32):
        super().__init__()
        if isinstance(normalized_shape, int | np.integer):
            normalized_shape = (int(normalized_shape),)
        self.normalized_shape = tuple(int(n) for n in normalized_shape)
        self.eps, self.elementwise_affine = eps, elementwise_affine
        if elementwise_affine:
            self.weight = Parameter(np.ones(self.normalized_shape, dtype=dtype))
            if bias:
                self.bias = Parameter(np.zeros(self.normalized_shape, dtype=dtype))
            else:
                self.register_parameter("bias", None)
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)

    def forward(self, x):
        check_floating_input("LayerNorm", x)
        check_input_dtype("LayerNorm", x, {"weight": self.weight, "bias": self.bias},
                          half_input_ok=True)
        k = len(self.normalized_shape)
        if tuple(x.shape[x.ndim - k:]) != self.normalized_shape:
            raise ValueError(f"LayerNorm{self.normalized_shape}: the last {k} dims of the "
                             f"input must match, got input shape {tuple(x.shape)}")
        axes = tuple(range(x.ndim - k, x.ndim))
        shape = (1,) * (x.ndim - k) + self.normalized_shape
        return _Standardize.apply(x, self.weight, self.bias, axes=axes, eps=self.eps,
                                  shape=shape)

    def extra_repr(self) -> str:
        return f"{self.normalized_shape}, eps={self.eps}, " \
               f"elementwise_affine={self.elementwise_affine}"
