"""The topic registry: load the cards, check that their links resolve.

A topic is one interview question. Its card is a Markdown file with YAML front matter in
``content/<area>/<slug>.md``; ``content/index.yaml`` lists every slug the project must
cover (COVERAGE.md), so a topic without a card is visible as missing rather than absent.

Cards are data. This module parses them into :class:`Topic` objects and knows what a
valid card looks like (its required sections, its quick checks, its links); it does not
render them (see :mod:`mlinterview.render`).
"""

from __future__ import annotations

import difflib
import functools
import importlib
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from mlinterview import _yaml
from mlinterview.quickchecks import QuickCheck, parse_quick_check

CONTENT_DIR = Path(__file__).parent / "content"

#: The sections every card has, in this order, and no others (``###`` nests inside them):
#: the short answer to say aloud, what the question tests, the full answer, its summary,
#: the traps, the follow-ups with their answers, where the topic lives in this project's
#: code, and the sources of its claims about current practice.
SECTIONS = (
    "In 30 seconds",
    "What the interviewer is probing",
    "The answer",
    "Key points",
    "Common mistakes",
    "Follow-up questions",
    "In the code",
    "Further reading",
)
DIFFICULTIES = {"E": "easy", "M": "medium", "H": "hard"}
PARTS = ("card", "lib", "demo", "exercise", "parity")
MIN_QUICK_CHECKS = 4
#: Spoken at about 150 words a minute, 90 words fit in 30-40 seconds.
MAX_SHORT_ANSWER_WORDS = 90
MAX_PROBING_WORDS = 70
MIN_FURTHER_READING = 2

#: The steps of a system-design answer, in the order an interviewer expects them. A design
#: card's key points are its rubric: each one starts with the step it belongs to in bold
#: (``- **Metrics:** ...``), and answer-first practice ticks them like any key points.
RUBRIC_STEPS = ("Clarify", "Metrics", "Data", "Features", "Model", "Training", "Serving",
                "Evaluation", "Monitoring")
#: Areas whose cards are design answers and must carry a rubric.
RUBRIC_AREAS = frozenset({"system-design"})
MIN_RUBRIC_POINTS, MAX_RUBRIC_POINTS = 8, 15
MIN_RUBRIC_STEPS = 3

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n(.*)\Z", re.S)
_HEADING = re.compile(r"^## +(.+?)\s*$", re.M)


class CardError(ValueError):
    """A card file that cannot be parsed: no front matter, bad YAML, a missing field."""


@dataclass(frozen=True)
class Area:
    """A group of topics (A to G in COVERAGE.md)."""

    id: str
    letter: str
    title: str


@dataclass(frozen=True)
class IndexEntry:
    """One line of ``index.yaml``: a slug the project must cover and what it needs."""

    slug: str
    area: str
    needs: tuple[str, ...]


@dataclass(frozen=True)
class CardFigure:
    """The figure of a topic's demo that its card page shows inline: the demo's id, the
    figure's name among the demo's figures (at its default parameters) and a caption."""

    demo: str
    name: str
    caption: str


