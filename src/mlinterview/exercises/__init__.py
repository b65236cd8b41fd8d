"""Exercises: coding tasks with a starter file, a reference solution and a judge.

This package is the judge *engine* (:mod:`~mlinterview.exercises.spec`,
:mod:`~mlinterview.exercises.judge`, :mod:`~mlinterview.exercises.sandbox`, the registry
below); the exercises themselves are *data* in ``bank/``. An exercise lives in a folder
``bank/<area>/<slug>/<name>/``, where ``<area>`` is its topic's area in
``content/index.yaml`` (the same folders the cards use under ``content/``), and its id is
``<slug>/<name>`` (the area is not part of the id: study databases store ids, and a topic
may change area without losing its history). The folder holds:

- ``statement.md``: the task, first line ``# Title``;
- ``starter.py``: the function signature and docstring the user fills in;
- ``solution.py``: a reference solution, shown on request;
- ``cases.py``: defines ``SPEC``, an :class:`~mlinterview.exercises.spec.ExerciseSpec`
  (cases, comparison, limits, reference implementation);
- ``wrong/*.py``: known-wrong solutions (typical mistakes), each with a docstring that
  names the mistake; the test suite checks that the judge rejects every one of them;
- ``meta.yaml``: the level (``E``, ``M`` or ``H``), 2 or 3 progressive hints (an idea, a
  formula, the shape of the code) and a walkthrough of the solution (Markdown with the
  parts ``**Idea.**``, ``**Complexity.**``, ``**Pitfalls.**``); see
  :mod:`~mlinterview.exercises.meta`. A folder without a valid one is an error that
  names the file, not a silently incomplete exercise.

Folder names may contain dashes, so these files are loaded by path, not imported as a
package. Running an exercise's ``cases.py`` imports the library code its reference uses
(SciPy or Numba for some), so :func:`get` finds the one folder an id names (a listing of
the area folders), reads only that one, and runs its ``cases.py`` only when
:attr:`Exercise.spec` is first asked for: ``mlinterview exercise check`` pays for one
exercise, not for the whole bank, and for a repeated check not even for that one's
``cases.py`` (:mod:`~mlinterview.exercises.case_cache` keeps the prepared cases on disk).
:func:`registry` loads them all, specs included, through the same per-folder cache, so an
exercise is loaded at most once per process whichever asks first.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from mlinterview.exercises.meta import LEVEL_NAMES, LEVELS, MetaError, level_rank, load_meta
from mlinterview.exercises.spec import ExerciseSpec

__all__ = ["BANK", "LEVELS", "LEVEL_NAMES", "Exercise", "MetaError", "UnknownExerciseError",
           "WrongSolution", "check", "get", "known", "of_topic", "registry"]

BANK = Path(__file__).parent / "bank"
# Re-entrant: registry() loads each folder through _load_once() while holding it.
_LOCK = threading.RLock()
#: What a slug or a name may be: one folder name, never ".", ".." or a path.
_FOLDER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


class UnknownExerciseError(LookupError):
    """An exercise id that is not registered."""


@dataclass(frozen=True)
class WrongSolution:
    """A known-wrong solution and the mistake it makes."""

    name: str
    mistake: str
    source: str


@dataclass(frozen=True)
class Exercise:
    """A registered exercise."""

    id: str
    slug: str
    name: str
    area: str
    title: str
    statement: str
    starter: str
    solution: str
    wrong: tuple[WrongSolution, ...]
    folder: Path
    level: str
    hints: tuple[str, ...]
    walkthrough: str

    @property
    def spec(self) -> ExerciseSpec:
        """The cases, comparison, limits and reference: the folder's ``cases.py``, run on
        the first call (it imports the library code the reference needs), once per
        process."""
        with _LOCK:
            return _spec_once(self.folder / "cases.py", self.id)

    @property
    def spec_loaded(self) -> bool:
        """Whether :attr:`spec` has been loaded in this process (nothing is loaded)."""
        with _LOCK:
            return (self.folder / "cases.py", self.id) in _LOADED_SPECS

    @property
    def level_rank(self) -> int:
        """0, 1, 2 for E, M, H: sorts exercises from easy to hard."""
        return level_rank(self.level)

    @property
    def level_name(self) -> str:
        """``"easy"``, ``"medium"`` or ``"hard"``."""
        return LEVEL_NAMES[self.level]

    @property
    def arg_names(self) -> list[str]:
        """Parameter names of the function in the starter file (for case descriptions)."""
        return _arg_names(self.starter, self.spec.function)


def _arg_names(source: str, function: str) -> list[str]:
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == function:
            return [a.arg for a in node.args.posonlyargs + node.args.args]
    return []


def _load_spec(path: Path, exercise_id: str) -> ExerciseSpec:
    module_name = "mlinterview.exercises._cases_" + exercise_id.replace("/", "__").replace("-", "_")
    loader_spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(loader_spec)
    loader_spec.loader.exec_module(module)
    spec = getattr(module, "SPEC", None)
    if not isinstance(spec, ExerciseSpec):
        raise TypeError(f"{path}: defines no SPEC = ExerciseSpec(...)")
    return spec


_LOADED_SPECS: set[tuple[Path, str]] = set()


@functools.cache
def _spec_once(path: Path, exercise_id: str) -> ExerciseSpec:
    """:func:`_load_spec`, once per ``cases.py`` and process (callers hold ``_LOCK``)."""
    spec = _load_spec(path, exercise_id)
    _LOADED_SPECS.add((path, exercise_id))
    return spec


def _docstring(source: str) -> str:
    return (ast.get_docstring(ast.parse(source)) or "").strip()


def _load(folder: Path) -> Exercise:
    area, slug, name = folder.parent.parent.name, folder.parent.name, folder.name
    exercise_id = f"{slug}/{name}"
    statement = (folder / "statement.md").read_text(encoding="utf-8")
    first = statement.lstrip().splitlines()[0] if statement.strip() else ""
    title = first.lstrip("# ").strip() if first.startswith("#") else name.replace("-", " ")
    meta = load_meta(folder)
    wrong = tuple(
        WrongSolution(name=p.stem, mistake=_docstring(p.read_text(encoding="utf-8")),
                      source=p.read_text(encoding="utf-8"))
        for p in sorted((folder / "wrong").glob("*.py"))
    )
    return Exercise(
        id=exercise_id,
        slug=slug,
        name=name,
        area=area,
        title=title,
        statement=statement,
        starter=(folder / "starter.py").read_text(encoding="utf-8"),
        solution=(folder / "solution.py").read_text(encoding="utf-8"),
        wrong=wrong,
        folder=folder,
        level=meta.level,
        hints=meta.hints,
        walkthrough=meta.walkthrough,
    )


@functools.cache
def _load_once(folder: Path) -> Exercise:
    """:func:`_load`, once per folder and process (callers hold ``_LOCK``)."""
    return _load(folder)


@functools.cache
def _folders() -> tuple[Path, ...]:
    """Every exercise folder of the bank (``<area>/<slug>/<name>/``, holding a
    ``cases.py``); the bank's folders do not change while the program runs."""
    return tuple(cases.parent for cases in BANK.glob("*/*/*/cases.py"))


