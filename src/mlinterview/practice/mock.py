"""Mock interviews: timed questions from your weakest material, a follow-up after a good
answer, one coding exercise at the end, and a report.

A session is a row of ``mock_sessions`` (see :mod:`mlinterview.study.store`): its plan
(the steps, as JSON), the position of the current step and its state (running, finished,
abandoned). Answers are ordinary answers (:class:`~mlinterview.practice.Practice`) that
carry the session's uid, so they also count as reviews and appear in the journal; the
exercise's submissions are ordinary exercise attempts.

How a plan is made (:func:`plan`; the same seed and study state give the same plan):

1. **Rank** the candidate topics (all, or those of ``areas`` and ``topics``) by tier,
   weakest first: due and lapsed; due; lapsed (forgotten once after being learnt, or
   relearning); low coverage (the latest graded answer covered under
   :data:`GOOD_COVERAGE` of its key points); never seen; the rest. Within a tier the
   topics of each area are ordered weakest first (most overdue, lowest stability or
   lowest coverage; never-seen topics in the order of a seeded shuffle), and the areas
   take turns: every area's weakest before any area's second.
2. **Size**: each question takes :data:`CARD_SECONDS` (a system-design question
   :data:`DESIGN_SECONDS`) plus :data:`FOLLOW_UP_SECONDS` kept for its possible
   follow-up, the exercise :data:`EXERCISE_SECONDS`; the plan holds as many of the ranked
   questions as fit in ``minutes``, taken in rank order (at least one: when even one does
   not fit, every budget shrinks in proportion), so the budgets never add up to more than
   the session. A session mixing areas asks at most :data:`MAX_DESIGN_QUESTIONS` design
   question, and only when it fits; a session of design topics only asks as many as fit.
3. **Mix**: the chosen questions are reordered so that no two consecutive ones come from
   the same area when some order allows it: at each turn the best-ranked question of
   another area whose removal leaves the rest arrangeable.
4. **Exercise**: the last step is an exercise of the best-ranked chosen topic that has
   one (drawn with the seed among its exercises); if none has, of the topic of the same
   area nearest in ``index.yaml`` order that has.

While the session runs, a card answer that covers at least :data:`GOOD_COVERAGE` of the
key points is followed by one of that card's follow-up questions that has a known
answer (drawn with the seed), graded against that answer and without a second review.

Durability: the answers and the exercise attempts are the truth, the plan mirrors them.
Every change to the plan (linking an answer, moving on, inserting a follow-up, finishing)
is one transaction, and :meth:`MockSession.refresh` catches the plan up with answers
and attempts that were stored just before a process was killed, so a session resumes
exactly where it stopped.

Time: the deadline is ``created_at + minutes`` on the wall clock. Time away (a closed
tab, a killed terminal) counts, as it would in an interview room; the countdown is shown
and goes negative past the deadline, but nothing is cut off: the report says by how much
each question and the whole session went over.
"""

from __future__ import annotations

import json
import math
import random
import secrets
import uuid
from collections import Counter
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timedelta
from typing import Any

from mlinterview.practice import Answer, Practice
from mlinterview.study import Study, _iso, _parse

CARD_SECONDS = 240        # to answer a card's question in your own words
DESIGN_SECONDS = 600      # a system-design question: the steps of a design, out loud
MAX_DESIGN_QUESTIONS = 1  # per session that mixes design with other areas
FOLLOW_UP_SECONDS = 120   # a follow-up wants a sentence or two
EXERCISE_SECONDS = 600    # a small function, as in a coding round
GOOD_COVERAGE = 0.75      # share of key points an answer must cover to earn a follow-up
MIN_MINUTES, MAX_MINUTES = 5, 240
PLAN_VERSION = 1

#: Why a question was chosen, by tier (weakest first).
TIERS = ("due, lapsed", "due", "lapsed", "low coverage", "never seen", "studied")
STATES = ("running", "finished", "abandoned")
KINDS = ("card", "follow-up", "exercise")


class StepError(ValueError):
    """An action that does not fit the session's state: answering when the current step
    is the exercise, grading twice, acting on a finished session or a stale step."""


class UnreadableSession(LookupError):
    """A stored session this version cannot run: its plan or report is damaged (an
    imported file edited by hand) or names a topic or exercise that no longer exists."""


class SessionRunning(StepError):
    """A new session was asked for while another one runs (resume or abandon it first)."""

    def __init__(self, session: MockSession):
        self.session = session
        started = f"{session.created_at:%Y-%m-%d %H:%M}"
        super().__init__(f"a mock interview is running (started {started} UTC, step "
                         f"{session.position + 1} of {len(session.steps)}); resume it or "
                         "abandon it first")


# ---------------------------------------------------------------------------------------
# Steps and plans
# ---------------------------------------------------------------------------------------


