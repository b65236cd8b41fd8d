"""Convolution layers: Conv1d, Conv2d, ConvTranspose2d with PyTorch's arguments and
weight layouts. The input must have the weight's dtype, as in PyTorch (``_dtypes.py``)."""

from __future__ import annotations

import math

import numpy as np

from mlinterview.ml.nn import init
from mlinterview.ml.nn._conv import _pair, conv1d, conv2d, conv_transpose2d
from mlinterview.ml.nn._dtypes import check_input_dtype
from mlinterview.ml.nn.module import Module, Parameter


class _ConvNd(Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride, padding, dilation,
                 groups, bias, padding_mode, weight_shape, dtype, generator):
        super().__init__()
        for name, value in (("in_channels", in_channels), ("out_channels", out_channels),
                            ("groups", groups)):
            if not isinstance(value, int | np.integer) or value <= 0:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        if in_channels % groups:
            raise ValueError(f"in_channels ({in_channels}) must be divisible by groups ({groups})")
        if out_channels % groups:
            raise ValueError(f"out_channels ({out_channels}) must be divisible by groups "
                             f"({groups})")
        if padding_mode != "zeros":
            raise ValueError(f"padding_mode {padding_mode!r} is not supported (only 'zeros')")
        if isinstance(padding, str) and padding not in ("same", "valid"):
            raise ValueError(f"padding must be an int, a tuple, 'same' or 'valid', "
                             f"got {padding!r}")
        self.in_channels, self.out_channels = in_channels, out_channels
        self.kernel_size, self.stride, self.padding = kernel_size, stride, padding
        self.dilation, self.groups, self.padding_mode = dilation, groups, padding_mode
        self.weight = Parameter(np.empty(weight_shape, dtype=dtype))
        if bias:
            self.bias = Parameter(np.empty(out_channels, dtype=dtype))
        else:
            self.register_parameter("bias", None)
        # PyTorch's default: kaiming_uniform(a=√5), i.e. U(±1/√fan_in), bias the same bound.
        init.kaiming_uniform_(self.weight, a=math.sqrt(5), generator=generator)
        if bias:
            fan_in = weight_shape[1] * int(np.prod(weight_shape[2:]))
            bound = 1 / math.sqrt(fan_in)
            init.uniform_(self.bias, -bound, bound, generator)

    def _check_channels(self, x, dims: int):
        check_input_dtype(type(self).__name__, x, {"weight": self.weight, "bias": self.bias})
        if x.ndim not in (dims + 1, dims + 2):
            raise ValueError(f"{type(self).__name__}: expected a {dims + 1}-D or {dims + 2}-D "
                             f"input, got shape {tuple(x.shape)}")
        channels = x.shape[-dims - 1]
        if channels != self.in_channels:
            raise ValueError(f"{type(self).__name__}({self.in_channels}, {self.out_channels}): "
                             f"input has {channels} channels (shape {tuple(x.shape)}), "
                             f"expected {self.in_channels}")

    def extra_repr(self) -> str:
        s = (f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, "
             f"stride={self.stride}")
        for name, default in (("padding", 0), ("dilation", 1), ("groups", 1)):
            value = getattr(self, name)
            if value not in (default, (default,), (default, default)):
                s += f", {name}={value}"
        return s + ("" if self.bias is not None else ", bias=False")


class Conv1d(_ConvNd):
    """(N, C_in, L) -> (N, C_out, L_out); weight (C_out, C_in/groups, k)."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size, stride=1, padding=0,
                 dilation=1, groups: int = 1, bias: bool = True, padding_mode: str = "zeros",
                 dtype=np.float32, generator: np.random.Generator | None = None):
        k = kernel_size[0] if isinstance(kernel_size, tuple | list) else int(kernel_size)
        super().__init__(in_channels, out_channels, (k,), stride, padding, dilation, groups,
                         bias, padding_mode, (out_channels, in_channels // groups, k), dtype,
                         generator)

    def forward(self, x):
        self._check_channels(x, 1)
        return conv1d(x, self.weight, self.bias, self.stride, self.padding, self.dilation,
                      self.groups)


class Conv2d(_ConvNd):
    """(N, C_in, H, W) -> (N, C_out, H_out, W_out); weight (C_out, C_in/groups, kh, kw).

    H_out = ⌊(H + 2·padding − dilation·(kh − 1) − 1) / stride⌋ + 1.
    """

    def __init__(self, in_channels: int, out_channels: int, kernel_size, stride=1, padding=0,
                 dilation=1, groups: int = 1, bias: bool = True, padding_mode: str = "zeros",
                 dtype=np.float32, generator: np.random.Generator | None = None):
        kh, kw = _pair(kernel_size, "kernel_size")
        super().__init__(in_channels, out_channels, (kh, kw), _pair(stride, "stride"),
                         padding if isinstance(padding, str) else _pair(padding, "padding"),
                         _pair(dilation, "dilation"), groups, bias, padding_mode,
                         (out_channels, in_channels // groups, kh, kw), dtype, generator)

    def forward(self, x):
        self._check_channels(x, 2)
        return conv2d(x, self.weight, self.bias, self.stride, self.padding, self.dilation,
                      self.groups)


class ConvTranspose2d(_ConvNd):
    """The adjoint of Conv2d, used to upsample: (N, C_in, H, W) -> (N, C_out, H_out, W_out)
    with H_out = (H − 1)·stride − 2·padding + dilation·(kh − 1) + output_padding + 1.
    Weight (C_in, C_out/groups, kh, kw)."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size, stride=1, padding=0,
                 output_padding=0, groups: int = 1, bias: bool = True, dilation=1,
                 padding_mode: str = "zeros", dtype=np.float32,
                 generator: np.random.Generator | None = None):
        kh, kw = _pair(kernel_size, "kernel_size")
        super().__init__(in_channels, out_channels, (kh, kw), _pair(stride, "stride"),
                         _pair(padding, "padding"), _pair(dilation, "dilation"), groups, bias,
                         padding_mode, (in_channels, out_channels // groups, kh, kw), dtype,
                         generator)
        self.output_padding = _pair(output_padding, "output_padding")

    def forward(self, x):
        self._check_channels(x, 2)
        return conv_transpose2d(x, self.weight, self.bias, self.stride, self.padding,
                                self.output_padding, self.groups, self.dilation)
