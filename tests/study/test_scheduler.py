"""Scheduling: our FSRS wrapper against the fsrs package itself and the FSRS-6 formula.

The reference is ``fsrs.Scheduler`` driven directly with the configuration mlinterview
documents (no learning steps, a 10-minute relearning step, no fuzz in tests), never our
own output.
"""

from __future__ import annotations

from datetime import UTC, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from study_helpers import ALL_RIGHT, RELEARN, reference_replay, reference_scheduler, utc

from mlinterview.study import Study
from mlinterview.study import scheduler as sched
from mlinterview.study.store import Store

DAY = timedelta(days=1)


def fsrs6_first_interval(rating: int, desired_retention: float) -> timedelta:
    """The first interval by FSRS-6's formula with its default weights: initial stability
    S = w[rating - 1]; interval I = S / F * (R^(1/decay) - 1) with decay = -w[20] and
    F = 0.9^(1/decay) - 1 (so I = S at R = 0.9), rounded to whole days, at least one."""
    w = sched.Scheduler().parameters
    decay = -w[20]
    factor = 0.9 ** (1 / decay) - 1
    days = w[rating - 1] / factor * (desired_retention ** (1 / decay) - 1)
    return max(1, round(days)) * DAY


@pytest.mark.parametrize("desired_retention", [0.8, 0.9, 0.95])
@pytest.mark.parametrize("rating", [1, 2, 3, 4])
def test_first_review_matches_fsrs(study, now, rating, desired_retention):
    study.set_setting("desired_retention", desired_retention)
    outcome = study.review("t1", ALL_RIGHT, rating=rating, now=now)
    ref = reference_replay([(rating, now)], desired_retention)
    assert outcome.due == ref.due
    assert outcome.interval == fsrs6_first_interval(rating, desired_retention)
    state = study.card_state("t1")
    assert state["stability"] == pytest.approx(ref.stability, rel=1e-12)
    assert state["state"] == int(ref.state) == 2  # no learning steps: straight to Review
    stored = sched.card_from_json(state["card"])
    assert stored.difficulty == pytest.approx(ref.difficulty, rel=1e-12)


def test_first_intervals_by_hand(study, now):
    # FSRS-6 default weights w0..w3 = 0.212, 1.2931, 2.3065, 8.2956 days of stability; at
    # retention 0.9 the interval equals the stability, rounded, at least one day.
    days = {}
    for rating, slug in zip((1, 2, 3, 4), ("t1", "t2", "t3", "t4"), strict=True):
        days[rating] = study.review(slug, ALL_RIGHT, rating=rating, now=now).interval / DAY
    assert days == {1: 1, 2: 1, 3: 2, 4: 8}


def test_sequence_matches_fsrs_including_a_lapse(study, now):
    ratings = [3, 3, 4, 1, 2, 3, 3]
    when = now
    history = []
    for rating in ratings:
        history.append((rating, when))
        outcome = study.review("t1", ALL_RIGHT, rating=rating, now=when)
        ref = reference_replay(history)
        assert outcome.due == ref.due, f"after {history}"
        when = outcome.due + timedelta(hours=3)  # review a little late each time
    # The lapse (4th review, Again from Review) comes back after the relearning step.
    log = list(reversed(study.reviews("t1")))
    lapse_time = sched.card_from_json(log[3]["card_after"]).due - history[3][1]
    assert lapse_time == RELEARN
    assert study.card_state("t1")["lapses"] == 1
    assert study.card_state("t1")["reps"] == len(ratings)


def test_desired_retention_changes_intervals(study, now):
    intervals = []
    for retention, slug in ((0.8, "t1"), (0.9, "t2"), (0.97, "t3")):
        study.set_setting("desired_retention", retention)
        intervals.append(study.review(slug, ALL_RIGHT, rating=4, now=now).interval)
    # Asking to remember more often means reviewing sooner.
    assert intervals[0] > intervals[1] > intervals[2]
    assert intervals == [fsrs6_first_interval(4, r) for r in (0.8, 0.9, 0.97)]


def test_fuzz_spreads_long_intervals_within_fsrs_bounds(study, now):
    study.set_setting("fuzz", True)
    base = reference_replay([(4, now), (4, now + 8 * DAY)])  # a long second interval
    base_days = (base.due - (now + 8 * DAY)) / DAY
    dues = set()
    for slug in ("t1", "t2", "t3", "t4", "t5", "t6"):
        study.review(slug, ALL_RIGHT, rating=4, now=now)
        dues.add(study.review(slug, ALL_RIGHT, rating=4, now=now + 8 * DAY).due)
    for due in dues:
        # fsrs fuzz stays within 15% of the interval here (its widest band is 15%).
        assert abs((due - (now + 8 * DAY)) / DAY - base_days) <= 0.15 * base_days + 1


