"""The native engine's vectorised CSV path (``algo._dedup_rows``): its output against
pandas ``drop_duplicates`` and DuckDB, on whole rows and on key columns (short rows,
empty strings, 'NaN' text), with forced fingerprint collisions, and its word/fingerprint
helpers against plain Python bytes comparisons."""

import numpy as np
import pandas as pd
import pytest

import mlinterview.algo._dedup_rows as vec
from mlinterview.algo.dedup import dedup


def read_csv(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def random_frame(rng, n, n_cols=3, alphabet=("a", "b", "", "NaN", "nan", "x y", "é")):
    """Few distinct values: many duplicate rows, empty strings and 'NaN' text among them."""
    values = np.array(alphabet, dtype=object)
    return pd.DataFrame({f"c{j}": values[rng.integers(0, len(values), n)]
                         for j in range(n_cols)})


def all_columns_key(src):
    return list(read_csv(src).columns)


@pytest.mark.parametrize("keep", ["first", "last"])
@pytest.mark.parametrize("budget", [1 << 14, 1 << 20, 256 << 20])  # many partitions .. one
@pytest.mark.parametrize("seed", [0, 1])
def test_matches_pandas_and_duckdb(tmp_path, keep, budget, seed):
    rng = np.random.default_rng(seed)
    frame = random_frame(rng, 3000)
    src = tmp_path / "in.csv"
    frame.to_csv(src, index=False)
    out = tmp_path / "out.csv"
    stats = dedup(src, out, keep=keep, memory_limit=budget)
    ref = read_csv(src).drop_duplicates(keep=keep).reset_index(drop=True)
    pd.testing.assert_frame_equal(read_csv(out), ref)
    assert stats.rows_written == len(ref) and stats.rows_read == 3000
    duck = tmp_path / "duck.csv"
    dedup(src, duck, keep=keep, engine="duckdb")
    pd.testing.assert_frame_equal(read_csv(out), read_csv(duck))
    # A key naming every column (its fields gathered one by one) keeps the same rows.
    obj = tmp_path / "obj.csv"
    dedup(src, obj, keep=keep, key=all_columns_key(src), memory_limit=budget)
    assert out.read_bytes() == obj.read_bytes()


@pytest.mark.parametrize("keep", ["first", "last"])
def test_quotes_crlf_blank_lines_and_a_missing_last_newline(tmp_path, keep):
    src = tmp_path / "in.csv"
    src.write_bytes(b'a,b\r\n"x",1\r\nx,1\r\n\r\n"p\nq",2\r\n\n"p\nq",2\r\nlong' + b"z" * 40
                    + b',3\r\nlong' + b"z" * 40 + b',3\r\n"",\r\n,\r\nx,1')
    out, obj = tmp_path / "out.csv", tmp_path / "obj.csv"
    dedup(src, out, keep=keep, memory_limit=1 << 14)
    dedup(src, obj, keep=keep, key=["a", "b"], memory_limit=1 << 14)
    assert out.read_bytes() == obj.read_bytes()
    ref = read_csv(src).drop_duplicates(keep=keep).reset_index(drop=True)
    pd.testing.assert_frame_equal(read_csv(out), ref)


@pytest.mark.parametrize("keep", ["first", "last"])
@pytest.mark.parametrize("key", [["c1"], ["c2", "c0"], ["c0", "c1", "c2"]])
def test_key_columns_match_pandas_and_duckdb(tmp_path, keep, key):
    rng = np.random.default_rng(5)
    frame = random_frame(rng, 3000)
    frame.loc[::11, "c1"] = 'q"uote, ' + frame.loc[::11, "c1"]  # some records need csv
    src, out, duck = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "duck.csv"
    frame.to_csv(src, index=False)
    stats = dedup(src, out, key=key, keep=keep, memory_limit=1 << 15)
    ref = read_csv(src).drop_duplicates(subset=key, keep=keep).reset_index(drop=True)
    pd.testing.assert_frame_equal(read_csv(out), ref)
    assert stats.partitions > 1 and stats.rows_written == len(ref)
    dedup(src, duck, key=key, keep=keep, engine="duckdb")
    pd.testing.assert_frame_equal(read_csv(out), read_csv(duck))


@pytest.mark.parametrize(("keep", "expected"), [("first", b"1,2,3\n1,2\n1,2,\n"),
                                               ("last", b"1\n1,,\n1,2,3\n")])
def test_short_rows_missing_key_fields_differ_from_empty_ones(tmp_path, keep, expected):
    # Hand-worked, key (c, a): (3, 1), (missing, 1) and ("", 1), each three times. A
    # missing field is not an empty one (as in the object path of JSONL: a missing key is
    # not null); pandas would read both as "" under keep_default_na=False.
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_bytes(b"a,b,c\n1,2,3\n1,2\n1,2,\n1,2\n1\n1,,\n1,,3\r\n1,2,3\n")
    dedup(src, out, key=["c", "a"], keep=keep)
    assert out.read_bytes() == b"a,b,c\n" + expected


def test_a_quote_left_open_at_the_end_makes_one_last_record(tmp_path):
    # Hand-worked: the open quote swallows the rest of the file, so the rows are "1,2" and
    # '"x,3<newline>1,2', both distinct: the file comes out unchanged.
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_bytes(b'a,b\n1,2\n"x,3\n1,2\n')
    assert dedup(src, out).rows_written == 2
    assert out.read_bytes() == src.read_bytes()


def test_empty_header_only_and_all_duplicates(tmp_path):
    out = tmp_path / "out.csv"
    src = tmp_path / "in.csv"
    for text, rows in [(b"", 0), (b"a,b\n", 0), (b"a,b\n" + b"1,2\n" * 500, 1)]:
        src.write_bytes(text)
        stats = dedup(src, out, memory_limit=1 << 14)
        assert (stats.rows_written, out.read_bytes()) == (rows, text[:8])


REAL_MIX = vec._mix
WEAK_MIXES = {
    # Two bits of fingerprint: every run mixes different keys.
    "all collide": lambda h: h & np.uint64(3),
    # A third of the keys share fingerprint 0, the others keep theirs: clean runs and one
    # run of many keys side by side.
    "a third collide": lambda h: np.where(REAL_MIX(h) % np.uint64(3) == 0, np.uint64(0),
                                          REAL_MIX(h)),
}


@pytest.mark.parametrize("keep", ["first", "last"])
@pytest.mark.parametrize("mix", WEAK_MIXES)
def test_fingerprint_collisions_are_settled_on_the_keys(tmp_path, monkeypatch, keep, mix):
    monkeypatch.setattr(vec, "_mix", WEAK_MIXES[mix])
    rng = np.random.default_rng(3)
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    random_frame(rng, 2000).to_csv(src, index=False)
    dedup(src, out, keep=keep, memory_limit=1 << 15)
    ref = read_csv(src).drop_duplicates(keep=keep).reset_index(drop=True)
    pd.testing.assert_frame_equal(read_csv(out), ref)


def spans(texts):
    buf = np.frombuffer(b"".join(texts) + bytes(8), np.uint8)
    lens = np.array([len(t) for t in texts], np.int64)
    return buf, np.cumsum(lens) - lens, lens


def test_key_words_fingerprints_and_equality_against_bytes():
    rng = np.random.default_rng(4)
    pool = [b"a", b"a\x00", b"ab", b"abcdefgh", b"abcdefgh\x00", b"abcdefghi", b"",
            bytes(rng.integers(0, 256, 37, dtype=np.uint8))]
    texts = [pool[i] for i in rng.integers(0, len(pool), 400)]
    texts = [t for t in texts if t]  # keys are never empty (blank lines are not rows)
    words, woff, fps = vec.key_words(*spans(texts))
    lens = np.array([len(t) for t in texts])
    for i, t in enumerate(texts):  # zero-padded whole words of the key's bytes
        n = -(-len(t) // 8)
        assert words[woff[i]:woff[i] + n].tobytes() == t + bytes(8 * n - len(t))
    a, b = rng.integers(0, len(texts), (2, 1000))
    same = vec.equal_keys(words, woff[a], woff[b], lens[a], lens[b])
    expected = np.array([texts[i] == texts[j] for i, j in zip(a, b, strict=True)])
    np.testing.assert_array_equal(same, expected)
    assert np.all(fps[a][expected] == fps[b][expected])
    distinct = {t: f for t, f in zip(texts, fps.tolist(), strict=True)}
    assert len(set(distinct.values())) == len(distinct)  # no collision among these few
