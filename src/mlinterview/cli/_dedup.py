"""``mlinterview dedup``: exact de-duplication of a file larger than memory.

A thin view over :func:`mlinterview.algo.dedup.dedup`: parse the options, show a progress
bar (Rich, on a terminal; nothing when piped), print what the run did. Every failure is
one line on stderr and a non-zero exit; the library guarantees no half-written output.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path
from typing import Annotated

import typer

from mlinterview.cli import _output as o

HELP = """Remove duplicate rows from a CSV, JSONL or Parquet file, even one larger than memory.

Keeps the first occurrence of every row (or of every --key), in the original order, and
prints rows read, rows written, duplicates, time and peak memory.

The native engine hash-partitions the keys to temporary files sized to --memory,
de-duplicates each partition, and writes the kept rows in a second pass over the input.
--engine duckdb runs the same job in embedded DuckDB; --engine dask on a Dask cluster
(a local one, or --scheduler ADDRESS; needs: pip install 'mlinterview\\[scale]').

The output appears only when complete: on an error or Ctrl-C no OUT file and no
temporary files are left behind.

Examples:

  mlinterview dedup events.csv events.dedup.csv

  mlinterview dedup events.csv out.csv --key user,item --memory 64MB

  mlinterview dedup logs.jsonl out.jsonl --engine duckdb
"""


def _peak_mb() -> float:
    """Peak resident memory of this process, in MB (VmHWM on Linux, else ru_maxrss)."""
    try:
        with open("/proc/self/status") as fh:
            kib = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
    except (OSError, StopIteration, ValueError):
        kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if sys.platform == "darwin":  # bytes there
            kib //= 1024
    return kib / 1024


def dedup(
    src: Annotated[Path, typer.Argument(
        metavar="IN", help="Input: .csv (with a header), .jsonl or .parquet.")],
    dst: Annotated[Path, typer.Argument(metavar="OUT", help="Output file, same format as IN.")],
    key: Annotated[str | None, typer.Option(
        "--key", "-k", metavar="COLS", help="Comma-separated columns that make two rows "
        "duplicates (default: the whole row).")] = None,
    memory: Annotated[str, typer.Option(
        "--memory", "-m", metavar="SIZE", help="Memory budget, e.g. 64MB, 1GB.")] = "256MB",
    engine: Annotated[str, typer.Option(
        "--engine", "-e", metavar="ENGINE", help="native | duckdb | dask.")] = "native",
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help="csv | jsonl | parquet (default: from IN's extension).")] = None,
    keep: Annotated[str, typer.Option(
        "--keep", metavar="WHICH",
        help="first | last occurrence, kept at its own position.")] = "first",
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", metavar="ADDRESS",
        help="Dask scheduler address (with --engine dask).")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    from mlinterview.algo.dedup import ENGINES, FORMATS, parse_size
    from mlinterview.algo.dedup import dedup as run_dedup

    if engine not in ENGINES:
        o.fail(f"--engine: expected one of {', '.join(ENGINES)}; got {engine!r}", code=2)
    if fmt is not None and fmt not in FORMATS:
        o.fail(f"--format: expected one of {', '.join(FORMATS)}; got {fmt!r}", code=2)
    if keep not in ("first", "last"):
        o.fail(f"--keep: expected first or last; got {keep!r}", code=2)
    if scheduler is not None and engine != "dask":
        o.fail("--scheduler: only used with --engine dask", code=2)
    try:
        budget = parse_size(memory)
    except (ValueError, OverflowError):  # OverflowError: 1e400MB
        o.fail(f"--memory: expected a size like 256MB or 1GB; got {memory!r}", code=2)
    columns = None
    if key is not None:
        columns = [c.strip() for c in key.split(",") if c.strip()]
        if not columns:
            o.fail("--key: expected column names separated by commas", code=2)

    if src.exists():  # read twice: a file, not a folder, FIFO or device (a missing one:
        o.regular_file(src, "src", code=1)  # the library's own message)
    show_bar = o.err().is_terminal and not json_
    try:
        if show_bar:
            stats = _with_progress(run_dedup, src, dst, columns, keep, budget, engine, fmt,
                                   scheduler)
        else:
            stats = run_dedup(src, dst, key=columns, keep=keep, memory_limit=budget,
                              engine=engine, fmt=fmt, scheduler=scheduler)
    except KeyboardInterrupt:
        o.fail("interrupted; nothing was written to OUT and the temporary files are removed",
               code=130)
    except (OSError, ValueError, ImportError, RuntimeError) as exc:
        text = str(exc).strip().splitlines()
        o.fail(text[0] if text else type(exc).__name__)

    peak = _peak_mb()
    if json_:
        o.print_json({"rows_read": stats.rows_read, "rows_written": stats.rows_written,
                      "duplicates": stats.duplicates, "seconds": round(stats.seconds, 3),
                      "peak_memory_mb": round(peak, 1), "engine": stats.engine,
                      "partitions": stats.partitions, "output": str(dst)})
        return
    share = stats.duplicates / stats.rows_read if stats.rows_read else 0.0
    lines = [("rows read", f"{stats.rows_read:,}"),
             ("rows written", f"{stats.rows_written:,}"),
             ("duplicates", f"{stats.duplicates:,} ({share:.1%})"),
             ("time", f"{stats.seconds:.2f} s"),
             ("peak memory", f"{peak:.0f} MB (this process; budget {budget / 2**20:.0f} MB)"),
             ("engine", f"{stats.engine}"
              + (f", {stats.partitions} partition(s)" if stats.engine == "native" else ""))]
    width = max(len(name) for name, _ in lines)
    for name, value in lines:
        o.say(f"{name:<{width}}  {value}")
    o.say(f"wrote {dst}", style="dim")


def _with_progress(run_dedup, src, dst, columns, keep, budget, engine, fmt, scheduler):
    """The same call with a Rich progress bar on stderr: bytes of the first pass."""
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from mlinterview.algo.dedup import _EXTENSIONS

    # Native CSV/JSONL: both reading passes, in bytes; otherwise a spinner (Parquet's
    # progress counts decoded bytes, not the file's: --format or a .pq name says so too).
    parquet = (fmt or _EXTENSIONS.get(src.suffix.lower().lstrip("."))) == "parquet"
    by_bytes = engine == "native" and src.is_file() and not parquet
    total = 2 * src.stat().st_size if by_bytes else None
    columns_ = [TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                TimeElapsedColumn()]
    with Progress(*columns_, console=o.err(), transient=True) as bar:
        what = "reading" if engine == "native" else f"running {engine}"
        task = bar.add_task(what, total=total)
        half = total // 2 if total else None

        def progress(rows: int, nbytes: int) -> None:
            stage = "partitioning" if half is None or nbytes <= half else "writing"
            bar.update(task, completed=nbytes, description=f"{stage} {rows:,} rows")

        return run_dedup(src, dst, key=columns, keep=keep, memory_limit=budget,
                         engine=engine, fmt=fmt, scheduler=scheduler,
                         progress=progress if engine == "native" else None)


dedup.__doc__ = HELP
