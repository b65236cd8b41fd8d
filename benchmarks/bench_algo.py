"""Coding topics: out-of-core dedup vs DuckDB (and ``sort -u``), LCS length vs rapidfuzz,
BFS and Dijkstra on a 1,000,000-edge CSR graph vs scipy.sparse.csgraph.

Dedup: a generated CSV of ``DEDUP_ROWS`` rows (default 2,000,000, ~100 MB; set
``DEDUP_ROWS=20000000`` for the 1 GB case), 30% of them repeats of an earlier row, at a
256 MB budget; both engines keep the first occurrence in input order. A second table runs
each engine, and ``LC_ALL=C sort -u -S 256M`` (which sorts: same rows, not the same
order), in its own process under ``/usr/bin/time`` for MB/s and peak RSS.
Run: ``python benchmarks/bench_algo.py``.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

import numpy as np
from rapidfuzz.distance import LCSseq
from scipy.sparse import csgraph, csr_matrix

from _harness import main
from mlinterview.algo import graphs
from mlinterview.algo.dedup import dedup
from mlinterview.algo.lcs import lcs_length
from mlinterview.ml._numba import use_numba

TITLE = "Coding: dedup at 256 MB, LCS of 10,000 symbols, BFS/Dijkstra on 1e6 edges"
REFERENCE = "DuckDB / sort -u / rapidfuzz / scipy"
DEDUP_ROWS = int(os.environ.get("DEDUP_ROWS", 2_000_000))
BUDGET = "256MB"
N_NODES, N_EDGES = 100_000, 1_000_000


@cache
def workdir() -> Path:
    path = Path(tempfile.mkdtemp(prefix="mlinterview-bench-algo-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


@cache
def dedup_input() -> Path:
    """~50-byte rows, 30% of them repeats of an earlier row, written in 1e6-row slices."""
    path = workdir() / "events.csv"
    rng = np.random.default_rng(0)
    distinct = int(DEDUP_ROWS * 0.7)
    with open(path, "w") as fh:
        fh.write("user,item,event,time\n")  # four columns, as every row has
        for lo in range(0, DEDUP_ROWS, 1_000_000):
            n = min(1_000_000, DEDUP_ROWS - lo)
            ids = rng.integers(0, distinct, n)
            fresh = np.arange(lo * 7 // 10, min(distinct, (lo + n) * 7 // 10))
            ids[rng.choice(n, fresh.size, replace=False)] = fresh  # every id appears
            fh.writelines(f"u{i % 99991},{i},view {i * 31 % 1000003},"
                          f"2024-05-{i % 28 + 1:02d}T{i % 24:02d}:00\n" for i in ids.tolist())
    return path


@cache
def lcs_inputs() -> tuple[str, str]:
    rng = np.random.default_rng(1)
    letters = np.array(list("ACGT"))
    return "".join(rng.choice(letters, 10_000)), "".join(rng.choice(letters, 10_000))


@cache
def graph():
    rng = np.random.default_rng(2)
    src = rng.integers(0, N_NODES, N_EDGES)
    dst = rng.integers(0, N_NODES, N_EDGES)
    w = rng.uniform(1.0, 10.0, N_EDGES)
    ours = graphs.CSRGraph.from_edges(N_NODES, src, dst, w)
    theirs = csr_matrix((w, (src, dst)), shape=(N_NODES, N_NODES))
    return ours, theirs


def cases():
    src = dedup_input()
    out = workdir() / "out.csv"
    size = (f"{DEDUP_ROWS:,} rows, {src.stat().st_size / 1e6:.0f} MB; ours peak RSS "
            f"{_peak_rss_mb(src, out):.0f} MB (budget + 64 MB = {_RSS_CAP_MB} MB)")
    yield ("dedup keep first, in order", size,
           lambda: dedup(src, out, memory_limit=BUDGET, engine="native"),
           lambda: dedup(src, out, memory_limit=BUDGET, engine="duckdb"))

    # With numba (the `fast` extra) LCS bit-parallel, BFS and Dijkstra run their compiled
    # twins; the label says which version was timed (MLINTERVIEW_NO_NUMBA=1: the Python one).
    twin = " [compiled]" if use_numba() else " [Python]"
    a, b = lcs_inputs()
    yield ("LCS length, bit-parallel" + twin, "10,000 x 10,000",
           lambda: lcs_length(a, b, method="bitparallel"), lambda: LCSseq.similarity(a, b))
    yield ("LCS length, DP (two rows)", "10,000 x 10,000",
           lambda: lcs_length(a, b, method="dp"), lambda: LCSseq.similarity(a, b))

    ours, theirs = graph()
    gsize = f"{N_NODES:,} nodes, {N_EDGES:,} edges"
    yield ("BFS levels" + (twin if use_numba() else " [NumPy by level]"), gsize,
           lambda: graphs.bfs_levels(ours, 0),
           lambda: csgraph.breadth_first_order(theirs, 0, return_predecessors=False))
    yield ("BFS node by node" + twin, gsize, lambda: graphs.bfs(ours, 0),
           lambda: csgraph.breadth_first_order(theirs, 0, return_predecessors=False))
    yield ("Dijkstra (binary heap)" + twin, gsize, lambda: graphs.dijkstra(ours, 0),
           lambda: csgraph.dijkstra(theirs, indices=0))
    # Printed once the timed cases are done, so `run.py algo` shows it as well.
    throughput_table()


_CHILD = ("import sys; from mlinterview.algo.dedup import dedup; "
          "dedup(sys.argv[1], sys.argv[2], memory_limit=sys.argv[3], engine=sys.argv[4])")


_PEAK_CHILD = _CHILD + ("; print(next(int(line.split()[1]) for line in "
                        "open('/proc/self/status') if line.startswith('VmHWM:')))")
_RSS_CAP_MB = 256 + 64


def _peak_rss_mb(src: Path, out: Path) -> float:
    """Peak resident memory (MB) of the native engine's run, interpreter included, in a
    process of its own. The child reads its own VmHWM: ru_maxrss of a child started by
    ``subprocess`` would count the parent's pages (Linux carries the high-water mark of
    the pre-exec memory over exec)."""
    res = subprocess.run([sys.executable, "-c", _PEAK_CHILD, str(src), str(out), BUDGET,
                          "native"], check=True, capture_output=True, text=True)
    return int(res.stdout.split()[-1]) / 1024


def _timed(cmd: list[str], stdout=None) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of ``cmd`` run under /usr/bin/time (its own process)."""
    report = workdir() / "time.txt"
    start = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(report), *cmd], check=True,
                   stdout=stdout, env={**os.environ, "LC_ALL": "C"})
    seconds = time.perf_counter() - start
    return seconds, int(report.read_text().split()[-1]) / 1024


