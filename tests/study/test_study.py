"""The study service: reviews from quick checks, overrides, exercise attempts, what is due
and the progress numbers. Expected values are worked out by hand from the scenario each
test builds (first intervals at retention 0.9: Again 1 day, Hard 1, Good 2, Easy 8)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from study_helpers import (
    ALL_RIGHT,
    ALL_WRONG,
    HALF_RIGHT,
    RELEARN,
    reference_replay,
    utc,
    verdict,
)

from mlinterview.study import Study
from mlinterview.study import scheduler as sched

DAY = timedelta(days=1)


# -- reviewing -----------------------------------------------------------------------------


@pytest.mark.parametrize(("answers", "suggested", "correct"), [
    (ALL_RIGHT, 3, 2), (HALF_RIGHT, 2, 1), (ALL_WRONG, 1, 0), ({}, 1, 0),
])
def test_grades_suggest_the_rating(study, now, answers, suggested, correct):
    outcome = study.review("t1", answers, now=now)
    assert (outcome.rating, outcome.suggested, outcome.correct) == (suggested, suggested, correct)
    row = study.reviews("t1")[0]
    assert (row["rating"], row["suggested"], row["correct"], row["total"]) == (
        suggested, suggested, correct, 2)
    assert json.loads(row["answers"]) == {"pick": answers.get("pick", ""),
                                          "num": answers.get("num", "")}
    assert row["card_before"] is None and row["kind"] == "review"
    assert outcome.due == reference_replay([(suggested, now)]).due


def test_user_override_at_review_time(study, now):
    outcome = study.review("t1", ALL_WRONG, rating=4, now=now)
    assert (outcome.rating, outcome.suggested, outcome.rating_name) == (4, 1, "easy")
    assert outcome.interval == 8 * DAY
    row = study.reviews("t1")[0]
    assert (row["rating"], row["suggested"]) == (4, 1)


@pytest.mark.parametrize("rating", [0, 5, "good"])
def test_bad_override_rating_stores_nothing(study, now, rating):
    with pytest.raises(ValueError, match="rating"):
        study.review("t1", ALL_RIGHT, rating=rating, now=now)
    assert study.reviews() == [] and study.card_state("t1") is None


def test_unknown_slug(study, now):
    with pytest.raises(LookupError, match="nope"):
        study.review("nope", {}, now=now)


def test_later_override_reschedules_from_the_state_before(study, now):
    study.review("t1", ALL_RIGHT, now=now)                       # Good: due in 2 days
    second = study.review("t1", ALL_WRONG, now=now + 2 * DAY)    # Again: a lapse
    assert second.interval == RELEARN and second.state == "relearning"
    changed = study.override(second.uid, 3)                      # "I did know it"
    ref = reference_replay([(3, now), (3, now + 2 * DAY)])
    assert changed.due == ref.due and changed.state == "review"
    state = study.card_state("t1")
    assert sched.card_from_json(state["card"]).due == ref.due
    assert (state["reps"], state["lapses"]) == (2, 0)
    row = study.reviews("t1")[0]
    assert (row["rating"], row["suggested"]) == (3, 1)
    assert sched.card_from_json(row["card_after"]).due == ref.due


def test_override_of_a_first_review(study, now):
    first = study.review("t1", ALL_RIGHT, now=now)
    assert study.override(first.uid, 4).due == now + 8 * DAY
    assert study.card_state("t1")["due"] == (now + 8 * DAY).isoformat()


def test_override_refusals(study, now):
    first = study.review("t1", ALL_RIGHT, now=now)
    study.review("t1", ALL_RIGHT, now=now + 2 * DAY)
    before = study.card_state("t1")
    with pytest.raises(ValueError, match="latest"):
        study.override(first.uid, 1)
    with pytest.raises(LookupError, match="no review"):
        study.override("0" * 32, 1)
    with pytest.raises(ValueError, match="rating"):
        study.override(first.uid, 7)
    assert study.card_state("t1") == before


# -- exercises -------------------------------------------------------------------------------


def test_failed_exercise_makes_the_card_due_now(study, now):
    study.review("t1", ALL_RIGHT, rating=4, now=now)             # due in 8 days
    later = now + DAY
    uid = study.record_attempt("t1/ex", "t1", verdict(False), "def f(): ...", now=later)
    assert study.card_state("t1")["due"] == later.isoformat()
    due = study.due(now=later)
    assert (due[0].slug, due[0].new) == ("t1", False)
    attempt = study.attempts("t1/ex")[0]
    assert attempt["uid"] == uid
    assert (attempt["verdict"], attempt["passed"], attempt["total"]) == ("wrong answer", 2, 5)
    assert attempt["source"] == "def f(): ..."


def test_accepted_exercise_changes_no_schedule(study, now):
    study.review("t1", ALL_RIGHT, rating=4, now=now)
    before = study.card_state("t1")
    study.record_attempt("t1/ex", "t1", verdict(True), "x = 1", now=now + DAY)
    assert study.card_state("t1") == before
    assert study.card_state("t2") is None
    study.record_attempt("t2/ex", "t2", verdict(True), "x = 1", now=now + DAY)
    assert study.card_state("t2") is None


def test_failed_exercise_never_postpones_an_overdue_card(study, now):
    study.review("t1", ALL_RIGHT, now=now)                       # due now + 2 days
    study.record_attempt("t1/ex", "t1", verdict(False), "", now=now + 5 * DAY)
    assert study.card_state("t1")["due"] == (now + 2 * DAY).isoformat()


def test_failed_exercise_on_an_unseen_card_then_first_review(study, now):
    study.record_attempt("t3/ex", "t3", verdict(False), "", now=now)
    assert [d.slug for d in study.due(now=now) if not d.new] == ["t3"]
    # Its first review schedules like any first review.
    assert study.review("t3", ALL_RIGHT, now=now + timedelta(hours=1)).interval == 2 * DAY


def test_attempts_newest_first(study, now):
    for i in range(3):
        study.record_attempt("t1/ex", "t1", verdict(i == 2), f"v{i}", now=now + i * DAY)
    assert [a["source"] for a in study.attempts("t1/ex")] == ["v2", "v1", "v0"]
    assert len(study.attempts(limit=2)) == 2


# -- what is due -----------------------------------------------------------------------------


def test_due_orders_overdue_first_then_new_in_index_order(study, now):
    study.review("t2", ALL_RIGHT, rating=3, now=now - 5 * DAY)   # due now - 3 days
    study.review("t4", ALL_RIGHT, rating=1, now=now - 2 * DAY)   # due now - 1 day
    study.review("t5", ALL_RIGHT, rating=3, now=now - 4 * DAY)   # due now - 2 days
    study.review("t6", ALL_RIGHT, rating=4, now=now - 1 * DAY)   # due in 7 days: not due
    items = study.due(now=now)
    assert [(d.slug, d.new) for d in items] == [
        ("t2", False), ("t5", False), ("t4", False), ("t1", True), ("t3", True)]
    assert items[0].due == now - 3 * DAY and items[-1].due is None
    assert items[0].title == "Topic t2" and items[1].area == "trees"
    assert [d.slug for d in study.due(now=now, area="trees")] == ["t5"]
    assert [d.slug for d in study.due(now=now, limit=2)] == ["t2", "t5"]
    # A card due exactly now counts.
    assert "t6" in [d.slug for d in study.due(now=now + 7 * DAY)]


def test_new_per_day_limit(study, now):
    study.set_setting("new_per_day", 2)
    assert [d.slug for d in study.due(now=now)] == ["t1", "t2"]
    study.review("t1", ALL_RIGHT, now=now)
    assert [d.slug for d in study.due(now=now)] == ["t2"]
    study.review("t2", ALL_RIGHT, now=now + timedelta(minutes=1))
    assert study.due(now=now + timedelta(minutes=2)) == []
    # Tomorrow (UTC) brings two more; t1 and t2 are not due yet (Good: 2 days).
    tomorrow = utc(2026, 3, 3, 0, 5)
    assert [d.slug for d in study.due(now=tomorrow)] == ["t3", "t4"]
    # Reviewing a card already seen does not use up the day's new cards.
    study.set_setting("new_per_day", 0)
    assert study.due(now=now + 2 * DAY) and all(not d.new for d in study.due(now=now + 2 * DAY))


# -- settings ----------------------------------------------------------------------------------


def test_settings_defaults_and_changes(store):
    study = Study(store)
    assert study.settings() == {"desired_retention": 0.9, "new_per_day": 10, "fuzz": True}
    assert study.set_setting("desired_retention", "0.85") == 0.85
    assert study.set_setting("new_per_day", "3") == 3
    assert study.set_setting("fuzz", "off") is False
    assert Study(store).settings() == {"desired_retention": 0.85, "new_per_day": 3,
                                       "fuzz": False}


@pytest.mark.parametrize(("key", "value", "field"), [
    ("colour", "red", "setting"), ("desired_retention", 0.5, "desired_retention"),
    ("desired_retention", 1.0, "desired_retention"), ("new_per_day", -1, "new_per_day"),
    ("new_per_day", 1001, "new_per_day"), ("fuzz", "maybe", "fuzz"),
    ("desired_retention", "high", "desired_retention"), ("desired_retention", None,
                                                         "desired_retention"),
    ("desired_retention", float("nan"), "desired_retention"),
    ("new_per_day", "ten", "new_per_day"), ("new_per_day", 2.5, "new_per_day"),
])
def test_bad_settings(study, key, value, field):
    before = study.settings()
    with pytest.raises(ValueError, match=field):
        study.set_setting(key, value)
    assert study.settings() == before


# -- stats ------------------------------------------------------------------------------------


@pytest.fixture
def history(study):
    """Eight reviews and three attempts before Monday 2 March 2026, 09:30 UTC.

    t1 Good 28 Feb 09:30 -> due 2 Mar 09:30 (exactly now)
    t2 Easy 27 Feb 12:00 -> due 7 Mar 12:00 (this week)
    t3 Hard  1 Mar 20:00 -> due 2 Mar 20:00 (later today)
    t4 never reviewed
    t5 Good 20 Feb, Again 23 Feb (a lapse from Review: counts for retention, not recalled)
       -> due 23 Feb 09:40 (overdue)
    t6 Good 1 Jan, Good 10 Jan (from Review, older than 30 days: not counted),
       Good 15 Feb (from Review: recalled); then a failed exercise on 2 Mar 08:00 makes
       it due then.
    """
    study.review("t6", ALL_RIGHT, rating=3, now=utc(2026, 1, 1, 9))
    study.review("t6", ALL_RIGHT, rating=3, now=utc(2026, 1, 10, 9))
    study.review("t6", ALL_RIGHT, rating=3, now=utc(2026, 2, 15, 9))
    study.review("t5", ALL_RIGHT, rating=3, now=utc(2026, 2, 20, 9, 30))
    study.review("t5", ALL_WRONG, rating=1, now=utc(2026, 2, 23, 9, 30))
    study.review("t2", ALL_RIGHT, rating=4, now=utc(2026, 2, 27, 12))
    study.review("t1", ALL_RIGHT, rating=3, now=utc(2026, 2, 28, 9, 30))
    study.review("t3", HALF_RIGHT, rating=2, now=utc(2026, 3, 1, 20))
    study.record_attempt("t6/a", "t6", verdict(True), "", now=utc(2026, 2, 16))
    study.record_attempt("t6/b", "t6", verdict(True), "", now=utc(2026, 2, 17))
    study.record_attempt("t6/a", "t6", verdict(False), "", now=utc(2026, 3, 2, 8))
    return study


def test_stats_due_counts(history, now):
    s = history.stats(now=now)
    assert s.due_now == 3          # t1 (exactly now), t5, t6
    assert s.due_today == 4        # + t3 at 20:00
    assert s.due_week == 5         # + t2 on 7 March
    assert s.new_available == 1    # only t4 is unseen
    assert s.forecast == {date(2026, 3, 2): 1, date(2026, 3, 7): 1}


def test_stats_retention_and_activity(history, now):
    s = history.stats(now=now)
    assert (s.retention, s.retention_reviews) == (0.5, 2)
    assert s.reviews_total == 8 and s.reviews_today == 0
    assert s.per_day == {date(2026, 1, 1): 1, date(2026, 1, 10): 1, date(2026, 2, 15): 1,
                         date(2026, 2, 20): 1, date(2026, 2, 23): 1, date(2026, 2, 27): 1,
                         date(2026, 2, 28): 1, date(2026, 3, 1): 1}
    assert s.streak_days == 3      # 27 Feb, 28 Feb, 1 Mar; today not yet reviewed
    assert list(history.stats(now=now, days=7).per_day) == [
        date(2026, 2, 27), date(2026, 2, 28), date(2026, 3, 1)]
    assert (s.attempts_total, s.attempts_accepted, s.exercises_solved) == (3, 2, 2)
    assert s.now == now


def test_stats_per_area(history, now):
    t6 = reference_replay([(3, utc(2026, 1, 1, 9)), (3, utc(2026, 1, 10, 9)),
                           (3, utc(2026, 2, 15, 9))])
    areas = {a.area: a for a in history.stats(now=now).areas}
    ev, trees = areas["evaluation"], areas["trees"]
    assert (ev.topics, ev.studied, ev.due, ev.mature) == (4, 3, 1, 0)
    assert (trees.topics, trees.studied, trees.due) == (2, 2, 2)
    assert trees.mature == int(t6.stability >= 21)
    assert areas["coding"].topics == 0 and ev.title


def test_stats_today_and_streak(study, now):
    study.review("t1", ALL_RIGHT, now=now - DAY)
    study.review("t2", ALL_RIGHT, now=now)
    study.review("t3", ALL_RIGHT, now=now + timedelta(minutes=5))
    s = study.stats(now=now + timedelta(minutes=10))
    # new cards left: min(10 per day - 2 started today, 3 never seen) = 3
    assert (s.reviews_today, s.streak_days, s.new_available) == (2, 2, 3)
    assert s.retention is None and s.retention_reviews == 0


def test_stats_empty(study, now):
    s = study.stats(now=now)
    assert (s.due_now, s.due_today, s.due_week, s.reviews_total, s.streak_days) == (0,) * 5
    assert s.new_available == 6 and s.per_day == {} and s.retention is None


def test_a_card_without_quick_checks_is_never_due(study, now, fake_topics):
    from dataclasses import replace

    fake_topics["t7"] = replace(fake_topics["t1"], slug="t7", quick_checks=())
    assert "t7" not in [d.slug for d in study.due(now=now)]
    assert study.stats(now=now).new_available == 6


def test_attempt_summary_counts_tries_and_solved_per_exercise(study, now):
    from mlinterview.exercises.judge import NOT_JUDGED, Verdict

    busy = Verdict(NOT_JUDGED, 0, 5, "The server was busy; not judged.")
    for accepted in (False, False, True, False):
        study.record_attempt("t1/ex", "t1", verdict(accepted), "x = 1", now=now)
    study.record_attempt("t2/ex", "t2", verdict(False), "x = 1", now=now)
    study.record_attempt("t2/ex", "t2", busy, "x = 1", now=now)
    study.record_attempt("t3/ex", "t3", busy, "x = 1", now=now)
    assert study.attempt_summary() == {"t1/ex": (4, True), "t2/ex": (1, False)}
