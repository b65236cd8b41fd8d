"""The entropy demo's table against closed forms for two coins."""

import math

import pytest
from scipy import stats as ss

from mlinterview.demos import registry

SPEC = registry()["entropy"]


def h2(p):
    return -sum(x * math.log2(x) for x in (p, 1 - p) if x > 0)


@pytest.mark.parametrize("p, q", [(0.9, 0.5), (0.3, 0.6), (0.0, 0.2)])
def test_table_matches_closed_forms(p, q):
    rows = {r[0]: r[1] for r in SPEC.run(p=p, q=q).result.table.rows}
    assert rows["H(fair coin)"] == 1.0
    assert rows["H(p)"] == pytest.approx(h2(p), abs=1e-6)
    kl_pq = sum(a * math.log2(a / b) for a, b in ((p, q), (1 - p, 1 - q)) if a > 0)
    assert rows["KL(p || q)"] == pytest.approx(kl_pq, abs=1e-6)
    assert rows["KL(q || p)"] == pytest.approx(ss.entropy([1 - q, q], [1 - p, p], base=2),
                                               abs=1e-6)
    assert rows["H(p, q)"] == pytest.approx(h2(p) + kl_pq, abs=2e-6)


def test_nats():
    rows = {r[0]: r[1] for r in SPEC.run(base="e").result.table.rows}
    assert rows["H(fair coin)"] == pytest.approx(math.log(2), abs=1e-6)
