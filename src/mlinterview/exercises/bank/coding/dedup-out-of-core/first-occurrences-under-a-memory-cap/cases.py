"""Cases for dedup-out-of-core/first-occurrences-under-a-memory-cap.

The user gets a path and a memory budget; the input files are written once, from fixed
seeds, to a cache folder under the system's temporary directory (the judge's child reads
them there) and rewritten only if missing or changed. Expected line numbers come from an
in-memory de-duplication in the judge's process, which has no cap; the first fixed cases
are worked by hand in the statement. The cap (``Limits.memory_mb``, enforced with
RLIMIT_AS) is the interpreter with NumPy plus ``BUDGET_MB``: a set of the 200,000 lines of
the last file does not fit in it.
"""

import hashlib
import os
import tempfile
from pathlib import Path

import numpy as np

from mlinterview.exercises.spec import Case, Custom, ExerciseSpec, Limits

BUDGET_MB = 12
CAP_MB = 100 + BUDGET_MB  # python -I with NumPy maps ~96 MB of address space
_CACHE = Path(tempfile.gettempdir()) / f"mlinterview-exercise-data-{os.getuid()}"


def _file(lines: list[str]) -> str:
    """The path of a file holding ``lines`` (each followed by a newline)."""
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    path = _CACHE / f"dedup-{hashlib.sha256(data).hexdigest()[:16]}.txt"
    if not path.exists() or path.stat().st_size != len(data):
        _CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, path)  # atomic: parallel judges never read half a file
    return str(path)


def reference(path, memory_mb):
    """First occurrences, in memory (the judge's process has no cap)."""
    first: dict = {}
    with open(path, encoding="utf-8", newline="\n") as fh:
        for number, line in enumerate(fh):
            first.setdefault(line[:-1] if line.endswith("\n") else line, number)
    return list(first.values())


def check(case, expected, got):
    if isinstance(got, np.ndarray):
        if got.ndim != 1 or (got.size and got.dtype.kind not in "iu"):
            return f"expected a 1-D integer array, got shape {got.shape} dtype {got.dtype}"
        got = got.tolist()
    if not isinstance(got, (list, tuple)):
        return f"expected a list of line numbers, got a {type(got).__name__}"
    if any(isinstance(g, bool) or not isinstance(g, (int, np.integer)) for g in got):
        return "expected the line numbers as ints"
    got = [int(g) for g in got]
    if got == list(expected):
        return None
    if sorted(got) == sorted(expected):
        i = next(i for i, (e, g) in enumerate(zip(expected, got, strict=True)) if e != g)
        return (f"the right lines, in the wrong order: position {i} holds line {got[i]}, "
                f"expected line {expected[i]} (keep the input order)")
    missing = sorted(set(expected) - set(got))
    extra = sorted(set(got) - set(expected))
    lines = Path(case.args[0]).read_text(encoding="utf-8").split("\n")
    if missing:
        return (f"line {missing[0]} ({lines[missing[0]]!r}) is the first occurrence of its "
                f"text but is missing ({len(missing)} missing in all)")
    return (f"line {extra[0]} ({lines[extra[0]]!r}) repeats an earlier line or is not the "
            f"first occurrence ({len(extra)} extra in all)")


def fixed():
    return [
        Case((_file(["b", "a", "b", "c", "a"]), BUDGET_MB), note="repeats",
             expected=[0, 1, 3], size=5),
        Case((_file(["x", "x ", "x"]), BUDGET_MB), note="a trailing space makes a new line",
             expected=[0, 1], size=3),
        Case((_file(["1", "1", "1", "1"]), BUDGET_MB), note="all duplicates", expected=[0],
             size=4),
        Case((_file([]), BUDGET_MB), note="empty file", expected=[], size=0),
        Case((_file(["", "a", "", "A", "a"]), BUDGET_MB), note="empty lines and case",
             expected=[0, 1, 3], size=5),
        Case((_file(["naïve ☕", "naive", "naïve ☕", "tab\there", "tab\there"]), BUDGET_MB),
             note="unicode and tabs", expected=[0, 1, 3], size=5),
    ]


def _lines(rng, n):
    """n lines of ~100 characters, ~30% repeats, some differing only in whitespace."""
    ids = rng.integers(0, max(1, int(n * 0.7)), n)
    pad = rng.random(n) < 0.02
    return [f"user{i:07d},item{i * 7919 % 100003:06d},2024-05-{i % 28 + 1:02d},"
            f"session {i * 104729 % 999983:06d} view,https://example.org/p/{i % 99991:05d}"
            f"?ref=feed" + (" " if p else "")
            for i, p in zip(ids.tolist(), pad.tolist(), strict=True)]


def generated(rng):
    return [Case((_file(_lines(rng, n)), BUDGET_MB), note=f"{n:,} lines", size=n)
            for n in (10, 50, 300, 1_000, 5_000, 20_000, 200_000)]


SPEC = ExerciseSpec(
    function="first_occurrences",
    compare=Custom(check, "the same line numbers, in increasing order"),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=CAP_MB, output_mb=16),
)
