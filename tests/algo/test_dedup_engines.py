"""dedup against pandas drop_duplicates(keep=...) on CSV, JSONL and Parquet, for the three
engines and several key choices, with the edge cases that break naive implementations;
temporary files cleaned and no partial output on bad input or Ctrl-C; the native engine's
peak memory under RLIMIT_AS on data 8x its budget."""

import itertools
import json
import os
import signal
import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest

from mlinterview.algo.dedup import dedup, parse_size

ENGINES = ["native", "duckdb", "dask"]


@pytest.fixture(scope="module")
def dask_scheduler():
    """One in-process Dask cluster for the module (a process cluster takes seconds)."""
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=":0") as cluster:  # 8787 may be taken
        yield cluster.scheduler_address


def run(src, dst, engine, scheduler, **kw):
    if engine == "dask":
        kw["scheduler"] = scheduler
    return dedup(src, dst, engine=engine, **kw)


def read_csv(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def write_rows(path, header, rows):
    pd.DataFrame(rows, columns=header).to_csv(path, index=False)


def leftovers(folder, expected):
    """Files in ``folder`` besides ``expected`` (temp dirs, .part files)."""
    return sorted(set(os.listdir(folder)) - set(expected))


@pytest.fixture
def messy_csv(tmp_path):
    rows = [["1", "a,b", "x"], ["2", "line\nbreak", "y"], ["1", "a,b", "x"],
            ["3", "naïve ☕", "z"], ["3", "naïve ☕ ", "z"], ["2", "line\nbreak", "y"],
            ["4", '"quoted"', "x"], ["4", '"quoted"', "x"], ["5", "", "w"],
            [" 5", "", "w"], ["5", "", "w"]]
    path = tmp_path / "in.csv"
    write_rows(path, ["id", "text", "tag"], rows)
    return path


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("key", [None, ["tag"], ["id", "tag"]])
@pytest.mark.parametrize("keep", ["first", "last"])
def test_csv_matches_pandas(messy_csv, tmp_path, engine, key, keep, dask_scheduler):
    out = tmp_path / "out.csv"
    stats = run(messy_csv, out, engine, dask_scheduler, key=key, keep=keep,
                memory_limit="64MB")
    ref = read_csv(messy_csv).drop_duplicates(subset=key, keep=keep)
    got = read_csv(out)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), ref.reset_index(drop=True))
    assert (stats.rows_read, stats.rows_written) == (11, len(ref))
    assert stats.duplicates == 11 - len(ref)
    assert leftovers(tmp_path, ["in.csv", "out.csv"]) == []


def test_quoted_and_plain_spellings_of_a_row_are_duplicates(tmp_path):
    # pandas compares values: "a",b and a,b are the same row; CRLF line ends are kept.
    src = tmp_path / "in.csv"
    src.write_bytes(b'x,y\r\n"a",b\r\na,b\r\na,"b "\r\n"1,2",c\r\n"1,2",c\r\n')
    out = tmp_path / "out.csv"
    stats = dedup(src, out)
    ref = read_csv(src).drop_duplicates()
    pd.testing.assert_frame_equal(read_csv(out), ref.reset_index(drop=True))
    assert stats.rows_written == 3
    assert out.read_bytes() == b'x,y\r\n"a",b\r\na,"b "\r\n"1,2",c\r\n'  # records verbatim
    src.write_bytes(b"x,y\r\n1,2\r\n3,4\r\n1,2")  # the last line without its CRLF
    assert dedup(src, out).rows_written == 2
    assert out.read_bytes() == b"x,y\r\n1,2\r\n3,4\r\n"


@pytest.mark.parametrize("engine", ENGINES)
def test_random_csv_with_many_partitions(tmp_path, engine, dask_scheduler):
    rng = np.random.default_rng(0)
    n = 30_000
    df = pd.DataFrame({"a": rng.integers(0, 50, n).astype(str),
                       "b": rng.integers(0, 300, n).astype(str)})
    df.loc[::7, "b"] = '"q, ' + df.loc[::7, "b"] + '\n"'  # quotes, commas and newlines
    src = tmp_path / "in.csv"
    df.to_csv(src, index=False)
    out = tmp_path / "out.csv"
    # A tiny budget forces many partitions and blocks in the native engine.
    stats = run(src, out, engine, dask_scheduler, memory_limit=200_000)
    if engine == "native":
        assert stats.partitions > 4
    ref = read_csv(src).drop_duplicates()
    pd.testing.assert_frame_equal(read_csv(out), ref.reset_index(drop=True))
    for key in (["a"], ["b", "a"]):
        stats = run(src, out, engine, dask_scheduler, key=key, keep="last",
                    memory_limit=200_000)
        ref = read_csv(src).drop_duplicates(subset=key, keep="last")
        pd.testing.assert_frame_equal(read_csv(out), ref.reset_index(drop=True))


