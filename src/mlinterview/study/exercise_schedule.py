"""Exercises come back: each exercise has an FSRS schedule of its own, and a solved one is
set to be solved again, from a blank starter, when FSRS predicts that the chance of
solving it has fallen to the desired retention (the same setting as the cards').

:meth:`~mlinterview.study.Study.record_attempt` stores an attempt and, in the same
transaction, :func:`on_attempt` decides what it does to the exercise's schedule (one row
of the table ``exercise_schedule``):

1. A submission the busy web app stored without judging ("not judged") changes nothing.
2. The first judged attempt at an exercise gives it a schedule, due at once (so rule 4
   rates that very attempt).
3. An attempt while the exercise is *not due* is practice: stored, schedule unchanged.
4. An attempt while it is due is a review of the exercise, rated:

   ============================================================  ==========
   accepted, no hint used, no failed attempt since it became due  Good (3)
   accepted with hints, or after failed attempts since then       Hard (2)
   rejected (judged: wrong answer, error, limits), solved before  Again (1)
   rejected, never solved yet                                     no rating
   ============================================================  ==========

   Again is a lapse: FSRS brings the exercise back after the 10-minute relearning step.
   An exercise never solved cannot have been forgotten, so a failure leaves it due (it
   stays in the review list) until an accepted attempt rates it, Hard after those
   failures. Easy is never given: a quick solve is not a reliable sign of easy recall
   (code pasted from an earlier attempt is quick too), so the rule stays this simple.

With FSRS-6's default weights at 90 % retention the first Good brings an exercise back in
2 days, Hard in 1, and each later success stretches the interval. The rating and the
FSRS card before and after it are kept on the attempt (``exercise_attempts.rating``,
``card_before``, ``card_after``), as the review log keeps a card's, so a schedule can be
checked against its history (``tools/soak.py``) and its reps and lapses counted again
after an import.
"""

from __future__ import annotations

import functools
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from mlinterview.study import scheduler as fsrs_

AGAIN, HARD, GOOD = 1, 2, 3
# "Mastered", as Anki calls a card mature: FSRS's stability (the days until the chance of
# recall falls to 90 %) is three weeks or more.
MASTERED_DAYS = 21.0

# An exercise's reviews and lapses, counted from its attempts; a lapse, as for cards:
# Again on an exercise in the Review state (solved and scheduled, not relearning).
COUNTS = ("SELECT COUNT(rating), SUM(rating = 1 AND json_extract(card_before, '$.state') = 2)"
          " FROM exercise_attempts WHERE exercise_id = ?")


@dataclass(frozen=True)
class DueExercise:
    """An exercise to solve again now; ``solved`` is False for one failed and never yet
    accepted (it is due until it is)."""

    exercise_id: str
    slug: str
    title: str
    area: str
    level: str
    due: datetime
    solved: bool


def _iso(moment: datetime) -> str:
    return fsrs_.ensure_utc(moment).isoformat()


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def rating_for(card: fsrs_.Card, *, accepted: bool, failed_since_due: int,
               hints_used: int) -> int | None:
    """The FSRS rating (1-3) that an attempt at a *due* exercise gives its schedule, or
    None when it gives none (rule 4 of the module docstring). ``card`` is the exercise's
    schedule before the attempt; ``failed_since_due`` counts its judged, rejected
    attempts since it became due, not this one."""
    if accepted:
        return GOOD if failed_since_due == 0 and not hints_used else HARD
    return AGAIN if card.last_review is not None else None


def save(conn: sqlite3.Connection, exercise_id: str, card: fsrs_.Card, now: datetime) -> None:
    """Store ``card`` as the schedule of ``exercise_id``, with its reviews and lapses
    counted from the attempts (inside the caller's transaction)."""
    reps, lapses = conn.execute(COUNTS, (exercise_id,)).fetchone()
    conn.execute(
        """INSERT INTO exercise_schedule (exercise_id, card, due, state, stability, reps,
               lapses, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (exercise_id) DO UPDATE SET card = excluded.card, due = excluded.due,
               state = excluded.state, stability = excluded.stability, reps = excluded.reps,
               lapses = excluded.lapses, updated_at = excluded.updated_at""",
        (exercise_id, fsrs_.card_to_json(card), _iso(card.due), int(card.state),
         card.stability, reps or 0, lapses or 0, _iso(now)))


