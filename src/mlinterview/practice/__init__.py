"""Practice: answer a card's question in your own words first, then compare.

An interview asks you to *say* the answer. The flow, the same in the CLI and the web app:

1. :meth:`Practice.write` stores what the user wrote (and how long it took) the moment
   it is written: the text is never lost, even if the user stops there.
2. The user sees the card's key points beside the answer, with the points the answer
   seems to cover already ticked (:mod:`mlinterview.practice.suggest`), and confirms.
3. :meth:`Practice.grade` stores the ticks and turns the share covered into a review of
   the card (FSRS), in one transaction; the rating is suggested from the share and can be
   changed afterwards like any review's (:meth:`mlinterview.study.Study.override`).

Answers are rows of ``answer_attempts`` in the study database (see
:mod:`mlinterview.study.store`), exported and imported with the rest of the study data.
Mock interviews (:mod:`mlinterview.practice.mock`) and the journal
(:mod:`mlinterview.practice.journal`) build on them.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mlinterview.study import STATE_NAMES, ReviewOutcome, Study, _iso, _parse

KINDS = ("card", "follow-up", "imported")
MAX_ANSWER_CHARS = 20_000  # about ten pages: an answer, not a file


@dataclass(frozen=True)
class Answer:
    """One written answer: the question as asked, the text, and how it was graded
    (``ticked``/``rating`` stay None until it is)."""

    uid: str
    slug: str
    question: str
    kind: str
    answer: str
    written_at: datetime
    seconds: float | None
    points: tuple[str, ...]
    suggested: tuple[int, ...] | None
    ticked: tuple[int, ...] | None
    rating: int | None
    graded_at: datetime | None
    review_uid: str | None
    session_uid: str | None

    @property
    def graded(self) -> bool:
        return self.ticked is not None

    @property
    def coverage(self) -> float | None:
        """Share of the key points ticked (None before grading or without points)."""
        if self.ticked is None or not self.points:
            return None
        return len(self.ticked) / len(self.points)

    @classmethod
    def from_row(cls, row: Any) -> Answer:
        def indices(text: str | None) -> tuple[int, ...] | None:
            return None if text is None else tuple(json.loads(text))

        return cls(
            uid=row["uid"], slug=row["slug"], question=row["question"], kind=row["kind"],
            answer=row["answer"], written_at=_parse(row["written_at"]),
            seconds=row["seconds"],
            points=tuple(json.loads(row["points"])) if row["points"] else (),
            suggested=indices(row["suggested_ticks"]), ticked=indices(row["ticked"]),
            rating=row["rating"],
            graded_at=_parse(row["graded_at"]) if row["graded_at"] else None,
            review_uid=row["review_uid"], session_uid=row["session_uid"])


def rubric_steps(answer: Answer, topic) -> tuple[str, ...]:
    """The design-framework step of each of ``answer``'s points when they are the rubric
    of a system-design card (an answer to the card's own question, compared with the
    card's current key points); ``()`` otherwise. Screens use it to group the points by
    step and to score each step."""
    if not topic.is_design or answer.kind != "card" or answer.points != topic.key_points:
        return ()
    return tuple(step for step, _ in topic.rubric)


def step_scores(steps: Sequence[str], ticked: Iterable[int]) -> list[tuple[str, int, int]]:
    """``(step, covered, total)`` for each step of a rubric, in the rubric's order:
    ``steps`` gives each point's step, ``ticked`` the covered points (0-based)."""
    hit = set(ticked)
    scores: dict[str, list[int]] = {}
    for i, step in enumerate(steps):
        counts = scores.setdefault(step, [0, 0])
        counts[0] += i in hit
        counts[1] += 1
    return [(step, covered, total) for step, (covered, total) in scores.items()]


def rating_from_coverage(covered: int, total: int) -> int:
    """The FSRS rating a share of key points suggests: all of them Good, at least half
    Hard, fewer Again. As for quick checks, Easy is never suggested (covering every point
    says the answer was recalled, not that it came without effort); the user may pick it.
    """
    if total <= 0:
        raise ValueError(f"total: expected at least one key point, got {total}")
    if not 0 <= covered <= total:
        raise ValueError(f"covered: expected 0 to {total}, got {covered}")
    share = covered / total
    if share == 1.0:
        return 3
    if share >= 0.5:
        return 2
    return 1


class Practice:
    """Answers written in the user's own words, over the study database."""

    def __init__(self, study: Study | None = None):
        self.study = study or Study()

    @property
    def store(self):
        return self.study.store

    def write(self, slug: str, answer: str, *, seconds: float | None = None,
              question: str | None = None, kind: str = "card",
              points: Sequence[str] | None = None, session_uid: str | None = None,
              now: datetime | None = None) -> Answer:
        """Store ``answer`` to ``slug``'s question (or to ``question``, a follow-up) at
        once, before it is graded. ``points`` are what the answer will be compared with:
        by default the card's key points. Returns the stored answer."""
        from mlinterview.topics import get_topic

        topic = get_topic(slug)
        if not isinstance(answer, str):
            raise TypeError(f"answer: expected text, got {type(answer).__name__}")
        if not answer.strip():
            raise ValueError("answer: expected some text, got an empty answer")
        if len(answer) > MAX_ANSWER_CHARS:
            raise ValueError(f"answer: expected at most {MAX_ANSWER_CHARS} characters, got "
                             f"{len(answer)}")
        if kind not in KINDS:
            raise ValueError(f"kind: expected one of {', '.join(KINDS)}, got {kind!r}")
        if seconds is not None and not (0 <= seconds < 10**7):
            raise ValueError(f"seconds: expected a duration in seconds, got {seconds!r}")
        points = tuple(topic.key_points if points is None else points)
        now = self.study._now(now)
        uid = uuid.uuid4().hex
        with self.store.transaction() as conn:
            conn.execute(
                """INSERT INTO answer_attempts (uid, slug, question, kind, answer, written_at,
                       seconds, points, session_uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (uid, slug, question or topic.question, kind, answer, _iso(now), seconds,
                 json.dumps(list(points)), session_uid))
        return self.get(uid)

    def get(self, uid: str) -> Answer:
        """The stored answer ``uid`` (``LookupError`` if there is none)."""
        rows = self.store.query("SELECT * FROM answer_attempts WHERE uid = ?", (uid,))
        if not rows:
            raise LookupError(f"no answer with id {uid!r}")
        return Answer.from_row(rows[0])

    def grade(self, uid: str, ticked: Iterable[int], *,
              suggested: Iterable[int] | None = None, rating: int | None = None,
              review: bool = True, now: datetime | None = None
              ) -> tuple[Answer, ReviewOutcome | None]:
        """Store which key points answer ``uid`` covered (``ticked``, indices into its
        points) and, with ``review``, review the card: ``rating`` (1-4) or the one the
        share covered suggests. ``suggested`` are the points the app had pre-ticked, kept
        to measure the suggestions against what users confirm. A follow-up answer is
        graded with ``review=False`` (its card was reviewed by the main question)."""
        answer = self.get(uid)
        if answer.graded:
            raise ValueError(f"uid: answer {uid} is graded already; change the review's "
                             "rating instead")
        n = len(answer.points)
        ticked = _indices(ticked, n, "ticked")
        suggested = None if suggested is None else _indices(suggested, n, "suggested")
        if rating is None and review:
            if n == 0:
                raise ValueError("rating: this answer has no key points to suggest a rating "
                                 "from; give one (1-4)")
            rating = rating_from_coverage(len(ticked), n)
        if rating is not None and rating not in (1, 2, 3, 4):
            raise ValueError(f"rating: expected 1-4 (again, hard, good, easy), got {rating!r}")
        now = self.study._now(now)
        outcome = None
        with self.store.transaction() as conn:
            # Checked again under the write lock: two submissions of one answer (a double
            # click) can both pass the check above, and only the first may grade it.
            if conn.execute("SELECT ticked FROM answer_attempts WHERE uid = ?",
                            (uid,)).fetchone()["ticked"] is not None:
                raise ValueError(f"uid: answer {uid} is graded already; change the review's "
                                 "rating instead")
            review_uid = None
            if review:
                suggestion = rating_from_coverage(len(ticked), n) if n else None
                review_uid, after = self.study.write_review(
                    conn, answer.slug, rating, now, suggested=suggestion,
                    correct=len(ticked), total=n,
                    answers={"answer_uid": uid, "ticked": list(ticked)}, kind="answer")
                outcome = ReviewOutcome(review_uid, answer.slug, rating, suggestion, [], now,
                                        after.due, STATE_NAMES[int(after.state)])
            conn.execute(
                """UPDATE answer_attempts SET ticked = ?, suggested_ticks = ?, rating = ?,
                       graded_at = ?, review_uid = ? WHERE uid = ?""",
                (json.dumps(list(ticked)), None if suggested is None else
                 json.dumps(list(suggested)), rating, _iso(now), review_uid, uid))
        return self.get(uid), outcome

    def answers(self, slug: str | None = None, *, limit: int = 200) -> list[Answer]:
        """Stored answers, newest first (of one card with ``slug``)."""
        sql, params = "SELECT * FROM answer_attempts", ()
        if slug:
            sql, params = sql + " WHERE slug = ?", (slug,)
        rows = self.store.query(sql + " ORDER BY written_at DESC, id DESC LIMIT ?",
                                (*params, limit))
        return [Answer.from_row(r) for r in rows]


def _indices(values: Iterable[int], n: int, name: str) -> tuple[int, ...]:
    """Sorted, distinct point indices in ``range(n)``; ``ValueError`` naming ``name``."""
    found: set[int] = set()
    for v in values:
        # Whole numbers, or their text from a form; never a bool or a float that int()
        # would silently truncate.
        if isinstance(v, bool) or not isinstance(v, int | str) or (
                isinstance(v, str) and not v.strip().isdigit()):
            raise ValueError(f"{name}: expected key point numbers, got {v!r}")
        found.add(int(v))
    bad = sorted(i for i in found if not 0 <= i < n)
    if bad:
        raise ValueError(f"{name}: expected numbers from 0 to {n - 1}, got {bad}")
    return tuple(sorted(found))