@functools.cache
def ids() -> tuple[str, ...]:
    """Every exercise id, sorted, read from the bank's folder names without loading any
    exercise (``<slug>/<name>`` of ``bank/<area>/<slug>/<name>/``): enough to count them or
    to suggest one."""
    return tuple(sorted(f"{folder.parent.name}/{folder.name}" for folder in _folders()))


@functools.cache
def _catalog() -> dict[str, Exercise]:
    found = [_load_once(folder) for folder in _folders()]
    found.sort(key=lambda e: (e.slug, e.level_rank, e.name))
    return {e.id: e for e in found}


@functools.cache
def _registry() -> dict[str, Exercise]:
    found = _catalog()
    for e in found.values():
        e.spec  # noqa: B018 - the whole bank is wanted: a broken cases.py fails here
    return found


def registry() -> dict[str, Exercise]:
    """Every exercise by id, ordered by topic slug, then level (easy first), then name;
    every ``cases.py`` has run (a broken one raises here)."""
    with _LOCK:
        return dict(_registry())


def catalog() -> dict[str, Exercise]:
    """The exercises of :func:`registry`, in its order, with only their folders read: a
    ``cases.py`` (and the library it imports) runs when that exercise's ``spec`` is first
    used. Enough for a listing (ids, topics, levels, titles) at a fraction of the cost."""
    with _LOCK:
        return dict(_catalog())


def _folder_of(exercise_id: str) -> Path | None:
    """The bank folder of ``exercise_id`` (``slug/name``), found without loading any
    exercise, or None. The id leaves out the area, so each area folder is tried."""
    slug, _, name = exercise_id.partition("/")
    if not (_FOLDER_NAME.fullmatch(slug) and _FOLDER_NAME.fullmatch(name)):
        return None
    for area in sorted(BANK.iterdir()):
        try:
            if (area / slug / name / "cases.py").is_file():
                return area / slug / name
        except OSError:  # a name longer than the file system allows: no such exercise
            return None
    return None


def known(exercise_id: str) -> bool:
    """Whether ``exercise_id`` names an exercise of the bank (nothing is loaded)."""
    return _folder_of(exercise_id) is not None


def get(exercise_id: str) -> Exercise:
    """The exercise with this id, or :class:`UnknownExerciseError` listing close ids.

    Only this exercise's folder is read; its ``cases.py`` (and the library code it
    imports) runs when :attr:`Exercise.spec` is first used."""
    folder = _folder_of(exercise_id)
    if folder is not None:
        with _LOCK:
            return _load_once(folder)
    import difflib

    close = difflib.get_close_matches(exercise_id, ids(), n=3, cutoff=0.4)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UnknownExerciseError(f"unknown exercise {exercise_id!r}{hint}")


def of_topic(slug: str) -> list[Exercise]:
    """The exercises of one topic, easiest first."""
    return sorted((e for e in registry().values() if e.slug == slug),
                  key=lambda e: (e.level_rank, e.id))


def check(exercise_id: str, source: str):
    """Judge ``source`` against an exercise: a :class:`~mlinterview.exercises.judge.Verdict`.

    The exercise's prepared cases and expected values come from the on-disk cache when
    it holds them for this exact code (:mod:`~mlinterview.exercises.case_cache`): then
    its ``cases.py`` and the reference's imports (SciPy, Numba) are not loaded at all.
    The verdict is the same either way: same cases, expected values, comparison, limits
    and sandbox."""
    from mlinterview.exercises import case_cache
    from mlinterview.exercises.judge import judge

    exercise = get(exercise_id)
    cached = None if exercise.spec_loaded else case_cache.load(exercise)
    if cached is not None:
        # The names from the starter file and the cached function name: .arg_names would
        # run cases.py for spec.function.
        return judge(cached, source, arg_names=_arg_names(exercise.starter, cached.function))
    verdict = judge(exercise.spec, source, arg_names=exercise.arg_names)
    case_cache.store(exercise)  # after the verdict: the judge computed the expected values
    return verdict
