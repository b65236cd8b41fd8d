"""The judge's prepared cases on disk, so a repeated ``exercise check`` skips ``cases.py``.

Preparing an exercise means running its ``cases.py`` (which imports the reference's
library code: SciPy for the probability exercises, Numba where a reference calls a
compiled twin), building its cases (fixed ones, then generated ones from the spec's fixed
seed) and computing every expected value. That is tenths of a second of a command that
should answer in less than half a second, and it gives the same result every time for
the same code. So after a check the judge's prepared entry (the cases' inputs, which of
them are the visible examples, the pickled expected values, the function name, the
comparison and the limits) is written to ``<cache_dir>/judge-cases/<slug>__<name>.pickle``;
the next check of the same exercise reads it back and runs the submission against
exactly those cases, compared in exactly the same way, in the same sandbox.

What keys an entry (:func:`fingerprint`)
    - every file of the exercise's folder, by content (``cases.py``, the solution, the
      statement, ``meta.yaml`` ...);
    - every ``.py`` file of the library code a reference can use (``mlinterview/ml``,
      ``mlinterview/algo``) and of the judge engine (``mlinterview/exercises`` without the
      other exercises of the bank), by path, modification time (ns) and size. Reading
      them all would cost ~7 ms, their ``stat`` ~0.6 ms; saving a file sets its
      modification time, so an edit (or a ``git checkout``, a ``pip install`` of another
      version) changes the key;
    - the Python version, NumPy's version, SciPy's and Numba's installed files (by
      ``stat``, without importing them) and ``MLINTERVIEW_NO_NUMBA``.

What is never cached
    Nothing of the submission: the file holds only what the exercise determines.
    Exercises whose comparison is a :class:`~mlinterview.exercises.spec.Custom` check (a
    function of their ``cases.py``), whose cases name data files (they live in a
    temporary folder that may be cleaned), or whose cases come out different when built a
    second time (randomness beside the spec's seeded generator) are judged as before,
    without the cache.

A damaged, unreadable or stale file is ignored and written again; there is one file per
exercise (a new key replaces the old one), written atomically
(:func:`mlinterview.study.atomic.atomic_write`). The cache folder is the user's own, like
the bytecode Python caches: the pickle is trusted as that is.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import sys
import threading
from pathlib import Path
from typing import Any

import numpy as np

from mlinterview.exercises.spec import AllClose, Case, Exact, ExerciseSpec

#: Changes when the file's layout changes: older files are then stale.
FORMAT = 1
_PACKAGE = Path(__file__).resolve().parents[1]  # src/mlinterview
#: The library a reference can use, and the judge engine itself.
LIBRARY = ("ml", "algo", "exercises")
#: Comparisons that live in the judge engine (a Custom one is a function of cases.py).
_CACHEABLE_COMPARISONS = (Exact, AllClose)
#: Specs read in this process, by exercise id: ``(key, spec)``. A long-running process
#: that checks the same exercise again reuses the spec (and the judge's entry for it)
#: instead of reading the file and installing another copy of the cases each time.
_READ: dict[str, tuple[str, ExerciseSpec]] = {}
_READ_LOCK = threading.Lock()


def path_of(exercise_id: str) -> Path:
    """The cache file of ``exercise_id`` (``slug/name``)."""
    from mlinterview.search import cache_dir

    return cache_dir() / "judge-cases" / (exercise_id.replace("/", "__") + ".pickle")


def _walk(root: Path, skip: tuple[str, ...] = ()) -> list[Path]:
    """Every file under ``root`` in a fixed order, without ``__pycache__`` and ``skip``."""
    found = []
    for here, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and d not in skip)
        found += [Path(here) / f for f in sorted(files)]
    return found


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{path}\0{st.st_mtime_ns}\0{st.st_size}\n"


def _package_stamp(name: str) -> str:
    """An installed package's identity without importing it: its ``__init__.py`` and
    version file by ``stat`` (an upgrade rewrites them), or "absent"."""
    try:
        found = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        found = None
    if found is None or not found.origin:
        return f"{name} absent\n"
    init = Path(found.origin)
    files = [init] + [init.with_name(v) for v in ("version.py", "_version.py")
                      if init.with_name(v).is_file()]
    return "".join(_stamp(f) for f in files)


def fingerprint(folder: Path) -> str:
    """The sha256 (hex) that keys ``folder``'s prepared cases (see the module docstring)."""
    h = hashlib.sha256()
    h.update(f"format {FORMAT}\n{sys.version}\nnumpy {np.__version__}\n".encode())
    h.update(_package_stamp("scipy").encode() + _package_stamp("numba").encode())
    h.update(f"MLINTERVIEW_NO_NUMBA={os.environ.get('MLINTERVIEW_NO_NUMBA', '')}\n".encode())
    for f in _walk(folder):
        h.update(f"{f.relative_to(folder)}\0".encode() + f.read_bytes() + b"\0")
    for sub in LIBRARY:
        for f in _walk(_PACKAGE / sub, skip=("bank",)):
            if f.suffix == ".py":
                h.update(_stamp(f).encode())
    return h.hexdigest()


