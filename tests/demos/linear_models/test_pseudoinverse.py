"""The pseudoinverse demo's table checked against NumPy's rank, norm and pinv."""

import numpy as np
import pytest

from mlinterview.demos import registry
from mlinterview.demos.linear_models.pseudoinverse import cases


@pytest.fixture(scope="module")
def outcome():
    return registry()["pseudoinverse-frobenius"].run()


def test_rows_match_numpy(outcome):
    mats = cases(np.random.default_rng(outcome.params["seed"]))
    rows = {r[0]: r for r in outcome.result.table.rows}
    assert set(rows) == set(mats)
    for name, (a, _) in mats.items():
        row = rows[name]
        m, n = a.shape
        assert row[1] == f"{m}x{n}"
        assert row[2] == np.linalg.matrix_rank(a)
        assert row[3] == pytest.approx(np.linalg.norm(a, "fro"), abs=1e-9)
        assert row[4] == pytest.approx(row[3], abs=1e-9)
        assert row[5] < 1e-12
        ref = np.linalg.pinv(a)
        # Left/right inverse exactly when the rank is full in that direction.
        assert row[6] == (row[2] == n) == np.allclose(ref @ a, np.eye(n))
        assert row[7] == (row[2] == m) == np.allclose(a @ ref, np.eye(m))


def test_invertible_case_is_the_inverse(outcome):
    row = outcome.result.table.row("square, invertible")
    assert row["A⁺A = I"] and row["AA⁺ = I"]
