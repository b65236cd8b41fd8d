"""The conv-parameters demo's table against closed forms worked out here."""

import pytest

from mlinterview.demos.neural_networks.conv_parameters import (
    conv_explorer,
    measured_receptive_fields,
)

from .._defaults import at_defaults


def _out(n, k, s, p, d):
    return (n + 2 * p - d * (k - 1) - 1) // s + 1


@pytest.mark.parametrize("kw", [
    {},
    {"stride": 2},
    {"kernel": 5, "padding": 0, "dilation": 2, "groups": 4, "depth": 3, "size": 40},
    {"kernel": 1, "padding": 0, "bias": False, "in_channels": 8, "channels": 8, "groups": 8},
])
def test_rows_follow_the_formulas(kw):
    args = {"size": 32, "in_channels": 3, "channels": 16, "kernel": 3, "stride": 1,
            "padding": 1, "dilation": 1, "groups": 1, "depth": 4, "bias": True} | kw
    table = conv_explorer(**args).table
    n, k, s, p, d = (args[a] for a in ("size", "kernel", "stride", "padding", "dilation"))
    r, jump, total = 1, 1, 0
    for i in range(args["depth"]):
        row = table.row(f"conv{i + 1}")
        n = _out(n, k, s, p, d)
        r, jump = r + (k - 1) * d * jump, jump * s
        c_in = args["in_channels"] if i == 0 else args["channels"]
        g = 1 if i == 0 else args["groups"]
        weights = args["channels"] * (c_in // g) * k * k + (args["channels"] if args["bias"]
                                                            else 0)
        total += weights
        assert row["output (C, H, W)"] == row["forward pass shape"] == str(
            (args["channels"], n, n))
        assert row["receptive field"] == row["measured receptive field"] == r
        assert row["jump"] == jump
        assert row["weights"] == row["counted weights"] == weights
        assert row["MACs"] == args["channels"] * (c_in // g) * k * k * n * n
    assert table.row("total")["weights"] == table.row("total")["counted weights"] == total


def test_defaults_match_the_card():
    table = at_defaults("conv-parameters").table
    assert table.row("conv4")["receptive field"] == 9
    assert table.row("total")["weights"] == 448 + 3 * 2320


def test_empty_output_is_reported_not_crashing():
    table = conv_explorer(size=4, kernel=7, padding=0).table
    assert "empty" in table.row("conv1")["output (C, H, W)"]
    assert table.row("total")["weights"] == 0


def test_measured_field_of_a_dilated_stack_is_sparse():
    # Dilation 2 three times: field 1 + 2·2·3 = 13, but only every other pixel is reached.
    widths, grad = measured_receptive_fields([3, 3, 3], [1, 1, 1], [2, 2, 2])
    assert widths == [5, 9, 13]
    reached = grad[:13, :13] != 0
    assert reached[::2, ::2].all() and not reached[1::2].any()