def _records(cases: list[Case]) -> list[tuple]:
    """What the judge uses of each case (its expected value is in the expected values)."""
    return [(c.args, c.kwargs, c.note, c.raises, c.size) for c in cases]


def _rebuilt(spec: ExerciseSpec) -> list[Case]:
    """``spec``'s cases built once more, as :meth:`ExerciseSpec.cases` builds them."""
    return spec.cases()


def _deterministic(spec: ExerciseSpec, cases: list[Case]) -> bool:
    """Whether building the cases again gives the same inputs, byte for byte."""
    try:
        again = _rebuilt(spec)
        return pickle.dumps(_records(again)) == pickle.dumps(_records(cases))
    except Exception:  # unpicklable inputs: not cached
        return False


def store(exercise) -> bool:
    """Write ``exercise``'s prepared cases and expected values, if the judge computed them
    in this process and they may be cached; True when written. Never raises: the cache
    is only a shortcut."""
    from mlinterview.exercises import judge

    try:
        spec = exercise.spec
        done = judge.computed(spec)
        if done is None or not isinstance(spec.compare, _CACHEABLE_COMPARISONS):
            return False
        cases, n_visible, blob, files = done
        if files or not _deterministic(spec, cases):
            return False
        payload = pickle.dumps({
            "format": FORMAT, "id": exercise.id, "key": fingerprint(exercise.folder),
            "function": spec.function, "compare": spec.compare, "limits": spec.limits,
            "seed": spec.seed, "cases": _records(cases), "n_visible": n_visible,
            "expected": blob}, protocol=pickle.HIGHEST_PROTOCOL)
        from mlinterview.study.atomic import atomic_write  # only a write needs it

        target = path_of(exercise.id)
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(target, "wb") as out:  # readers see the old file or the new one
            out.write(payload)
        return True
    except Exception:  # a read-only or full disk: judged without a cache
        return False


def load(exercise) -> ExerciseSpec | None:
    """A spec for judging ``exercise`` from its cache file, with the prepared cases and
    expected values installed in the judge, or None (no file, stale, damaged).

    The spec carries the exercise's function name, comparison and limits but no
    reference: use it for :func:`~mlinterview.exercises.judge.judge` only, never to
    compute a new expected value."""
    from mlinterview.exercises import judge

    try:
        key = fingerprint(exercise.folder)
        with _READ_LOCK:
            key_read, spec_read = _READ.get(exercise.id, ("", None))
        if key_read == key and judge.computed(spec_read) is not None:
            return spec_read
        data: dict[str, Any] = pickle.loads(path_of(exercise.id).read_bytes())
        if (data["format"] != FORMAT or data["id"] != exercise.id or data["key"] != key
                or not isinstance(data["compare"], _CACHEABLE_COMPARISONS)):
            return None
        cases = [Case(args, kwargs, note=note, raises=raises, size=size)
                 for args, kwargs, note, raises, size in data["cases"]]
        blob = data["expected"]
        if len(pickle.loads(blob)) != len(cases):
            return None
        spec = ExerciseSpec(function=data["function"], compare=data["compare"],
                            fixed=lambda: cases, limits=data["limits"], seed=data["seed"])
        judge.install(spec, cases, int(data["n_visible"]), blob)
        with _READ_LOCK:
            _READ[exercise.id] = (key, spec)
        return spec
    except Exception:  # missing, truncated or foreign: rebuilt by the judge
        return None
