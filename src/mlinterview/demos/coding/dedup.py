"""Demo for dedup-out-of-core: memory used against data size, and throughput next to
DuckDB.

A CSV with a known number of duplicated rows is written to a temporary folder; the
native engine de-duplicates it at several memory budgets (from one that holds every key
to ones a fraction of the file) and DuckDB does the same job. Each run happens in a fresh
interpreter so its peak memory (peak resident set above the interpreter's own) is its
alone.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure

MB = 2**20


def write_csv(path: Path, n_rows: int, dup_share: float, seed: int) -> int:
    """A CSV of ``n_rows`` rows of which exactly ``round(n_rows * dup_share)`` repeat an
    earlier row, scattered at random; returns that number of duplicates."""
    rng = np.random.default_rng(seed)
    distinct = n_rows - round(n_rows * dup_share)
    ids = np.concatenate([np.arange(distinct), rng.integers(0, max(distinct, 1),
                                                             n_rows - distinct)])
    rng.shuffle(ids)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("user,item,event\n")
        # Every field is a function of the id and the id itself is a field: equal ids
        # give equal rows, different ids different rows.
        fh.writelines(f"u{i % 9973},{i},view {i * 31 % 1000003}\n" for i in ids.tolist())
    return n_rows - distinct


_CHILD = """
import json, resource, sys
from mlinterview.algo.dedup import dedup

def peak_kib():
    # VmHWM: the peak resident set of this process image. ru_maxrss would do elsewhere,
    # but on Linux it keeps the parent's peak across fork + exec.
    try:
        with open("/proc/self/status") as fh:
            return int(next(l for l in fh if l.startswith("VmHWM:")).split()[1])
    except (OSError, StopIteration):
        r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return r // 1024 if sys.platform == "darwin" else r

base = peak_kib()
s = dedup(sys.argv[1], sys.argv[2], engine=sys.argv[3], memory_limit=int(sys.argv[4]))
print(json.dumps([s.rows_read, s.duplicates, s.partitions, s.seconds, base, peak_kib()]))
"""


def run_in_child(src: Path, dst: Path, engine: str, budget: int) -> dict:
    """One dedup in a fresh interpreter: its stats and the rise of its peak resident set
    above the interpreter's own (a fresh process, so runs do not mix)."""
    out = subprocess.run([sys.executable, "-c", _CHILD, str(src), str(dst), engine,
                          str(budget)], capture_output=True, text=True, check=True)
    rows, dups, parts, seconds, base, peak = json.loads(out.stdout.splitlines()[-1])
    return {"rows": rows, "duplicates": dups, "partitions": parts, "seconds": seconds,
            "peak_mib": round((peak - base) / 1024, 1)}


@demo("dedup-out-of-core", title="Out-of-core dedup: memory budget vs partitions and speed")
def dedup_budgets(
    n_rows: Param(int, lo=1_000, hi=5_000_000, help="Rows in the generated CSV.") = 150_000,
    dup_share: Param(float, lo=0.0, hi=0.95, help="Share of rows that repeat an earlier "
                     "row.") = 0.3,
    seed: int = 0,
) -> DemoResult:
    """The native engine needs more partitions as the budget shrinks, but its peak memory
    follows the budget, not the file; DuckDB does the same job in C++."""
    budgets = [256 * MB, 16 * MB, 4 * MB, 1 * MB]
    table = Table(["engine", "budget MiB", "rows", "duplicates", "partitions", "seconds",
                   "MB/s", "peak MiB"], measured=("seconds", "MB/s", "peak MiB"))
    with tempfile.TemporaryDirectory(prefix="mlinterview-dedup-demo-") as tmp:
        src, dst = Path(tmp) / "events.csv", Path(tmp) / "out.csv"
        true_dups = write_csv(src, n_rows, dup_share, seed)
        size_mb = src.stat().st_size / 1e6
        runs = [("native", b) for b in budgets] + [("duckdb", budgets[0])]
        for engine, budget in runs:
            r = run_in_child(src, dst, engine, budget)
            table.add(engine, budget // MB, r["rows"], r["duplicates"], r["partitions"],
                      round(r["seconds"], 3), round(size_mb / r["seconds"], 1),
                      r["peak_mib"])

    native = [r for r in table.rows if r[0] == "native"]
    fig, (ax_p, ax_m) = new_figure(2, width=4.4)
    x = [r[1] for r in native]
    ax_p.semilogx(x, [r[4] for r in native], "o-", base=2)
    ax_p.set(xlabel="budget (MiB)", ylabel="partitions", title="Partitions vs budget")
    ax_m.loglog(x, [max(r[7], 0.1) for r in native], "o-", base=2, label="native peak")
    ax_m.loglog(x, x, "--", color="grey", base=2, label="budget")
    ax_m.axhline(size_mb * 1e6 / MB, color="k", lw=0.8, label="file size")
    ax_m.legend(fontsize=7)
    ax_m.set(xlabel="budget (MiB)", ylabel="peak MiB", title="Memory used")

    duck = table.rows[-1]
    summary = (
        f"{n_rows:,} rows ({size_mb:.1f} MB), {true_dups:,} duplicates generated and "
        f"{native[0][3]:,} found by every run. The native engine used "
        f"{native[0][4]} partition(s) at {native[0][1]} MiB and {native[-1][4]} at "
        f"{native[-1][1]} MiB, reading the file twice and writing the keys once in "
        f"between; it ran at {native[0][6]} MB/s against {duck[6]} MB/s for DuckDB "
        "(timings are noisy on a shared machine)."
    )
    return DemoResult(figures={"budgets": fig}, table=table, summary=summary)