def test_times_are_utc(study, now):
    local = now.astimezone(timezone(timedelta(hours=2)))
    outcome = study.review("t1", ALL_RIGHT, now=local)
    assert outcome.reviewed_at == now and outcome.reviewed_at.tzinfo == UTC
    assert outcome.due.utcoffset() == timedelta(0)
    row = study.reviews("t1")[0]
    assert row["reviewed_at"] == "2026-03-02T09:30:00+00:00"
    assert study.card_state("t1")["due"].endswith("+00:00")


def test_naive_datetime_is_refused(study, now):
    with pytest.raises(ValueError, match="now"):
        study.review("t1", ALL_RIGHT, now=now.replace(tzinfo=None))
    assert study.reviews() == []


def test_default_clock_is_utc_now():
    assert sched.utcnow().tzinfo == UTC


@pytest.mark.parametrize("rating", [0, 5, -1, "3", 2.5, None])
def test_bad_rating_raises(rating, now):
    card = sched.new_card("t1", now)
    with pytest.raises(ValueError, match="rating"):
        sched.review(reference_scheduler(), card, rating, now)


@pytest.mark.parametrize("retention", [0.5, 0.69, 0.995, 1.0])
def test_retention_out_of_range(retention):
    with pytest.raises(ValueError, match="desired_retention"):
        sched.make_scheduler(retention)


def test_new_card_is_due_now_with_a_stable_id(now):
    a, b = sched.new_card("t1", now), sched.new_card("t1", now + DAY)
    assert a.due == now and a.card_id == b.card_id
    assert sched.new_card("t2", now).card_id != a.card_id


def test_card_json_round_trip(now):
    card = reference_replay([(3, now), (1, now + 2 * DAY)])
    again = sched.card_from_json(sched.card_to_json(card))
    assert again.to_dict() == card.to_dict()


def test_retrievability(now):
    scheduler = reference_scheduler()
    assert sched.retrievability(scheduler, sched.new_card("t1", now), now) == 0.0
    card = reference_replay([(3, now)])
    # FSRS-6 forgetting curve R(t) = (1 + F t / S)^decay, t in whole elapsed days, with
    # F = 0.9^(1/decay) - 1, so that R(S) = 0.9.
    decay = -scheduler.parameters[20]
    factor = 0.9 ** (1 / decay) - 1
    for days in (0, 1, 2, 5, 30):
        expected = (1 + factor * days / card.stability) ** decay
        got = sched.retrievability(scheduler, card, now + timedelta(days=days, hours=1))
        assert got == pytest.approx(expected, rel=1e-12), days
    assert sched.retrievability(scheduler, card, now) == pytest.approx(1.0)


def test_utc_helper_converts_and_refuses_naive():
    moment = utc(2026, 1, 1, 12).astimezone(timezone(timedelta(hours=-5)))
    assert sched.ensure_utc(moment) == utc(2026, 1, 1, 12)
    assert sched.ensure_utc(moment).tzinfo == UTC
    with pytest.raises(ValueError, match="naive"):
        sched.ensure_utc(utc(2026, 1, 1).replace(tzinfo=None))


@settings(max_examples=40, deadline=None)
@given(
    steps=st.lists(st.tuples(st.integers(1, 4), st.integers(0, 60 * 24 * 40)),
                   min_size=1, max_size=8),
    retention=st.sampled_from([0.8, 0.9, 0.95]),
)
def test_any_review_sequence_matches_fsrs(steps, retention):
    """Random ratings at random gaps (in minutes, early or late): same card as fsrs."""
    study = Study(Store(":memory:"))
    study.set_setting("fuzz", False)
    study.set_setting("desired_retention", retention)
    when = utc(2026, 1, 5, 8)
    history = []
    for rating, gap in steps:
        when += timedelta(minutes=gap)
        history.append((rating, when))
        outcome = study.review("t1", ALL_RIGHT, rating=rating, now=when)
    ref = reference_replay(history, retention)
    assert outcome.due == ref.due
    stored = sched.card_from_json(study.card_state("t1")["card"])
    assert stored.stability == pytest.approx(ref.stability, rel=1e-12)
    assert stored.difficulty == pytest.approx(ref.difficulty, rel=1e-12)
    # Lapses: Again given to a card in the Review state (by the reference's states).
    states_before = [None] + [int(reference_replay(history[:i], retention).state)
                              for i in range(1, len(history))]
    lapses = sum(r == 1 and s == 2 for (r, _), s in zip(history, states_before, strict=True))
    assert study.card_state("t1")["lapses"] == lapses