@dataclass(frozen=True)
class Topic:
    """A parsed card: front matter plus its Markdown sections."""

    slug: str
    title: str
    area: str
    question: str
    difficulty: str
    library: tuple[str, ...]
    demos: tuple[str, ...]
    exercises: tuple[str, ...]
    related: tuple[str, ...]
    parity: tuple[str, ...]
    quick_checks: tuple[QuickCheck, ...]
    sections: dict[str, str] = field(hash=False, compare=False)
    body: str = field(hash=False, compare=False, repr=False)
    path: Path = field(hash=False, compare=False, repr=False)
    prerequisites: tuple[str, ...] = ()
    figure: CardFigure | None = None
    headings: tuple[str, ...] = field(default=(), hash=False, compare=False, repr=False)

    @property
    def difficulty_name(self) -> str:
        return DIFFICULTIES.get(self.difficulty, self.difficulty)

    @property
    def short_answer(self) -> str:
        """The "In 30 seconds" section (Markdown): the answer as one would say it."""
        return self.sections.get("In 30 seconds", "")

    @property
    def key_points(self) -> tuple[str, ...]:
        """The bullets of "Key points": what a complete answer covers, one per item.

        On a design card a point's step label (``**Metrics:**``) is not part of the point:
        see :attr:`rubric` for the points with their steps."""
        return tuple(point for _, point in self.rubric)

    @property
    def rubric(self) -> tuple[tuple[str, str], ...]:
        """The key points as ``(step, point)`` pairs; ``step`` is one of
        :data:`RUBRIC_STEPS` when the bullet starts with it in bold, else ``""``."""
        return tuple(rubric_item(item) for item in bullets(self.sections.get("Key points", "")))

    @property
    def is_design(self) -> bool:
        """True for a system-design card, whose key points are an interviewer's rubric."""
        return self.area in RUBRIC_AREAS

    @property
    def common_mistakes(self) -> tuple[str, ...]:
        """The bullets of "Common mistakes"."""
        return bullets(self.sections.get("Common mistakes", ""))

    @property
    def further_reading(self) -> tuple[str, ...]:
        """The bullets of "Further reading": one source each."""
        return bullets(self.sections.get("Further reading", ""))

    @property
    def follow_ups(self) -> tuple[FollowUp, ...]:
        """The "Follow-up questions", each with its short answer where the card gives one
        (written after the question as ``*(answer)*``)."""
        return tuple(FollowUp.parse(item)
                     for item in bullets(self.sections.get("Follow-up questions", "")))


@dataclass(frozen=True)
class FollowUp:
    """A follow-up question of a card and its short answer ("" when the card has none)."""

    question: str
    answer: str

    @classmethod
    def parse(cls, item: str) -> FollowUp:
        """Split ``"Question? *(Answer.)*"`` (or ``"Question? (Answer.)"``) into its
        question and answer."""
        found = _FOLLOW_UP_ANSWER.search(item)
        if found is None:
            return cls(item.strip(), "")
        answer = found.group(1) if found.group(1) is not None else found.group(2)
        return cls(item[:found.start() + 1].strip(), answer.strip())


# The answer: a parenthesis, in italics or not, that closes the item right after the "?";
# after a task ("Reverse positions m to n of a list.") it must be in italics.
_FOLLOW_UP_ANSWER = re.compile(r"(?:\?\s*\*?\((.*)\)\*?|[.:]\s*\*\((.*)\)\*)\s*$",
                               re.DOTALL)
_BULLET = re.compile(r"^[-*] +", re.MULTILINE)


def bullets(markdown: str) -> tuple[str, ...]:
    """The top-level items of a Markdown bullet list, each with its continuation lines
    joined into one line (nested lines stay part of their item)."""
    items: list[str] = []
    for line in markdown.splitlines():
        if _BULLET.match(line):
            items.append(_BULLET.sub("", line, count=1).strip())
        elif items and line.strip():
            items[-1] += " " + line.strip()
    return tuple(items)


_STEP_LABEL = re.compile(r"^\*\*([A-Z][a-z]+):\*\*\s+")


def rubric_item(item: str) -> tuple[str, str]:
    """Split a key point into its rubric step and its text: ``"**Data:** labels arrive
    late"`` gives ``("Data", "labels arrive late")``; a point without a known step label
    gives ``("", item)``."""
    match = _STEP_LABEL.match(item)
    if match and match.group(1) in RUBRIC_STEPS:
        return match.group(1), item[match.end():]
    return "", item


