"""The efficient-attention demo: its helpers against closed forms, and its claims."""

import numpy as np
import pytest

from mlinterview.demos import registry
from mlinterview.demos.transformers.efficient_attention import (
    lengths_up_to,
    online_softmax_trace,
    peak_traced_bytes,
)


def test_online_softmax_trace_ends_at_the_max_and_the_normaliser():
    row = np.random.default_rng(0).normal(size=100) * 3
    row[70] = 20.0
    ms, ells = online_softmax_trace(row, 16)
    assert len(ms) == len(ells) == 7                    # ceil(100 / 16) blocks
    np.testing.assert_array_equal(ms, np.maximum.accumulate(
        [row[i:i + 16].max() for i in range(0, 100, 16)]))
    # After each block, ℓ is the normaliser of the keys seen so far under their max.
    for b, (m, ell) in enumerate(zip(ms, ells, strict=True)):
        seen = row[: 16 * (b + 1)]
        assert ell == pytest.approx(np.exp(seen - m).sum(), rel=1e-12)


def test_peak_traced_bytes_sees_numpy_buffers():
    peak, seconds = peak_traced_bytes(lambda: np.ones(1_000_000))
    assert 8_000_000 <= peak < 8_100_000 and seconds >= 0


def test_lengths():
    assert lengths_up_to(2048) == [256, 512, 1024, 2048]
    assert lengths_up_to(300) == [256]


def test_a_short_run_shows_what_the_summary_says():
    outcome = registry()["efficient-attention"].run(max_len=1024)
    table = outcome.result.table
    rows = [dict(zip(table.columns, r, strict=True)) for r in table.rows]
    assert [r["N"] for r in rows] == [256, 512, 1024]
    for r in rows:
        assert r["max |tiled - naive|"] < 1e-6           # float32, the brief's bar
        assert r["naive fwd peak (MB)"] >= r["N × N matrix (MB)"]
        assert r["tiled fwd peak (MB)"] < r["N × N matrix (MB)"] / 4 or r["N"] == 256
        assert r["flash fwd+bwd peak (MB)"] < r["sdpa fwd+bwd peak (MB)"] / 3
    growth_naive = rows[-1]["naive fwd peak (MB)"] / rows[0]["naive fwd peak (MB)"]
    growth_tiled = rows[-1]["tiled fwd peak (MB)"] / rows[0]["tiled fwd peak (MB)"]
    assert growth_naive > 12 and growth_tiled < 4       # N grew 4x: ~16x against ~linear
    assert "2 GiB per 4096-token sequence" in outcome.result.summary
    assert set(outcome.result.figures) == {"memory", "online-softmax", "kv-cache"}