def on_attempt(conn: sqlite3.Connection, scheduler, uid: str, now: datetime) -> int | None:
    """Apply the rules of the module docstring to the attempt ``uid``, just stored in
    ``conn``'s open transaction; returns the rating it gave (None: schedule unchanged,
    except that a first judged attempt creates it)."""
    from mlinterview.exercises.judge import ACCEPTED, NOT_JUDGED

    attempt = conn.execute("SELECT * FROM exercise_attempts WHERE uid = ?", (uid,)).fetchone()
    if attempt["verdict"] == NOT_JUDGED:
        return None
    exercise_id = attempt["exercise_id"]
    row = conn.execute("SELECT card FROM exercise_schedule WHERE exercise_id = ?",
                       (exercise_id,)).fetchone()
    if row is None:
        card = fsrs_.new_card(exercise_id, now)
        save(conn, exercise_id, card, now)
    else:
        card = fsrs_.card_from_json(row["card"])
    if card.due > now:
        return None  # practice
    failed = sum(
        1 for r in conn.execute(
            "SELECT submitted_at FROM exercise_attempts WHERE exercise_id = ? AND uid != ? "
            "AND verdict NOT IN (?, ?)", (exercise_id, uid, ACCEPTED, NOT_JUDGED))
        if _parse(r["submitted_at"]) >= card.due)
    # hints_used: the hints revealed when the attempt was sent (NULL before hints existed).
    rating = rating_for(card, accepted=attempt["verdict"] == ACCEPTED,
                        failed_since_due=failed, hints_used=attempt["hints_used"] or 0)
    if rating is None:
        return None
    after = fsrs_.review(scheduler, card, rating, now)
    conn.execute("UPDATE exercise_attempts SET rating = ?, card_before = ?, card_after = ? "
                 "WHERE uid = ?",
                 (rating, fsrs_.card_to_json(card), fsrs_.card_to_json(after), uid))
    save(conn, exercise_id, after, now)
    return rating


def recount(conn: sqlite3.Connection, exercise_ids) -> None:
    """Count the reviews and lapses of these exercises again from their attempts (after
    an import merged attempts from two histories)."""
    for exercise_id in sorted(exercise_ids):
        reps, lapses = conn.execute(COUNTS, (exercise_id,)).fetchone()
        conn.execute("UPDATE exercise_schedule SET reps = ?, lapses = ? WHERE exercise_id = ?",
                     (reps or 0, lapses or 0, exercise_id))


def due_ids(conn, now: datetime) -> list[tuple[str, datetime, bool]]:
    """``(exercise id, due, solved)`` of every scheduled exercise due at ``now``, most
    overdue first, whether or not the exercise still exists."""
    rows = conn.execute(
        "SELECT exercise_id, due, json_extract(card, '$.last_review') AS last "
        "FROM exercise_schedule").fetchall()
    # Times are compared parsed, not as text: an imported row may carry another offset.
    due = [(r["exercise_id"], _parse(r["due"]), r["last"] is not None) for r in rows]
    return sorted((d for d in due if d[1] <= now), key=lambda d: (d[1], d[0]))


def due_exercises(conn, now: datetime, *, area: str | None = None,
                  limit: int | None = None) -> list[DueExercise]:
    """The registered exercises due at ``now`` (of ``area`` only, if given), most overdue
    first. The exercise registry is loaded only when something is due."""
    due = due_ids(conn, now)
    if not due:
        return []
    from mlinterview.exercises import registry

    exercises = registry()
    items = [DueExercise(i, e.slug, e.title, e.area, e.level, when, solved)
             for i, when, solved in due
             if (e := exercises.get(i)) is not None and (area is None or e.area == area)]
    return items[:limit] if limit is not None else items


@functools.cache
def bank_ids() -> frozenset[str]:
    """The ids of the exercises in the bank, read from its folder names without loading
    them (:func:`mlinterview.exercises.ids`; the registry imports every exercise's cases,
    seconds of work that the numbers of ``stats`` do not need)."""
    from mlinterview import exercises

    return frozenset(exercises.ids())


@dataclass(frozen=True)
class ScheduleSummary:
    """The exercise numbers of the progress page."""

    scheduled: int  # exercises with a schedule
    due: int        # due now
    mastered: int   # stability of MASTERED_DAYS or more
    lapses: int     # Again on a solved, scheduled exercise, over all of them


NO_SCHEDULES = ScheduleSummary(0, 0, 0, 0)


def summary(conn, now: datetime, known: frozenset[str] | None = None
            ) -> ScheduleSummary:
    """Counts over the schedules of the exercises in ``known`` (default: the bank's)."""
    known = bank_ids() if known is None else known
    rows = [r for r in conn.execute(
        "SELECT exercise_id, due, stability, lapses FROM exercise_schedule").fetchall()
        if r["exercise_id"] in known]
    return ScheduleSummary(
        scheduled=len(rows),
        due=sum(_parse(r["due"]) <= now for r in rows),
        mastered=sum((r["stability"] or 0) >= MASTERED_DAYS for r in rows),
        lapses=sum(r["lapses"] for r in rows))