def rubric_problems(topic: Topic) -> list[str]:
    """What keeps a design card's key points from being a rubric an interviewer can score:
    8-15 points, every one labelled with a step of :data:`RUBRIC_STEPS`, at least three
    steps, in the framework's order."""
    rubric = topic.rubric
    problems = []
    if not MIN_RUBRIC_POINTS <= len(rubric) <= MAX_RUBRIC_POINTS:
        problems.append(f"rubric: {len(rubric)} key points; a design card needs "
                        f"{MIN_RUBRIC_POINTS}-{MAX_RUBRIC_POINTS}")
    unlabelled = [point[:60] for step, point in rubric if not step]
    if unlabelled:
        problems.append(f"rubric: {len(unlabelled)} key point(s) without a step label, e.g. "
                        f"{unlabelled[0]!r}; start each with **Step:**, one of "
                        f"{', '.join(RUBRIC_STEPS)}")
    steps = [step for step, _ in rubric if step]
    if len(set(steps)) < MIN_RUBRIC_STEPS:
        problems.append(f"rubric: covers {len(set(steps))} step(s); needs at least "
                        f"{MIN_RUBRIC_STEPS}")
    order = [RUBRIC_STEPS.index(step) for step in steps]
    if order != sorted(order):
        problems.append("rubric: points are not grouped in the steps' order "
                        f"({' → '.join(RUBRIC_STEPS)})")
    return problems


# ---------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------


@functools.cache
def load_index() -> tuple[dict[str, Area], dict[str, IndexEntry]]:
    """Read ``content/index.yaml``: the areas and every slug the project must cover."""
    raw = _yaml.safe_load((CONTENT_DIR / "index.yaml").read_text(encoding="utf-8"))
    areas = {
        key: Area(id=key, letter=str(val["letter"]), title=str(val["title"]))
        for key, val in raw["areas"].items()
    }
    entries = {}
    for item in raw["topics"]:
        entry = IndexEntry(slug=item["slug"], area=item["area"], needs=tuple(item["needs"]))
        if entry.area not in areas:
            raise CardError(f"index.yaml: slug {entry.slug!r} has unknown area {entry.area!r}")
        unknown = set(entry.needs) - set(PARTS)
        if unknown:
            raise CardError(f"index.yaml: slug {entry.slug!r} needs unknown parts {unknown}")
        entries[entry.slug] = entry
    return areas, entries


def parse_card(text: str, path: Path) -> Topic:
    """Parse one card's text into a :class:`Topic`; raise :class:`CardError` if malformed."""
    match = _FRONT_MATTER.match(text)
    if not match:
        raise CardError(f"{path.name}: no YAML front matter between '---' lines")
    try:
        meta = _yaml.safe_load(match.group(1)) or {}
    except _yaml.YAMLError as exc:
        raise CardError(f"{path.name}: front matter is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict):
        raise CardError(f"{path.name}: front matter must be a mapping")
    for key in ("slug", "title", "area", "question", "difficulty"):
        if not meta.get(key):
            raise CardError(f"{path.name}: front matter lacks {key!r}")
    body = match.group(2)
    checks = []
    for i, raw in enumerate(meta.get("quick_checks") or []):
        try:
            checks.append(parse_quick_check(raw, default_id=f"q{i + 1}"))
        except ValueError as exc:
            raise CardError(f"{path.name}: quick check {i + 1}: {exc}") from exc

    def strings(key: str) -> tuple[str, ...]:
        value = meta.get(key) or []
        if isinstance(value, str):
            value = [value]
        return tuple(str(v) for v in value)

    figure = None
    if meta.get("figure") is not None:
        raw = meta["figure"]
        if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) and raw[k].strip()
                                                for k in ("demo", "name", "caption")):
            raise CardError(f"{path.name}: figure: expected a mapping with demo, name and "
                            f"caption (text each), got {raw!r}"[:300])
        figure = CardFigure(raw["demo"].strip(), raw["name"].strip(), raw["caption"].strip())

    return Topic(
        slug=str(meta["slug"]),
        title=str(meta["title"]),
        area=str(meta["area"]),
        question=str(meta["question"]).strip(),
        difficulty=str(meta["difficulty"]),
        library=strings("library"),
        demos=strings("demos"),
        exercises=strings("exercises"),
        related=strings("related"),
        parity=strings("parity"),
        quick_checks=tuple(checks),
        sections=split_sections(body),
        prerequisites=strings("prerequisites"),
        figure=figure,
        headings=tuple(_HEADING.findall(body)),
        body=body,
        path=path,
    )


def split_sections(body: str) -> dict[str, str]:
    """Split a card body on its ``## `` headings: ``{heading: markdown}`` in order."""
    parts = _HEADING.split(body)
    # parts = [preamble, title1, text1, title2, text2, ...]
    return {title: text.strip() for title, text in zip(parts[1::2], parts[2::2], strict=True)}


