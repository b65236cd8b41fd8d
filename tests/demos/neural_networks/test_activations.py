"""The activations demos' tables against closed forms."""

import math

import numpy as np
import pytest

from mlinterview.demos import registry


def rows_by_name(demo_id, **params):
    table = registry()[demo_id].run(**params).result.table
    return {row[0]: dict(zip(table.columns, row, strict=True)) for row in table.rows}


def test_derivatives_match_closed_forms():
    rows = rows_by_name("activations", depth=10)
    phi0 = 1 / math.sqrt(2 * math.pi)
    expected = {  # name: (f(0), f'(0), f'(-3))
        "ReLU": (0.0, 0.0, 0.0),
        "leaky ReLU (0.1)": (0.0, 0.1, 0.1),
        "ELU": (0.0, 1.0, math.exp(-3)),
        "GELU": (0.0, 0.5, 0.5 * (1 + math.erf(-3 / math.sqrt(2))) - 3 * math.exp(-4.5) * phi0),
        "SiLU": (0.0, 0.5, (s := 1 / (1 + math.exp(3))) * (1 - 3 * (1 - s))),
        "sigmoid": (0.5, 0.25, math.exp(-3) / (1 + math.exp(-3)) ** 2),
        "tanh": (0.0, 1.0, 1 - math.tanh(3) ** 2),
        "softplus": (math.log(2), 0.5, 1 / (1 + math.exp(3))),
    }
    for name, (f0, d0, dm3) in expected.items():
        row = rows[name]
        assert row["f(0)"] == pytest.approx(f0, abs=1e-4), name
        assert row["f'(0)"] == pytest.approx(d0, abs=1e-4), name
        assert row["f'(-3)"] == pytest.approx(dm3, abs=1e-4), name
    assert rows["sigmoid"]["max f'"] == pytest.approx(0.25, abs=1e-4)
    assert float(rows["sigmoid"]["(max f')^10"]) == pytest.approx(0.25**10, rel=1e-2)
    assert rows["ReLU"]["max f'"] == 1.0


def test_softmax_temperature_table():
    table = registry()["activations/softmax-temperature"].run(temperature=3.0,
                                                             spread=1.0).result.table
    logits = np.array([2.0, 1.0, 0.5, 0.0, -1.0])
    temps = [row[0] for row in table.rows]
    assert temps == sorted(temps) and 3.0 in temps
    for row in table.rows:
        t, probs, entropy = row[0], np.array(row[1:6]), row[6]
        expected = np.exp(logits / t) / np.exp(logits / t).sum()
        np.testing.assert_allclose(probs, expected, atol=1e-4)
        assert entropy == pytest.approx(-(expected * np.log(expected)).sum(), abs=1e-3)
    entropies = [row[6] for row in table.rows]
    assert entropies == sorted(entropies)  # hotter is flatter


def test_stable_softmax_survives_a_huge_spread():
    result = registry()["activations/softmax-temperature"].run(spread=1000.0).result
    assert "NaN (exp overflowed)" in result.summary
    for row in result.table.rows:
        assert all(np.isfinite(row[1:]))
