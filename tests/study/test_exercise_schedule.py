"""Exercises come back (issue 13, section 3): each exercise's FSRS schedule, driven by its
attempts. Each test works a sequence of attempts at fixed times by hand; intervals are
FSRS-6's at 90 % retention without fuzz (first Good 2 days, Hard 1 day, relearning 10
minutes), and later ones come from the fsrs package itself (``reference_replay``)."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from types import SimpleNamespace

import pytest
from study_helpers import RELEARN, reference_replay, verdict

import mlinterview.exercises
from mlinterview.exercises.judge import NOT_JUDGED, Verdict
from mlinterview.study import Study
from mlinterview.study import exercise_schedule as schedules
from mlinterview.study import scheduler as sched
from mlinterview.study import store as store_module
from mlinterview.study.store import Store

DAY = timedelta(days=1)
MINUTE = timedelta(minutes=1)
EX = "t1/ex"
BUSY = Verdict(NOT_JUDGED, 0, 0, "The server was busy.")


def attempt(study: Study, ok: bool | None, when, exercise_id: str = EX) -> dict:
    """Record an attempt (None: not judged) and return its stored row."""
    study.record_attempt(exercise_id, exercise_id.split("/")[0],
                         BUSY if ok is None else verdict(ok), "def f(): ...", now=when)
    return study.attempts(exercise_id, limit=1)[0]


def card(study: Study, exercise_id: str = EX) -> sched.Card:
    return sched.card_from_json(study.exercise_schedule(exercise_id)["card"])


@pytest.fixture
def fake_bank(monkeypatch):
    """Three registered exercises in two areas (and nothing else), so the due list does
    not load the real registry; the stats count the same ids."""
    bank = {
        "t1/ex": SimpleNamespace(slug="t1", title="Ex one", area="evaluation", level="E"),
        "t2/ex": SimpleNamespace(slug="t2", title="Ex two", area="evaluation", level="M"),
        "t5/ex": SimpleNamespace(slug="t5", title="Ex five", area="trees", level="H"),
    }
    monkeypatch.setattr(mlinterview.exercises, "registry", lambda: dict(bank))
    monkeypatch.setattr(schedules, "bank_ids", lambda: frozenset(bank))
    return bank


# -- the rating rule -----------------------------------------------------------------------


@pytest.mark.parametrize(("solved", "accepted", "failed", "hints", "rating"), [
    (False, True, 0, 0, 3),      # first try, no hints: Good
    (False, True, 2, 0, 2),      # after failures: Hard
    (False, True, 0, 1, 2),      # with a hint: Hard
    (False, False, 0, 0, None),  # never solved, failed: no rating, stays due
    (False, False, 3, 2, None),
    (True, True, 0, 0, 3),
    (True, True, 0, 3, 2),
    (True, False, 0, 0, 1),      # solved before, failed now: a lapse
])
def test_rating_rule(now, solved, accepted, failed, hints, rating):
    card = sched.new_card(EX, now)
    if solved:
        card = sched.review(sched.make_scheduler(fuzz=False), card, 3, now - 5 * DAY)
    assert schedules.rating_for(card, accepted=accepted, failed_since_due=failed,
                                hints_used=hints) == rating


# -- hand-worked sequences -------------------------------------------------------------------


def test_first_accepted_attempt_is_good(study, now):
    row = attempt(study, True, now)
    assert row["rating"] == 3
    assert sched.card_from_json(row["card_before"]).last_review is None
    state = study.exercise_schedule(EX)
    assert sched.card_from_json(state["card"]).due == now + 2 * DAY
    assert (state["state"], state["reps"], state["lapses"]) == (2, 1, 0)
    assert json.loads(row["card_after"]) == json.loads(state["card"])


def test_a_failure_keeps_it_due_until_accepted_then_hard(study, now, fake_bank):
    first = attempt(study, False, now)
    assert first["rating"] is None and first["card_before"] is None
    state = study.exercise_schedule(EX)
    assert sched.card_from_json(state["card"]).due == now and state["reps"] == 0
    due = study.due_exercises(now=now + MINUTE)
    assert [(d.exercise_id, d.solved, d.due) for d in due] == [(EX, False, now)]
    assert attempt(study, False, now + 5 * MINUTE)["rating"] is None  # still due
    assert attempt(study, True, now + 20 * MINUTE)["rating"] == 2      # after failures
    assert card(study).due == now + 20 * MINUTE + DAY
    assert study.due_exercises(now=now + 21 * MINUTE) == []


def test_not_judged_changes_nothing(study, now):
    assert attempt(study, None, now)["rating"] is None
    assert study.exercise_schedule(EX) is None
    attempt(study, True, now + MINUTE)
    before = study.exercise_schedule(EX)
    assert attempt(study, None, now + 3 * DAY)["rating"] is None  # due, but not judged
    assert study.exercise_schedule(EX) == before


def test_attempts_before_the_due_date_are_practice(study, now):
    attempt(study, True, now)
    before = study.exercise_schedule(EX)
    assert attempt(study, False, now + DAY)["rating"] is None
    assert attempt(study, True, now + DAY + MINUTE)["rating"] is None
    assert study.exercise_schedule(EX) == before
    # The failure still makes the topic's card due, as before schedules existed.
    assert sched.card_from_json(study.card_state("t1")["card"]).due == now + DAY


def test_reviews_at_the_due_date_a_lapse_and_relearning(study, now):
    attempt(study, True, now)                                       # Good: back in 2 days
    second = now + 2 * DAY
    assert attempt(study, True, second)["rating"] == 3              # Good again
    assert card(study).due == reference_replay([(3, now), (3, second)]).due
    third = card(study).due
    lapse = attempt(study, False, third)                            # forgot it: Again
    assert lapse["rating"] == 1
    state = study.exercise_schedule(EX)
    assert (state["state"], state["reps"], state["lapses"]) == (3, 3, 1)
    assert card(study).due == third + RELEARN
    assert attempt(study, True, third + 5 * MINUTE)["rating"] is None  # fixed: practice
    fourth = third + RELEARN
    assert attempt(study, True, fourth)["rating"] == 3              # relearned
    expected = reference_replay([(3, now), (3, second), (1, third), (3, fourth)])
    assert (card(study).due, card(study).stability) == (expected.due, expected.stability)
    state = study.exercise_schedule(EX)
    assert (state["state"], state["reps"], state["lapses"]) == (2, 4, 1)


def test_one_failure_then_accepted_is_hard(study, now):
    attempt(study, False, now)  # the failure that started the schedule counts too
    assert attempt(study, True, now + MINUTE)["rating"] == 2


def test_hints_used_make_an_accepted_attempt_hard_and_hard_is_no_lapse(study, now):
    attempt(study, True, now)
    study.exercise_state.reveal_hint(EX, 3, now=now + 2 * DAY - MINUTE)
    row = attempt(study, True, now + 2 * DAY)
    assert (row["hints_used"], row["rating"]) == (1, 2)
    assert card(study).due == reference_replay([(3, now), (2, now + 2 * DAY)]).due
    state = study.exercise_schedule(EX)
    assert (state["reps"], state["lapses"]) == (2, 0)


def test_a_failed_attempt_is_a_failure_whatever_the_verdict(study, now):
    attempt(study, True, now)
    study.record_attempt(EX, "t1", Verdict("time limit exceeded", 0, 5, "Too slow."), "x",
                         now=now + 2 * DAY)
    assert study.attempts(EX, limit=1)[0]["rating"] == 1


# -- what is due, and the numbers ------------------------------------------------------------


def test_due_exercises_most_overdue_first_by_area_and_limit(study, now, fake_bank):
    attempt(study, True, now, "t2/ex")                   # due now + 2 days
    attempt(study, True, now + DAY, "t5/ex")             # due now + 3 days
    attempt(study, False, now + 2 * DAY, "t1/ex")        # due now + 2 days, unsolved
    attempt(study, True, now, "gone/ex")                 # no longer in the bank
    later = now + 4 * DAY
    due = study.due_exercises(now=later)
    assert [(d.exercise_id, d.due, d.solved) for d in due] == [
        ("t1/ex", now + 2 * DAY, False), ("t2/ex", now + 2 * DAY, True),
        ("t5/ex", now + 3 * DAY, True)]
    assert (due[2].title, due[2].area, due[2].level, due[2].slug) == (
        "Ex five", "trees", "H", "t5")
    assert [d.exercise_id for d in study.due_exercises(area="trees", now=later)] == ["t5/ex"]
    assert len(study.due_exercises(limit=2, now=later)) == 2
    assert study.due_exercises(now=now + DAY) == []


def test_the_registry_is_not_loaded_when_nothing_is_due(study, now, monkeypatch):
    def no_registry():
        raise AssertionError("the registry was loaded")

    monkeypatch.setattr(mlinterview.exercises, "registry", no_registry)
    attempt(study, True, now)
    assert study.due_exercises(now=now + DAY) == []


def test_stats_count_due_mastered_and_lapses(study, now, fake_bank):
    for review in range(3):  # three Goods at their due dates: stability 46 days
        attempt(study, True, card(study).due if review else now)
    attempt(study, True, now, "t2/ex")
    attempt(study, False, now + 2 * DAY, "t2/ex")        # a lapse, back in 10 minutes
    attempt(study, False, now, "t5/ex")                  # failed, never solved: due
    attempt(study, True, now, "gone/ex")                 # not in the bank: not counted
    s = study.stats(now=now + 3 * DAY)
    assert s.exercises == schedules.ScheduleSummary(scheduled=3, due=2, mastered=1, lapses=1)


# -- the migration, export and import --------------------------------------------------------


def _schedule_migration() -> int:
    """The index in MIGRATIONS of the one that creates ``exercise_schedule``."""
    return next(i for i, m in enumerate(store_module.MIGRATIONS)
                if any("CREATE TABLE exercise_schedule" in s for s in m))


def test_migration_keeps_the_attempts_of_an_older_database(tmp_path, now):
    path = tmp_path / "old.sqlite3"
    version = _schedule_migration()
    conn = sqlite3.connect(path)
    for migration in store_module.MIGRATIONS[:version]:
        for statement in migration:
            conn.execute(statement)
    conn.execute("INSERT INTO exercise_attempts (uid, exercise_id, slug, submitted_at, "
                 "verdict, passed, total, source) VALUES ('a', 't1/ex', 't1', ?, "
                 "'accepted', 1, 1, 'x')", (now.isoformat(),))
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    study = Study(Store(path))
    old = study.attempts(EX)[0]
    assert (old["uid"], old["rating"], old["card_before"], old["card_after"]) == (
        "a", None, None, None)
    assert study.exercise_schedule(EX) is None  # solved before schedules: not yet scheduled
    study.set_setting("fuzz", False)
    assert attempt(study, True, now + DAY)["rating"] == 3  # the next attempt schedules it
    study.store.close()


def _fresh(tmp_path, name: str) -> Study:
    folder = tmp_path / name
    folder.mkdir()
    study = Study(Store(folder / "study.sqlite3"))
    study.set_setting("fuzz", False)
    return study


def test_export_import_round_trip(tmp_path, now, fake_bank):
    source = _fresh(tmp_path, "a")
    attempt(source, True, now)
    attempt(source, False, now + 2 * DAY)          # a lapse
    attempt(source, False, now, "t2/ex")           # unsolved, due
    data = source.export_data()
    assert sorted(r["exercise_id"] for r in data["exercise_schedules"]) == ["t1/ex", "t2/ex"]
    target = _fresh(tmp_path, "b")
    added = target.import_data(data)
    assert added["exercise_schedules"] == 2
    for exercise_id in ("t1/ex", "t2/ex"):
        assert target.exercise_schedule(exercise_id) == source.exercise_schedule(exercise_id)
    assert target.attempts(EX) == [
        {**row, "id": mine["id"]} for row, mine in zip(source.attempts(EX), target.attempts(EX),
                                                       strict=True)]
    later = now + 3 * DAY
    assert target.due_exercises(now=later) == source.due_exercises(now=later)
    assert target.stats(now=later).exercises == source.stats(now=later).exercises
    # Importing the same data again adds nothing and changes nothing.
    assert target.import_data(data)["exercise_schedules"] == 0
    assert target.exercise_schedule(EX) == source.exercise_schedule(EX)


def test_import_takes_the_newer_schedule_and_recounts(tmp_path, now):
    laptop = _fresh(tmp_path, "laptop")
    attempt(laptop, True, now)
    desktop = _fresh(tmp_path, "desktop")
    desktop.import_data(laptop.export_data())
    attempt(desktop, True, now + 2 * DAY)          # the desktop goes on: reps 2
    attempt(laptop, True, now + 3 * MINUTE)        # the laptop only practised (not due)
    laptop.import_data(desktop.export_data())      # the desktop's newer schedule wins
    assert laptop.exercise_schedule(EX)["card"] == desktop.exercise_schedule(EX)["card"]
    assert laptop.exercise_schedule(EX)["reps"] == 2
    older = laptop.export_data()
    attempt(laptop, False, card(laptop).due)       # a lapse on the laptop: reps 3
    laptop.import_data(older)                      # an older backup changes nothing
    assert (laptop.exercise_schedule(EX)["reps"], laptop.exercise_schedule(EX)["lapses"]) == (
        3, 1)


@pytest.mark.parametrize(("change", "column"), [
    (lambda r: r.update(card="[]"), "card"),
    (lambda r: r.update(due="soon"), "due"),
    (lambda r: r.pop("updated_at"), "updated_at"),
    (lambda r: r.update(reps="many"), "reps"),
    (lambda r: r.pop("exercise_id"), "exercise_id"),
])
def test_a_bad_schedule_row_refuses_the_whole_import(tmp_path, now, change, column):
    source = _fresh(tmp_path, "a")
    attempt(source, True, now)
    data = source.export_data()
    change(data["exercise_schedules"][0])
    target = _fresh(tmp_path, "b")
    with pytest.raises(ValueError, match=f"^file: exercise_schedules row 1.*{column}"):
        target.import_data(data)
    assert target.attempts() == [] and target.exercise_schedule(EX) is None


def test_a_bad_rating_on_an_attempt_refuses_the_import(tmp_path, now):
    source = _fresh(tmp_path, "a")
    attempt(source, True, now)
    data = source.export_data()
    data["attempts"][0]["rating"] = 7  # CHECK (rating BETWEEN 1 AND 4)
    target = _fresh(tmp_path, "b")
    with pytest.raises(ValueError, match=r"^file: inconsistent export"):
        target.import_data(data)
    assert target.attempts() == []