@functools.cache
def _card(path: Path) -> Topic | str:
    """The card in ``path``, or why it is not one (parsed once per file and process)."""
    try:
        topic = parse_card(path.read_text(encoding="utf-8"), path)
    except CardError as exc:
        return str(exc)
    if topic.slug != path.stem:
        return f"{path.name}: slug {topic.slug!r} differs from the file name"
    if topic.area != path.parent.name:
        return f"{path.name}: area {topic.area!r} differs from its folder"
    return topic


@functools.cache
def _load_all() -> tuple[dict[str, Topic], tuple[str, ...]]:
    topics: dict[str, Topic] = {}
    errors: list[str] = []
    for path in sorted(CONTENT_DIR.glob("*/*.md")):
        topic = _card(path)
        if isinstance(topic, str):
            errors.append(topic)
            continue
        topics[topic.slug] = topic
    return topics, tuple(errors)


def all_topics() -> dict[str, Topic]:
    """Every card that parses, keyed by slug, in the order of ``index.yaml``.

    A new dict each call (callers may change it); the cards are parsed once per process.
    """
    return dict(_ordered())


@functools.cache
def _ordered() -> dict[str, Topic]:
    topics, _ = _load_all()
    _, index = load_index()
    ordered = {slug: topics[slug] for slug in index if slug in topics}
    ordered.update({s: t for s, t in topics.items() if s not in ordered})
    return ordered


def load_errors() -> tuple[str, ...]:
    """Cards that could not be parsed, one message each."""
    return _load_all()[1]


class UnknownTopicError(LookupError):
    """A slug that is not in the index; the message suggests the closest ones."""

    def __init__(self, slug: str, suggestions: list[str], *, listed: bool = False):
        self.slug = slug
        self.suggestions = suggestions
        if listed:
            super().__init__(f"topic {slug!r} has no card yet (see `mlinterview coverage`)")
            return
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown topic {slug!r}{hint}")


def closest_slugs(slug: str, n: int = 3) -> list[str]:
    """The index slugs that look most like ``slug`` (for 'did you mean')."""
    _, index = load_index()
    close = difflib.get_close_matches(slug, list(index), n=n, cutoff=0.5)
    if not close:
        close = [s for s in index if slug and (slug in s or s in slug)][:n]
    return close


_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def _one_card(slug: str) -> Topic | None:
    """The card of ``slug`` when it is the one valid file ``content/*/<slug>.md``, parsed
    alone; else None (then only loading every card can tell)."""
    try:
        paths = list(CONTENT_DIR.glob(f"*/{slug}.md")) if _SLUG.fullmatch(slug) else []
    except OSError:  # a name longer than the file system allows: no such card
        paths = []
    card = _card(paths[0]) if len(paths) == 1 else None
    return card if isinstance(card, Topic) else None


def get_topic(slug: str) -> Topic:
    """The topic for ``slug``; :class:`UnknownTopicError` if there is no such card.

    Only this card is parsed when its file is found (``mlinterview show`` needs one card,
    not all of them); otherwise all are loaded.
    """
    card = _one_card(slug)
    if card is not None:
        return card
    topics = all_topics()
    if slug in topics:
        return topics[slug]
    _, index = load_index()
    raise UnknownTopicError(slug, closest_slugs(slug), listed=slug in index)


# ---------------------------------------------------------------------------------------
# Validation: every link of a card must resolve
# ---------------------------------------------------------------------------------------


def resolve_symbol(path: str) -> object:
    """Import ``package.module.name`` and return the object; raise ImportError if absent."""
    module_name, _, attr = path.rpartition(".")
    # Try the longest module prefix first so that both modules and members resolve.
    try:
        return importlib.import_module(path)
    except ImportError:
        pass
    if not module_name:
        raise ImportError(f"{path!r} is not an import path")
    obj = resolve_symbol(module_name)
    try:
        return getattr(obj, attr)
    except AttributeError:
        raise ImportError(f"{module_name!r} has no attribute {attr!r}") from None


