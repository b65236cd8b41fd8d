"""Side-by-side timing: our implementation and the reference library in one run.

A benchmark module ``bench_<area>.py`` defines ``cases()``, yielding
``(case, size, ours, reference)`` with two zero-argument callables that do the same work,
and optionally ``TITLE`` and ``REFERENCE`` (the library name shown in the header). Each
callable is run ``repeats`` times and the best time is kept: the minimum is the least noisy
estimate of what the code costs, since interference only ever adds time. The ratio is
ours / reference, so below 1 means we are faster. Benchmarks print; they never assert.
"""

from __future__ import annotations

import sys
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass

Case = tuple[str, str, Callable[[], object], Callable[[], object]]


@dataclass
class Timing:
    """One row of a benchmark table."""

    case: str
    size: str
    ours: float
    reference: float

    @property
    def ratio(self) -> float:
        return self.ours / self.reference if self.reference > 0 else float("inf")


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def best_time(fn: Callable[[], object], repeats: int = 3) -> float:
    """The smallest wall-clock time of ``repeats`` calls of ``fn``, in seconds.

    A first call under a second is a warm-up and is not counted: it pays one-off costs
    (PyTorch's lazy initialisation, a JIT compile, cold caches) that neither side should
    be charged for. A slower first call already dwarfs those and counts as a repeat.
    """
    first = _timed(fn)
    times = [] if first < 1.0 else [first]
    while len(times) < max(1, repeats):
        times.append(_timed(fn))
    return min(times)


def time_cases(cases: Iterable[Case], repeats: int = 3,
               progress: Callable[[str], None] | None = None) -> list[Timing]:
    """Time every case, ours then the reference, with warnings silenced."""
    rows = []
    for case, size, ours, reference in cases:
        if progress is not None:
            progress(case)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t_ours = best_time(ours, repeats)
            t_ref = best_time(reference, repeats)
        rows.append(Timing(case, size, t_ours, t_ref))
    return rows


def _seconds(t: float) -> str:
    return f"{t * 1e3:.2f} ms" if t < 1 else f"{t:.2f} s"


def print_table(title: str, reference: str, rows: list[Timing], *, file=None) -> None:
    """A Rich table in a terminal, aligned plain text when piped."""
    file = sys.stdout if file is None else file
    if file.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, title_justify="left")
        for name, justify in (("case", "left"), ("size", "left"), ("ours", "right"),
                              (reference, "right"), ("ours / ref", "right")):
            table.add_column(name, justify=justify)
        for r in rows:
            colour = "green" if r.ratio <= 1.0 else "yellow" if r.ratio <= 2.0 else "red"
            table.add_row(r.case, r.size, _seconds(r.ours), _seconds(r.reference),
                          f"[{colour}]{r.ratio:.2f}[/{colour}]")
        Console(file=file).print(table)
        return
    width = max([len(r.case) for r in rows] + [4])
    size_w = max([len(r.size) for r in rows] + [4])
    print(f"\n{title}", file=file)
    print(f"{'case':<{width}}  {'size':<{size_w}}  {'ours':>10}  {reference:>10}  "
          f"{'ours/ref':>8}", file=file)
    for r in rows:
        print(f"{r.case:<{width}}  {r.size:<{size_w}}  {_seconds(r.ours):>10}  "
              f"{_seconds(r.reference):>10}  {r.ratio:8.2f}", file=file)


def main(cases: Callable[[], Iterable[Case]], title: str, reference: str,
         repeats: int = 3) -> list[Timing]:
    """Run one benchmark module's cases and print its table (a module's ``__main__``)."""
    rows = time_cases(cases(), repeats)
    print_table(title, reference, rows)
    return rows
