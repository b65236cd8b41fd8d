"""What the user keeps beside an exercise: hints revealed, notes, a star and a solving clock.

One row of ``exercise_progress`` per exercise the user has opened (schema version 3):

``hints_revealed``
    How many of the exercise's hints (2 or 3, see :mod:`mlinterview.exercises.meta`) the
    user has seen in the current round. Hints are revealed one at a time, in order; an
    attempt stores the count it was sent with (``exercise_attempts.hints_used``), so the
    statistics can tell an exercise solved without hints from one solved with them.
``notes``, ``starred``
    The user's own notes (plain text, at most :data:`NOTES_MAX_CHARS` characters) and a
    star, to find an exercise again (``exercise list --starred``, the web list).
``started_at``
    When the current *round* of solving began, or NULL when no round is running.

A round and the best time
    A round starts the first time the user does anything with the exercise (opens its
    web page, ``exercise show`` or ``exercise start``, a hint, a note, the star), or, once
    a round has ended, when the user asks for a fresh
    starter (``exercise start``; a scheduled re-solve may start one too, through
    :meth:`ExerciseState.start_round`). Merely looking at the page of an exercise already
    solved does not start a round. The round ends with the first accepted attempt; that
    attempt stores ``solve_seconds``, the wall-clock time from the round's start (thinking,
    writing, running: all of it), and a new round begins with no hints revealed. The
    *best time* is the shortest ``solve_seconds`` of the exercise. An exercise accepted
    without a round running (judged from a file without ever opening it) has no time.

Every write happens in one transaction, so the row and the attempt it affects are
stored together or not at all.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from mlinterview.study import scheduler as fsrs_

if TYPE_CHECKING:
    from mlinterview.study import Study

NOTES_MAX_CHARS = 20_000


@dataclass(frozen=True)
class ExerciseProgress:
    """One exercise as the user has worked it so far."""

    exercise_id: str
    hints_revealed: int
    notes: str
    starred: bool
    started_at: datetime | None
    attempts: int             # judged attempts (a submission stored unjudged is not one)
    accepted: bool            # accepted at least once
    best_seconds: float | None  # shortest round from its start to acceptance

    @property
    def round_running(self) -> bool:
        return self.started_at is not None


def format_seconds(seconds: float | None) -> str:
    """A solving time for people: ``"12 min 5 s"``, ``"3 h 20 min"``, ``"2 d 4 h"``; ``"-"``
    for None (no timed solve)."""
    if seconds is None:
        return "-"
    total = round(seconds)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {secs} s"
    return f"{secs} s"


def _iso(moment: datetime) -> str:
    return fsrs_.ensure_utc(moment).isoformat()


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def check_notes(text: object) -> str:
    """``text`` as notes are stored; ``TypeError``/``ValueError`` naming ``notes``."""
    if not isinstance(text, str):
        raise TypeError(f"notes: expected text, got {type(text).__name__}")
    if len(text) > NOTES_MAX_CHARS:
        raise ValueError(f"notes: expected at most {NOTES_MAX_CHARS} characters, "
                         f"got {len(text)}")
    # A browser sends CRLF line ends; keep one kind, so a save of unchanged notes is one.
    return text.replace("\r\n", "\n")


def on_attempt(conn: sqlite3.Connection, exercise_id: str, *, accepted: bool,
               now: datetime) -> tuple[int, float | None]:
    """``(hints_used, solve_seconds)`` for an attempt being stored in ``conn``'s open
    transaction; an accepted one ends the running round (see the module docstring)."""
    row = conn.execute("SELECT hints_revealed, started_at FROM exercise_progress "
                       "WHERE exercise_id = ?", (exercise_id,)).fetchone()
    if row is None:
        return 0, None
    seconds = None
    if accepted and row["started_at"] is not None:
        # A clock set back since the start (or an import from the future) is not a
        # negative time: zero.
        seconds = max(0.0, (now - _parse(row["started_at"])).total_seconds())
        conn.execute("UPDATE exercise_progress SET started_at = NULL, updated_at = ? "
                     "WHERE exercise_id = ?", (_iso(now), exercise_id))
    return row["hints_revealed"], seconds


class ExerciseState:
    """Hints, notes, star and solving rounds of exercises, over a :class:`Study`'s store."""

    def __init__(self, study: Study):
        self.study = study
        self.store = study.store

    def _now(self, now: datetime | None) -> datetime:
        return self.study._now(now)

    # -- reading ---------------------------------------------------------------------------

    def progress(self, exercise_id: str) -> ExerciseProgress:
        """The state of one exercise (defaults for one never opened)."""
        from mlinterview.exercises.judge import ACCEPTED, NOT_JUDGED

        with self.store.snapshot() as conn:
            row = conn.execute("SELECT * FROM exercise_progress WHERE exercise_id = ?",
                               (exercise_id,)).fetchone()
            tried = conn.execute(
                "SELECT COUNT(*), COALESCE(MAX(verdict = ?), 0), MIN(solve_seconds) "
                "FROM exercise_attempts WHERE exercise_id = ? AND verdict != ?",
                (ACCEPTED, exercise_id, NOT_JUDGED)).fetchone()
        return ExerciseProgress(
            exercise_id=exercise_id,
            hints_revealed=row["hints_revealed"] if row else 0,
            notes=row["notes"] if row else "",
            starred=bool(row["starred"]) if row else False,
            started_at=_parse(row["started_at"]) if row and row["started_at"] else None,
            attempts=tried[0], accepted=bool(tried[1]), best_seconds=tried[2])

    def starred(self) -> set[str]:
        """The ids of the starred exercises."""
        return {r["exercise_id"] for r in self.store.query(
            "SELECT exercise_id FROM exercise_progress WHERE starred = 1")}

    def hint_summary(self) -> tuple[int, int]:
        """``(solved without hints, solved only with hints)``: exercises with an accepted
        attempt that used no hint, and the other solved ones. Attempts stored before hints
        existed (``hints_used`` NULL) used none."""
        rows = self.store.query(
            "SELECT MIN(COALESCE(hints_used, 0)) AS fewest FROM exercise_attempts "
            "WHERE verdict = 'accepted' GROUP BY exercise_id")
        without = sum(r["fewest"] == 0 for r in rows)
        return without, len(rows) - without

    # -- writing ---------------------------------------------------------------------------

    def _ensure_row(self, conn: sqlite3.Connection, exercise_id: str, now: datetime) -> bool:
        """Create the row unless it exists; True if it was created. Its first round starts
        now, unless the exercise was accepted already (judged from a file before it was
        ever opened): then no round runs until a fresh start."""
        cur = conn.execute(
            "INSERT INTO exercise_progress (exercise_id, started_at, updated_at) "
            "VALUES (?, CASE WHEN EXISTS (SELECT 1 FROM exercise_attempts WHERE "
            "exercise_id = ? AND verdict = 'accepted') THEN NULL ELSE ? END, ?) "
            "ON CONFLICT (exercise_id) DO NOTHING",
            (exercise_id, exercise_id, _iso(now), _iso(now)))
        return cur.rowcount == 1

    def open(self, exercise_id: str, now: datetime | None = None) -> None:
        """The exercise is being looked at: the first time ever, its first round starts
        (unless it was accepted already)."""
        now = self._now(now)
        # A read first: the page of an exercise opened before (the usual case) costs no
        # write transaction.
        if self.store.query("SELECT 1 FROM exercise_progress WHERE exercise_id = ?",
                            (exercise_id,)):
            return
        with self.store.transaction() as conn:
            self._ensure_row(conn, exercise_id, now)

    def start_round(self, exercise_id: str, now: datetime | None = None) -> bool:
        """Start solving again from the starter: a new round (no hints revealed, the clock
        from now) unless one is running. True if a round started."""
        now = self._now(now)
        with self.store.transaction() as conn:
            created = self._ensure_row(conn, exercise_id, now)
            # A row just made for an exercise accepted before has no round yet: start it.
            cur = conn.execute(
                "UPDATE exercise_progress SET started_at = ?, hints_revealed = 0, "
                "updated_at = ? WHERE exercise_id = ? AND started_at IS NULL",
                (_iso(now), _iso(now), exercise_id))
            return created or cur.rowcount == 1

    def reveal_hint(self, exercise_id: str, available: int, *, upto: int | None = None,
                    now: datetime | None = None) -> int:
        """Reveal the next hint (or every hint up to number ``upto``) of an exercise with
        ``available`` hints; returns how many are revealed now (never more than
        ``available``). Asking for hint ``upto`` again reveals nothing more, so a form
        sent twice (a reload) shows the same hints."""
        if isinstance(available, bool) or not isinstance(available, int) or available < 0:
            raise ValueError(f"available: expected a count of hints, got {available!r}")
        now = self._now(now)
        with self.store.transaction() as conn:
            self._ensure_row(conn, exercise_id, now)
            shown = conn.execute("SELECT hints_revealed FROM exercise_progress "
                                 "WHERE exercise_id = ?", (exercise_id,)).fetchone()[0]
            wanted = shown + 1 if upto is None else max(shown, upto)
            revealed = min(available, wanted)
            if revealed != shown:
                conn.execute("UPDATE exercise_progress SET hints_revealed = ?, updated_at = ? "
                             "WHERE exercise_id = ?", (revealed, _iso(now), exercise_id))
        return revealed

    def set_notes(self, exercise_id: str, text: str, now: datetime | None = None) -> str:
        """Store the user's notes on an exercise (empty text clears them); returns them."""
        text = check_notes(text)
        now = self._now(now)
        with self.store.transaction() as conn:
            self._ensure_row(conn, exercise_id, now)
            conn.execute("UPDATE exercise_progress SET notes = ?, updated_at = ? "
                         "WHERE exercise_id = ? AND notes != ?",
                         (text, _iso(now), exercise_id, text))
        return text

    def set_starred(self, exercise_id: str, starred: bool, now: datetime | None = None) -> None:
        """Star or unstar an exercise."""
        now = self._now(now)
        with self.store.transaction() as conn:
            self._ensure_row(conn, exercise_id, now)
            conn.execute("UPDATE exercise_progress SET starred = ?, updated_at = ? "
                         "WHERE exercise_id = ? AND starred != ?",
                         (int(bool(starred)), _iso(now), exercise_id, int(bool(starred))))