def check_topic(topic: Topic, *, demo_ids: Collection[str] | None = None,
                exercise_ids: Collection[str] | None = None) -> list[str]:
    """Every problem with one card: sections, quick checks and links that do not resolve.

    ``demo_ids`` and ``exercise_ids`` are the ids its links must name; by default the
    registries', which import every demo module and run every exercise's ``cases.py``.
    """
    if demo_ids is None:
        from mlinterview import demos  # imported here to stay lazy

        demo_ids = demos.registry()
    if exercise_ids is None:
        from mlinterview import exercises

        exercise_ids = exercises.registry()
    problems = []
    _, index = load_index()
    where = f"{topic.slug}:"
    if topic.slug not in index:
        problems.append(f"{where} slug is not listed in content/index.yaml")
    elif index[topic.slug].area != topic.area:
        problems.append(f"{where} area {topic.area!r} differs from index.yaml")
    if topic.difficulty not in DIFFICULTIES:
        problems.append(f"{where} difficulty must be one of E/M/H, not {topic.difficulty!r}")
    problems += [f"{where} {p}" for p in format_problems(topic)]
    for slug in topic.prerequisites:
        if slug not in index:
            problems.append(f"{where} prerequisite {slug!r} is not in index.yaml")
        elif slug == topic.slug:
            problems.append(f"{where} lists itself as a prerequisite")
    if topic.figure is not None and topic.figure.demo not in topic.demos:
        problems.append(f"{where} figure: demo {topic.figure.demo!r} is not one of the "
                        f"card's demos {list(topic.demos)}")
    if len({q.id for q in topic.quick_checks}) != len(topic.quick_checks):
        problems.append(f"{where} quick check ids are not unique")
    for symbol in topic.library:
        if not symbol.startswith(("mlinterview.ml", "mlinterview.algo")):
            problems.append(f"{where} library symbol {symbol!r} is outside mlinterview.ml/algo")
            continue
        try:
            resolve_symbol(symbol)
        except ImportError as exc:
            problems.append(f"{where} library symbol {symbol!r} does not resolve ({exc})")
    for demo_id in topic.demos:
        if demo_id not in demo_ids:
            problems.append(f"{where} demo {demo_id!r} is not registered")
        elif not (demo_id == topic.slug or demo_id.startswith(topic.slug + "/")):
            problems.append(f"{where} demo {demo_id!r} belongs to another slug")
    for ex_id in topic.exercises:
        if ex_id not in exercise_ids:
            problems.append(f"{where} exercise {ex_id!r} is not registered")
        elif not ex_id.startswith(topic.slug + "/"):
            problems.append(f"{where} exercise {ex_id!r} belongs to another slug")
    for slug in topic.related:
        if slug not in index:
            problems.append(f"{where} related slug {slug!r} is not in index.yaml")
        elif slug == topic.slug:
            problems.append(f"{where} lists itself as related")
    return problems


# ---------------------------------------------------------------------------------------
# The form of a card (issue 14): sections in order, an answer one can say aloud, every
# follow-up answered, enough quick checks, sources, a figure
# ---------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\s*_]+")
# What a reader cannot say aloud: TeX math, commands, code.
_UNSPEAKABLE = re.compile(r"[$\\`{}]")


def words(markdown: str) -> int:
    """The number of words of a Markdown text, emphasis marks not counted."""
    return len(_WORD.findall(markdown))


