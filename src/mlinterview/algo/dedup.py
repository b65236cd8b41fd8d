"""Exact de-duplication of a CSV, JSONL or Parquet file larger than memory, keeping the
first (or last) occurrence of every row (or key) in the original order.

The native engine makes three streaming passes:

1. read the file in blocks (sized from the budget) and cut them into records; send each
   record's key and row number to one of P partition files chosen by the key's hash,
   with P sized so one partition's keys fit in half the budget;
2. for each partition, keep the first row number of every key and mark those rows in a
   keep-mask of n_rows bits;
3. read the input again and write the marked records, byte for byte, in input order.

Equal keys always land in the same partition, so per-partition de-duplication is exact,
and the mask restores the order without sorting. JSONL lines and Parquet rows take these
passes with one Python object per key (a dict built with C-level ``dict(zip(...))`` calls
in pass 2; with one partition nothing is written). A CSV takes them on NumPy arrays
(:mod:`mlinterview.algo._dedup_rows`): record offsets, keys as 8-byte words, 64-bit
fingerprints to partition and sort by, every fingerprint match confirmed on the key.
Memory: one block, one partition's keys and the mask. Temporary files live in one
directory removed on success, on error and on Ctrl-C; the output is written under a
temporary name renamed only when complete.

Keys compare exactly: a CSV record is compared by its values (``"a",b`` equals ``a,b``,
``a `` differs from ``a``, a short row's missing field differs from an empty one; bytes
are compared as they are, decoded only where a quote needs the csv module), a JSONL line
by its parsed object (key order and spacing do not matter; a missing key differs from
``null``, ``1`` from ``1.0``), a Parquet row by its Python values (nested ones by their
text). CSV is read as RFC 4180 (UTF-8, ``"``
quotes, a quote character only inside quoted fields).

``engine="duckdb"`` runs the same job in embedded DuckDB under ``memory_limit`` (DuckDB is
a dependency). ``engine="dask"`` runs it on a Dask cluster: a ``LocalCluster`` by default or
the scheduler at ``scheduler=`` (the optional ``scale`` extra, ``dask[distributed]``).
Parquet needs pyarrow for the native and Dask engines (DuckDB reads it without).
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import itertools
import json
import marshal
import math
import numbers
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from pathlib import Path

import numpy as np

from mlinterview.ml._validation import check_option, check_scalar

__all__ = ["DedupStats", "dedup", "parse_size"]

FORMATS = ("csv", "jsonl", "parquet")
ENGINES = ("native", "duckdb", "dask")
_EXTENSIONS = {"csv": "csv", "jsonl": "jsonl", "ndjson": "jsonl", "parquet": "parquet",
               "pq": "parquet"}
# Python objects per key: a bytes object (33 B + its length), a dict slot (~40 B with the
# hash index), an int row number (28 B) and the list slot while a batch is loaded;
# measured on CPython 3.11, rounded up.
_BYTES_PER_ROW, _BYTES_PER_KEY_BYTE = 160, 1.5
_MAX_PARTITIONS = 1024
_MIN_BLOCK = 64 << 10  # bytes read at a time, at the smallest budgets
_QUOTE, _NEWLINE = 34, 10
_DASK_WORKER_FLOOR = 768 << 20
# Equal JSON objects give equal text: sorted keys, no spaces, unicode kept.
_CANONICAL_JSON = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


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
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    raise ValueError(f"fmt: cannot infer the format of {path.name!r}; expected a .csv, "
                     ".jsonl or .parquet file, or pass fmt")


def _need_pyarrow(engine: str):
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise ImportError(f"fmt: Parquet with engine={engine!r} needs pyarrow (pip install "
                          "pyarrow); engine='duckdb' reads Parquet without it") from None
    return pyarrow


def _check_key(key: list[str], columns: list) -> None:
    """``ValueError`` naming the first column of ``key`` that is not in ``columns``."""
    missing = [k for k in key if k not in columns]
    if missing:
        raise ValueError(f"key: unknown column {missing[0]!r}; columns: "
                         f"{', '.join(map(str, columns)) or '(none)'}")


# ---------------------------------------------------------------------------------------
# Reading records and their keys
# ---------------------------------------------------------------------------------------


def _split_records(buf: bytes, final: bool, quoted: bool) -> tuple[list[bytes], bytes]:
    """Complete records of ``buf`` (without their ``\\n``) and the unfinished rest.

    Without quotes a record ends at every newline (one C-level ``split``). With CSV quotes
    a newline ends a record only when an even number of quotes precede it, which NumPy
    finds with a cumulative count.
    """
    if not buf:
        return [], b""
    if not quoted or _QUOTE not in buf:
        end = len(buf) if final else buf.rfind(b"\n") + 1
        if end == 0:
            return [], buf
        body = buf[:end - 1] if buf[end - 1] == _NEWLINE else buf[:end]
        return body.split(b"\n"), buf[end:]
    arr = np.frombuffer(buf, np.uint8)
    newlines = np.flatnonzero(arr == _NEWLINE)
    even = (np.cumsum(arr == _QUOTE, dtype=np.uint8)[newlines] & 1) == 0
    ends = newlines[even].tolist()
    starts = [0, *(e + 1 for e in ends)]
    records = [buf[s:e] for s, e in zip(starts, ends, strict=False)]
    rest = buf[starts[-1]:]
    if final and rest:
        records.append(rest)
        rest = b""
    return records, rest


def _blocks(path: Path, block_size: int, where: list | None = None) -> Iterator[list[bytes]]:
    """Lists of the non-empty lines of ``path``, about ``block_size`` bytes at a time
    (the same lines whatever the block size). ``where[0]`` follows the bytes read."""
    with open(path, "rb") as fh:
        rest = b""
        while True:
            data = fh.read(block_size)
            if where is not None:
                where[0] = fh.tell()
            final = not data
            buf = rest + data
            records, rest = _split_records(buf, final, quoted=False)
            if b"" in records or b"\r" in records:  # blank lines are not rows
                records = [r for r in records if r and r != b"\r"]
            if records:
                yield records
            if final:
                return


def _csv_fields(record: bytes) -> list[str]:
    return next(csv.reader([record.decode("utf-8").rstrip("\r")]), [])


def _canonical_csv(record: bytes) -> bytes:
    """The record written with minimal quoting: equal values give equal bytes."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(_csv_fields(record))
    return out.getvalue().encode("utf-8")