JSON_RECORDS = [{"a": 1, "b": "x"}, {"b": "x", "a": 1}, {"a": 2, "b": "é"}, {"a": 1, "b": "y"},
                {"a": 2, "b": "é"}, {"a": 2, "b": "é "}, {"a": 3, "b": "x"}]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("key", [None, ["a"], ["b", "a"]])
def test_jsonl_matches_pandas(tmp_path, engine, key, dask_scheduler):
    src = tmp_path / "in.jsonl"
    # Key order and spacing differ between equal objects.
    src.write_text("".join(json.dumps(r, ensure_ascii=False, indent=None,
                                      separators=(",", ": ") if i % 2 else (",", ":")) + "\n"
                           for i, r in enumerate(JSON_RECORDS)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    stats = run(src, out, engine, dask_scheduler, key=key)
    ref = pd.read_json(src, lines=True).drop_duplicates(subset=key)
    got = pd.read_json(out, lines=True)
    pd.testing.assert_frame_equal(got[ref.columns].reset_index(drop=True),
                                  ref.reset_index(drop=True))
    assert stats.rows_read == len(JSON_RECORDS)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("key", [None, ["user"], ["user", "score"]])
def test_parquet_matches_pandas(tmp_path, engine, key, dask_scheduler):
    pytest.importorskip("pyarrow")
    rng = np.random.default_rng(1)
    n = 5_000
    df = pd.DataFrame({"user": rng.choice(["ana", "bo", "zoë", "ana "], n),
                       "score": rng.integers(0, 20, n).astype(np.int64),
                       "weight": rng.choice([0.5, 1.25, 2.0], n)})
    src = tmp_path / "in.parquet"
    df.to_parquet(src, row_group_size=700)  # several row groups
    out = tmp_path / "out.parquet"
    stats = run(src, out, engine, dask_scheduler, key=key, memory_limit=300_000)
    ref = df.drop_duplicates(subset=key).reset_index(drop=True)
    got = pd.read_parquet(out)
    pd.testing.assert_frame_equal(got[ref.columns].reset_index(drop=True), ref,
                                  check_dtype=False)
    assert (stats.rows_read, stats.rows_written) == (n, len(ref))
    if engine == "native":  # record batches written back as they were read
        import pyarrow.parquet as pq

        assert pq.read_schema(out).remove_metadata() == pq.read_schema(src).remove_metadata()


def test_parquet_nested_values_compare_by_value(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table({"id": [1, 2, 1, 1, 3], "tags": [["a"], ["a", "b"], ["a"], ["b"], None]})
    src, out = tmp_path / "in.parquet", tmp_path / "out.parquet"
    pq.write_table(table, src)
    stats = dedup(src, out)
    got = pq.read_table(out).to_pylist()
    # Worked by hand: row 2 repeats row 0; [1, ["b"]] and [3, None] are new.
    assert got == [{"id": 1, "tags": ["a"]}, {"id": 2, "tags": ["a", "b"]},
                   {"id": 1, "tags": ["b"]}, {"id": 3, "tags": None}]
    assert stats.duplicates == 1
    assert dedup(src, out, key=["id"]).rows_written == 3


def test_parquet_nested_key_spelled_alike_in_every_batch(tmp_path):
    """A null list value in a batch of nulls equals one in a batch that also holds lists."""
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    tags = [None] * 1024 + [None, ["a"]]
    table = pa.table({"id": list(range(len(tags))), "tags": pa.array(tags, pa.list_(pa.string()))})
    src, out = tmp_path / "in.parquet", tmp_path / "out.parquet"
    pq.write_table(table, src, row_group_size=1024)
    # 1MB: batches of 1024 rows, so the two kinds of batch are read separately.
    stats = dedup(src, out, key=["tags"], memory_limit="1MB")
    # Worked by hand: one null key (row 0) and one ["a"] key (row 1025).
    assert pq.read_table(out).to_pylist() == [{"id": 0, "tags": None},
                                              {"id": 1025, "tags": ["a"]}]
    assert stats.duplicates == 1024


def test_format_override_and_inference(tmp_path, messy_csv):
    src = tmp_path / "data.txt"
    src.write_bytes(messy_csv.read_bytes())
    out = tmp_path / "out.txt"
    dedup(src, out, fmt="csv")
    pd.testing.assert_frame_equal(read_csv(out),
                                  read_csv(messy_csv).drop_duplicates().reset_index(drop=True))
    nd = tmp_path / "x.ndjson"
    nd.write_text('{"a": 1}\n{"a": 1}\n')
    assert dedup(nd, tmp_path / "y.ndjson").rows_written == 1
    with pytest.raises(ValueError, match="fmt: expected one of 'csv', 'jsonl', 'parquet'"):
        dedup(src, out, fmt="xml")


@pytest.mark.parametrize("engine", ENGINES)
def test_empty_header_only_and_all_duplicates(tmp_path, engine, dask_scheduler):
    src = tmp_path / "in.csv"
    out = tmp_path / "out.csv"
    src.write_text("a,b\n")
    assert run(src, out, engine, dask_scheduler).rows_written == 0
    assert read_csv(out).columns.tolist() == ["a", "b"]
    src.write_text("a,b\n" + "1,2\n" * 1000)
    stats = run(src, out, engine, dask_scheduler)
    assert (stats.rows_read, stats.rows_written, stats.duplicates) == (1000, 1, 999)
    assert out.read_text() == "a,b\n1,2\n"
    if engine == "native":  # an empty file (no header) gives an empty file
        src.write_bytes(b"")
        assert dedup(src, out).rows_read == 0
        assert out.read_bytes() == b""
        empty = tmp_path / "in.jsonl"
        empty.write_bytes(b"")
        assert dedup(empty, tmp_path / "out.jsonl", key=["a"]).rows_written == 0


def test_bad_input_leaves_no_output(tmp_path, messy_csv):
    out = tmp_path / "out.csv"
    with pytest.raises(FileNotFoundError, match="src: no such file"):
        dedup(tmp_path / "missing.csv", out)
    for engine in ("native", "duckdb"):
        with pytest.raises(ValueError,
                           match="key: unknown column 'nope'; columns: id, text, tag"):
            dedup(messy_csv, out, key=["nope"], engine=engine)
    bad = tmp_path / "bad.jsonl"
    # The bad line is far into the file: the native engine has already written partitions.
    bad.write_text('{"a": 1}\n' * 5000 + '{"a": \n')
    with pytest.raises(ValueError, match=r"bad\.jsonl: line 5001 is not valid JSON"):
        dedup(bad, tmp_path / "out.jsonl", memory_limit=100_000)
    with pytest.raises(ValueError, match="line 5001"):
        dedup(bad, tmp_path / "out.jsonl", memory_limit=10_000_000)
    bad.write_text('{"a": 1}\n[1, 2]\n')
    with pytest.raises(ValueError, match="line 2 is not a JSON object"):
        dedup(bad, tmp_path / "out.jsonl")
    with pytest.raises(PermissionError, match="dst: cannot write to the folder"):
        dedup(messy_csv, tmp_path / "no" / "such" / "out.csv")
    with pytest.raises(PermissionError, match="dst: cannot write"):
        dedup(messy_csv, messy_csv / "out.csv")  # the parent is a file
    with pytest.raises(IsADirectoryError, match=r"dst: .* is a folder"):
        dedup(messy_csv, tmp_path)
    with pytest.raises(ValueError, match="dst: must differ from src"):
        dedup(messy_csv, messy_csv)
    with pytest.raises(ValueError, match="fmt: cannot infer"):
        dedup(tmp_path / "data.txt", out)
    with pytest.raises(ValueError, match="engine: expected one of"):
        dedup(messy_csv, out, engine="spark")
    with pytest.raises(ValueError, match="key: expected at least one column"):
        dedup(messy_csv, out, key=[])
    with pytest.raises(ValueError, match=r"workers: expected a value in \[1, inf\], got 0"):
        dedup(messy_csv, out, engine="dask", workers=0)
    with pytest.raises(TypeError, match="workers: expected a number, got str '2'"):
        dedup(messy_csv, out, engine="dask", workers="2")
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"a\n\xe9t\xe9\n\"\xe9\"\n")
    with pytest.raises(ValueError, match=r"latin\.csv: not UTF-8"):
        dedup(latin, out, key=["a"])
    assert leftovers(tmp_path, ["bad.jsonl", "in.csv", "latin.csv"]) == []


def test_missing_optional_packages_get_one_line_errors(tmp_path, monkeypatch, messy_csv):
    monkeypatch.setitem(sys.modules, "dask", None)
    with pytest.raises(ImportError, match=r"engine: 'dask' needs the scale extra: pip "
                                          r"install 'mlinterview\[scale\]'"):
        dedup(messy_csv, tmp_path / "out.csv", engine="dask")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    src = tmp_path / "in.parquet"
    src.write_bytes(b"PAR1")
    with pytest.raises(ImportError, match="Parquet with engine='native' needs pyarrow"):
        dedup(src, tmp_path / "out.parquet")
    assert leftovers(tmp_path, ["in.csv", "in.parquet"]) == []


def test_progress_is_called_with_rows_and_bytes(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("a\n" + "".join(f"{i % 500}\n" for i in range(20_000)))
    calls = []
    dedup(src, tmp_path / "out.csv", memory_limit=200_000,
          progress=lambda rows, nbytes: calls.append((rows, nbytes)))
    assert len(calls) > 2
    size = src.stat().st_size
    # Pass 1 then pass 3: bytes grow to twice the file size; rows restart in pass 3.
    assert (20_000, size) in calls and calls[-1] == (20_000, 2 * size)
    assert all(a[1] <= b[1] for a, b in itertools.pairwise(calls))


def test_parse_size():
    assert parse_size("256MB") == 256 * 2**20
    assert parse_size("1.5G") == int(1.5 * 2**30)
    assert parse_size("64 kib") == 64 * 1024
    assert parse_size(1000) == 1000
    for bad in ("lots", "0MB", 0, -5):
        with pytest.raises(ValueError, match="memory_limit"):
            parse_size(bad)


# ---------------------------------------------------------------------------------------
# Subprocesses: a memory cap, and Ctrl-C
# ---------------------------------------------------------------------------------------


def _write_big_csv(path, n_rows, seed=0):
    """~36-byte rows, 30% duplicates scattered through the file."""
    rng = np.random.default_rng(seed)
    ids = rng.integers(0, int(n_rows * 0.7), n_rows)
    with open(path, "w") as fh:
        fh.write("user,item,text\n")
        for lo in range(0, n_rows, 200_000):
            fh.writelines(f"u{i % 9973},{i},some text {i * 31 % 1000003}\n"
                          for i in ids[lo:lo + 200_000].tolist())
    return len(np.unique(ids))


CHILD = textwrap.dedent("""
    import resource, sys
    limit = int(sys.argv[4])
    if limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from mlinterview.algo.dedup import dedup

    def peak():
        # VmHWM, not ru_maxrss: on Linux ru_maxrss keeps the parent's peak across exec.
        with open("/proc/self/status") as fh:
            return int(next(l for l in fh if l.startswith("VmHWM:")).split()[1]) * 1024

    base = peak()
    def progress(rows, nbytes):
        print("rows", rows, flush=True)
    s = dedup(sys.argv[1], sys.argv[2], memory_limit=int(sys.argv[3]), progress=progress)
    print("done", s.rows_read, s.rows_written, s.partitions, base, peak(), flush=True)
""")


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_native_streams_data_8x_its_budget_under_rlimit_as(tmp_path):
    budget = 8 << 20
    src = tmp_path / "in.csv"
    distinct = _write_big_csv(src, 2_400_000)
    assert src.stat().st_size >= 8 * budget
    # The address-space cap: the interpreter with NumPy imported (~100 MB of mappings,
    # measured in the child before the run) plus the budget and 32 MB for allocator slack.
    probe = subprocess.run([sys.executable, "-c", "import resource, mlinterview.algo.dedup;"
                            "print(open('/proc/self/status').read().split('VmPeak:')[1]"
                            ".split()[0])"], capture_output=True, text=True, check=True)
    cap = int(probe.stdout) * 1024 + budget + (32 << 20)
    out = tmp_path / "out.csv"
    res = subprocess.run([sys.executable, "-c", CHILD, src, out, str(budget), str(cap)],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    _, rows, written, parts, base, peak = res.stdout.splitlines()[-1].split()
    assert (int(rows), int(written)) == (2_400_000, distinct)
    assert int(parts) >= 8
    # Peak resident memory: the interpreter's baseline plus the budget, and 3 MB of slack
    # for the allocator's arenas and the I/O buffers: 12 runs of this child rose by 8.9 to
    # 10.2 MB, more when the bytecode of the modules it imports was not cached yet.
    rise = int(peak) - int(base)
    assert rise <= budget + (3 << 20), rise / 2**20
    # ...and the measurement sees the run: keys of a partition and the blocks are resident.
    assert rise >= budget // 4, rise / 2**20
    assert leftovers(tmp_path, ["in.csv", "out.csv"]) == []


# The child stops in its progress callback, at the first block of pass 1 (partition files
# exist) or of pass 3 (the output's temporary file is half written), says so on stdout and
# waits on stdin; the parent sends SIGINT only then. The run cannot finish first, however
# slow or fast the machine is.
INTERRUPTED_CHILD = textwrap.dedent("""
    import os, signal, sys
    from mlinterview.algo.dedup import dedup

    # Ctrl-C as a terminal delivers it. A shell starts background jobs with SIGINT
    # ignored, and Python then leaves it ignored: `make test &` would never interrupt.
    signal.signal(signal.SIGINT, signal.default_int_handler)

    src, out, phase = sys.argv[1], sys.argv[2], sys.argv[3]
    size = os.path.getsize(src)

    def progress(rows, nbytes):
        # Pass 3 counts its bytes after the whole of pass 1: past the file's size.
        if phase == "pass1" or nbytes > size:
            print("waiting", rows, nbytes, flush=True)
            sys.stdin.readline()  # blocks until SIGINT raises KeyboardInterrupt here

    dedup(src, out, memory_limit=1 << 20, progress=progress)
    print("finished", flush=True)
""")


@pytest.mark.slow
@pytest.mark.parametrize("phase", ["pass1", "pass3"])
def test_ctrl_c_leaves_no_temp_dir_and_no_output(tmp_path, phase):
    src = tmp_path / "in.csv"
    _write_big_csv(src, 100_000)
    out = tmp_path / "out.csv"
    proc = subprocess.Popen([sys.executable, "-c", INTERRUPTED_CHILD, src, out, phase],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert line.startswith("waiting"), line + proc.stderr.read()
    if phase == "pass1":  # the run is really in the middle: partitions on disk
        assert any(p.name.startswith("part") for p in tmp_path.rglob("*"))
    proc.send_signal(signal.SIGINT)
    rest, err = proc.communicate(timeout=120)
    assert proc.returncode != 0 and "KeyboardInterrupt" in err, err[-2000:]
    assert "finished" not in rest
    assert not out.exists()
    assert leftovers(tmp_path, ["in.csv"]) == []


@pytest.mark.slow
def test_dask_default_local_cluster(tmp_path, messy_csv):
    pytest.importorskip("dask.distributed")
    out = tmp_path / "out.csv"
    stats = dedup(messy_csv, out, engine="dask", workers=1)
    ref = read_csv(messy_csv).drop_duplicates()
    pd.testing.assert_frame_equal(read_csv(out), ref.reset_index(drop=True))
    assert stats.rows_written == len(ref)
    assert leftovers(tmp_path, ["in.csv", "out.csv"]) == []


# ---------------------------------------------------------------------------------------
# Property: any small CSV, cut into tiny blocks and spread over several partitions
# ---------------------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import mlinterview.algo.dedup as dedup_module  # noqa: E402

CELL = st.text(alphabet=["a", "b", " ", ",", '"', "\n", "é"], max_size=4)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(CELL, CELL), max_size=25),
       key=st.sampled_from([None, ["x"], ["y", "x"]]), keep=st.sampled_from(["first", "last"]),
       block=st.integers(1, 40), parts=st.integers(1, 4))
def test_property_native_matches_pandas(tmp_path, monkeypatch, rows, key, keep, block, parts):
    # Blocks of a few bytes cut records (and quoted newlines) at every possible place.
    monkeypatch.setattr(dedup_module, "_MIN_BLOCK", block)
    monkeypatch.setattr(dedup_module, "_plan", lambda *a: parts)
    src, out = tmp_path / "p.csv", tmp_path / "p-out.csv"
    frame = pd.DataFrame(rows, columns=["x", "y"], dtype=object)
    frame.to_csv(src, index=False)
    ref = read_csv(src).drop_duplicates(subset=key, keep=keep).reset_index(drop=True)
    stats = dedup(src, out, key=key, keep=keep, memory_limit=1)
    pd.testing.assert_frame_equal(read_csv(out), ref)
    assert stats.rows_written == len(ref)
    assert stats.partitions == (parts if rows else 1)  # nothing to plan for no rows


@pytest.mark.parametrize("engine", ["native", "duckdb"])
def test_output_has_the_mode_of_an_ordinary_new_file(tmp_path, engine):
    src = tmp_path / "in.csv"
    src.write_text("a,b\n1,2\n1,2\n3,4\n")
    plain = tmp_path / "plain.csv"
    plain.write_text("")  # what open() gives under this umask
    dedup(src, tmp_path / "out.csv", engine=engine)
    assert (tmp_path / "out.csv").stat().st_mode & 0o777 == plain.stat().st_mode & 0o777