def format_problems(topic: Topic) -> list[str]:
    """What keeps a card from the form every card has: each problem in words."""
    problems = []
    if topic.headings != SECTIONS:
        missing = [h for h in SECTIONS if h not in topic.headings]
        extra = [h for h in topic.headings if h not in SECTIONS]
        if missing or extra:
            problems.append("sections: " + "; ".join(
                part for part in (f"missing {missing}" if missing else "",
                                  f"not a card section {extra} (use ### inside one)"
                                  if extra else "") if part))
        else:
            problems.append(f"sections: expected this order {list(SECTIONS)}, got "
                            f"{list(topic.headings)}")
    for name in SECTIONS:
        if name in topic.sections and not topic.sections[name]:
            problems.append(f"section '## {name}' is empty")
    short = topic.sections.get("In 30 seconds", "")
    if words(short) > MAX_SHORT_ANSWER_WORDS:
        problems.append(f"'In 30 seconds' has {words(short)} words; at most "
                        f"{MAX_SHORT_ANSWER_WORDS} can be said in 30 seconds")
    unspeakable = sorted(set(_UNSPEAKABLE.findall(short)))
    if unspeakable:
        problems.append(f"'In 30 seconds' is not speakable: it contains {' '.join(unspeakable)} "
                        "(math or code); say the formula in words")
    probing = topic.sections.get("What the interviewer is probing", "")
    if words(probing) > MAX_PROBING_WORDS:
        problems.append(f"'What the interviewer is probing' has {words(probing)} words; "
                        f"at most {MAX_PROBING_WORDS} (two or three lines)")
    unanswered = [f.question for f in topic.follow_ups if not f.answer]
    if unanswered:
        problems.append(f"{len(unanswered)} follow-up question(s) without an answer, e.g. "
                        f"{unanswered[0][:80]!r}; write it as 'Question? *(Answer.)*'")
    if len(topic.quick_checks) < MIN_QUICK_CHECKS:
        problems.append(f"has {len(topic.quick_checks)} quick checks, needs "
                        f"{MIN_QUICK_CHECKS}")
    if not any(q.kind == "numeric" for q in topic.quick_checks):
        problems.append("no numeric quick check (a computation)")
    unexplained = [q.id for q in topic.quick_checks if not q.explain]
    if unexplained:
        problems.append(f"quick checks without an explanation: {unexplained}")
    if len(topic.further_reading) < MIN_FURTHER_READING:
        problems.append(f"'Further reading' lists {len(topic.further_reading)} sources; "
                        f"needs {MIN_FURTHER_READING}")
    if topic.figure is None and topic.demos:  # a topic without a demo has no figure to show
        problems.append("no figure: (demo, name, caption) in the front matter")
    if topic.is_design:
        problems += rubric_problems(topic)
    return problems


def prerequisite_cycle(cards: dict[str, Topic]) -> list[str] | None:
    """A cycle of the prerequisite graph, as the list of slugs around it (first repeated
    at the end), or None when the graph is acyclic."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    path: list[str] = []

    def visit(slug: str) -> list[str] | None:
        state[slug] = 1
        path.append(slug)
        for before in cards[slug].prerequisites if slug in cards else ():
            if state.get(before) == 1:
                return [*path[path.index(before):], before]
            if before not in state:
                found = visit(before)
                if found:
                    return found
        path.pop()
        state[slug] = 2
        return None

    for slug in cards:
        if slug not in state:
            found = visit(slug)
            if found:
                return found
    return None


def study_path(slug: str, cards: dict[str, Topic] | None = None) -> list[str]:
    """The order to study ``slug`` from scratch: every prerequisite, transitively, before
    the topics that need it, ending with ``slug``. Among topics free to come next, the
    index order decides (a depth-first topological order, so the result is stable)."""
    cards = all_topics() if cards is None else cards
    if slug not in cards:
        get_topic(slug)  # raises UnknownTopicError with suggestions
    order: list[str] = []
    seen: set[str] = set()
    rank = {s: i for i, s in enumerate(cards)}

    def visit(current: str, trail: tuple[str, ...]) -> None:
        if current in seen:
            return
        if current in trail:
            raise ValueError(f"prerequisites form a cycle: {' -> '.join((*trail, current))}")
        for before in sorted(cards[current].prerequisites if current in cards else (),
                             key=lambda s: rank.get(s, len(rank))):
            visit(before, (*trail, current))
        seen.add(current)
        order.append(current)

    visit(slug, ())
    return order


def next_topics(slug: str, cards: dict[str, Topic] | None = None) -> list[str]:
    """The topics that list ``slug`` as a prerequisite, in index order: what comes next."""
    cards = all_topics() if cards is None else cards
    return [s for s, t in cards.items() if slug in t.prerequisites]