def _canonical_key(record: bytes, columns: list[int]) -> bytes:
    """The values of ``columns`` in a CSV record as one byte string: joined by commas,
    each quoted only if it holds a comma, a quote or a newline, and a missing one (a short
    row) written as a lone newline, which no value spells. Equal values give equal bytes,
    the same bytes as the fields of a record without quotes."""
    fields = _csv_fields(record)
    out = []
    for c in columns:
        value = fields[c] if c < len(fields) else "\n"
        if c < len(fields) and any(ch in value for ch in ',"\n'):
            value = '"' + value.replace('"', '""') + '"'
        out.append(value)
    return ",".join(out).encode("utf-8")


class _Source:
    """A CSV file's header (its columns, the key's positions among them) or a JSONL
    file's lines in blocks: ``keys(lines)`` gives their keys."""

    def __init__(self, path: Path, fmt: str, key: list[str] | None, block_size: int):
        self.path, self.fmt, self.key, self.block_size = path, fmt, key, block_size
        self.header: bytes | None = None
        self.columns: list[str] = []
        self._where = [0]
        self.skip = 0  # bytes of the header line
        if fmt == "csv":
            with open(path, "rb") as fh:
                head = fh.read(1 << 20)
            records, _ = _split_records(head, True, True)
            if records:
                self.header = records[0]
                self.skip = len(records[0]) + 1
                self.columns = _csv_fields(records[0])
            if key is not None:
                _check_key(key, self.columns)
                self.index = [self.columns.index(k) for k in key]
        elif fmt == "jsonl":
            first = next(self.blocks(), None)
            self.columns = list(self._parse(first[:1], 0)[0]) if first else []
            if key is not None and first:
                _check_key(key, self.columns)
        self.line = 0

    def blocks(self) -> Iterator[list[bytes]]:
        self.line = 0
        yield from _blocks(self.path, self.block_size, self._where)

    @property
    def position(self) -> int:
        """Bytes of the file read so far."""
        return self._where[0]

    def keys(self, records: list[bytes]) -> list:
        objs = self._parse(records, self.line)
        self.line += len(records)
        # One encoder for all rows: json.dumps with options builds a new one per call.
        encode = _CANONICAL_JSON.encode
        if self.key is None:
            return list(map(encode, objs))
        if len(self.key) == 1:
            (k,) = self.key
            return [encode(o.get(k)) for o in objs]
        return [encode([o.get(k) for k in self.key]) for o in objs]

    def _parse(self, lines: list[bytes], offset: int) -> list[dict]:
        """JSON objects of ``lines``: one C call for the block, per line on an error."""
        try:
            objs = json.loads(b"[" + b",".join(lines) + b"]")
            if all(type(o) is dict for o in objs):
                return objs
        except ValueError:
            pass
        objs = []
        for i, line in enumerate(lines, start=offset + 1):
            try:
                obj = json.loads(line)
            except ValueError as exc:
                raise ValueError(f"{self.path.name}: line {i} is not valid JSON "
                                 f"({getattr(exc, 'msg', exc)})") from None
            if not isinstance(obj, dict):
                raise ValueError(f"{self.path.name}: line {i} is not a JSON object")
            objs.append(obj)
        return objs


