"""Issue 11, section 3: the short soak (10 kills) and checks that its verifier can fail.

``tools/soak.py`` runs a study session in a worker process (reviews of real cards, judged
exercise attempts, settings, imports, exports), SIGKILLs it at an event it reported, and
checks the data folder; ``make soak`` does it 100 times. The kill moments are chosen by a
seeded RNG and synchronised on the worker's events, not on delays.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from mlinterview.study import Study
from mlinterview.study.store import Store

REAL_TOPICS = True  # tests/study/conftest.py: keep the real cards
ROOT = Path(__file__).resolve().parents[2]


def _load_soak():
    spec = importlib.util.spec_from_file_location("mlinterview_soak", ROOT / "tools" / "soak.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


soak = _load_soak()
needs_linux = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                 reason="the soak driver reads /proc and waits on pidfds")


@pytest.mark.slow  # ten worker processes, each running a study session and the judge
@needs_linux
def test_ten_kills_lose_nothing(tmp_path):
    lines: list[str] = []
    report = soak.soak(10, seed=20260311, workdir=tmp_path / "soak", backup_reviews=30,
                       occurrences=1, log=lines.append)
    assert report.failures == [], "\n".join(lines)
    assert len(report.kills) == 10
    assert {k.aimed.phase for k in report.kills} == set(soak.PHASES)  # every phase aimed at
    assert report.writes > 0  # the workers did report committed writes, all verified


# -- the verifier finds what it is there to find ------------------------------------------

def _session(tmp_path, now) -> tuple[Path, Study, object]:
    """A small database: two reviews and an attempt, as a worker would have reported."""
    from mlinterview.exercises.judge import Verdict

    db = tmp_path / "home" / "mlinterview.sqlite3"
    db.parent.mkdir()
    study = Study(Store(db))
    slug = "classification-metrics"
    answers = {q.id: soak.right_answer(q) for q in _topic(slug).quick_checks}
    model = soak.Model()
    for hours in (0, 30):
        outcome = study.review(slug, answers, now=now.replace(hour=0) + _hours(hours))
        model.reviews[outcome.uid] = slug
    model.attempts.add(study.record_attempt(f"{slug}/x", slug, Verdict("accepted", 1, 1, ""),
                                            "pass", now=now))
    return db, study, model


def _topic(slug):
    from mlinterview.topics import get_topic

    return get_topic(slug)


def _hours(n):
    from datetime import timedelta

    return timedelta(hours=n)


def test_verifier_passes_a_consistent_database(tmp_path, now):
    db, _, model = _session(tmp_path, now)
    assert soak.check_database(db, model, {}, None, {}) == ([], None)


def test_a_kill_inside_the_first_migration_leaves_a_valid_empty_database(tmp_path):
    # The first migration rolled back whole: a file with no tables and user_version 0.
    db = tmp_path / "mlinterview.sqlite3"
    sqlite3.connect(db).close()
    assert soak.check_database(db, soak.Model(), {}, None, {}) == ([], None)
    assert soak._next_start(db) == soak.START
    model = soak.Model()
    model.reviews["0" * 32] = "classification-metrics"  # reported, yet no table holds it
    failures, _ = soak.check_database(db, model, {}, None, {})
    assert failures == ["1 committed reviews lost, e.g. " + "0" * 32]


def test_verifier_finds_a_lost_review_and_an_unreported_one(tmp_path, now):
    db, _, model = _session(tmp_path, now)
    lost = next(iter(model.reviews))
    model.reviews["0" * 32] = "classification-metrics"  # reported, never stored
    failures, _ = soak.check_database(db, model, {}, None, {})
    assert failures == ["1 committed reviews lost, e.g. " + "0" * 32]
    del model.reviews[lost]  # stored, never reported, and nothing was in flight
    failures, _ = soak.check_database(db, model, {}, None, {})
    assert any(f.startswith("unreported rows stored: 1 reviews") for f in failures)


def test_verifier_finds_a_card_state_out_of_step_with_its_log(tmp_path, now):
    db, _, model = _session(tmp_path, now)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE card_state SET reps = 7")
    conn.close()
    failures, _ = soak.check_database(db, model, {}, None, {})
    assert failures == ["card classification-metrics: reps 7 but 2 reviews"]


def test_verifier_finds_an_exercise_schedule_out_of_step_with_its_attempts(tmp_path, now):
    db, _, model = _session(tmp_path, now)
    exercise_id = "classification-metrics/x"
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE exercise_schedule SET lapses = 2")
    failures, _ = soak.check_database(db, model, {}, None, {})
    assert failures == [f"exercise {exercise_id}: lapses 2 but the log has 0"]
    with conn:
        conn.execute("UPDATE exercise_attempts SET rating = NULL")
    failures, _ = soak.check_database(db, model, {}, None, {})
    assert failures == [f"exercise {exercise_id}: reps 1 but 0 reviews"]
    with conn:
        conn.execute("DELETE FROM exercise_schedule")
        conn.execute("UPDATE exercise_attempts SET rating = 3")
    conn.close()
    failures, _ = soak.check_database(db, model, {}, None, {})
    assert failures == [f"rated attempts without a schedule: ['{exercise_id}']"]


def test_verifier_finds_half_written_and_temporary_files(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    model = soak.Model()
    model.exports["backup.json"] = {"a" * 32}
    (out / "backup.json").write_text(json.dumps(
        {"format": "mlinterview-study", "reviews": [], "attempts": []}), encoding="utf-8")
    (out / "export-001-00000000.json").write_text('{"format": "mlinterview-st',
                                                  encoding="utf-8")
    (out / ".mlinterview-export-x.json").write_text("{", encoding="utf-8")
    failures = soak.check_outputs(out, model, None)
    assert failures[0] == "leftover file in the output folder: .mlinterview-export-x.json"
    assert failures[1] == "backup.json lacks 1 rows committed before its export"
    assert failures[2].startswith("half-written or unreadable export export-001-00000000.json")
    assert len(failures) == 3
