"""Run every ``bench_*.py`` in this folder and print one table per module.

    python benchmarks/run.py                 # all of them
    python benchmarks/run.py metrics nn      # only bench_metrics.py and bench_nn.py
    python benchmarks/run.py --repeats 1     # quicker, noisier

Each table times our code and the reference library side by side in the same process
(one BLAS thread each, as ``make bench`` sets), best of ``--repeats`` runs.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path

# One BLAS thread for both sides, whoever imports NumPy first (make bench sets it too).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _harness import print_table, time_cases  # noqa: E402


def modules(only: list[str]) -> list[str]:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if only:
        wanted = {f"bench_{o.removeprefix('bench_').removesuffix('.py')}" for o in only}
        missing = wanted - set(names)
        if missing:
            raise SystemExit(f"error: no benchmark named {', '.join(sorted(missing))}; "
                             f"have {', '.join(n.removeprefix('bench_') for n in names)}")
        names = [n for n in names if n in wanted]
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("only", nargs="*", help="benchmark names, e.g. metrics nn")
    parser.add_argument("--repeats", type=int, default=3, help="best of this many runs")
    args = parser.parse_args(argv)
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "unset")
    print(f"BLAS threads: {threads}; best of {args.repeats}; ratio = ours / reference")
    for name in modules(args.only):
        module = importlib.import_module(name)
        title = getattr(module, "TITLE", (module.__doc__ or name).strip().splitlines()[0])
        reference = getattr(module, "REFERENCE", "reference")
        start = time.perf_counter()
        if hasattr(module, "cases"):
            rows = time_cases(module.cases(), args.repeats,
                              progress=lambda c: print(f"  … {c}", file=sys.stderr))
            print_table(title, reference, rows)
        else:
            module.main()
        print(f"({name}: {time.perf_counter() - start:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
