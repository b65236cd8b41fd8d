"""dedup against pandas drop_duplicates on CSV and JSONL, for both engines and key
choices, with the edge cases that break naive implementations; temp files cleaned."""

import json

import numpy as np
import pandas as pd
import pytest

from mlinterview.algo.dedup import dedup, parse_size

ENGINES = ["native", "duckdb"]


def read_csv(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def write_rows(path, header, rows):
    pd.DataFrame(rows, columns=header).to_csv(path, index=False)


@pytest.fixture
def messy_csv(tmp_path):
    rows = [["1", "a,b", "x"], ["2", "line\nbreak", "y"], ["1", "a,b", "x"],
            ["3", "naïve ☕", "z"], ["3", "naïve ☕ ", "z"], ["2", "line\nbreak", "y"],
            ["4", '"quoted"', "x"], ["4", '"quoted"', "x"], ["5", "", "w"]]
    path = tmp_path / "in.csv"
    write_rows(path, ["id", "text", "tag"], rows)
    return path


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("key", [None, ["tag"], ["id", "tag"]])
@pytest.mark.parametrize("keep", ["first", "last"])
def test_csv_matches_pandas(messy_csv, tmp_path, engine, key, keep):
    out = tmp_path / "out.csv"
    stats = dedup(messy_csv, out, key=key, keep=keep, engine=engine, memory_limit="64MB")
    ref = read_csv(messy_csv).drop_duplicates(subset=key, keep=keep)
    got = read_csv(out)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), ref.reset_index(drop=True))
    assert (stats.rows_read, stats.rows_written) == (9, len(ref))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv"]


@pytest.mark.parametrize("engine", ENGINES)
def test_random_csv_with_many_partitions(tmp_path, engine):
    rng = np.random.default_rng(0)
    n = 30_000
    df = pd.DataFrame({"a": rng.integers(0, 50, n).astype(str),
                       "b": rng.integers(0, 300, n).astype(str)})
    src = tmp_path / "in.csv"
    df.to_csv(src, index=False)
    out = tmp_path / "out.csv"
    # A tiny budget forces many partitions in the native engine.
    stats = dedup(src, out, engine=engine, memory_limit=200_000)
    if engine == "native":
        assert stats.partitions > 4
    ref = read_csv(src).drop_duplicates()
    pd.testing.assert_frame_equal(read_csv(out), ref.reset_index(drop=True))


@pytest.mark.parametrize("engine", ["native"])
def test_jsonl_matches_pandas(tmp_path, engine):
    records = [{"a": 1, "b": "x"}, {"b": "x", "a": 1}, {"a": 2, "b": "é"}, {"a": 1, "b": "y"},
               {"a": 2, "b": "é"}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                   encoding="utf-8")
    for key in (None, ["a"]):
        out = tmp_path / "out.jsonl"
        dedup(src, out, key=key, engine=engine)
        ref = pd.read_json(src, lines=True).drop_duplicates(subset=key)
        got = pd.read_json(out, lines=True)
        pd.testing.assert_frame_equal(got[ref.columns].reset_index(drop=True),
                                      ref.reset_index(drop=True))


@pytest.mark.parametrize("engine", ENGINES)
def test_header_only_and_all_duplicates(tmp_path, engine):
    src = tmp_path / "in.csv"
    src.write_text("a,b\n")
    out = tmp_path / "out.csv"
    assert dedup(src, out, engine=engine).rows_written == 0
    assert read_csv(out).columns.tolist() == ["a", "b"]
    src.write_text("a,b\n" + "1,2\n" * 1000)
    stats = dedup(src, out, engine=engine)
    assert (stats.rows_read, stats.rows_written, stats.duplicates) == (1000, 1, 999)


def test_bad_input_leaves_no_output(tmp_path, messy_csv):
    out = tmp_path / "out.csv"
    with pytest.raises(FileNotFoundError, match="src: no such file"):
        dedup(tmp_path / "missing.csv", out)
    with pytest.raises(ValueError, match="key: unknown column 'nope'; columns: id, text, tag"):
        dedup(messy_csv, out, key=["nope"])
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"a": 1}\n{"a": \n')
    with pytest.raises(ValueError, match="line 2 is not valid JSON"):
        dedup(bad, tmp_path / "out.jsonl")
    with pytest.raises(PermissionError, match="dst: cannot write"):
        dedup(messy_csv, tmp_path / "no" / "such" / "out.csv")
    with pytest.raises(ValueError, match="fmt: cannot infer"):
        dedup(tmp_path / "data.txt", out)
    with pytest.raises(ValueError, match="engine"):
        dedup(messy_csv, out, engine="spark")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl", "in.csv"]


def test_parse_size():
    assert parse_size("256MB") == 256 * 2**20
    assert parse_size("1.5G") == int(1.5 * 2**30)
    assert parse_size(1000) == 1000
    with pytest.raises(ValueError, match="memory_limit"):
        parse_size("lots")
