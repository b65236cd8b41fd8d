"""The dedup-out-of-core demo's table: every run finds exactly the duplicates the
generator planted (counted here independently with pandas), partitions grow as the budget
shrinks, and the measured peak memory stays under a budget the file does not fit in."""

import pandas as pd
import pytest

from mlinterview.demos import registry
from mlinterview.demos.coding.dedup import write_csv

SPEC = registry()["dedup-out-of-core"]


@pytest.fixture(scope="module")
def outcome():
    return SPEC.run(n_rows=40_000, dup_share=0.25, seed=3)


def test_generator_plants_the_requested_duplicates(tmp_path):
    path = tmp_path / "x.csv"
    planted = write_csv(path, 5_000, 0.4, seed=1)
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert planted == 2_000 == int(df.duplicated().sum())
    assert len(df) == 5_000


def test_every_run_finds_the_planted_duplicates(outcome, tmp_path):
    rows = outcome.result.table.rows
    assert [r[0] for r in rows] == ["native"] * 4 + ["duckdb"]
    assert {r[2] for r in rows} == {40_000}
    assert {r[3] for r in rows} == {10_000}  # round(40_000 * 0.25)


def test_partitions_grow_as_the_budget_shrinks(outcome):
    native = [r for r in outcome.result.table.rows if r[0] == "native"]
    budgets = [r[1] for r in native]
    parts = [r[4] for r in native]
    assert budgets == sorted(budgets, reverse=True)
    assert parts[0] == 1 and parts == sorted(parts) and parts[-1] > parts[2] > 1


def test_peak_memory_follows_the_budget(outcome):
    native = {r[1]: r[7] for r in outcome.result.table.rows if r[0] == "native"}
    # At 256 MiB every key of the ~1 MB file is held at once; at 4 MiB one partition's.
    assert native[256] > native[4] + 2
    assert native[4] <= 4 + 2
