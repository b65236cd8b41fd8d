"""The atrous-conv demo: receptive fields, gridding coverage and output sizes against
closed forms."""

import pytest

from mlinterview.demos.neural_networks.atrous_conv import atrous


@pytest.mark.parametrize("depth, rate, size", [(4, 2, 64), (1, 3, 16), (6, 4, 128),
                                               (3, 2, 17)])
def test_rows_follow_the_closed_forms(depth, rate, size):
    table = atrous(depth=depth, rate=rate, size=size).table
    plain = table.row("plain 3×3")
    expo = table.row("dilation 1, 2, 4, ... (exponential)")
    const = table.row(f"dilation {rate} every layer")
    strided = table.row("stride 2 every layer")
    hybrid = table.row("dilation 1, 2, 3, 1, 2, 3, ... (hybrid)")
    # Each 3×3 layer adds 2·d·(product of earlier strides).
    assert plain["receptive field"] == 2 * depth + 1
    assert expo["receptive field"] == 2 ** (depth + 1) - 1
    assert strided["receptive field"] == 2 ** (depth + 1) - 1
    assert const["receptive field"] == 2 * depth * rate + 1
    assert hybrid["receptive field"] == 1 + 2 * sum(1 + i % 3 for i in range(depth))
    for row in table.rows:
        r = dict(zip(table.columns, row, strict=True))
        assert r["measured receptive field"] == r["receptive field"], r["stack"]
        assert r["weights per channel pair"] == 9 * depth
    # A constant dilation d reaches 2L + 1 of the 2Ld + 1 positions along each axis.
    assert const["field pixels reached"] == pytest.approx(
        ((2 * depth + 1) / (2 * depth * rate + 1)) ** 2, abs=1e-4)
    assert plain["field pixels reached"] == expo["field pixels reached"] == 1.0
    assert hybrid["field pixels reached"] == 1.0
    # "Same" padding keeps the size; stride 2 (padding 1) gives ⌈n/2⌉ per layer.
    assert plain["output side"] == expo["output side"] == const["output side"] == size
    side = size
    for _ in range(depth):
        side = (side - 1) // 2 + 1
    assert strided["output side"] == side
