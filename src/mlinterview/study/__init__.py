"""Study: spaced-repetition reviews of the cards, exercise attempts and progress.

A card is reviewed by answering its quick checks. The share answered right suggests an
FSRS rating (all right: Good; at least half: Hard; else Again) which the user may
override, then and later (:meth:`Study.override`). The content of a card stays in its
Markdown file; only the scheduling state lives in the database, keyed by slug, as Anki
keeps cards apart from notes.

A failed exercise makes its topic's card due now: not knowing how to code it is a
sign the answer has not stuck.
"""

from __future__ import annotations

import json
import math
import sqlite3
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

from mlinterview.quickchecks import CheckResult, grade_all, suggested_rating
from mlinterview.study import exercise_schedule as schedules
from mlinterview.study import scheduler as fsrs_
from mlinterview.study.atomic import atomic_write
from mlinterview.study.store import SCHEMA_VERSION, Store

DEFAULT_SETTINGS: dict[str, Any] = {"desired_retention": 0.9, "new_per_day": 10, "fuzz": True}
EXPORT_FORMAT = "mlinterview-study"
EXPORT_VERSION = 1
STATE_NAMES = {1: "learning", 2: "review", 3: "relearning"}


def check_setting(key: str, value: Any) -> Any:
    """``value`` as the setting ``key`` stores it; ``ValueError`` if out of type or range."""
    if key not in DEFAULT_SETTINGS:
        raise ValueError(f"setting: expected one of {', '.join(DEFAULT_SETTINGS)}; "
                         f"got {_brief(key)}")
    if key == "desired_retention":
        value = _number(float, key, value)
        if not 0.7 <= value <= 0.99:
            raise ValueError("desired_retention: expected a value in [0.7, 0.99], "
                             f"got {_brief(value)}")
    elif key == "new_per_day":
        value = _number(int, key, value)
        if not 0 <= value <= 1000:
            raise ValueError(f"new_per_day: expected 0 to 1000, got {_brief(value)}")
    elif key == "fuzz":
        if isinstance(value, str):
            if value.lower() not in ("true", "false", "1", "0", "yes", "no", "on", "off"):
                raise ValueError(f"fuzz: expected true or false, got {_brief(value)}")
            value = value.lower() in ("true", "1", "yes", "on")
        value = bool(value)
    return value


