"""The lcs demo's table: every method finds the length rapidfuzz finds, and the memory
column follows the closed forms (n+1)^2 int64 cells for the table, O(n) for the rest."""

import pytest
from rapidfuzz.distance import LCSseq

from mlinterview.demos import registry
from mlinterview.demos.coding.lcs import METHODS, random_pair, sizes

SPEC = registry()["lcs"]


@pytest.fixture(scope="module")
def outcome():
    return SPEC.run(max_n=800)


def test_every_method_finds_the_reference_length(outcome):
    p = outcome.params
    rows = outcome.result.table.rows
    assert len(rows) == len(METHODS) * 5
    for n in sizes(p["max_n"]):
        a, b = random_pair(n, p["alphabet"], p["seed"] + n)
        lengths = {r[2] for r in rows if r[0] == n}
        assert lengths == {LCSseq.similarity(a, b)}


def test_memory_follows_the_closed_forms(outcome):
    rows = outcome.result.table.rows
    n = sizes(outcome.params["max_n"])[-1]
    peak = {r[1]: r[4] * 1024 for r in rows if r[0] == n}
    table_bytes = (n + 1) ** 2 * 8
    assert peak["DP table + walk back"] >= table_bytes
    # Linear-memory methods: a few rows of n + 1 int64 values and the encoded inputs.
    assert peak["Hirschberg"] < table_bytes / 20
    assert peak["DP two rows (length)"] < 64 * (n + 1) + 64 * 1024