def throughput_table() -> None:
    """MB/s and peak RSS of each engine in its own process (interpreter included)."""
    if not Path("/usr/bin/time").exists():
        print("\n(/usr/bin/time not found: no MB/s and peak-RSS table)")
        return
    src = dedup_input()
    mb = src.stat().st_size / 1e6
    out = workdir() / "out.csv"
    rows = []
    for engine in ("native", "duckdb"):
        secs, rss = _timed([sys.executable, "-c", _CHILD, str(src), str(out), BUDGET, engine])
        rows.append((f"{engine} (keep first, in order)", secs, rss))
    if shutil.which("sort"):
        with open(out, "wb") as fh:
            secs, rss = _timed(["sort", "-u", "-S", "256M", "-T", str(workdir()), str(src)],
                               stdout=fh)
        rows.append(("LC_ALL=C sort -u -S 256M (sorted)", secs, rss))
    print(f"\nDedup of {DEDUP_ROWS:,} rows ({mb:.0f} MB) at a {BUDGET} budget, one process "
          "each (timings noisy on a shared machine)")
    print(f"{'method':<36}  {'seconds':>8}  {'MB/s':>7}  {'peak RSS MB':>11}")
    for name, secs, rss in rows:
        print(f"{name:<36}  {secs:>8.2f}  {mb / secs:>7.1f}  {rss:>11.0f}")


if __name__ == "__main__":
    main(cases, TITLE, REFERENCE)