def _number(kind: type, key: str, value: Any):
    """``kind(value)`` (float or int), or a ValueError naming the setting."""
    try:
        number = kind(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: int(float("inf"))
        raise ValueError(f"{key}: expected {'a number' if kind is float else 'an integer'}, "
                         f"got {_brief(value)}") from None
    # int("2.5") fails but int(2.5) truncates; a fractional count is a mistake either way.
    if kind is int and isinstance(value, float) and not value.is_integer():
        raise ValueError(f"{key}: expected an integer, got {_brief(value)}")
    return number


# A card's reps and lapses, counted from its review log. A lapse, as in Anki and FSRS:
# forgetting a card that had graduated to Review; Again on a first review or while
# relearning is not one.
_COUNTS = ("SELECT COUNT(*), SUM(rating = 1 AND json_extract(card_before, '$.state') = 2) "
           "FROM review_log WHERE slug = ?")


_KIND_NAMES = {"INTEGER": "an integer", "REAL": "a finite number", "TEXT": "text"}


def _fits(kind: str, value: Any) -> bool:
    """Whether ``value`` (from a JSON file) can be stored in a column of type ``kind``."""
    if kind == "INTEGER":
        return isinstance(value, int) and not isinstance(value, bool) and \
            -2**63 <= value < 2**63
    if kind == "REAL":
        return isinstance(value, int | float) and not isinstance(value, bool) and \
            math.isfinite(value)
    return isinstance(value, str)


def _check_card(text: str) -> None:
    """Raise unless ``text`` is an fsrs card as the store writes it (times with a zone)."""
    card = fsrs_.card_from_json(text)
    for moment in (card.due, card.last_review):
        if moment is not None and moment.tzinfo is None:
            raise ValueError("a time without a zone")


def _brief(value: Any, limit: int = 60) -> str:
    """``repr(value)``, shortened for a one-line message."""
    return _shorten(repr(value), limit)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _reason(exc: BaseException) -> str:
    """The message of an OS or decoding error without the path (the caller names it)."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)


def _merge_newer(conn, table: str, key: str, cols: list[str], rows: list[dict]) -> int:
    """Upsert each row of an import whose ``updated_at`` is newer than the local row with
    the same ``key`` (or that has none locally); the number of rows taken."""
    taken = 0
    for row in rows:
        local = conn.execute(f"SELECT updated_at FROM {table} WHERE {key} = ?",
                             (row.get(key),)).fetchone()
        if local is None or _parse(row["updated_at"]) > _parse(local["updated_at"]):
            conn.execute(
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
                f" ON CONFLICT ({key}) DO UPDATE SET "
                f"{', '.join(f'{c} = excluded.{c}' for c in cols)}",
                [row.get(c) for c in cols])
            taken += 1
    return taken


def _iso(moment: datetime) -> str:
    return fsrs_.ensure_utc(moment).isoformat()


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


@dataclass
class ReviewOutcome:
    """A stored review."""

    uid: str
    slug: str
    rating: int
    suggested: int | None
    results: list[CheckResult]
    reviewed_at: datetime
    due: datetime
    state: str

    @property
    def correct(self) -> int:
        return sum(r.correct for r in self.results)

    @property
    def rating_name(self) -> str:
        return {v: k for k, v in fsrs_.RATINGS.items()}[self.rating]

    @property
    def interval(self) -> timedelta:
        return self.due - self.reviewed_at


@dataclass
class DueItem:
    """A card to review now: due (``new=False``) or never seen (``new=True``)."""

    slug: str
    title: str
    area: str
    new: bool
    due: datetime | None


@dataclass
class AreaProgress:
    area: str
    title: str
    topics: int
    studied: int
    due: int
    mature: int


@dataclass
class Stats:
    """Progress at a moment: what is due, how well it is remembered, how much was done."""

    now: datetime
    due_now: int
    due_today: int
    due_week: int
    new_available: int
    reviews_total: int
    reviews_today: int
    retention: float | None
    retention_reviews: int
    streak_days: int
    per_day: dict[date, int]
    areas: list[AreaProgress]
    attempts_total: int
    attempts_accepted: int
    exercises_solved: int
    forecast: dict[date, int] = field(default_factory=dict)
    solved_without_hints: int = 0    # solved at least once with no hint revealed
    solved_with_hints: int = 0       # solved, but every accepted attempt used hints
    # Exercises that come back (mlinterview.study.exercise_schedule).
    exercises: schedules.ScheduleSummary = schedules.NO_SCHEDULES


class Study:
    """The study service over a :class:`Store`."""

    def __init__(self, store: Store | None = None, *, clock=fsrs_.utcnow):
        self.store = store or Store()
        self.clock = clock

    # -- settings ------------------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        values = dict(DEFAULT_SETTINGS)
        for row in self.store.query("SELECT key, value FROM settings"):
            values[row["key"]] = json.loads(row["value"])
        return values

    def set_setting(self, key: str, value: Any) -> Any:
        """Change one setting after checking its type and range; returns the value."""
        value = check_setting(key, value)
        with self.store.transaction() as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) "
                         "DO UPDATE SET value = excluded.value", (key, json.dumps(value)))
        return value

    def _scheduler(self):
        s = self.settings()
        return fsrs_.make_scheduler(s["desired_retention"], s["fuzz"])

    def _now(self, now: datetime | None) -> datetime:
        return fsrs_.ensure_utc(now or self.clock())

    # -- reviewing ---------------------------------------------------------------------

    def card_state(self, slug: str) -> dict[str, Any] | None:
        rows = self.store.query("SELECT * FROM card_state WHERE slug = ?", (slug,))
        return dict(rows[0]) if rows else None

    def _save_card(self, conn, slug: str, card, now: datetime) -> None:
        reps_lapses = conn.execute(_COUNTS, (slug,)).fetchone()
        conn.execute(
            """INSERT INTO card_state (slug, card, due, state, stability, reps, lapses, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (slug) DO UPDATE SET card = excluded.card, due = excluded.due,
                   state = excluded.state, stability = excluded.stability,
                   reps = excluded.reps, lapses = excluded.lapses,
                   updated_at = excluded.updated_at""",
            (slug, fsrs_.card_to_json(card), _iso(card.due), int(card.state), card.stability,
             reps_lapses[0] or 0, reps_lapses[1] or 0, _iso(now)),
        )

    def review(self, slug: str, answers: dict[str, str], *, rating: int | None = None,
               now: datetime | None = None) -> ReviewOutcome:
        """Grade the quick checks of ``slug`` from ``answers`` and store the review.

        ``rating`` (1-4) overrides the rating suggested by the grades.
        """
        from mlinterview.topics import get_topic

        topic = get_topic(slug)
        now = self._now(now)
        results = grade_all(topic.quick_checks, answers)
        suggested = suggested_rating(results)
        rating = suggested if rating is None else rating
        if rating not in (1, 2, 3, 4):
            raise ValueError(f"rating: expected 1-4 (again, hard, good, easy), got {rating!r}")
        with self.store.transaction() as conn:
            uid, after = self.write_review(
                conn, slug, rating, now, suggested=suggested,
                correct=sum(r.correct for r in results), total=len(results),
                answers={r.check.id: r.given for r in results})
        return ReviewOutcome(uid, slug, rating, suggested, results, now, after.due,
                             STATE_NAMES[int(after.state)])

    def write_review(self, conn, slug: str, rating: int, now: datetime, *,
                     suggested: int | None, correct: int | None, total: int | None,
                     answers: dict[str, Any] | None, kind: str = "review"):
        """Reschedule ``slug`` with ``rating`` and log the review, inside the transaction
        ``conn`` that the caller holds (so a review and what it grades are stored
        together). Returns the review's uid and the card after it."""
        if rating not in (1, 2, 3, 4):
            raise ValueError(f"rating: expected 1-4 (again, hard, good, easy), got {rating!r}")
        uid = uuid.uuid4().hex
        row = conn.execute("SELECT card FROM card_state WHERE slug = ?", (slug,)).fetchone()
        before = fsrs_.card_from_json(row["card"]) if row else fsrs_.new_card(slug, now)
        after = fsrs_.review(self._scheduler(), before, rating, now)
        if row is None:
            self._save_card(conn, slug, after, now)  # the log row refers to it
        conn.execute(
            """INSERT INTO review_log (uid, slug, reviewed_at, rating, suggested, correct,
                   total, answers, card_before, card_after, kind)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (uid, slug, _iso(now), rating, suggested, correct, total,
             None if answers is None else json.dumps(answers),
             fsrs_.card_to_json(before) if row else None, fsrs_.card_to_json(after), kind),
        )
        self._save_card(conn, slug, after, now)
        return uid, after

    def override(self, uid: str, rating: int) -> ReviewOutcome:
        """Change the rating of a card's latest review and reschedule it from the state
        it had before that review."""
        if rating not in (1, 2, 3, 4):
            raise ValueError(f"rating: expected 1-4 (again, hard, good, easy), got {rating!r}")
        scheduler = self._scheduler()
        with self.store.transaction() as conn:
            row = conn.execute("SELECT * FROM review_log WHERE uid = ?", (uid,)).fetchone()
            if row is None:
                raise LookupError(f"no review with id {uid!r}")
            latest = conn.execute(
                "SELECT uid FROM review_log WHERE slug = ? ORDER BY reviewed_at DESC, id DESC "
                "LIMIT 1", (row["slug"],)).fetchone()
            if latest["uid"] != uid:
                raise ValueError("rating: only the latest review of a card can be changed")
            when = _parse(row["reviewed_at"])
            before = (fsrs_.card_from_json(row["card_before"]) if row["card_before"]
                      else fsrs_.new_card(row["slug"], when))
            after = fsrs_.review(scheduler, before, rating, when)
            conn.execute("UPDATE review_log SET rating = ?, card_after = ? WHERE uid = ?",
                         (rating, fsrs_.card_to_json(after), uid))
            # A written answer graded by this review keeps the rating it ended with.
            conn.execute("UPDATE answer_attempts SET rating = ? WHERE review_uid = ?",
                         (rating, uid))
            self._save_card(conn, row["slug"], after, self._now(None))
        return ReviewOutcome(uid, row["slug"], rating, row["suggested"], [], when, after.due,
                             STATE_NAMES[int(after.state)])

    def reviews(self, slug: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Stored reviews, newest first."""
        sql = "SELECT * FROM review_log"
        params: tuple = ()
        if slug:
            sql += " WHERE slug = ?"
            params = (slug,)
        sql += " ORDER BY reviewed_at DESC, id DESC LIMIT ?"
        return [dict(r) for r in self.store.query(sql, (*params, limit))]

    def due(self, *, area: str | None = None, limit: int | None = None,
            now: datetime | None = None) -> list[DueItem]:
        """Cards to review now: due cards (most overdue first), then new cards in index
        order up to today's remaining ``new_per_day``."""
        from mlinterview.topics import all_topics

        now = self._now(now)
        # A card is reviewed through its quick checks: one without any cannot be.
        topics = {s: t for s, t in all_topics().items()
                  if t.quick_checks and (area is None or t.area == area)}
        states = {r["slug"]: r for r in self.store.query("SELECT slug, due FROM card_state")}
        items = [
            DueItem(slug, topics[slug].title, topics[slug].area, False, _parse(r["due"]))
            for slug, r in states.items()
            if slug in topics and _parse(r["due"]) <= now
        ]
        items.sort(key=lambda d: d.due)
        new_left = max(0, self.settings()["new_per_day"] - self._new_today(now))
        items += [DueItem(slug, t.title, t.area, True, None)
                  for slug, t in topics.items() if slug not in states][:new_left]
        return items[:limit] if limit is not None else items

    def _new_today(self, now: datetime) -> int:
        start = datetime.combine(now.date(), datetime.min.time(), UTC)
        return self.store.query(
            "SELECT COUNT(*) FROM review_log WHERE card_before IS NULL AND reviewed_at >= ?",
            (_iso(start),))[0][0]

    # -- exercises ---------------------------------------------------------------------

    def record_attempt(self, exercise_id: str, slug: str, verdict, source: str,
                       now: datetime | None = None) -> str:
        """Store an exercise attempt with the hints revealed so far; a rejected one makes
        the topic's card due now, an accepted one ends the exercise's round of solving
        (:mod:`mlinterview.study.exercise_state`)."""
        from mlinterview.study import exercise_state

        now = self._now(now)
        uid = uuid.uuid4().hex
        with self.store.transaction() as conn:
            hints_used, solve_seconds = exercise_state.on_attempt(
                conn, exercise_id, accepted=verdict.accepted, now=now)
            conn.execute(
                """INSERT INTO exercise_attempts (uid, exercise_id, slug, submitted_at, verdict,
                       passed, total, message, source, seconds, hints_used, solve_seconds)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (uid, exercise_id, slug, _iso(now), verdict.verdict, verdict.passed,
                 verdict.total, verdict.message[:4000], source, verdict.seconds, hints_used,
                 solve_seconds),
            )
            # A submission stored unjudged (the web app was busy) says nothing about recall.
            if not verdict.accepted and getattr(verdict, "judged", True):
                row = conn.execute("SELECT card FROM card_state WHERE slug = ?",
                                   (slug,)).fetchone()
                card = fsrs_.card_from_json(row["card"]) if row else fsrs_.new_card(slug, now)
                if card.due > now:
                    card.due = now
                self._save_card(conn, slug, card, now)
            # The exercise's own schedule: a solved one comes back to be solved again.
            schedules.on_attempt(conn, self._scheduler(), uid, now)
        return uid

    def exercise_schedule(self, exercise_id: str) -> dict[str, Any] | None:
        """The FSRS schedule of one exercise (a row of ``exercise_schedule``), or None
        before its first judged attempt."""
        rows = self.store.query("SELECT * FROM exercise_schedule WHERE exercise_id = ?",
                                (exercise_id,))
        return dict(rows[0]) if rows else None

    def due_exercises(self, *, area: str | None = None, limit: int | None = None,
                      now: datetime | None = None) -> list[schedules.DueExercise]:
        """Exercises to solve again now, most overdue first (see
        :mod:`mlinterview.study.exercise_schedule` for when an exercise comes back)."""
        return schedules.due_exercises(self.store.conn, self._now(now), area=area,
                                       limit=limit)

    @property
    def exercise_state(self):
        """Hints, notes, star and solving rounds per exercise
        (:class:`~mlinterview.study.exercise_state.ExerciseState`)."""
        from mlinterview.study.exercise_state import ExerciseState

        return ExerciseState(self)

    def attempts(self, exercise_id: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        sql = "SELECT * FROM exercise_attempts"
        params: tuple = ()
        if exercise_id:
            sql += " WHERE exercise_id = ?"
            params = (exercise_id,)
        sql += " ORDER BY submitted_at DESC, id DESC LIMIT ?"
        return [dict(r) for r in self.store.query(sql, (*params, limit))]

    def attempt_summary(self) -> dict[str, tuple[int, bool]]:
        """``{exercise id: (attempts, solved)}`` for every exercise tried, in one query.

        Attempts the web app stored without judging (the server was busy) are not tries.
        """
        from mlinterview.exercises.judge import ACCEPTED, NOT_JUDGED

        rows = self.store.query(
            "SELECT exercise_id, COUNT(*) AS n, MAX(verdict = ?) AS solved "
            "FROM exercise_attempts WHERE verdict != ? GROUP BY exercise_id",
            (ACCEPTED, NOT_JUDGED))
        return {r["exercise_id"]: (r["n"], bool(r["solved"])) for r in rows}

    # -- progress ----------------------------------------------------------------------

    def stats(self, now: datetime | None = None, *, days: int = 182) -> Stats:
        """Due counts, true retention over 30 days, reviews per day, per-area progress."""
        from mlinterview.topics import all_topics, load_index

        now = self._now(now)
        end_of_today = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), UTC)
        topics = all_topics()
        states = [dict(r) for r in self.store.query("SELECT * FROM card_state")]
        dues = [(s["slug"], _parse(s["due"])) for s in states if s["slug"] in topics]
        reviews = self.store.query("SELECT slug, reviewed_at, rating, card_before FROM review_log")
        per_day = Counter(_parse(r["reviewed_at"]).date() for r in reviews)
        since = now.date() - timedelta(days=days - 1)
        per_day = {d: n for d, n in sorted(per_day.items()) if d >= since}

        # True retention: of reviews of cards already in the Review state, the share
        # that were recalled (rated Hard or better), over the last 30 days.
        month_ago = now - timedelta(days=30)
        # The date test first: it spares decoding the JSON of every older review.
        graded = [r for r in reviews if r["card_before"]
                  and _parse(r["reviewed_at"]) >= month_ago
                  and json.loads(r["card_before"]).get("state") == 2]
        retention = (sum(r["rating"] > 1 for r in graded) / len(graded)) if graded else None

        streak = 0
        day = now.date()
        reviewed_days = set(per_day)
        if day not in reviewed_days:
            day -= timedelta(days=1)  # today not yet reviewed does not break the streak
        while day in reviewed_days:
            streak += 1
            day -= timedelta(days=1)

        forecast = Counter(d.date() for _, d in dues if now < d <= now + timedelta(days=30))
        areas_meta, _ = load_index()
        studied = {s["slug"]: s for s in states}
        areas = []
        for area_id, meta in areas_meta.items():
            slugs = [s for s, t in topics.items() if t.area == area_id]
            areas.append(AreaProgress(
                area=area_id, title=meta.title, topics=len(slugs),
                # Reviewed at least once; a failed exercise alone gives a card a state too.
                studied=sum(s in studied and studied[s]["reps"] > 0 for s in slugs),
                due=sum(1 for s, d in dues if s in slugs and d <= now),
                # "Mature" as in Anki: the next interval is three weeks or more.
                mature=sum(1 for s in slugs if s in studied
                           and (studied[s]["stability"] or 0) >= 21),
            ))
        attempts = self.store.query(
            "SELECT COUNT(*), SUM(verdict = 'accepted'), "
            "COUNT(DISTINCT CASE WHEN verdict = 'accepted' THEN exercise_id END) "
            "FROM exercise_attempts")[0]
        new_left = max(0, self.settings()["new_per_day"] - self._new_today(now))
        return Stats(
            now=now,
            due_now=sum(1 for _, d in dues if d <= now),
            due_today=sum(1 for _, d in dues if d < end_of_today),
            due_week=sum(1 for _, d in dues if d < end_of_today + timedelta(days=6)),
            new_available=min(new_left, sum(1 for s, t in topics.items()
                                            if s not in studied and t.quick_checks)),
            reviews_total=len(reviews),
            reviews_today=per_day.get(now.date(), 0),
            retention=retention,
            retention_reviews=len(graded),
            streak_days=streak,
            per_day=per_day,
            areas=areas,
            attempts_total=attempts[0] or 0,
            attempts_accepted=attempts[1] or 0,
            exercises_solved=attempts[2] or 0,
            forecast=dict(sorted(forecast.items())),
            **dict(zip(("solved_without_hints", "solved_with_hints"),
                       self.exercise_state.hint_summary(), strict=True)),
            exercises=schedules.summary(self.store.conn, now),
        )

    # -- export and import ---------------------------------------------------------------

    _TABLES: ClassVar[dict[str, tuple[str, str]]] = {
        "cards": ("card_state", "slug"),
        "reviews": ("review_log", "uid"),
        "attempts": ("exercise_attempts", "uid"),
        "answers": ("answer_attempts", "uid"),
        "mock_sessions": ("mock_sessions", "uid"),
        "exercise_progress": ("exercise_progress", "exercise_id"),
        "exercise_schedules": ("exercise_schedule", "exercise_id"),
    }

    def export_data(self) -> dict[str, Any]:
        """Everything in the database as plain JSON-ready data (no row ids)."""
        # One read transaction: a review committed (by the web app, say) between two of
        # these queries would otherwise be exported without the card state it changed.
        with self.store.snapshot() as conn:
            data: dict[str, Any] = {
                "format": EXPORT_FORMAT,
                "version": EXPORT_VERSION,
                "schema_version": SCHEMA_VERSION,
                "exported_at": _iso(self._now(None)),
                "settings": {r["key"]: json.loads(r["value"]) for r in conn.execute(
                    "SELECT key, value FROM settings ORDER BY key")},
            }
            for name, (table, key) in self._TABLES.items():
                rows = conn.execute(f"SELECT * FROM {table} ORDER BY {key}")
                data[name] = [{k: v for k, v in dict(r).items() if k != "id"} for r in rows]
        return data

    def export(self, path: str | Path) -> dict[str, int]:
        """Write :meth:`export_data` to ``path``: the file appears complete or not at all,
        even if the process is killed while writing (see :mod:`mlinterview.study.atomic`).
        Returns the number of rows written per table."""
        data = self.export_data()
        with atomic_write(path) as fh:
            json.dump(data, fh, indent=1, sort_keys=True)
        return {name: len(data[name]) for name in self._TABLES}

    # Columns holding times or JSON, checked on import so a bad file cannot store them.
    _TIME_COLUMNS = frozenset({"due", "updated_at", "reviewed_at", "submitted_at",
                               "written_at", "graded_at", "created_at", "started_at"})
    _JSON_COLUMNS = frozenset({"card", "card_before", "card_after", "answers", "points",
                               "suggested_ticks", "ticked", "plan", "report"})
    _CARD_COLUMNS = frozenset({"card", "card_before", "card_after"})  # fsrs cards, as JSON

    def import_data(self, data: Any) -> dict[str, int]:
        """Merge exported data: new reviews and attempts are added (by uid), a card state
        is taken when newer than the local one, settings are taken as they are. Every row
        is checked and all is written in one transaction: a bad file changes nothing and
        raises ``ValueError`` starting with ``"file: "``."""
        if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
            raise ValueError(f"file: not an mlinterview study export (format {EXPORT_FORMAT!r})")
        if data.get("version") != EXPORT_VERSION:
            raise ValueError(f"file: export version {data.get('version')!r} is not supported "
                             f"(expected {EXPORT_VERSION})")
        settings = data.get("settings") or {}
        if not isinstance(settings, dict):
            raise ValueError("file: 'settings' must be a mapping")
        try:
            settings = {k: check_setting(k, v) for k, v in settings.items()
                        if k in DEFAULT_SETTINGS}
        except (TypeError, ValueError) as exc:
            raise ValueError(f"file: bad setting ({exc})") from None
        tables = {name: self._checked_rows(data, name) for name in self._TABLES}

        added = {"cards": 0, "reviews": 0, "attempts": 0, "answers": 0, "mock_sessions": 0,
                 "exercise_progress": 0, "exercise_schedules": 0, "settings": 0}
        try:
            with self.store.transaction() as conn:
                for key, value in settings.items():
                    conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT"
                                 " (key) DO UPDATE SET value = excluded.value",
                                 (key, json.dumps(value)))
                    added["settings"] += 1
                # An upsert, not INSERT OR REPLACE: REPLACE deletes the old row first, and
                # the foreign key's ON DELETE CASCADE would take the card's local review
                # log with it. The newer state wins.
                cols, rows = tables["cards"]
                added["cards"] += _merge_newer(conn, "card_state", "slug", cols, rows)
                for name in ("reviews", "attempts", "answers"):
                    table, _ = self._TABLES[name]
                    cols, rows = tables[name]
                    for row in rows:
                        # ON CONFLICT names the uid only, so a NOT NULL or CHECK failure
                        # still raises instead of silently skipping the row (OR IGNORE).
                        cur = conn.execute(
                            f"INSERT INTO {table} ({', '.join(cols)}) "
                            f"VALUES ({', '.join('?' * len(cols))}) "
                            "ON CONFLICT (uid) DO NOTHING",
                            [row.get(c) for c in cols])
                        added[name] += cur.rowcount
                # A mock interview goes on after an export: the newer copy wins, as for
                # card states.
                cols, rows = tables["mock_sessions"]
                added["mock_sessions"] += _merge_newer(conn, "mock_sessions", "uid", cols, rows)
                # Hints, notes and star of an exercise: the newer row wins, as above.
                cols, rows = tables["exercise_progress"]
                added["exercise_progress"] += _merge_newer(conn, "exercise_progress",
                                                           "exercise_id", cols, rows)
                # An exercise's schedule: the newer wins, and its counts come from the
                # merged attempts, as a card's from its merged log below.
                cols, rows = tables["exercise_schedules"]
                added["exercise_schedules"] += _merge_newer(conn, "exercise_schedule",
                                                            "exercise_id", cols, rows)
                schedules.recount(conn, {row["exercise_id"] for name in
                                         ("exercise_schedules", "attempts")
                                         for row in tables[name][1]})
                # A merged log may hold reviews from both sides: count them again, as
                # the next review of the card would.
                touched = {row["slug"] for name in ("cards", "reviews")
                           for row in tables[name][1]}
                for slug in sorted(touched):
                    reps, lapses = conn.execute(_COUNTS, (slug,)).fetchone()
                    conn.execute("UPDATE card_state SET reps = ?, lapses = ? WHERE slug = ?",
                                 (reps or 0, lapses or 0, slug))
        except sqlite3.Error as exc:
            raise ValueError(f"file: inconsistent export ({exc})") from None
        return added

    def _checked_rows(self, data: dict, name: str) -> tuple[list[str], list[dict]]:
        """The columns of ``name``'s table and the file's rows for it, after checking that
        each row is a mapping with every required column and readable times and JSON."""
        table, _ = self._TABLES[name]
        info = self.store.query(f"PRAGMA table_info({table})")
        cols = [c["name"] for c in info if c["name"] != "id"]
        kinds = {c["name"]: c["type"].upper() for c in info}
        # A key is required too: SQLite lets a TEXT PRIMARY KEY hold NULL.
        required = [c["name"] for c in info if (c["notnull"] or c["pk"])
                    and c["dflt_value"] is None and c["name"] != "id"]
        rows = data.get(name) or []
        if not isinstance(rows, list):
            raise ValueError(f"file: {name!r} must be a list of rows")
        for i, row in enumerate(rows, 1):
            where = f"file: {name} row {i}"
            if not isinstance(row, dict):
                raise ValueError(f"{where} is not a mapping")
            missing = [c for c in required if row.get(c) is None]
            if missing:
                raise ValueError(f"{where} lacks {', '.join(missing)}")
            for col in cols:
                value = row.get(col)
                if value is None:
                    continue
                # The column's type first: SQLite would store "abc" in an INTEGER column
                # as text, and the statistics would then fail on it.
                if not _fits(kinds[col], value):
                    raise ValueError(f"{where}: {col} {_brief(value)} is not "
                                     f"{_KIND_NAMES.get(kinds[col], kinds[col])}")
                try:
                    if col in self._TIME_COLUMNS:
                        _parse(value)
                    elif col in self._CARD_COLUMNS:
                        _check_card(value)
                    elif col in self._JSON_COLUMNS:
                        json.loads(value)
                except (TypeError, ValueError, KeyError, AttributeError, RecursionError):
                    raise ValueError(f"{where}: {col} {_brief(value)} is not readable") from None
        return cols, rows

    def import_file(self, path: str | Path) -> dict[str, int]:
        """:meth:`import_data` of the JSON file ``path``; ``ValueError`` starting with
        ``"file: "`` if it cannot be read or is not an export (nothing is changed then)."""
        path = Path(path)
        try:
            if path.exists() and not path.is_file():
                # A folder, or a FIFO or device that might never end (/dev/zero).
                what = "a folder" if path.is_dir() else "not a regular file"
                raise ValueError(f"file: cannot read {path}: {what}")
            # utf-8-sig: a backup saved again by an editor that adds a byte-order mark.
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"file: cannot read {path}: {_reason(exc)}") from None
        except ValueError as exc:  # JSONDecodeError, or an integer of 5000 digits
            raise ValueError(f"file: {path} is not JSON ({_shorten(str(exc), 100)})") from None
        except RecursionError:
            raise ValueError(f"file: {path} is nested too deeply to be an export") from None
        return self.import_data(data)
