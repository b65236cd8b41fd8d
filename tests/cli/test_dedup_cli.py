"""``mlinterview dedup``: the output file equals pandas drop_duplicates, the printed counts
match it, errors are one line with a non-zero exit and no output file, the help teaches,
and the progress bar shows on a terminal only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

SCRIPT = Path(sys.executable).with_name("mlinterview")


@pytest.fixture
def events(tmp_path):
    rows = [["ana", "1", "a,b"], ["bo", "2", "x"], ["ana", "1", "a,b"], ["ana", "3", "naïve"],
            ["bo", "2", "x "], ["bo", "2", "x"], ["cy", "4", "line\nbreak"]]
    path = tmp_path / "events.csv"
    pd.DataFrame(rows, columns=["user", "item", "note"]).to_csv(path, index=False)
    return path


def read(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_dedup_writes_pandas_rows_and_prints_the_counts(cli, events, tmp_path):
    out = tmp_path / "out.csv"
    result = cli("dedup", events, out, "--memory", "1MB")
    assert result.exit_code == 0, result.stderr
    ref = read(events).drop_duplicates()
    pd.testing.assert_frame_equal(read(out), ref.reset_index(drop=True))
    lines = {line.split("  ")[0]: line.split("  ", 1)[1].strip()
             for line in result.stdout.splitlines() if "  " in line}
    assert lines["rows read"] == "7"
    assert lines["rows written"] == str(len(ref)) == "5"
    assert lines["duplicates"].startswith("2 (28.6%)")
    assert lines["time"].endswith(" s")
    assert "MB" in lines["peak memory"] and "budget 1 MB" in lines["peak memory"]
    assert lines["engine"].startswith("native, ")
    assert f"wrote {out}" in result.stdout


@pytest.mark.parametrize("engine", ["native", "duckdb"])
def test_key_keep_and_json(cli, events, tmp_path, engine):
    out = tmp_path / "out.csv"
    result = cli("dedup", events, out, "--key", "user, item", "--keep", "last", "--engine",
                 engine, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    ref = read(events).drop_duplicates(subset=["user", "item"], keep="last")
    pd.testing.assert_frame_equal(read(out), ref.reset_index(drop=True))
    assert (data["rows_read"], data["rows_written"], data["duplicates"]) == (7, 4, 3)
    assert data["engine"] == engine and data["peak_memory_mb"] > 0


def test_format_override(cli, events, tmp_path):
    src = tmp_path / "events.data"
    src.write_bytes(events.read_bytes())
    result = cli("dedup", src, tmp_path / "out.data", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert len(read(tmp_path / "out.data")) == 5


@pytest.mark.parametrize("args, code, message", [
    (["missing.csv", "out.csv"], 1, "error: src: no such file"),
    (["events.csv", "out.csv", "--key", "nope"], 1,
     "error: key: unknown column 'nope'; columns: user, item, note"),
    (["bad.jsonl", "out.jsonl"], 1, "error: bad.jsonl: line 2 is not valid JSON"),
    (["events.csv", "no/such/dir/out.csv"], 1, "error: dst: cannot write to the folder"),
    (["events.csv", "out.csv", "--engine", "spark"], 2,
     "error: --engine: expected one of native, duckdb, dask; got 'spark'"),
    (["events.csv", "out.csv", "--memory", "lots"], 2,
     "error: --memory: expected a size like 256MB or 1GB; got 'lots'"),
    (["events.csv", "out.csv", "--format", "xml"], 2, "error: --format: expected one of"),
    (["events.csv", "out.csv", "--key", ","], 2, "error: --key: expected column names"),
    (["events.csv", "out.csv", "--scheduler", "tcp://x:1"], 2,
     "error: --scheduler: only used with --engine dask"),
    (["notes.txt", "out.txt"], 1, "error: fmt: cannot infer the format of 'notes.txt'"),
])
def test_bad_input_is_one_line_and_leaves_no_output(cli, events, tmp_path, monkeypatch,
                                                    args, code, message):
    (tmp_path / "bad.jsonl").write_text('{"a": 1}\n{"a": oops}\n')
    (tmp_path / "notes.txt").write_text("x\n")
    monkeypatch.chdir(tmp_path)
    before = sorted(os.listdir(tmp_path))
    result = cli("dedup", *args)
    assert result.exit_code == code
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(message), result.stderr
    assert sorted(os.listdir(tmp_path)) == before


def test_help_teaches_with_an_example(cli):
    result = cli("dedup", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "Remove duplicate rows" in text and "first occurrence" in text
    assert "mlinterview dedup events.csv out.csv --key user,item --memory 64MB" in text
    assert "mlinterview[scale]" in text
    for option in ("--key", "--memory", "--engine", "--format"):
        assert option in text


def _script(args, env_extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("FORCE_COLOR", "CLICOLOR_FORCE", "TTY_COMPATIBLE", "NO_COLOR")}
    env.update(COLUMNS="100", **env_extra)
    return subprocess.run([str(SCRIPT), *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.fixture
def bigger_csv(tmp_path):
    path = tmp_path / "big.csv"
    with open(path, "w") as fh:
        fh.write("a,b\n")
        fh.writelines(f"{i % 7000},{i % 7000 % 13}\n" for i in range(60_000))
    return path


def test_piped_output_is_plain_text_without_a_progress_bar(bigger_csv, tmp_path):
    res = _script(["dedup", bigger_csv, tmp_path / "out.csv", "--memory", "1MB"], {})
    assert res.returncode == 0, res.stderr
    assert "\x1b[" not in res.stdout + res.stderr
    assert res.stderr == ""
    assert "rows read     60,000" in res.stdout and "rows written  7,000" in res.stdout


def test_terminal_gets_a_progress_bar(bigger_csv, tmp_path):
    # FORCE_COLOR makes Rich treat stderr as a terminal (as a real one would be).
    res = _script(["dedup", bigger_csv, tmp_path / "out.csv", "--memory", "1MB"],
                  {"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"})
    assert res.returncode == 0, res.stderr
    assert "partitioning" in res.stderr or "writing" in res.stderr
    assert "duplicates" in res.stdout
