"""Coverage: which parts of each topic of COVERAGE.md exist, and whether they check out.

For every slug of ``content/index.yaml``: a card, library symbols that import, registered
demos, registered exercises and parity tests (test files in ``tests/parity/`` named by
the card, counted by their ``test_`` functions). A topic is complete when every part
its index entry ``needs`` is present and the card passes :func:`topics.check_topic`.

The exercise column counts a topic's exercises and names their levels (``2 (E,M)``).
:func:`exercise_gaps` measures them against the bar of issue 13 (:data:`EXERCISE_BAR`);
those gaps are reported apart from :attr:`Report.problems`, because the exercises are still
being written: ``mlinterview coverage --check-exercises`` counts them as problems.

The parity column needs a source checkout (the tests are not installed with the
package); elsewhere it reads "unknown". Counting it parses the test files, so only
``mlinterview coverage`` asks for it: the web app calls ``report(parity=False)``, which
reads nothing outside the package.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from mlinterview import demos, exercises, topics
from mlinterview.exercises.meta import LEVELS, level_rank

REPO_ROOT = Path(__file__).resolve().parents[2]

#: Issue 13's bar: every topic has at least ``min`` exercises; a core topic (its card's
#: difficulty is E or M and it has a library part) has at least ``core_min``, one per level.
EXERCISE_BAR = {"min": 2, "core_min": 3, "core_levels": tuple(LEVELS)}


@dataclass
class TopicCoverage:
    slug: str
    area: str
    needs: tuple[str, ...]
    card: bool
    lib: int
    demo: int
    exercise: int
    parity: int | None
    problems: list[str] = field(default_factory=list)
    exercise_levels: tuple[str, ...] = ()
    core: bool = False

    @property
    def exercise_text(self) -> str:
        """The count and the levels of the exercises: ``"2 (E,M)"``, or ``"0"``."""
        if not self.exercise:
            return "0"
        return f"{self.exercise} ({','.join(self.exercise_levels)})"

    def has(self, part: str) -> bool:
        value = getattr(self, part)
        return bool(value) if value is not None else False

    @property
    def complete(self) -> bool:
        return not self.problems and all(self.has(p) for p in self.needs)

    def to_json(self) -> dict:
        return {"slug": self.slug, "area": self.area, "card": self.card, "lib": self.lib > 0,
                "demo": self.demo > 0, "exercise": self.exercise > 0,
                "parity": bool(self.parity), "complete": self.complete,
                "exercise_count": self.exercise, "exercise_levels": list(self.exercise_levels)}


def exercise_gaps(t: TopicCoverage) -> list[str]:
    """How topic ``t`` falls short of :data:`EXERCISE_BAR`: one line, or none if it meets it.

    A topic without a card yet (a new area being written) is listed as incomplete by the
    report; its exercises come with its card, so it has no gap of its own.
    """
    if not t.card:
        return []
    need = EXERCISE_BAR["core_min"] if t.core else EXERCISE_BAR["min"]
    missing = [lv for lv in EXERCISE_BAR["core_levels"]
               if t.core and lv not in t.exercise_levels]
    if t.exercise >= need and not missing:
        return []
    if t.core:
        levels = ", ".join(EXERCISE_BAR["core_levels"])
        return [f"{t.slug}: exercises {t.exercise_text}; a core topic needs {need}, one of each "
                f"level {levels} (missing {', '.join(missing) or 'none'})"]
    return [f"{t.slug}: exercises {t.exercise_text}; a topic needs {need}"]


@dataclass
class Report:
    topics: list[TopicCoverage]
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def exercise_gaps(self) -> list[str]:
        """Every topic's shortfall against the exercise bar (not counted in ``problems``)."""
        return [gap for t in self.topics for gap in exercise_gaps(t)]

    def to_json(self) -> dict:
        return {"topics": [t.to_json() for t in self.topics], "problems": self.problems}

    def as_dict(self) -> dict:
        return asdict(self)


# A test function's definition line; counted by reading, as ast.walk would count them
# (tests/test_coverage_reading.py checks the two agree on every test file): parsing the
# parity files took half a second of `mlinterview topics`.
_TEST_DEF = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]+test", re.MULTILINE)


def _count_tests(paths: tuple[str, ...]) -> int | None:
    """Number of ``test_*`` functions in the given repo-relative files (None: no checkout)."""
    if not (REPO_ROOT / "tests").is_dir():
        return None
    total = 0
    for rel in paths:
        path = REPO_ROOT / rel
        if path.is_file():
            total += len(_TEST_DEF.findall(path.read_text(encoding="utf-8")))
    return total


def report(*, parity: bool = True, import_all: bool = True) -> Report:
    """Coverage of every slug in the index, plus every problem found along the way.

    With ``parity=False`` no test file is read and the parity column is None (unknown),
    so a topic that needs parity tests does not count as complete. With
    ``import_all=False`` demos are found by reading their ``@demo`` lines
    (:func:`demos.ids_by_reading`) and exercises by reading their folders
    (:func:`exercises.catalog`): enough for a listing, a second sooner. The default
    imports every demo module and runs every ``cases.py``, which also proves they load.
    """
    _, index = topics.load_index()
    cards = topics.all_topics()
    problems = list(topics.load_errors())
    if import_all:
        demo_slugs = {i: d.slug for i, d in demos.registry().items()}
        exercise_registry = exercises.registry()
    else:
        demo_slugs, exercise_registry = demos.ids_by_reading(), exercises.catalog()
    rows = []
    for slug, entry in index.items():
        card = cards.get(slug)
        own = []
        if card is not None:
            own = topics.check_topic(card, demo_ids=demo_slugs,
                                     exercise_ids=exercise_registry)
            tests = _count_tests(card.parity) if parity else None
            if tests is not None:
                missing = [p for p in card.parity if not (REPO_ROOT / p).is_file()]
                own += [f"{slug}: parity file {p!r} does not exist" for p in missing]
        else:
            tests = None if not parity or not (REPO_ROOT / "tests").is_dir() else 0
        levels = sorted((e.level for e in exercise_registry.values() if e.slug == slug),
                        key=level_rank)
        rows.append(TopicCoverage(
            slug=slug, area=entry.area, needs=entry.needs, card=card is not None,
            lib=len(card.library) if card else 0,
            demo=sum(1 for s in demo_slugs.values() if s == slug),
            exercise=len(levels), exercise_levels=tuple(levels),
            core=card is not None and card.difficulty in ("E", "M") and "lib" in entry.needs,
            parity=tests, problems=own,
        ))
        problems += own
    # Demos and exercises must belong to a card that links them.
    linked_demos = {d for c in cards.values() for d in c.demos}
    linked_exercises = {e for c in cards.values() for e in c.exercises}
    problems += [f"demo {d!r} is registered but no card links it"
                 for d in demo_slugs if d not in linked_demos]
    problems += [f"exercise {e!r} is registered but no card links it"
                 for e in exercise_registry if e not in linked_exercises]
    for slug in cards:
        if slug not in index:
            problems.append(f"card {slug!r} is not listed in content/index.yaml")
    cycle = topics.prerequisite_cycle(cards)
    if cycle:
        problems.append("prerequisites form a cycle: " + " -> ".join(cycle))
    return Report(topics=rows, problems=problems)
