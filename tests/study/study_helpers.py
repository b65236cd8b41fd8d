"""Helpers for the study tests: a small fixed set of topics, verdicts and the fsrs reference.

The study service finds topics through ``mlinterview.topics``; the real content grows
while the project is written, so these tests swap in six made-up topics whose quick
checks and index order they know.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Card, Rating, Scheduler

from mlinterview.exercises.judge import Verdict
from mlinterview.quickchecks import parse_quick_check
from mlinterview.topics import Topic

# slug -> area; index order is this order.
FAKE = {
    "t1": "evaluation", "t2": "evaluation", "t3": "evaluation", "t4": "evaluation",
    "t5": "trees", "t6": "trees",
}
CHECKS = (
    parse_quick_check({"id": "pick", "kind": "choice", "prompt": "Which?",
                       "choices": ["a", "b", "c"], "answer": 1}, "q1"),
    parse_quick_check({"id": "num", "kind": "numeric", "prompt": "How much?",
                       "answer": 0.5, "tolerance": 0.01}, "q2"),
)
ALL_RIGHT = {"pick": "1", "num": "0.5"}
HALF_RIGHT = {"pick": "1", "num": "7"}
ALL_WRONG = {"pick": "0", "num": "7"}

RELEARN = timedelta(minutes=10)


def fake_topic(slug: str, area: str) -> Topic:
    return Topic(slug=slug, title=f"Topic {slug}", area=area, question=f"What is {slug}?",
                 difficulty="E", library=(), demos=(), exercises=(), related=(), parity=(),
                 quick_checks=CHECKS, sections={}, body="", path=Path(f"{slug}.md"))


def verdict(accepted: bool) -> Verdict:
    """A judge verdict as the judge would return it."""
    if accepted:
        return Verdict("accepted", 5, 5, "All 5 cases passed.", seconds=0.1)
    return Verdict("wrong answer", 2, 5, "Wrong answer on case 3 of 5.", seconds=0.1)


def reference_scheduler(desired_retention: float = 0.9) -> Scheduler:
    """The fsrs package configured as mlinterview documents it: no learning steps, one
    10-minute relearning step, no fuzz."""
    return Scheduler(desired_retention=desired_retention, learning_steps=(),
                     relearning_steps=(RELEARN,), enable_fuzzing=False)


def reference_replay(reviews: list[tuple[int, datetime]],
                     desired_retention: float = 0.9) -> Card:
    """The card fsrs itself gives after ``reviews`` ((rating, time) pairs, in order)."""
    scheduler = reference_scheduler(desired_retention)
    card = Card(card_id=1, due=reviews[0][1])
    for rating, when in reviews:
        card, _ = scheduler.review_card(card, Rating(rating), review_datetime=when)
    return card


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)