class _ParquetSource:
    """Row groups of a Parquet file in batches (needs pyarrow)."""

    def __init__(self, path: Path, key: list[str] | None, batch_rows: int):
        pa = _need_pyarrow("native")
        self.pq = pa.parquet.ParquetFile(path)
        self.schema = self.pq.schema_arrow
        self.columns = list(self.schema.names)
        self.key, self.batch_rows = key, batch_rows
        if key is not None:
            _check_key(key, self.columns)

        # Nested values (lists, structs, maps) are unhashable: such keys compare by their
        # text. Decided once from the schema, so every batch spells a key the same way
        # (a batch whose list values are all null would otherwise keep raw None keys).
        self.as_text = any(pa.types.is_nested(self.schema.field(c).type)
                           for c in (key or self.columns))
        self.position = 0

    def blocks(self):
        self.position = 0
        for batch in self.pq.iter_batches(batch_size=self.batch_rows):
            self.position += batch.nbytes
            yield batch

    def keys(self, batch) -> list:
        cols = [batch.column(c).to_pylist() for c in (self.key or self.columns)]
        keys = list(zip(*cols, strict=True)) if len(cols) != 1 else cols[0]
        return list(map(repr, keys)) if self.as_text else keys


def _umask() -> int:
    """The process umask (reading it means setting it; it is put straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


class _StagedFile:
    """Base of the sinks: a temporary file ``tmp`` (open as ``fh``, with an optional
    Parquet ``writer`` on it) renamed to ``dst`` only when complete, so that a failed run
    never leaves half an output behind. Subclasses set those four attributes."""

    def commit(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.fh.close()
        # mkstemp makes the staging file private (0600); the output is an ordinary file,
        # so give it the mode `open()` would have (0666 less the umask).
        os.chmod(self.tmp, 0o666 & ~_umask())
        os.replace(self.tmp, self.dst)

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            if self.writer is not None:
                self.writer.close()
        self.fh.close()
        with contextlib.suppress(FileNotFoundError):
            self.tmp.unlink()


class _Sink(_StagedFile):
    """Writes kept records to a temporary file renamed to ``dst`` only when complete."""

    def __init__(self, dst: Path, fmt: str, header, schema=None):
        self.dst = dst
        fd, name = tempfile.mkstemp(dir=dst.parent, prefix=f".{dst.name}.", suffix=".part")
        self.tmp = Path(name)
        self.fh = os.fdopen(fd, "wb")
        self.writer = None
        if fmt == "parquet":
            pa = _need_pyarrow("native")
            self.writer = pa.parquet.ParquetWriter(self.fh, schema)
        elif header is not None:
            self.fh.write(header + b"\n")

    def write(self, records) -> None:
        if self.writer is not None:
            if records.num_rows:
                self.writer.write_batch(records)
        elif records:
            self.fh.write(b"\n".join(records))
            self.fh.write(b"\n")



# ---------------------------------------------------------------------------------------
# The native engine
# ---------------------------------------------------------------------------------------


def _plan(path: Path, budget: int, sample_rows: int, sample_bytes: int) -> int:
    """Partitions so that one partition's keys, as Python objects, take at most half the
    budget (the other half: the block being read, the mask and I/O buffers)."""
    size = max(path.stat().st_size, 1)
    rows = size / max(sample_bytes / max(sample_rows, 1), 1.0)
    need = rows * _BYTES_PER_ROW + size * _BYTES_PER_KEY_BYTE
    return int(min(_MAX_PARTITIONS, max(1, math.ceil(need / (budget / 2)))))


def _first_rows(keys: list, rows: list, keep: str) -> dict:
    """key -> its first (or last) row, for rows given in increasing order: one C-level
    ``dict(zip(...))``. Reversed for "first": a repeated key keeps the value written
    last, its earliest row."""
    if keep == "last":
        return dict(zip(keys, rows, strict=True))
    return dict(zip(reversed(keys), reversed(rows), strict=True))


class _BitMask:
    """n booleans in n/8 bytes: rows to keep."""

    def __init__(self, n: int):
        self.bits = np.zeros((n + 7) // 8, dtype=np.uint8)

    def set(self, rows: np.ndarray) -> None:
        # .at: several rows can share a byte.
        np.bitwise_or.at(self.bits, rows >> 3, (128 >> (rows & 7)).astype(np.uint8))

    def get(self, start: int, n: int) -> np.ndarray:
        lo = start // 8
        bits = np.unpackbits(self.bits[lo:(start + n + 7) // 8])
        return bits[start - 8 * lo:start - 8 * lo + n].view(bool)


def _dump(fh, rows: np.ndarray, keys) -> None:
    # Length-prefixed marshal blobs: marshal.loads of one bytes object is ~10x faster
    # than marshal.load reading a file object piece by piece.
    blob = marshal.dumps((rows.tobytes(), keys))
    fh.write(len(blob).to_bytes(8, "little"))
    fh.write(blob)


def _load(path: Path) -> tuple[list, list]:
    keys: list = []
    rows: list = []
    with open(path, "rb") as fh:
        while head := fh.read(8):
            raw_rows, batch = marshal.loads(fh.read(int.from_bytes(head, "little")))
            keys.extend(batch)
            rows.extend(np.frombuffer(raw_rows, np.int64).tolist())
    return keys, rows


def _native_csv(src: Path, dst: Path, key, keep: str, budget: int, tmpdir: Path,
                progress) -> tuple[int, int, int]:
    """The native engine for a CSV: the same three passes, with NumPy arrays of offsets
    and 64-bit fingerprints in place of one Python object per row
    (:mod:`mlinterview.algo._dedup_rows`); keys are still compared in full."""
    from mlinterview.algo import _dedup_rows as vec

    block_size = int(min(vec._MAX_BLOCK, max(_MIN_BLOCK, budget // 16)))
    header = _Source(src, "csv", key, block_size)  # the header line, its length, columns
    columns = None if key is None else header.index
    canonical = _canonical_csv if key is None else functools.partial(_canonical_key,
                                                                      columns=columns)
    where = [0]
    blocks = vec.blocks(src, header.skip, block_size, where)
    peeked = [b for b in [next(blocks, None)] if b is not None]
    n_parts = _plan(src, budget, peeked[0][1].size, where[0]) if peeked else 1

    def all_blocks():
        if peeked:
            yield peeked.pop()  # not held once used: one block in memory at a time
            yield from blocks

    # Pass 1: each record's row number, fingerprint and key bytes to its partition.
    n_rows = 0
    parts = [open(tmpdir / f"part{p:04d}.bin", "wb") for p in range(n_parts)]  # noqa: SIM115
    try:
        for arr, starts, ends in all_blocks():
            buf, kstart, klen = vec.keys(arr, starts, ends, canonical, columns)
            words, woff, fps = vec.key_words(buf, kstart, klen)
            part = (fps % np.uint64(n_parts)).astype(np.uint16)  # <= 1024 partitions
            order = np.argsort(part, kind="stable")  # stable: rows stay increasing
            bounds = np.concatenate([[0], np.cumsum(np.bincount(part, minlength=n_parts))])
            words = vec.gather(words, woff[order], (klen[order] + 7) >> 3)
            word_bounds = np.concatenate([[0], np.cumsum((klen[order] + 7) >> 3)])
            for p, (lo, hi) in enumerate(itertools.pairwise(bounds.tolist())):
                if hi > lo:
                    at = order[lo:hi]
                    vec.write_chunk(parts[p], n_rows + at, fps[at], klen[at],
                                    words[word_bounds[lo]:word_bounds[hi]])
            n_rows += starts.size
            if progress:
                progress(n_rows, where[0])
    finally:
        for fh in parts:
            fh.close()
    pass_bytes = where[0]

    # Pass 2: the first (or last) row of every key, partition by partition.
    mask = _BitMask(n_rows)
    for p in range(n_parts):
        path = tmpdir / f"part{p:04d}.bin"
        mask.set(vec.first_rows(*vec.read_partition(path), keep))
        path.unlink()

    # Pass 3: the bytes of the marked records, in input order.
    sink = _Sink(dst, "csv", header.header)
    written = start = 0
    try:
        for arr, starts, ends in vec.blocks(src, header.skip, block_size, where):
            kept = mask.get(start, starts.size)
            sink.fh.write(vec.kept_bytes(arr, starts, ends, kept))
            written += int(np.count_nonzero(kept))
            start += starts.size
            if progress:
                progress(start, pass_bytes + where[0])
        sink.commit()
    except BaseException:
        sink.abort()
        raise
    return n_rows, written, n_parts


def _native(src: Path, dst: Path, fmt: str, key, keep: str, budget: int, tmpdir: Path,
            progress) -> tuple[int, int, int]:
    """The native engine: a CSV goes to :func:`_native_csv`; JSONL lines and Parquet rows
    take the three passes with one Python object per key (bytes, str or tuple)."""
    if fmt == "csv":
        return _native_csv(src, dst, key, keep, budget, tmpdir, progress)
    # Parsed JSON objects take ~8x their text (a dict and its values per line): a 64th of
    # the budget per block. A Parquet batch has block_size / 256 rows.
    share = 64 if fmt == "jsonl" else 16
    block_size = int(min(16 << 20, max(_MIN_BLOCK, budget // share)))
    if fmt == "parquet":
        source = _ParquetSource(src, key, max(1024, block_size // 256))
    else:
        source = _Source(src, fmt, key, block_size)
    blocks = source.blocks()
    peeked = [b for b in [next(blocks, None)] if b is not None]
    if not peeked:
        n_parts = 1
    elif fmt == "parquet":
        n_parts = _plan(src, budget, peeked[0].num_rows, peeked[0].nbytes)
    else:
        n_parts = _plan(src, budget, len(peeked[0]), source.position)

    def all_blocks():
        if peeked:
            yield peeked.pop()  # not held once used: one block in memory at a time
            yield from blocks

    n_rows = 0
    all_keys: list = []  # one partition: every key stays in memory (it fits the budget)
    parts = ([open(tmpdir / f"part{p:04d}.bin", "wb") for p in range(n_parts)]  # noqa: SIM115
             if n_parts > 1 else [])
    try:
        # Pass 1: keys and row numbers to partitions by hash (or kept in memory).
        for block in all_blocks():
            keys = source.keys(block)
            n = len(keys)
            if n_parts == 1:
                all_keys.extend(keys)
            elif n:
                part = np.fromiter(map(hash, keys), np.int64, n) % n_parts
                order = np.argsort(part, kind="stable")  # stable: rows stay increasing
                bounds = np.searchsorted(part[order], np.arange(n_parts + 1)).tolist()
                ordered = itemgetter(*order.tolist())(keys) if n > 1 else tuple(keys)
                rows = order + n_rows
                for p in range(n_parts):
                    lo, hi = bounds[p], bounds[p + 1]
                    if hi > lo:
                        _dump(parts[p], rows[lo:hi], ordered[lo:hi])
            n_rows += n
            if progress:
                progress(n_rows, source.position)
    finally:
        for fh in parts:
            fh.close()
    pass_bytes = source.position

    # Pass 2: the first (or last) row of every key, partition by partition.
    mask = _BitMask(n_rows)
    if n_parts == 1:
        first = _first_rows(all_keys, range(n_rows), keep)
        del all_keys
        mask.set(np.fromiter(first.values(), np.int64, len(first)))
        del first
    for p in range(n_parts if n_parts > 1 else 0):
        path = tmpdir / f"part{p:04d}.bin"
        first = _first_rows(*_load(path), keep)
        mask.set(np.fromiter(first.values(), np.int64, len(first)))
        del first
        path.unlink()

    # Pass 3: the marked records, in input order.
    sink = _Sink(dst, fmt, getattr(source, "header", None), getattr(source, "schema", None))
    written, start = 0, 0
    try:
        for block in source.blocks():
            n = block.num_rows if fmt == "parquet" else len(block)
            kept = mask.get(start, n)
            if fmt == "parquet":
                import pyarrow as pa

                sink.write(block.filter(pa.array(kept)))
            else:
                sink.write(block if kept.all() else list(compress(block, kept.tolist())))
            written += int(kept.sum())
            start += n
            if progress:
                progress(start, pass_bytes + source.position)
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
                                 "temp_directory": str(tmpdir), "threads": 2,
                                 "preserve_insertion_order": True})
    try:
        con.execute("SET enable_progress_bar = false")  # its bar would draw on our stderr
        if fmt == "csv":
            read = (f"read_csv({_sql_str(src)}, header=true, all_varchar=true, "
                    "quote='\"', escape='\"')")
        elif fmt == "jsonl":
            read = f"read_json({_sql_str(src)}, format='newline_delimited')"
        else:
            read = f"read_parquet({_sql_str(src)})"
        con.execute(f"CREATE VIEW src AS SELECT *, row_number() OVER () AS __row FROM {read}")
        cols = [c[0] for c in con.execute("DESCRIBE src").fetchall() if c[0] != "__row"]
        if key is not None:
            _check_key(key, cols)
        part = ", ".join(_sql_id(c) for c in (key or cols))
        pick = "min" if keep == "first" else "max"
        n_rows = con.execute("SELECT count(*) FROM src").fetchone()[0]
        tmp_out = tmpdir / f"out.{fmt}"
        out_fmt = {"csv": "(FORMAT csv, HEADER true)", "jsonl": "(FORMAT json)",
                   "parquet": "(FORMAT parquet)"}[fmt]
        select = ", ".join(_sql_id(c) for c in cols)
        # COPY answers with the rows it wrote: no second grouping pass to count them.
        written = con.execute(
            f"COPY (SELECT {select} FROM src WHERE __row IN (SELECT {pick}(__row) FROM src "
            f"GROUP BY {part}) ORDER BY __row) TO {_sql_str(tmp_out)} {out_fmt}"
        ).fetchone()[0]
        os.replace(tmp_out, dst)  # tmpdir is in dst's folder: an atomic rename
    except duckdb.Error as exc:
        raise ValueError(f"{src.name}: DuckDB failed: {str(exc).splitlines()[0]}") from None
    finally:
        con.close()
    return n_rows, written, 1


def _sql_str(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _sql_id(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# ---------------------------------------------------------------------------------------
# The Dask engine
# ---------------------------------------------------------------------------------------


def _with_rows(part, offsets, partition_info=None):
    """One partition with its global row numbers (offsets: first row of each partition)."""
    start = offsets[partition_info["number"]] if partition_info else 0
    return part.assign(__row=np.arange(start, start + len(part), dtype=np.int64))


def _dask(src: Path, dst: Path, fmt: str, key, keep: str, budget: int, tmpdir: Path,
          scheduler, workers: int) -> tuple[int, int, int]:
    try:
        import dask
        import dask.dataframe as dd
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ImportError("engine: 'dask' needs the scale extra: pip install "
                          "'mlinterview[scale]' (dask[distributed])") from None
    block = int(max(1 << 20, budget // (4 * workers)))
    if fmt == "csv":
        # A quoted field may hold a newline, which a byte-range split would cut in two.
        with open(src, "rb") as fh:  # its first MiB only: the file may exceed memory
            quoted = _QUOTE in fh.read(1 << 20)
        df = dd.read_csv(src, dtype=str, keep_default_na=False, na_filter=False,
                         blocksize=None if quoted else block)
    elif fmt == "jsonl":
        df = dd.read_json(src, lines=True, blocksize=block)
    else:
        _need_pyarrow("dask")
        df = dd.read_parquet(src)
    columns = list(df.columns)
    if key is not None:
        _check_key(key, columns)
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               # A worker process alone holds ~200 MB (pandas, dask).
                               memory_limit=max(budget // workers, _DASK_WORKER_FLOOR),
                               dashboard_address=":0", local_directory=str(tmpdir))
        scheduler = cluster
    sink = None
    try:
        with Client(scheduler) as client, dask.config.set({"dataframe.shuffle.method":
                                                           "tasks"}):
            lengths = client.compute(df.map_partitions(len)).result()
            offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
            n_rows = int(offsets[-1])
            rows = df.map_partitions(_with_rows, offsets.tolist(),
                                     meta=df._meta.assign(__row=np.int64(0)))
            # The first row of every key (a shuffle by key), then those rows sorted back
            # into input order by their row number.
            by = key or columns
            pick = rows.groupby(by, dropna=False)["__row"]
            firsts = (pick.min() if keep == "first" else pick.max()).reset_index(drop=True)
            kept = rows.merge(firsts.to_frame("__row"), on="__row", how="inner")
            kept = kept.set_index("__row", sorted=False).persist()
            sink = _DaskSink(dst, fmt, columns)
            written = 0
            for i in range(kept.npartitions):
                piece = client.compute(kept.get_partition(i)).result().sort_index()
                sink.write(piece[columns])
                written += len(piece)
            sink.commit()
            sink = None
    finally:
        if sink is not None:
            sink.abort()
        if cluster is not None:
            cluster.close()
    return n_rows, written, 0 if not n_rows else int(kept.npartitions)


class _DaskSink(_StagedFile):
    """Pandas pieces appended in order to a temporary file renamed when complete."""

    def __init__(self, dst: Path, fmt: str, columns: list):
        self.dst, self.fmt, self.columns, self.first = dst, fmt, columns, True
        self.tmp = dst.with_name(f".{dst.name}.part")
        self.fh = open(self.tmp, "wb")  # noqa: SIM115
        self.writer = None

    def write(self, piece) -> None:
        if self.fmt == "csv":
            self.fh.write(piece.to_csv(index=False, header=self.first,
                                       lineterminator="\n").encode("utf-8"))
        elif self.fmt == "jsonl":
            if len(piece):
                text = piece.to_json(orient="records", lines=True, force_ascii=False)
                self.fh.write((text if text.endswith("\n") else text + "\n").encode("utf-8"))
        else:
            import pyarrow as pa
            import pyarrow.parquet

            table = pa.Table.from_pandas(piece, preserve_index=False)
            if self.writer is None:
                self.writer = pa.parquet.ParquetWriter(self.fh, table.schema)
            self.writer.write_table(table)
        self.first = False

    def commit(self) -> None:
        if self.fmt == "csv" and self.first:      # no rows at all: the header alone
            self.fh.write((",".join(map(str, self.columns)) + "\n").encode("utf-8"))
        super().commit()


# ---------------------------------------------------------------------------------------
# The entry point
# ---------------------------------------------------------------------------------------


def dedup(src: str | os.PathLike, dst: str | os.PathLike, *, key: Sequence[str] | None = None,
          keep: str = "first", memory_limit: str | int = "256MB", engine: str = "native",
          fmt: str | None = None, scheduler: str | None = None, workers: int = 2,
          progress: Callable[[int, int], None] | None = None) -> DedupStats:
    """Write to ``dst`` the rows of ``src`` without duplicates, in their original order.

    Parameters
    ----------
    src, dst : path of a .csv (with a header), .jsonl (one JSON object a line) or .parquet
        file; ``dst`` gets the same format.
    key : list of column names, optional
        Rows are duplicates when these columns are equal (default: the whole row).
        Values are compared exactly: rows differing only in whitespace differ.
    keep : {"first", "last"}
        Which occurrence of each key is written (at its own position).
    memory_limit : size such as "256MB"
        The budget the engine plans for: the native engine's partitions and block size,
        DuckDB's ``memory_limit`` (its buffers; the process needs some more), and the
        Dask workers' limit shared among them (at least 768 MB each: a worker process
        alone holds ~200 MB). Block sizes of the Dask input follow it too.
    engine : {"native", "duckdb", "dask"}
    fmt : {"csv", "jsonl", "parquet"}, optional
        Overrides the format inferred from the extension of ``src``.
    scheduler : str, optional
        ``engine="dask"``: address of a running scheduler (``"tcp://host:8786"``); by
        default a ``LocalCluster`` of ``workers`` single-threaded processes.
    workers : int
        Processes of that default ``LocalCluster``.
    progress : callable(rows, bytes_read), optional
        Native engine: called after each block of the two passes that read ``src``, with
        the rows seen in the current pass and the bytes read by both passes so far (twice
        the size of a CSV or JSONL file at the end; Parquet counts decoded bytes).

    Returns a :class:`DedupStats`. On any error (or Ctrl-C) no ``dst`` is left half
    written and the temporary files are removed.
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
    if dst.is_dir():
        raise IsADirectoryError(f"dst: {dst} is a folder; expected a file path")
    if src.resolve() == dst.resolve():
        raise ValueError("dst: must differ from src (the input is read twice)")
    if key is not None:
        key = [key] if isinstance(key, str) else list(key)
        if not key:
            raise ValueError("key: expected at least one column name, got an empty list")
    check_scalar(workers, "workers", numbers.Integral, lo=1)
    tmpdir = Path(tempfile.mkdtemp(prefix=".mlinterview-dedup-", dir=dst.parent))
    try:
        if engine == "native":
            n_rows, written, parts = _native(src, dst, fmt, key, keep, budget, tmpdir,
                                             progress)
        elif engine == "duckdb":
            n_rows, written, parts = _duckdb(src, dst, fmt, key, keep, budget, tmpdir)
        else:
            n_rows, written, parts = _dask(src, dst, fmt, key, keep, budget, tmpdir,
                                           scheduler, workers)
    except UnicodeDecodeError as exc:
        raise ValueError(f"{src.name}: not UTF-8 text (byte {exc.start} of a record)") from None
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    return DedupStats(n_rows, written, n_rows - written, time.perf_counter() - start, parts,
                      engine)