@dataclass
class Step:
    """One step of a session: a card's question, a follow-up or the exercise.

    Times are ISO 8601 strings in UTC, as stored. ``started_at`` is when the step became
    current (the previous one was done); ``finished_at`` when its answer was graded.
    ``points`` are what a follow-up's answer is compared with (its short answer); a
    card's answer is compared with the card's key points. ``verdict`` is the exercise's
    latest judged submission of this session (verdict, passed, total, attempt_uid,
    submitted_at, attempts).
    """

    kind: str
    slug: str
    question: str
    budget: int                   # seconds
    reason: str = ""              # the tier that chose a card question
    exercise_id: str | None = None
    points: tuple[str, ...] = ()
    answer_uid: str | None = None
    started_at: str | None = None
    finished_at: str | None = None
    covered: int | None = None
    total: int | None = None
    rating: int | None = None
    verdict: dict[str, Any] | None = None

    @property
    def phase(self) -> str:
        """"answer" (waiting for the text), "compare" (written, waiting for the ticks),
        "done", or "exercise"."""
        if self.kind == "exercise":
            return "exercise"
        if self.finished_at is not None:
            return "done"
        return "compare" if self.answer_uid else "answer"

    @property
    def coverage(self) -> float | None:
        """Share of the points the graded answer covered (None before grading)."""
        if self.covered is None or not self.total:
            return None
        return self.covered / self.total

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["points"] = list(self.points)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Step:
        """The step stored as ``data``; ``ValueError`` unless it is one this version can
        run (a known kind, topic and exercise, a whole budget, text where text goes)."""
        from mlinterview import exercises
        from mlinterview.topics import all_topics

        if not isinstance(data, dict):
            raise ValueError(f"a step is not a mapping: {str(data)[:60]!r}")
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["points"] = tuple(values.get("points") or ())
        step = cls(**values)
        if step.kind not in KINDS:
            raise ValueError(f"unknown step kind {step.kind!r}")
        if step.slug not in all_topics():
            raise ValueError(f"unknown topic {step.slug!r}")
        if step.kind == "exercise" and step.exercise_id not in exercises.registry():
            raise ValueError(f"unknown exercise {step.exercise_id!r}")
        if not isinstance(step.question, str) or not all(
                isinstance(p, str) for p in step.points):
            raise ValueError("a step's question and points must be text")
        if isinstance(step.budget, bool) or not isinstance(step.budget, int) \
                or step.budget < 0:
            raise ValueError(f"a step's budget must be whole seconds, got {step.budget!r}")
        for moment in (step.started_at, step.finished_at):
            if moment is not None:
                _parse(moment)
        return step


@dataclass(frozen=True)
class _Candidate:
    slug: str
    area: str
    tier: int
    strength: float       # lower is weaker, within a tier
    jitter: float         # a seeded tie-break
    turn: int = 0         # the area's turn within the tier


def _check_minutes(minutes: Any) -> int:
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise ValueError(f"minutes: expected a whole number of minutes, got {minutes!r}")
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise ValueError(f"minutes: expected {MIN_MINUTES} to {MAX_MINUTES}, got {minutes}")
    return minutes


def _check_seed(seed: Any) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
        raise ValueError(f"seed: expected a whole number from 0 to 2**63 - 1, got {seed!r}")
    return seed


def candidates(areas=(), topics=()) -> list[str]:
    """The slugs a session may ask about, in ``index.yaml`` order: every card with key
    points, narrowed to ``areas`` and to ``topics`` when given (both: the topics of those
    areas). ``ValueError`` naming the argument for an unknown area or slug, or when
    nothing is left."""
    from mlinterview.topics import all_topics, closest_slugs, load_index

    known_areas, _ = load_index()
    cards = all_topics()
    areas, topics = _strings(areas, "areas"), _strings(topics, "topics")
    for area in areas:
        if area not in known_areas:
            raise ValueError(f"areas: unknown area {area!r}; areas: {', '.join(known_areas)}")
    for slug in topics:
        if slug not in cards:
            close = closest_slugs(slug)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise ValueError(f"topics: unknown topic {slug!r}{hint}")
    found = [s for s, t in cards.items() if t.key_points
             and (not areas or t.area in areas) and (not topics or s in topics)]
    if not found:
        raise ValueError(f"topics: none of {', '.join(topics)} is in the areas "
                         f"{', '.join(areas)}")
    return found


def _strings(values, name: str) -> tuple[str, ...]:
    if isinstance(values, str):
        values = (values,)
    values = tuple(values or ())
    if not all(isinstance(v, str) for v in values):
        raise TypeError(f"{name}: expected names (text), got {values!r}")
    return tuple(dict.fromkeys(v.strip() for v in values if v.strip()))


