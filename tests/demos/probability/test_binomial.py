"""The binomial demo's table against scipy.stats."""

import numpy as np
import pytest
from scipy import stats as ss

from mlinterview.demos import registry

SPEC = registry()["binomial"]


@pytest.mark.parametrize("p", [0.1, 0.5])
def test_error_columns_match_scipy(p):
    table = SPEC.run(p=p).result.table
    for row in table.rows[:-1]:
        n = row[0]
        k = np.arange(n + 1)
        exact = ss.binom.cdf(k, n, p)
        sd = np.sqrt(n * p * (1 - p))
        corrected = np.abs(ss.norm.cdf(k + 0.5, n * p, sd) - exact).max()
        plain = np.abs(ss.norm.cdf(k, n * p, sd) - exact).max()
        assert row[3] == pytest.approx(corrected, abs=1e-6)
        assert row[4] == pytest.approx(plain, abs=1e-6)
        assert row[2] == ("yes" if n * p >= 10 and n * (1 - p) >= 10 else "no")


def test_tail_row_and_the_error_shrinks():
    table = SPEC.run(p=0.1, k_at_least=15).result.table
    last = table.rows[-1]
    assert last[4] == pytest.approx(ss.binom.sf(14, 100, 0.1), abs=1e-6)
    assert last[3] == pytest.approx(ss.norm.sf(14.5, 10, 3), abs=1e-6)
    errors = [r[3] for r in table.rows[:-1]]
    assert errors[-1] < errors[0] / 10
