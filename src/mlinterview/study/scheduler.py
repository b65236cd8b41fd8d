"""Spaced repetition with FSRS (the ``fsrs`` package), wrapped for mlinterview.

FSRS models each card's memory with a stability (days until recall probability falls to
the desired retention) and a difficulty, and schedules the next review when the
predicted recall probability reaches ``desired_retention``. A review is a rating:
1 Again (forgot), 2 Hard, 3 Good, 4 Easy.

A card here is a whole topic, answered through several quick checks, so there are no
learning steps: the first review already schedules days ahead (Good: about 2 days with
FSRS-6's default weights). A lapse (Again) brings the card back after 10 minutes.

All times are timezone-aware UTC datetimes, as ``fsrs`` requires. Fuzzing (a small
random spread of intervals so that cards learned together do not stay together) is on
for users and off in tests, where dates must be reproducible.
"""

from __future__ import annotations

import json
import zlib
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler, State

RATINGS = {"again": 1, "hard": 2, "good": 3, "easy": 4}


def utcnow() -> datetime:
    return datetime.now(UTC)


def ensure_utc(moment: datetime) -> datetime:
    """Refuse naive datetimes: a review time without a zone is ambiguous."""
    if moment.tzinfo is None:
        raise ValueError(f"now: expected a timezone-aware UTC datetime, got naive {moment}")
    return moment.astimezone(UTC)


def make_scheduler(desired_retention: float = 0.9, fuzz: bool = True) -> Scheduler:
    if not 0.7 <= desired_retention <= 0.99:
        raise ValueError(f"desired_retention: expected a value in [0.7, 0.99], got "
                         f"{desired_retention}")
    return Scheduler(desired_retention=desired_retention, learning_steps=(),
                     relearning_steps=(timedelta(minutes=10),), enable_fuzzing=fuzz)


def new_card(slug: str, now: datetime) -> Card:
    """A card that has never been reviewed, due ``now``. Its id is derived from the slug
    (``fsrs`` would otherwise take it from the clock and sleep a millisecond)."""
    return Card(card_id=zlib.crc32(slug.encode()), due=ensure_utc(now))


def review(scheduler: Scheduler, card: Card, rating: int, now: datetime) -> Card:
    """The card after a review with ``rating`` (1-4) at ``now``."""
    if rating not in (1, 2, 3, 4):
        raise ValueError(f"rating: expected 1 (again), 2 (hard), 3 (good) or 4 (easy), "
                         f"got {rating!r}")
    updated, _ = scheduler.review_card(card, Rating(rating), review_datetime=ensure_utc(now))
    return updated


def card_to_json(card: Card) -> str:
    return json.dumps(card.to_dict(), sort_keys=True)


def card_from_json(text: str) -> Card:
    return Card.from_dict(json.loads(text))


def retrievability(scheduler: Scheduler, card: Card, now: datetime) -> float:
    """Predicted probability of recalling the card at ``now`` (0 for a new card)."""
    if card.last_review is None:
        return 0.0
    return float(scheduler.get_card_retrievability(card, current_datetime=ensure_utc(now)))


__all__ = ["RATINGS", "Card", "State", "card_from_json", "card_to_json", "make_scheduler",
           "new_card", "retrievability", "review", "utcnow"]
