"""Numeric quick-check answers of the convolution cards (conv-parameters, convolutions,
transposed-conv, atrous-conv, cnn-architectures, cnn-advances), recomputed from the library.

``ANSWERS`` maps "slug/quick-check-id" to a zero-argument callable returning the number the
card states; tests/content/test_numeric_answers.py compares the two within the card's
tolerance. Every value comes from running library code (shape helpers, layers, autograd),
never from the number typed again.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml import nn
from mlinterview.ml.autograd import Tensor, no_grad
from mlinterview.ml.models.cnn import SqueezeExcitation
from mlinterview.ml.nn.functional import conv2d, conv_transpose2d
from mlinterview.ml.nn.shapes import (
    conv2d_macs,
    conv2d_params,
    conv_output_shape,
    count_parameters,
    receptive_field,
)


def _field(kernels, dilations=None, strides=None) -> int:
    """Receptive field (pixels per side) after a stack of layers."""
    dilations = dilations or [1] * len(kernels)
    strides = strides or [1] * len(kernels)
    return receptive_field([{"kernel_size": k, "dilation": d, "stride": s}
                            for k, d, s in zip(kernels, dilations, strides, strict=True)])[-1][0]


def _jump(strides) -> int:
    """Distance in input pixels between neighbouring outputs after a stack of layers."""
    return receptive_field([{"kernel_size": 3, "stride": s} for s in strides])[-1][1]


def _fc_over_conv(c_in: int, c_out: int, k: int, n: int) -> float:
    """Weights of an FC layer between (c_in, n, n) and (c_out, n, n), over the weights of
    the k×k convolution between the same shapes (biases included in both). The FC layer is
    counted as what it is, an n×n convolution with c_out·n² filters and a 1×1 output."""
    return conv2d_params(c_in, c_out * n * n, n) / conv2d_params(c_in, c_out, k)


def _distinct_in_conv_matrix(c_in: int, c_out: int, k: int, n: int) -> int:
    """Distinct non-zero entries of the dense matrix of a random conv (padding k // 2): its
    columns are the convolutions of the one-hot images."""
    rng = np.random.default_rng(0)
    weight = Tensor(rng.normal(size=(c_out, c_in, k, k)))
    basis = np.eye(c_in * n * n).reshape(-1, c_in, n, n)
    with no_grad():
        matrix = conv2d(Tensor(basis), weight, padding=k // 2).numpy().reshape(len(basis), -1)
    return np.unique(matrix[matrix != 0]).size


def _max_overlap(kernel: int, stride: int, size: int = 8) -> float:
    """Largest value of a transposed convolution with all-ones weights applied to an image of
    ones: how many kernel stamps land on the most covered output pixel."""
    with no_grad():
        out = conv_transpose2d(Tensor(np.ones((1, 1, size, size))),
                               Tensor(np.ones((1, 1, kernel, kernel))), stride=stride)
    return float(out.numpy().max())


def _same_padding(kernel: int, dilation: int, size: int = 32) -> int:
    """Smallest padding for which a stride-1 convolution keeps the input size."""
    return next(p for p in range(size)
                if conv_output_shape((size, size), kernel, 1, p, dilation)[0] == size)


def _separable_ratio(c_in: int, c_out: int, k: int, size: int = 32) -> float:
    """MACs of depthwise k×k + pointwise 1×1 over those of the full k×k convolution."""
    separable = (conv2d_macs(c_in, c_in, k, size, groups=c_in)
                 + conv2d_macs(c_in, c_out, 1, size))
    return separable / conv2d_macs(c_in, c_out, k, size)


ANSWERS = {
    # conv-parameters
    "conv-parameters/out-size": lambda: conv_output_shape((64, 64), 5, stride=2, padding=1)[0],
    "conv-parameters/grouped-params": lambda: conv2d_params(64, 128, 3, groups=4),
    "conv-parameters/field": lambda: _field([3, 3, 3]),
    "conv-parameters/macs": lambda: conv2d_macs(
        64, 128, 3, conv_output_shape((56, 56), 3, stride=2, padding=1)) / 1e6,
    # convolutions
    "convolutions/fc-vs-conv": lambda: _fc_over_conv(3, 16, 3, 32),
    "convolutions/distinct": lambda: _distinct_in_conv_matrix(3, 8, 3, 18),
    "convolutions/total-stride": lambda: _jump([2, 2, 2]),
    # transposed-conv
    "transposed-conv/output-size": lambda: conv_output_shape(
        (16, 16), 4, stride=2, padding=1, transposed=True)[0],
    "transposed-conv/checkerboard": lambda: _max_overlap(3, 2),
    "transposed-conv/weights": lambda: count_parameters(
        nn.ConvTranspose2d(64, 32, 4, stride=2, padding=1)),
    # atrous-conv
    "atrous-conv/span": lambda: _field([3], [4]),
    "atrous-conv/exponential": lambda: _field([3] * 5, [1, 2, 4, 8, 16]),
    "atrous-conv/wavenet": lambda: _field([2] * 10, [2**i for i in range(10)]),
    "atrous-conv/padding": lambda: _same_padding(3, 6),
    # cnn-architectures
    "cnn-architectures/vgg-receptive": lambda: _field([3, 3]),
    # VGG's first FC layer on a 7×7×512 map is a 7×7 convolution with 4096 filters.
    "cnn-architectures/vgg-fc": lambda: conv2d_params(512, 4096, 7) / 1e6,
    "cnn-architectures/bottleneck": lambda: sum(
        conv2d_params(c_in, c_out, k, bias=False)
        for c_in, c_out, k in ((256, 64, 1), (64, 64, 3), (64, 256, 1))),
    # cnn-advances
    "cnn-advances/separable-ratio": lambda: _separable_ratio(256, 256, 3),
    "cnn-advances/se-params": lambda: count_parameters(SqueezeExcitation(256, reduction=16)),
}


if __name__ == "__main__":  # a quick look while the shared test is not there
    for key, compute in ANSWERS.items():
        print(f"{key:45} {np.float64(compute()):.10g}")
