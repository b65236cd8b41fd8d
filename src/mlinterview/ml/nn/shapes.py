"""Shape arithmetic of convolutional networks: output sizes, receptive fields, parameter
and multiply-accumulate counts — the numbers an interviewer asks you to work out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from mlinterview.ml.nn.module import Module


def _int_pair(v) -> tuple[int, int]:
    return (int(v), int(v)) if isinstance(v, int | np.integer) else (int(v[0]), int(v[1]))


def conv_output_shape(input_size, kernel_size, stride=1, padding=0, dilation=1,
                      transposed: bool = False, output_padding=0) -> tuple[int, int]:
    """(H_out, W_out) of a 2-D convolution (or transposed convolution).

    conv:       ⌊(H + 2p − d·(k − 1) − 1) / s⌋ + 1
    transposed: (H − 1)·s − 2p + d·(k − 1) + output_padding + 1
    """
    h, w = _int_pair(input_size)
    k, s, p, d = (_int_pair(v) for v in (kernel_size, stride, padding, dilation))
    op = _int_pair(output_padding)
    out = []
    for i, size in enumerate((h, w)):
        if transposed:
            n = (size - 1) * s[i] - 2 * p[i] + d[i] * (k[i] - 1) + op[i] + 1
        else:
            n = (size + 2 * p[i] - d[i] * (k[i] - 1) - 1) // s[i] + 1
        if n <= 0:
            raise ValueError(f"the output would be empty along dim {i} (size {size}, kernel "
                             f"{k[i]}, stride {s[i]}, padding {p[i]}, dilation {d[i]})")
        out.append(n)
    return out[0], out[1]


def receptive_field(layers: Sequence[dict]) -> list[tuple[int, int]]:
    """Receptive field r and cumulative stride j after each layer of a 1-D stack.

    Each layer is a dict with ``kernel_size`` and optionally ``stride`` and ``dilation``.
    A layer widens the field by (k − 1)·d input steps of its own input, i.e. by
    (k − 1)·d·j pixels of the original image:  r ← r + (k − 1)·d·j,  j ← j·s.
    """
    r, j = 1, 1
    out = []
    for layer in layers:
        k = int(layer["kernel_size"])
        d = int(layer.get("dilation", 1))
        s = int(layer.get("stride", 1))
        if k <= 0 or d <= 0 or s <= 0:
            raise ValueError(f"kernel_size, stride and dilation must be positive, got {layer}")
        r += (k - 1) * d * j
        j *= s
        out.append((r, j))
    return out


def count_parameters(module: Module | Iterable, trainable_only: bool = True) -> int:
    """Number of scalar parameters of a module (or of an iterable of tensors)."""
    params = module.parameters() if isinstance(module, Module) else module
    return sum(p.numel() for p in params if p.requires_grad or not trainable_only)


def conv2d_params(in_channels: int, out_channels: int, kernel_size, groups: int = 1,
                  bias: bool = True) -> int:
    """C_out · (C_in / groups) · kh · kw (+ C_out biases)."""
    kh, kw = _int_pair(kernel_size)
    return out_channels * (in_channels // groups) * kh * kw + (out_channels if bias else 0)


def conv2d_macs(in_channels: int, out_channels: int, kernel_size, output_size,
                groups: int = 1) -> int:
    """Multiply-accumulates of one image: every output value costs C_in/groups · kh · kw."""
    kh, kw = _int_pair(kernel_size)
    ho, wo = _int_pair(output_size)
    return out_channels * ho * wo * (in_channels // groups) * kh * kw