def rank(study: Study, slugs: list[str], *, seed: int, now: datetime) -> list[_Candidate]:
    """``slugs`` ranked weakest first (the tiers, the order within a tier and the areas'
    turns described in the module docstring)."""
    from mlinterview.topics import all_topics

    cards = all_topics()
    states = {r["slug"]: r for r in study.store.query(
        "SELECT slug, due, state, stability, lapses FROM card_state")}
    latest: dict[str, float] = {}
    answered: set[str] = set()
    for r in study.store.query(
            "SELECT slug, kind, points, ticked FROM answer_attempts "
            "ORDER BY COALESCE(graded_at, written_at) DESC, id DESC"):
        answered.add(r["slug"])
        # A follow-up's single point says little about the card's own key points.
        if r["kind"] != "follow-up" and r["ticked"] is not None and r["slug"] not in latest:
            points = json.loads(r["points"] or "[]")
            if points:
                latest[r["slug"]] = len(json.loads(r["ticked"])) / len(points)
    # One draw per candidate in index order: the same seed gives the same tie-breaks.
    rng = random.Random(seed)
    jitter = {slug: rng.random() for slug in slugs}
    found = []
    for slug in slugs:
        state = states.get(slug)
        due = state is not None and _parse(state["due"]) <= now
        lapsed = state is not None and (state["lapses"] > 0 or state["state"] == 3)
        stability = (state["stability"] or 0.0) if state else 0.0
        if due:
            # Most overdue first: the earliest due time is the smallest number.
            tier, strength = (0 if lapsed else 1), _parse(state["due"]).timestamp()
        elif lapsed:
            tier, strength = 2, stability
        elif slug in latest and latest[slug] < GOOD_COVERAGE:
            tier, strength = 3, latest[slug]
        elif state is None and slug not in answered:
            tier, strength = 4, 0.0
        else:
            tier, strength = 5, stability
        found.append(_Candidate(slug, cards[slug].area, tier, strength, jitter[slug]))
    ranked: list[_Candidate] = []
    for tier in range(len(TIERS)):
        in_tier = [c for c in found if c.tier == tier]
        by_area: dict[str, list[_Candidate]] = {}
        for c in sorted(in_tier, key=lambda c: (c.strength, c.jitter)):
            by_area.setdefault(c.area, []).append(c)
        turns = [_with_turn(c, i) for group in by_area.values() for i, c in enumerate(group)]
        ranked += sorted(turns, key=lambda c: (c.turn, c.strength, c.jitter))
    return ranked


def _with_turn(c: _Candidate, turn: int) -> _Candidate:
    return _Candidate(c.slug, c.area, c.tier, c.strength, c.jitter, turn)


