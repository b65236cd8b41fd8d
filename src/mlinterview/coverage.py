"""Coverage: which parts of each topic of COVERAGE.md exist, and whether they check out.

For every slug of ``content/index.yaml``: a card, library symbols that import, registered
demos, registered exercises and parity tests (test files in ``tests/parity/`` named by
the card, counted by their ``test_`` functions). A topic is complete when every part
its index entry ``needs`` is present and the card passes :func:`topics.check_topic`.

The parity column needs a source checkout (the tests are not installed with the
package); elsewhere it reads "unknown". Counting it parses the test files, so only
``mlinterview coverage`` asks for it: the web app calls ``report(parity=False)``, which
reads nothing outside the package.
"""

from __future__ import annotations

import ast
from dataclasses import asdict, dataclass, field
from pathlib import Path

from mlinterview import demos, exercises, topics

REPO_ROOT = Path(__file__).resolve().parents[2]


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

    def has(self, part: str) -> bool:
        value = getattr(self, part)
        return bool(value) if value is not None else False

    @property
    def complete(self) -> bool:
        return not self.problems and all(self.has(p) for p in self.needs)

    def to_json(self) -> dict:
        return {"slug": self.slug, "area": self.area, "card": self.card, "lib": self.lib > 0,
                "demo": self.demo > 0, "exercise": self.exercise > 0,
                "parity": bool(self.parity), "complete": self.complete}


@dataclass
class Report:
    topics: list[TopicCoverage]
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict:
        return {"topics": [t.to_json() for t in self.topics], "problems": self.problems}

    def as_dict(self) -> dict:
        return asdict(self)


def _count_tests(paths: tuple[str, ...]) -> int | None:
    """Number of ``test_*`` functions in the given repo-relative files (None: no checkout)."""
    if not (REPO_ROOT / "tests").is_dir():
        return None
    total = 0
    for rel in paths:
        path = REPO_ROOT / rel
        if not path.is_file():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        total += sum(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                     and node.name.startswith("test") for node in ast.walk(tree))
    return total


def report(*, parity: bool = True) -> Report:
    """Coverage of every slug in the index, plus every problem found along the way.

    With ``parity=False`` no test file is read and the parity column is None (unknown),
    so a topic that needs parity tests does not count as complete.
    """
    _, index = topics.load_index()
    cards = topics.all_topics()
    problems = list(topics.load_errors())
    demo_registry = demos.registry()
    exercise_registry = exercises.registry()
    rows = []
    for slug, entry in index.items():
        card = cards.get(slug)
        own = []
        if card is not None:
            own = topics.check_topic(card)
            tests = _count_tests(card.parity) if parity else None
            if tests is not None:
                missing = [p for p in card.parity if not (REPO_ROOT / p).is_file()]
                own += [f"{slug}: parity file {p!r} does not exist" for p in missing]
        else:
            tests = None if not parity or not (REPO_ROOT / "tests").is_dir() else 0
        rows.append(TopicCoverage(
            slug=slug, area=entry.area, needs=entry.needs, card=card is not None,
            lib=len(card.library) if card else 0,
            demo=sum(1 for d in demo_registry.values() if d.slug == slug),
            exercise=sum(1 for e in exercise_registry.values() if e.slug == slug),
            parity=tests, problems=own,
        ))
        problems += own
    # Demos and exercises must belong to a card that links them.
    linked_demos = {d for c in cards.values() for d in c.demos}
    linked_exercises = {e for c in cards.values() for e in c.exercises}
    problems += [f"demo {d!r} is registered but no card links it"
                 for d in demo_registry if d not in linked_demos]
    problems += [f"exercise {e!r} is registered but no card links it"
                 for e in exercise_registry if e not in linked_exercises]
    for slug in cards:
        if slug not in index:
            problems.append(f"card {slug!r} is not listed in content/index.yaml")
    return Report(topics=rows, problems=problems)
