"""Exact de-duplication of a CSV or JSONL file larger than memory, keeping the first
occurrence of every row (or key) in the original order.

The native engine makes three streaming passes:

1. read rows in chunks; send each row's key and row number to one of P partition files
   chosen by the key's hash, with P sized so one partition's keys fit in the budget;
2. for each partition, keep the first row number of every key (a dict, built with C-level
   ``dict(zip(...))`` calls), and mark those rows in a keep-mask of n_rows booleans;
3. read the input again and write the marked rows, in order.

Equal keys always land in the same partition, so per-partition de-duplication is
exact, and the mask restores the original order without sorting. Memory: one chunk, one
partition's dict, and n_rows bytes of mask. Temporary files live in one directory that is
removed on success, on error and on Ctrl-C; the output is written to a temporary name and
renamed only when complete.

``engine="duckdb"`` runs the same job in embedded DuckDB under ``memory_limit``.
"""

from __future__ import annotations

import contextlib
import csv
import json
import marshal
import math
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mlinterview.ml._validation import check_option

__all__ = ["DedupStats", "dedup", "parse_size"]

FORMATS = ("csv", "jsonl")
ENGINES = ("native", "duckdb")
CHUNK_ROWS = 50_000
# Bytes of Python objects per byte of key text plus a fixed cost per row (dict slot,
# int, tuple header): measured on CPython 3.12, rounded up.
_BYTES_PER_KEY_BYTE, _BYTES_PER_ROW = 3, 200


@dataclass
class DedupStats:
    """What a run did: rows in, rows out, duplicates dropped, seconds, partitions used."""

    rows_read: int
    rows_written: int
    duplicates: int
    seconds: float
    partitions: int
    engine: str


def parse_size(text: str | int) -> int:
    """``"256MB"`` -> 268435456 bytes (K, M, G are powers of 1024; a bare int is bytes)."""
    if isinstance(text, int) and not isinstance(text, bool):
        if text <= 0:
            raise ValueError(f"memory_limit: expected a positive size, got {text}")
        return text
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?)i?B?\s*", str(text), re.IGNORECASE)
    if not m or float(m.group(1)) <= 0:
        raise ValueError(f"memory_limit: expected a size like '256MB', got {text!r}")
    return int(float(m.group(1)) * 1024 ** " KMG".index(m.group(2).upper() or " "))


def _infer_format(path: Path, fmt: str | None) -> str:
    if fmt is not None:
        return str(check_option(fmt, "fmt", FORMATS))
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("csv", "jsonl"):
        return suffix
    if suffix == "ndjson":
        return "jsonl"
    raise ValueError(f"fmt: cannot infer the format of {path.name!r}; expected a .csv or "
                     ".jsonl file, or pass fmt")


# ---------------------------------------------------------------------------------------
# Reading rows and their keys
# ---------------------------------------------------------------------------------------


