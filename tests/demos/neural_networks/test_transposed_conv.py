"""The transposed-conv demo: adjoint checks, output_padding sizes and overlap counts
against closed forms."""

import math

import pytest

from mlinterview.demos.neural_networks.transposed_conv import transposed_conv


@pytest.mark.parametrize("size, kernel, stride, padding", [
    (8, 3, 2, 1), (6, 4, 2, 1), (5, 5, 3, 0), (4, 2, 4, 0), (7, 1, 1, 0), (4, 7, 1, 3)])
def test_table_against_closed_forms(size, kernel, stride, padding):
    rows = transposed_conv(size=size, kernel=kernel, stride=stride, padding=padding).table.rows
    values = dict((r[0], r[1]) for r in rows)
    # The transposed convolution is the adjoint of the convolution, four ways (float64).
    assert values["max |conv_transpose2d − autograd gradient of conv2d|"] < 1e-12
    assert values["max |conv_transpose2d − Cᵀy (explicit conv matrix, ≤ 4×4 corner)|"] < 1e-12
    assert values["max |conv_transpose2d − zero insertion + flipped-kernel conv|"] < 1e-12
    assert values["|<conv(x), y> − <x, convT(y)>| / |<conv(x), y>|"] < 1e-12
    # output_padding = e recovers the conv input n + e, e = 0 .. stride − 1.
    n = (size - 1) * stride - 2 * padding + kernel
    for e in range(stride):
        key = (f"conv input {n + e} → {size}; transposed with output_padding={e} → size")
        assert values[key] == n + e
    # Overlap counts in the interior: ⌊k/s⌋..⌈k/s⌉ placements per axis.
    lo, hi = kernel // stride, math.ceil(kernel / stride)
    assert values[f"overlap count, transposed k={kernel} (interior min / max)"] == (
        f"{lo * lo} / {hi * hi}")
    k_even = stride * hi
    assert values[f"overlap count, transposed k={k_even} (interior min / max)"] == (
        f"{hi * hi} / {hi * hi}")
    assert values[f"overlap count, resize ×{stride} + conv k={kernel} (interior min / max)"] \
        == f"{kernel * kernel} / {kernel * kernel}"
    spread = f"random positive kernel, resize ×{stride} + conv k={kernel}: interior (max − " \
             "min) / mean"
    assert values[spread] < 1e-12
    if kernel % stride:  # uneven overlaps: a checkerboard even for a positive kernel
        assert values[f"random positive kernel, transposed k={kernel}: interior (max − min) "
                      "/ mean"] > 0.1