def _arrangeable(areas: Counter, first_not: str | None) -> bool:
    """Whether items with these area counts can be put in a row with no two neighbours
    of one area and the first not of area ``first_not``: of ``m`` items an area may fill
    at most every other place, ``ceil(m / 2)``, or ``floor(m / 2)`` if it may not start."""
    m = sum(areas.values())
    return all(n <= (m // 2 if area == first_not else (m + 1) // 2)
               for area, n in areas.items())


def mix(items: list, area=lambda item: item.area) -> list:
    """``items`` (best first) reordered so that no two neighbours share an area when
    some order allows it, keeping the best-ranked items as early as that permits."""
    rest, out = list(items), []
    while rest:
        previous = area(out[-1]) if out else None
        pick = None
        for i, item in enumerate(rest):
            if area(item) == previous:
                continue
            left = Counter(area(x) for j, x in enumerate(rest) if j != i)
            if _arrangeable(left, area(item)):
                pick = i
                break
        if pick is None:  # no order avoids a repeat: the best of another area, if any
            pick = next((i for i, x in enumerate(rest) if area(x) != previous), 0)
        out.append(rest.pop(pick))
    return out


def _exercise_for(chosen: list[_Candidate], seed: int) -> tuple[str, str] | None:
    """(slug, exercise id) for the session: see step 4 of the module docstring."""
    from mlinterview import exercises
    from mlinterview.topics import all_topics

    by_slug: dict[str, list[str]] = {}
    for ex in exercises.registry().values():
        by_slug.setdefault(ex.slug, []).append(ex.id)
    order = list(all_topics())
    cards = all_topics()

    def nearest(slug: str) -> str | None:
        here = order.index(slug)
        same_area = [s for s in order if cards[s].area == cards[slug].area and s in by_slug]
        return min(same_area, key=lambda s: (abs(order.index(s) - here), order.index(s)),
                   default=None)

    slug = next((c.slug for c in chosen if c.slug in by_slug), None)
    if slug is None:
        slug = next((s for s in (nearest(c.slug) for c in chosen) if s), None)
    if slug is None:
        return None
    rng = random.Random(f"{seed}:exercise")
    return slug, rng.choice(sorted(by_slug[slug]))


def plan(study: Study, minutes: int, *, areas=(), topics=(), seed: int = 0,
         now: datetime | None = None) -> list[Step]:
    """The steps of a new session of ``minutes``: card questions (weakest material, areas
    mixed) and one exercise last, each with its time budget in seconds. Deterministic:
    the same ``seed``, filters and study state at ``now`` give the same plan. The rule is
    in the module docstring."""
    from mlinterview import exercises
    from mlinterview.topics import get_topic

    minutes, seed = _check_minutes(minutes), _check_seed(seed)
    now = study._now(now)
    ranked = rank(study, candidates(areas, topics), seed=seed, now=now)
    total = minutes * 60
    chosen = _fill(ranked, total - EXERCISE_SECONDS)
    exercise = _exercise_for(chosen, seed)
    needed = sum(_seconds(c.slug) + FOLLOW_UP_SECONDS for c in chosen) + \
        (EXERCISE_SECONDS if exercise else 0)
    scale = min(1.0, total / needed)  # < 1 only when a single question does not fit
    steps = [Step("card", c.slug, get_topic(c.slug).question,
                  math.floor(_seconds(c.slug) * scale), reason=TIERS[c.tier])
             for c in mix(chosen)]
    if exercise is not None:
        slug, exercise_id = exercise
        steps.append(Step("exercise", slug, exercises.get(exercise_id).title,
                          math.floor(EXERCISE_SECONDS * scale), exercise_id=exercise_id))
    return steps


def _seconds(slug: str) -> int:
    """The time budget of ``slug``'s own question: longer for a system-design question."""
    from mlinterview.topics import get_topic

    return DESIGN_SECONDS if get_topic(slug).is_design else CARD_SECONDS


def _fill(ranked: list[_Candidate], seconds: int) -> list[_Candidate]:
    """The ranked candidates a session of ``seconds`` (the exercise's time taken off)
    asks, in rank order: as many as fit with their follow-ups, at least one, and at most
    :data:`MAX_DESIGN_QUESTIONS` design question unless every candidate is one."""
    from mlinterview.topics import get_topic

    design_only = all(get_topic(c.slug).is_design for c in ranked)
    chosen: list[_Candidate] = []
    designs = 0
    for c in ranked:
        design = get_topic(c.slug).is_design
        if design and not design_only and designs >= MAX_DESIGN_QUESTIONS:
            continue
        cost = _seconds(c.slug) + FOLLOW_UP_SECONDS
        if cost <= seconds or (not chosen and (design_only or not design)):
            chosen.append(c)
            designs += design
            seconds -= cost
        elif not design:
            break  # every later plain question costs as much: none fits
    if not chosen:  # only design questions ranked first, none fits: the best plain one
        chosen = [next(c for c in ranked if not get_topic(c.slug).is_design)]
    return chosen


def follow_up_for(slug: str, seed: int) -> tuple[str, str] | None:
    """(question, answer) of the follow-up asked after a good answer to ``slug``: one of
    the card's follow-ups with a known answer, drawn with the seed; None if it has none."""
    from mlinterview.topics import get_topic

    known = [f for f in get_topic(slug).follow_ups if f.answer]
    if not known:
        return None
    chosen = random.Random(f"{seed}:{slug}:follow-up").choice(known)
    return chosen.question, chosen.answer


# ---------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionResult:
    """How one question went: time taken against its budget, key points covered."""

    kind: str
    slug: str
    question: str
    budget: int
    seconds: float | None     # from shown to graded (to written, if never graded)
    covered: int | None
    total: int | None
    rating: int | None
    answered: bool = False
    reason: str = ""

    @property
    def coverage(self) -> float | None:
        return None if self.covered is None or not self.total else self.covered / self.total

    @property
    def over(self) -> float | None:
        """Seconds over the budget (negative: under)."""
        return None if self.seconds is None else self.seconds - self.budget


@dataclass(frozen=True)
class ExerciseResult:
    """The exercise: its latest judged submission of the session (None if none)."""

    exercise_id: str
    slug: str
    title: str
    budget: int
    seconds: float | None
    verdict: str | None
    passed: int | None
    total: int | None
    attempts: int

    @property
    def accepted(self) -> bool:
        return self.verdict == "accepted"


@dataclass(frozen=True)
class Report:
    """The end of a session: each question, the exercise, what to study next.

    ``coverage`` is the mean share of key points covered over the card questions
    graded (follow-ups apart); ``study_next`` lists the card topics covered below
    100 % (unanswered: 0 %), lowest first, then the exercise's topic if its verdict was
    not accepted.
    """

    uid: str
    state: str
    minutes: int
    seed: int
    started_at: datetime
    ended_at: datetime
    total_seconds: float
    questions: tuple[QuestionResult, ...]
    exercise: ExerciseResult | None
    coverage: float | None
    answered: int
    asked: int
    study_next: tuple[str, ...]

    @property
    def over(self) -> float:
        """Seconds past the session's length (negative: finished early)."""
        return self.total_seconds - self.minutes * 60

    def to_json(self) -> dict[str, Any]:
        return {
            "uid": self.uid, "state": self.state, "minutes": self.minutes, "seed": self.seed,
            "started_at": _iso(self.started_at), "ended_at": _iso(self.ended_at),
            "total_seconds": self.total_seconds,
            "questions": [asdict(q) for q in self.questions],
            "exercise": None if self.exercise is None else asdict(self.exercise),
            "coverage": self.coverage, "answered": self.answered, "asked": self.asked,
            "study_next": list(self.study_next),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        """The report stored as ``data``; ``ValueError``/``TypeError`` if a field is
        missing or of the wrong type (the pages format these numbers)."""
        report = cls(
            uid=data["uid"], state=data["state"], minutes=data["minutes"], seed=data["seed"],
            started_at=_parse(data["started_at"]), ended_at=_parse(data["ended_at"]),
            total_seconds=data["total_seconds"],
            questions=tuple(QuestionResult(**q) for q in data["questions"]),
            exercise=None if data["exercise"] is None else ExerciseResult(**data["exercise"]),
            coverage=data["coverage"], answered=data["answered"], asked=data["asked"],
            study_next=tuple(data["study_next"]))
        _numbers(report, ints=("minutes", "seed", "answered", "asked"),
                 numbers=("total_seconds",), optional=("coverage",))
        for q in report.questions:
            _numbers(q, ints=("budget",), optional=("seconds", "covered", "total", "rating"))
        if report.exercise is not None:
            _numbers(report.exercise, ints=("budget", "attempts"),
                     optional=("seconds", "passed", "total"))
        if report.state not in STATES or not all(isinstance(s, str)
                                                  for s in report.study_next):
            raise ValueError("the report's state or topics to study are not text")
        return report


def _numbers(obj, *, ints=(), numbers=(), optional=()) -> None:
    """Raise ``TypeError`` unless the named attributes of ``obj`` are finite numbers
    (``ints``: whole ones; ``optional``: or None)."""
    for name in (*ints, *numbers, *optional):
        value = getattr(obj, name)
        if value is None and name in optional:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or \
                not math.isfinite(value) or (name in ints and not isinstance(value, int)):
            raise TypeError(f"{name}: expected a number, got {str(value)[:40]!r}")


@dataclass(frozen=True)
class Summary:
    """One past or running session, for the list and the trend in the statistics."""

    uid: str
    created_at: datetime
    minutes: int
    state: str
    coverage: float | None
    total_seconds: float | None
    answered: int
    asked: int
    verdict: str | None


# ---------------------------------------------------------------------------------------
# The session
# ---------------------------------------------------------------------------------------


def _load(row) -> tuple[list[Step], Report | None]:
    """The steps and the report of a stored session (a ``mock_sessions`` row with at
    least plan, report, position and state); :class:`UnreadableSession` saying why when
    they cannot be read."""
    try:
        body = json.loads(row["plan"])
        if not isinstance(body, dict) or not isinstance(body.get("steps"), list) \
                or not body["steps"]:
            raise ValueError("the plan has no steps")
        steps = [Step.from_json(s) for s in body["steps"]]
        report = Report.from_json(json.loads(row["report"])) if row["report"] else None
        if not 0 <= row["position"] <= len(steps) or row["state"] not in STATES \
                or not 0 < row["minutes"] <= MAX_MINUTES:
            raise ValueError(f"position {row['position']}, state {row['state']!r} or minutes "
                             f"{row['minutes']} is out of range")
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise UnreadableSession(str(exc)[:200]) from None
    return steps, report


def _readable(row) -> bool:
    try:
        _load(row)
    except UnreadableSession:
        return False
    return True


class MockSession:
    """A mock interview over the study database: start or resume it, answer the current
    step, submit the exercise, finish with a :class:`Report`.

    Every method reads the session afresh (another process, the web app or a terminal,
    may have moved it on) and each change is one transaction; ``position`` (when given)
    is the step the caller showed the user, and a different current step raises
    :class:`StepError` instead of answering the wrong question.
    """

    def __init__(self, practice: Practice, uid: str):
        self.practice = practice
        self.uid = uid
        self.refresh()

    # -- opening -----------------------------------------------------------------------

    @classmethod
    def start(cls, practice: Practice, minutes: int = 30, *, areas=(), topics=(),
              seed: int | None = None, now: datetime | None = None) -> MockSession:
        """Plan and store a new session (:class:`SessionRunning` if one is running)."""
        study = practice.study
        seed = secrets.randbelow(2**31) if seed is None else _check_seed(seed)
        now = study._now(now)
        steps = plan(study, minutes, areas=areas, topics=topics, seed=seed, now=now)
        steps[0].started_at = _iso(now)
        body = {"version": PLAN_VERSION, "areas": list(_strings(areas, "areas")),
                "topics": list(_strings(topics, "topics")),
                "steps": [s.to_json() for s in steps]}
        uid = uuid.uuid4().hex
        with study.store.transaction() as conn:
            # Inside the write lock: two starts at once cannot both find none running.
            running = next((r for r in conn.execute(
                "SELECT * FROM mock_sessions WHERE state = 'running' "
                "ORDER BY created_at DESC, id DESC") if _readable(r)), None)
            if running is None:
                conn.execute(
                    """INSERT INTO mock_sessions (uid, created_at, updated_at, minutes, seed,
                           plan, position, state) VALUES (?, ?, ?, ?, ?, ?, 0, 'running')""",
                    (uid, _iso(now), _iso(now), minutes, seed, json.dumps(body)))
        if running is not None:
            raise SessionRunning(cls(practice, running["uid"]))
        return cls(practice, uid)

    @classmethod
    def running(cls, practice: Practice) -> MockSession | None:
        """The session that is running, if any (the latest, should there be several).
        One that cannot be read (:class:`UnreadableSession`) is passed over, left as it
        is."""
        for row in practice.store.query("SELECT uid FROM mock_sessions WHERE state = "
                                        "'running' ORDER BY created_at DESC, id DESC"):
            try:
                return cls(practice, row["uid"])
            except UnreadableSession:
                continue
        return None

    @classmethod
    def get(cls, practice: Practice, uid: str) -> MockSession:
        """The session ``uid`` or the only one whose uid starts with it (``LookupError``
        otherwise)."""
        if not isinstance(uid, str) or not uid.strip() or not all(
                c in "0123456789abcdef" for c in uid.strip()):
            raise LookupError(f"no mock interview with id {uid!r}")
        uid = uid.strip()
        rows = practice.store.query("SELECT uid FROM mock_sessions WHERE uid >= ? AND "
                                    "uid < ? LIMIT 2", (uid, uid + "g"))
        if len(rows) != 1:
            raise LookupError(f"{'several mock interviews' if rows else 'no mock interview'}"
                              f" with id {uid!r}")
        return cls(practice, rows[0]["uid"])

    @classmethod
    def history(cls, practice: Practice, limit: int = 50) -> list[Summary]:
        """Sessions, newest first, with their coverage and time (from the stored report;
        none yet for the running one)."""
        found = []
        for r in practice.store.query(
                "SELECT * FROM mock_sessions ORDER BY created_at DESC, id DESC LIMIT ?",
                (limit,)):
            try:
                steps, report = _load(r)
            except UnreadableSession:
                continue  # listed nowhere rather than breaking the list
            asked = sum(s.kind == "card" for s in steps)
            found.append(Summary(
                uid=r["uid"], created_at=_parse(r["created_at"]), minutes=r["minutes"],
                state=r["state"], coverage=report.coverage if report else None,
                total_seconds=report.total_seconds if report else None,
                answered=report.answered if report else 0, asked=asked,
                verdict=report.exercise.verdict if report and report.exercise else None))
        return found

    # -- reading -----------------------------------------------------------------------

    @property
    def study(self) -> Study:
        return self.practice.study

    @property
    def store(self):
        return self.practice.store

    def refresh(self) -> MockSession:
        """Read the session again, first catching its plan up with the answers and
        attempts already stored (one transaction)."""
        with self.store.transaction() as conn:
            row = conn.execute("SELECT * FROM mock_sessions WHERE uid = ?",
                               (self.uid,)).fetchone()
            if row is None:
                raise LookupError(f"no mock interview with id {self.uid!r}")
            self._read(row)
            if self.state == "running" and self._catch_up(conn):
                conn.execute("UPDATE mock_sessions SET plan = ?, position = ?, updated_at = ?"
                             " WHERE uid = ?", (self._plan_json(), self.position,
                                                _iso(self.study._now(None)), self.uid))
        return self

    def _read(self, row) -> None:
        try:
            self.steps, self.report = _load(row)
        except UnreadableSession as exc:
            raise UnreadableSession(f"the mock interview {self.uid[:8]} cannot be read "
                                    f"(damaged, or from another version): {exc}") from None
        self.created_at = _parse(row["created_at"])
        self.updated_at = _parse(row["updated_at"])
        self.minutes = row["minutes"]
        self.seed = row["seed"]
        self.position = row["position"]
        self.state = row["state"]
        body = json.loads(row["plan"])  # read by _load: a mapping

        def names(key: str) -> tuple[str, ...]:
            value = body.get(key)
            return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) \
                else ()

        self.areas, self.topics = names("areas"), names("topics")

    def _plan_json(self) -> str:
        return json.dumps({"version": PLAN_VERSION, "areas": list(self.areas),
                           "topics": list(self.topics),
                           "steps": [s.to_json() for s in self.steps]})

    def _catch_up(self, conn) -> bool:
        """Link the stored answers and attempts to the plan, move past graded steps and
        insert earned follow-ups; True if the plan changed. Idempotent."""
        changed = False
        while self.position < len(self.steps):
            step = self.steps[self.position]
            if step.kind == "exercise":
                return self._catch_up_exercise(conn, step) or changed
            if step.answer_uid is None:
                row = conn.execute(
                    "SELECT uid FROM answer_attempts WHERE session_uid = ? AND slug = ? AND "
                    "kind = ? AND question = ? ORDER BY written_at, id LIMIT 1",
                    (self.uid, step.slug, step.kind, step.question)).fetchone()
                if row is None:
                    return changed
                step.answer_uid, changed = row["uid"], True
            row = conn.execute("SELECT points, ticked, rating, graded_at FROM answer_attempts"
                               " WHERE uid = ?", (step.answer_uid,)).fetchone()
            if row is None or row["ticked"] is None:
                return changed
            step.covered = len(json.loads(row["ticked"]))
            step.total = len(json.loads(row["points"] or "[]"))
            step.rating, step.finished_at = row["rating"], row["graded_at"]
            self.position += 1
            if step.kind == "card" and step.total and \
                    step.covered / step.total >= GOOD_COVERAGE:
                follow = follow_up_for(step.slug, self.seed)
                if follow is not None:
                    budget = round(step.budget * FOLLOW_UP_SECONDS / _seconds(step.slug))
                    self.steps.insert(self.position, Step(
                        "follow-up", step.slug, follow[0], budget, reason="good answer",
                        points=(follow[1],)))
            if self.position < len(self.steps):
                self.steps[self.position].started_at = step.finished_at
            changed = True
        return changed

    def _catch_up_exercise(self, conn, step: Step) -> bool:
        """Take the exercise's latest judged attempt since the step began."""
        from mlinterview.exercises.judge import NOT_JUDGED

        rows = conn.execute(
            "SELECT uid, verdict, passed, total, submitted_at FROM exercise_attempts WHERE "
            "exercise_id = ? AND submitted_at >= ? AND verdict != ? "
            "ORDER BY submitted_at DESC, id DESC",
            (step.exercise_id, step.started_at or _iso(self.created_at), NOT_JUDGED)
        ).fetchall()
        if not rows:
            return False
        latest = rows[0]
        verdict = {"verdict": latest["verdict"], "passed": latest["passed"],
                   "total": latest["total"], "attempt_uid": latest["uid"],
                   "submitted_at": latest["submitted_at"], "attempts": len(rows)}
        if step.verdict == verdict:
            return False
        step.verdict = verdict
        return True

    @property
    def deadline(self) -> datetime:
        return self.created_at + timedelta(minutes=self.minutes)

    def remaining(self, now: datetime | None = None) -> timedelta:
        """Time left until the deadline (negative past it)."""
        return self.deadline - self.study._now(now)

    def current(self) -> Step | None:
        """The step to do now; None when every question is done and no exercise is left
        (then only :meth:`finish` remains) or the session is over."""
        if self.state != "running" or self.position >= len(self.steps):
            return None
        return self.steps[self.position]

    def answer_of(self, step: Step) -> Answer | None:
        """The stored answer of ``step`` (None before it is written)."""
        return None if step.answer_uid is None else self.practice.get(step.answer_uid)

    def suggested(self) -> list[int]:
        """The points the current step's written answer appears to cover (its ticks to
        pre-tick), from :func:`mlinterview.practice.suggest.suggest`."""
        from mlinterview.practice.suggest import suggest

        step = self.expect("compare")
        answer = self.practice.get(step.answer_uid)
        return suggest(answer.answer, answer.points)

    # -- acting ------------------------------------------------------------------------

    def expect(self, phase: str, position: int | None = None) -> Step:
        """The current step if the session runs, is at ``position`` (when given) and the
        step is in ``phase`` ("answer", "compare" or "exercise"); else :class:`StepError`
        saying what the session is doing instead."""
        if self.state != "running":
            raise StepError(f"the mock interview {self.uid[:8]} is {self.state}")
        if position is not None and position != self.position:
            raise StepError(f"position: this page showed step {position + 1}, but the "
                            f"interview is at step {self.position + 1}")
        step = self.current()
        if step is None:
            raise StepError("every question is done: finish the interview")
        if step.phase != phase:
            wanted = {"answer": "a question waiting for an answer",
                      "compare": "an answer waiting for its key points",
                      "exercise": "the exercise"}[phase]
            raise StepError(f"the current step ({step.kind}, {step.phase}) is not {wanted}")
        return step

    def answer(self, text: str, *, seconds: float | None = None, position: int | None = None,
               now: datetime | None = None) -> Answer:
        """Store ``text`` as the answer to the current question (card or follow-up);
        ``seconds`` defaults to the time since the question was shown. The step then
        waits for :meth:`grade`."""
        self.refresh()
        step = self.expect("answer", position)
        now = self.study._now(now)
        if seconds is None and step.started_at:
            seconds = max(0.0, (now - _parse(step.started_at)).total_seconds())
        written = self.practice.write(
            step.slug, text, seconds=seconds, question=step.question, kind=step.kind,
            points=step.points if step.kind == "follow-up" else None, session_uid=self.uid,
            now=now)
        self.refresh()
        return written

    def grade(self, ticked, *, suggested=None, rating: int | None = None,
              position: int | None = None, now: datetime | None = None) -> Step:
        """Store the points the current answer covered (``ticked``: indices) and move on:
        a card answer becomes a review (``rating`` or the one the share suggests); a good
        one is followed by a follow-up. Returns the graded step."""
        self.refresh()
        step = self.expect("compare", position)
        index = self.position
        self.practice.grade(step.answer_uid, ticked, suggested=suggested, rating=rating,
                            review=step.kind == "card", now=now)
        self.refresh()
        return self.steps[index]

    def submit_exercise(self, source: str, verdict=None, *, position: int | None = None,
                        now: datetime | None = None):
        """Judge ``source`` against the session's exercise (or take ``verdict``, judged
        by the caller, as the web app does through its admission queue), store it as an
        exercise attempt and as the session's verdict. May be repeated; the latest judged
        submission counts. Returns the verdict."""
        from mlinterview import exercises

        self.refresh()
        step = self.expect("exercise", position)
        if not isinstance(source, str) or not source.strip():
            raise ValueError("source: expected your solution's code, got nothing")
        if verdict is None:
            verdict = exercises.check(step.exercise_id, source)
        self.study.record_attempt(step.exercise_id, step.slug, verdict, source, now=now)
        self.refresh()
        return verdict

    def finish(self, now: datetime | None = None) -> Report:
        """End the session and store its report (steps not reached count as skipped)."""
        return self._end("finished", now)

    def abandon(self, now: datetime | None = None) -> Report:
        """End the session as abandoned; its report is kept but not in the trend."""
        return self._end("abandoned", now)

    def _end(self, state: str, now: datetime | None) -> Report:
        self.refresh()
        if self.state != "running":
            raise StepError(f"the mock interview {self.uid[:8]} is {self.state} already")
        now = self.study._now(now)
        report = self._report(state, now)
        with self.store.transaction() as conn:
            done = conn.execute(
                "UPDATE mock_sessions SET state = ?, report = ?, updated_at = ? "
                "WHERE uid = ? AND state = 'running'",
                (state, json.dumps(report.to_json()), _iso(now), self.uid)).rowcount
        if not done:
            raise StepError(f"the mock interview {self.uid[:8]} ended meanwhile")
        self.refresh()
        return report

    def _report(self, state: str, now: datetime) -> Report:
        from mlinterview import exercises
        from mlinterview.practice import Answer as _Answer

        answers: dict[str, _Answer] = {
            a.uid: a for a in (self.practice.get(s.answer_uid) for s in self.steps
                               if s.answer_uid)}
        questions, exercise = [], None
        for step in self.steps:
            if step.kind == "exercise":
                v = step.verdict
                seconds = None
                if v and step.started_at:
                    seconds = (_parse(v["submitted_at"]) - _parse(step.started_at)
                               ).total_seconds()
                exercise = ExerciseResult(
                    exercise_id=step.exercise_id, slug=step.slug,
                    title=exercises.get(step.exercise_id).title, budget=step.budget,
                    seconds=seconds, verdict=v["verdict"] if v else None,
                    passed=v["passed"] if v else None, total=v["total"] if v else None,
                    attempts=v["attempts"] if v else 0)
                continue
            answer = answers.get(step.answer_uid) if step.answer_uid else None
            seconds = None
            if answer is not None and step.started_at:
                end = _parse(step.finished_at) if step.finished_at else answer.written_at
                seconds = (end - _parse(step.started_at)).total_seconds()
            questions.append(QuestionResult(
                kind=step.kind, slug=step.slug, question=step.question, budget=step.budget,
                seconds=seconds, covered=step.covered, total=step.total, rating=step.rating,
                answered=answer is not None, reason=step.reason))
        cards = [q for q in questions if q.kind == "card"]
        graded = [q.coverage for q in cards if q.coverage is not None]
        order = sorted(range(len(cards)), key=lambda i: (cards[i].coverage or 0.0, i))
        study_next = [cards[i].slug for i in order if (cards[i].coverage or 0.0) < 1.0]
        if exercise is not None and not exercise.accepted and exercise.slug not in study_next:
            study_next.append(exercise.slug)
        return Report(
            uid=self.uid, state=state, minutes=self.minutes, seed=self.seed,
            started_at=self.created_at, ended_at=now,
            total_seconds=(now - self.created_at).total_seconds(),
            questions=tuple(questions), exercise=exercise,
            coverage=sum(graded) / len(graded) if graded else None,
            answered=sum(q.answered for q in cards), asked=len(cards),
            study_next=tuple(study_next))

    def live_report(self, now: datetime | None = None) -> Report:
        """The report as it would read if the session ended at ``now`` (the stored one
        once it has ended)."""
        if self.report is not None:
            return self.report
        return self._report(self.state, self.study._now(now))


__all__ = ["CARD_SECONDS", "DESIGN_SECONDS", "EXERCISE_SECONDS", "FOLLOW_UP_SECONDS",
           "GOOD_COVERAGE", "ExerciseResult", "MockSession", "QuestionResult", "Report",
           "SessionRunning", "Step", "StepError", "Summary", "UnreadableSession", "candidates",
           "follow_up_for", "mix", "plan", "rank"]
