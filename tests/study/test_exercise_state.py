"""Per-exercise state (issue 13 section 2): hints revealed one at a time and stored with
each attempt, the round of solving and the best time, notes and a star; the schema
migration that adds them to an existing database, and their export and import."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from study_helpers import utc, verdict

from mlinterview.exercises.judge import NOT_JUDGED, Verdict
from mlinterview.study import Study
from mlinterview.study import store as store_module
from mlinterview.study.exercise_state import NOTES_MAX_CHARS
from mlinterview.study.store import Store

EX = "t1/ex"
T0 = utc(2026, 3, 2, 9, 0)
MIN = timedelta(minutes=1)


@pytest.fixture
def state(study):
    return study.exercise_state


def test_a_fresh_start_of_a_new_exercise_starts_its_first_round(state):
    assert state.start_round(EX, now=T0) is True
    assert state.progress(EX).started_at == T0


def test_a_round_starts_at_the_first_look_and_only_then(study, state):
    assert state.progress(EX).started_at is None and not state.progress(EX).round_running
    state.open(EX, now=T0)
    state.open(EX, now=T0 + 5 * MIN)  # looking again does not restart the clock
    assert state.progress(EX).started_at == T0
    assert state.start_round(EX, now=T0 + 6 * MIN) is False  # a round is running


def test_opening_an_exercise_accepted_before_starts_no_round(study, state):
    # Judged from a file without ever opening it, then opened or starred: no clock runs
    # (it would time the looking, not a solve) until a fresh start.
    study.record_attempt(EX, "t1", verdict(True), "a", now=T0)
    state.open(EX, now=T0 + MIN)
    state.set_starred("t1/other", True, now=T0)
    study.record_attempt("t1/other", "t1", verdict(True), "a", now=T0 + MIN)
    assert not state.progress(EX).round_running
    assert study.attempts("t1/other")[0]["solve_seconds"] == 60.0  # its round was running
    assert state.start_round(EX, now=T0 + 2 * MIN) is True
    assert state.progress(EX).started_at == T0 + 2 * MIN


def test_hints_are_revealed_one_at_a_time_and_never_past_the_last(state):
    assert [state.reveal_hint(EX, 3, now=T0) for _ in range(5)] == [1, 2, 3, 3, 3]
    assert state.progress(EX).hints_revealed == 3


def test_revealing_up_to_a_number_is_idempotent(state):
    assert state.reveal_hint(EX, 3, upto=1, now=T0) == 1
    assert state.reveal_hint(EX, 3, upto=1, now=T0) == 1  # the same form sent again
    assert state.reveal_hint(EX, 3, upto=3, now=T0) == 3  # --all
    assert state.reveal_hint(EX, 3, upto=2, now=T0) == 3  # never hides one
    with pytest.raises(ValueError, match="available"):
        state.reveal_hint(EX, -1)


def test_each_attempt_keeps_the_hints_used_and_acceptance_ends_the_round(study, state):
    state.open(EX, now=T0)
    study.record_attempt(EX, "t1", verdict(False), "a", now=T0 + 2 * MIN)
    state.reveal_hint(EX, 2, now=T0 + 3 * MIN)
    study.record_attempt(EX, "t1", verdict(False), "b", now=T0 + 4 * MIN)
    state.reveal_hint(EX, 2, now=T0 + 5 * MIN)
    study.record_attempt(EX, "t1", verdict(True), "c", now=T0 + 9 * MIN)
    rows = study.attempts(EX)[::-1]
    assert [r["hints_used"] for r in rows] == [0, 1, 2]
    # Only the accepting attempt has a time: 9 minutes from the round's start.
    assert [r["solve_seconds"] for r in rows] == [None, None, 540.0]
    progress = state.progress(EX)
    assert progress.best_seconds == 540.0 and progress.attempts == 3 and progress.accepted
    assert not progress.round_running
    # Accepted again without a new round: no time, the best stays.
    study.record_attempt(EX, "t1", verdict(True), "d", now=T0 + 60 * MIN)
    assert study.attempts(EX)[0]["solve_seconds"] is None
    assert state.progress(EX).best_seconds == 540.0


def test_a_new_round_clears_the_hints_and_a_faster_solve_is_the_best(study, state):
    state.open(EX, now=T0)
    state.reveal_hint(EX, 3, now=T0)
    study.record_attempt(EX, "t1", verdict(True), "a", now=T0 + 30 * MIN)
    state.open(EX, now=T0 + 40 * MIN)  # the page of a solved exercise: no new round
    assert not state.progress(EX).round_running
    assert state.progress(EX).hints_revealed == 1  # still shown beside the solution
    assert state.start_round(EX, now=T0 + 24 * 60 * MIN) is True
    assert state.progress(EX).hints_revealed == 0
    study.record_attempt(EX, "t1", verdict(True), "b", now=T0 + (24 * 60 + 7) * MIN)
    assert study.attempts(EX)[0]["hints_used"] == 0
    assert state.progress(EX).best_seconds == 7 * 60.0


def test_unjudged_and_rejected_attempts_do_not_end_the_round(study, state):
    state.open(EX, now=T0)
    study.record_attempt(EX, "t1", Verdict(NOT_JUDGED, 0, 0, "busy"), "a", now=T0 + MIN)
    study.record_attempt(EX, "t1", verdict(False), "b", now=T0 + 2 * MIN)
    progress = state.progress(EX)
    assert progress.round_running and progress.attempts == 1 and not progress.accepted


def test_a_clock_set_back_gives_zero_not_a_negative_time(study, state):
    state.open(EX, now=T0)
    study.record_attempt(EX, "t1", verdict(True), "a", now=T0 - 5 * MIN)
    assert study.attempts(EX)[0]["solve_seconds"] == 0.0


def test_notes_and_star(state):
    assert state.set_notes(EX, "line 1\r\nline 2", now=T0) == "line 1\nline 2"
    state.set_starred(EX, True, now=T0)
    state.set_starred("t2/other", False, now=T0)
    progress = state.progress(EX)
    assert (progress.notes, progress.starred) == ("line 1\nline 2", True)
    assert state.starred() == {EX}
    state.set_notes(EX, "", now=T0)
    state.set_starred(EX, False, now=T0)
    assert state.progress(EX).notes == "" and state.starred() == set()
    with pytest.raises(ValueError, match=f"notes: expected at most {NOTES_MAX_CHARS}"):
        state.set_notes(EX, "x" * (NOTES_MAX_CHARS + 1))
    with pytest.raises(TypeError, match="notes: expected text"):
        state.set_notes(EX, 3)


def test_stats_count_exercises_solved_with_and_without_hints(study, state):
    state.reveal_hint("t1/a", 2, now=T0)
    study.record_attempt("t1/a", "t1", verdict(True), "x", now=T0)     # with a hint
    study.record_attempt("t1/b", "t1", verdict(True), "x", now=T0)     # without
    state.reveal_hint("t1/c", 2, now=T0)
    study.record_attempt("t1/c", "t1", verdict(True), "x", now=T0)     # with, then...
    state.start_round("t1/c", now=T0 + MIN)
    study.record_attempt("t1/c", "t1", verdict(True), "x", now=T0 + 2 * MIN)  # ...without
    study.record_attempt("t1/d", "t1", verdict(False), "x", now=T0)    # not solved
    stats = study.stats(now=T0 + 3 * MIN)
    assert (stats.solved_without_hints, stats.solved_with_hints) == (2, 1)
    assert stats.exercises_solved == 3


def test_a_version_2_database_is_migrated_keeping_its_attempts(isolated_home):
    path = isolated_home / "v2.sqlite3"
    conn = sqlite3.connect(path)
    for migration in store_module.MIGRATIONS[:2]:
        for statement in migration:
            conn.execute(statement)
    conn.execute("""INSERT INTO exercise_attempts (uid, exercise_id, slug, submitted_at,
                        verdict, passed, total, source) VALUES
                        ('u1', 't1/ex', 't1', '2026-01-01T00:00:00+00:00', 'accepted', 3, 3,
                         'src')""")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    store = Store(path)
    try:
        study = Study(store)
        old = study.attempts(EX)[0]
        assert (old["source"], old["hints_used"], old["solve_seconds"]) == ("src", None, None)
        assert study.exercise_state.hint_summary() == (1, 0)  # before hints: none used
        study.exercise_state.set_starred(EX, True, now=T0)
        assert study.exercise_state.progress(EX).attempts == 1
        assert store.integrity_check() == "ok"
    finally:
        store.close()


def _study(tmp_path, name: str) -> Study:
    folder = tmp_path / name
    folder.mkdir()
    return Study(Store(folder / "s.sqlite3"), clock=lambda: T0)


def test_export_and_import_round_trip_the_state_and_the_attempt_fields(tmp_path):
    a = _study(tmp_path, "a")
    a.exercise_state.open(EX, now=T0)
    a.exercise_state.reveal_hint(EX, 3, now=T0 + MIN)
    a.exercise_state.set_notes(EX, "notes ✓", now=T0 + MIN)
    a.record_attempt(EX, "t1", verdict(True), "src", now=T0 + 4 * MIN)
    a.exercise_state.set_starred("t2/x", True, now=T0 + 5 * MIN)
    a.exercise_state.open("t3/y", now=T0 + 6 * MIN)  # a round running, exported as such
    data = a.export_data()
    assert [r["exercise_id"] for r in data["exercise_progress"]] == [EX, "t2/x", "t3/y"]
    assert data["attempts"][0]["hints_used"] == 1 and data["attempts"][0]["solve_seconds"] == 240

    b = _study(tmp_path, "b")
    added = b.import_data(data)
    assert added["exercise_progress"] == 3 and added["attempts"] == 1
    for exercise_id in (EX, "t2/x", "t3/y"):
        assert b.exercise_state.progress(exercise_id) == a.exercise_state.progress(exercise_id)
    again = b.export_data()
    assert {k: v for k, v in again.items() if k != "exported_at"} == \
        {k: v for k, v in data.items() if k != "exported_at"}
    assert b.import_data(data)["exercise_progress"] == 0  # nothing newer the second time


def test_import_keeps_the_newer_of_two_copies(tmp_path):
    a = _study(tmp_path, "a")
    a.exercise_state.set_notes(EX, "old notes", now=T0)
    a.exercise_state.set_notes("t2/x", "theirs, newer", now=T0 + 10 * MIN)
    b = _study(tmp_path, "b")
    b.exercise_state.set_notes(EX, "mine, newer", now=T0 + 5 * MIN)
    b.exercise_state.set_notes("t2/x", "mine, older", now=T0 + 5 * MIN)
    assert b.import_data(a.export_data())["exercise_progress"] == 1
    assert b.exercise_state.progress(EX).notes == "mine, newer"
    assert b.exercise_state.progress("t2/x").notes == "theirs, newer"
