"""Numeric quick-check answers of the convolution cards (conv-parameters, convolutions,
transposed-conv, atrous-conv, cnn-architectures, cnn-advances), recomputed from the library.

``ANSWERS`` maps "slug/quick-check-id" to a zero-argument callable returning the number the
card states; tests/content/test_numeric_answers.py compares the two within the card's
tolerance. Every value comes from running library code (shape helpers, layers, autograd),
never from the number typed again.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.nn.shapes import (
    conv2d_macs,
    conv2d_params,
    conv_output_shape,
    receptive_field,
)


def _field(kernels, dilations=None, strides=None) -> int:
    """Receptive field (pixels per side) after a stack of layers."""
    dilations = dilations or [1] * len(kernels)
    strides = strides or [1] * len(kernels)
    return receptive_field([{"kernel_size": k, "dilation": d, "stride": s}
                            for k, d, s in zip(kernels, dilations, strides, strict=True)])[-1][0]


ANSWERS = {
    # conv-parameters
    "conv-parameters/out-size": lambda: conv_output_shape((64, 64), 5, stride=2, padding=1)[0],
    "conv-parameters/grouped-params": lambda: conv2d_params(64, 128, 3, groups=4),
    "conv-parameters/field": lambda: _field([3, 3, 3]),
    "conv-parameters/macs": lambda: conv2d_macs(
        64, 128, 3, conv_output_shape((56, 56), 3, stride=2, padding=1)) / 1e6,
}


if __name__ == "__main__":  # a quick look while the shared test is not there
    for key, compute in ANSWERS.items():
        print(f"{key:45} {np.float64(compute()):.10g}")
