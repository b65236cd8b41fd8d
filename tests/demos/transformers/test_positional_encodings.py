"""The positional-encodings demo: its measurements against closed forms, and its claims."""

import numpy as np
import pytest
import torch

from mlinterview.demos import registry
from mlinterview.demos.transformers.positional_encodings import (
    alibi_far_share,
    offset_spread,
    previous_token_weight,
    probe_hits,
    probe_scores,
    train_probe,
)
from mlinterview.ml.nn.positional import alibi_slopes


def test_offset_spread_is_zero_exactly_for_offset_only_matrices():
    toeplitz = np.subtract.outer(np.arange(6), np.arange(6)) ** 2.0
    assert offset_spread(toeplitz) == 0.0
    absolute = np.add.outer(np.arange(6.0), np.zeros(6)) * np.arange(6.0)   # m · n
    assert offset_spread(absolute) > 0.1


@pytest.mark.parametrize("heads, n, far", [(8, 50, 10), (6, 20, 3), (1, 5, 0), (4, 10, 20)])
def test_alibi_far_share_is_the_geometric_tail(heads, n, far):
    # Weights r^Δ for Δ = 0..n-1 with r = e^(-slope): the share of Δ > far is
    # (r^(far+1) - r^n) / (1 - r^n), and 0 when far >= n - 1.
    r = np.exp(-alibi_slopes(heads))
    expected = np.where(far >= n - 1, 0.0, (r ** (far + 1) - r ** n) / (1 - r ** n))
    np.testing.assert_allclose(alibi_far_share(heads, n, far), expected, rtol=1e-10,
                               atol=1e-15)


@pytest.mark.parametrize("scheme", ["sinusoidal", "RoPE"])
def test_previous_token_weight_is_the_causal_softmax(scheme):
    params, _ = train_probe(scheme, 8, 8, steps=5, seed=1)
    scores = torch.tensor(probe_scores(scheme, params, 12, 8).data, dtype=torch.float64)
    scores = scores.masked_fill(~torch.ones(12, 12).tril().bool(), -torch.inf)
    weights = torch.softmax(scores, dim=-1).numpy()
    np.testing.assert_allclose(previous_token_weight(scheme, params, 12, 8),
                               weights[np.arange(1, 12), np.arange(11)], rtol=1e-12)


def test_learned_probe_cannot_run_past_its_table():
    params, _ = train_probe("learned", 8, 8, steps=5, seed=0)
    assert probe_hits("learned", params, 9, 8) is None
    with pytest.raises(ValueError, match="rows"):
        probe_scores("learned", params, 9, 8)


def test_rope_probe_scores_depend_only_on_the_offset():
    params, _ = train_probe("RoPE", 8, 8, steps=5, seed=0)
    scores = probe_scores("RoPE", params, 40, 8).data
    assert offset_spread(scores) < 1e-5               # float32 rounding only
    params, _ = train_probe("sinusoidal", 8, 8, steps=5, seed=0)
    assert offset_spread(probe_scores("sinusoidal", params, 40, 8).data) > 0.05


def test_a_short_run_shows_what_the_summary_says():
    outcome = registry()["positional-encodings"].run(train_len=16, factor=4, steps=200)
    table = outcome.result.table
    rows = {r[0]: dict(zip(table.columns, r, strict=True)) for r in table.rows}
    short, beyond, spread = table.columns[3], table.columns[4], table.columns[5]
    assert rows["learned"][beyond] == "no row: cannot run"
    for scheme in ("learned", "sinusoidal", "RoPE"):
        assert rows[scheme][short] == 1.0             # every probe learns its training range
    assert rows["RoPE"][beyond] == 1.0                # ... RoPE keeps it at 4x the length
    assert rows["sinusoidal"][beyond] < 0.9           # ... sinusoidal loses it
    assert rows["ALiBi"][short] == 0.0                # a fixed bias cannot point one back
    assert rows["ALiBi"][spread] == 0.0 and rows["RoPE"][spread] < 1e-5
    assert set(outcome.result.figures) == {"similarity", "extrapolation"}
    assert "cannot run" in outcome.result.summary