class _Source:
    """Rows of a CSV or JSONL file in chunks: ``(keys, records)`` per chunk."""

    def __init__(self, path: Path, fmt: str, key: Sequence[str] | None):
        self.path, self.fmt, self.key = path, fmt, key
        self.header: list[str] | None = None
        if fmt == "csv":
            with open(path, newline="", encoding="utf-8") as fh:
                self.header = next(csv.reader(fh), None)
            if key is not None:
                missing = [k for k in key if self.header is None or k not in self.header]
                if missing:
                    raise ValueError(f"key: unknown column {missing[0]!r}; columns: "
                                     f"{', '.join(self.header or [])}")
                self.columns = [self.header.index(k) for k in key]

    def chunks(self) -> Iterator[tuple[list, list]]:
        if self.fmt == "csv":
            yield from self._csv_chunks()
        else:
            yield from self._jsonl_chunks()

    def _csv_chunks(self):
        with open(self.path, newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            next(reader, None)  # the header
            while True:
                rows = [row for _, row in zip(range(CHUNK_ROWS), reader, strict=False)]
                if not rows:
                    return
                if self.key is None:
                    keys = list(map(tuple, rows))
                else:
                    cols = self.columns
                    keys = [tuple(row[c] if c < len(row) else None for c in cols)
                            for row in rows]
                yield keys, rows

    def _jsonl_chunks(self):
        with open(self.path, encoding="utf-8") as fh:
            line_no = 0
            while True:
                lines = [line for _, line in zip(range(CHUNK_ROWS), fh, strict=False)]
                if not lines:
                    return
                keys = []
                for line in lines:
                    line_no += 1
                    try:
                        obj = json.loads(line)
                    except ValueError as exc:
                        raise ValueError(f"{self.path.name}: line {line_no} is not valid JSON "
                                         f"({exc.msg})") from None
                    if not isinstance(obj, dict):
                        raise ValueError(f"{self.path.name}: line {line_no} is not a JSON "
                                         "object")
                    if self.key is not None:
                        if line_no == 1:
                            missing = [k for k in self.key if k not in obj]
                            if missing:
                                raise ValueError(f"key: unknown column {missing[0]!r}; "
                                                 f"columns: {', '.join(obj)}")
                        obj = {k: obj.get(k) for k in self.key}
                    keys.append(json.dumps(obj, sort_keys=True, ensure_ascii=False))
                yield keys, lines


class _Sink:
    """Writes kept records to a temporary file renamed to ``dst`` only when complete."""

    def __init__(self, dst: Path, fmt: str, header: list[str] | None, tmpdir: Path):
        self.dst, self.fmt = dst, fmt
        fd, name = tempfile.mkstemp(dir=dst.parent, prefix=f".{dst.name}.", suffix=".part")
        self.tmp = Path(name)
        self.fh = os.fdopen(fd, "w", newline="", encoding="utf-8")
        self.writer = csv.writer(self.fh, lineterminator="\n") if fmt == "csv" else None
        if self.writer is not None and header is not None:
            self.writer.writerow(header)

    def write(self, records: list) -> None:
        if self.writer is not None:
            self.writer.writerows(records)
        else:
            self.fh.writelines(r if r.endswith("\n") else r + "\n" for r in records)

    def commit(self) -> None:
        self.fh.close()
        os.replace(self.tmp, self.dst)

    def abort(self) -> None:
        self.fh.close()
        with contextlib.suppress(FileNotFoundError):
            self.tmp.unlink()


# ---------------------------------------------------------------------------------------
# The native engine
# ---------------------------------------------------------------------------------------


def _n_partitions(path: Path, budget: int) -> int:
    """Enough partitions that one partition's keys, as Python objects, fill at most half
    the budget (the other half: the chunk being read, the mask and the buffers)."""
    size = path.stat().st_size
    need = size * _BYTES_PER_KEY_BYTE + (size // 20) * _BYTES_PER_ROW  # rows >= ~20 bytes
    return int(min(512, max(1, math.ceil(need / (budget / 2)))))


def _native(src: Path, dst: Path, fmt: str, key, keep: str, budget: int, tmpdir: Path,
            progress) -> tuple[int, int, int]:
    source = _Source(src, fmt, key)
    n_parts = _n_partitions(src, budget)
    parts = [open(tmpdir / f"part{p:04d}.bin", "wb") for p in range(n_parts)]  # noqa: SIM115
    n_rows = 0
    try:
        # Pass 1: keys and row numbers to partitions by hash.
        for keys, _records in source.chunks():
            rows = np.arange(n_rows, n_rows + len(keys), dtype=np.int64)
            n_rows += len(keys)
            part = np.fromiter(map(hash, keys), np.int64, len(keys)) % n_parts
            order = np.argsort(part, kind="stable")  # stable: row order kept inside a part
            bounds = np.searchsorted(part[order], np.arange(n_parts + 1))
            for p in np.flatnonzero(np.diff(bounds)):
                idx = order[bounds[p]:bounds[p + 1]]
                marshal.dump((rows[idx].tobytes(), [keys[i] for i in idx.tolist()]), parts[p])
            if progress:
                progress(n_rows)
    finally:
        for fh in parts:
            fh.close()

    # Pass 2: the first (or last) row of every key, partition by partition.
    mask = np.zeros(n_rows, dtype=bool)
    for p in range(n_parts):
        first: dict = {}
        with open(tmpdir / f"part{p:04d}.bin", "rb") as fh:
            while True:
                try:
                    raw_rows, keys = marshal.load(fh)
                except EOFError:
                    break
                rows = np.frombuffer(raw_rows, dtype=np.int64).tolist()
                if keep == "last":
                    first.update(zip(keys, rows, strict=True))
                    continue
                # Reversed: for repeated keys inside the batch, the earliest row wins.
                batch = dict(zip(reversed(keys), reversed(rows), strict=True))
                new = batch.keys() - first.keys()
                first.update(zip(new, map(batch.__getitem__, new), strict=True))
        mask[np.fromiter(first.values(), np.int64, len(first))] = True
        (tmpdir / f"part{p:04d}.bin").unlink()

    # Pass 3: the marked rows, in input order.
    sink = _Sink(dst, fmt, source.header, tmpdir)
    written, start = 0, 0
    try:
        for _keys, records in source.chunks():
            kept = np.flatnonzero(mask[start:start + len(records)])
            sink.write([records[i] for i in kept.tolist()])
            written += len(kept)
            start += len(records)
        sink.commit()
    except BaseException:
        sink.abort()
        raise
    return n_rows, written, n_parts


# ---------------------------------------------------------------------------------------
# The DuckDB engine
# ---------------------------------------------------------------------------------------


def _duckdb(src: Path, dst: Path, fmt: str, key, keep: str, budget: int, tmpdir: Path):
    import duckdb

    con = duckdb.connect(config={"memory_limit": f"{max(budget // 2**20, 16)}MB",
                                 "temp_directory": str(tmpdir), "threads": 2})
    try:
        if fmt == "csv":
            read = (f"read_csv({_sql_str(src)}, header=true, all_varchar=true, "
                    "quote='\"', escape='\"')")
        else:
            read = f"read_json({_sql_str(src)}, format='newline_delimited')"
        con.execute(f"CREATE VIEW src AS SELECT *, row_number() OVER () AS __row FROM {read}")
        cols = [c[0] for c in con.execute("DESCRIBE src").fetchall() if c[0] != "__row"]
        if key is not None:
            missing = [k for k in key if k not in cols]
            if missing:
                raise ValueError(f"key: unknown column {missing[0]!r}; columns: "
                                 f"{', '.join(cols)}")
        part = ", ".join(_sql_id(c) for c in (key or cols))
        pick = "min" if keep == "first" else "max"
        n_rows = con.execute("SELECT count(*) FROM src").fetchone()[0]
        tmp_out = dst.with_name(f".{dst.name}.duckdb.part")
        out_fmt = "(FORMAT csv, HEADER true)" if fmt == "csv" else "(FORMAT json)"
        select = ", ".join(_sql_id(c) for c in cols)
        con.execute(
            f"COPY (SELECT {select} FROM src WHERE __row IN (SELECT {pick}(__row) FROM src "
            f"GROUP BY {part}) ORDER BY __row) TO {_sql_str(tmp_out)} {out_fmt}")
        written = con.execute(f"SELECT count(*) FROM (SELECT DISTINCT {part} FROM src)"
                              ).fetchone()[0]
        os.replace(tmp_out, dst)
    finally:
        con.close()
    return n_rows, written, 1


def _sql_str(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _sql_id(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# ---------------------------------------------------------------------------------------
# The entry point
# ---------------------------------------------------------------------------------------


def dedup(src: str | os.PathLike, dst: str | os.PathLike, *, key: Sequence[str] | None = None,
          keep: str = "first", memory_limit: str | int = "256MB", engine: str = "native",
          fmt: str | None = None, progress=None) -> DedupStats:
    """Write to ``dst`` the rows of ``src`` without duplicates, in their original order.

    Parameters
    ----------
    src, dst : path of a .csv (with a header) or .jsonl file (one JSON object a line)
    key : list of column names, optional
        Rows are duplicates when these columns are equal (default: the whole row).
        Values are compared as text, exactly: rows differing only in whitespace differ.
    keep : {"first", "last"}
        Which occurrence of each key is written (at its own position).
    memory_limit : size such as "256MB"
        The budget the engine plans for.
    engine : {"native", "duckdb"}
    progress : callable(rows_read), optional
        Called after each chunk of the first pass.

    Returns a :class:`DedupStats`. On any error, no ``dst`` is left half written.
    """
    start = time.perf_counter()
    src, dst = Path(src), Path(dst)
    check_option(engine, "engine", ENGINES)
    check_option(keep, "keep", ("first", "last"))
    budget = parse_size(memory_limit)
    fmt = _infer_format(src, fmt)
    if not src.is_file():
        raise FileNotFoundError(f"src: no such file: {src}")
    if not dst.parent.is_dir() or not os.access(dst.parent, os.W_OK):
        raise PermissionError(f"dst: cannot write to the folder {dst.parent}")
    if key is not None:
        key = [key] if isinstance(key, str) else list(key)
        if not key:
            raise ValueError("key: expected at least one column name, got an empty list")
    tmpdir = Path(tempfile.mkdtemp(prefix="mlinterview-dedup-", dir=dst.parent))
    try:
        if engine == "native":
            n_rows, written, parts = _native(src, dst, fmt, key, keep, budget, tmpdir,
                                             progress)
        else:
            n_rows, written, parts = _duckdb(src, dst, fmt, key, keep, budget, tmpdir)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    return DedupStats(n_rows, written, n_rows - written, time.perf_counter() - start, parts,
                      engine)
