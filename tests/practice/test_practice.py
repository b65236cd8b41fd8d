"""Answer first, then compare: answers are stored when written, graded into a review."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from mlinterview.practice import Practice, rating_from_coverage
from mlinterview.topics import get_topic

SLUG = "classification-metrics"


@pytest.fixture
def practice(study):
    return Practice(study)


@pytest.mark.parametrize("covered, total, rating", [
    (8, 8, 3), (4, 8, 2), (5, 8, 2), (3, 8, 1), (0, 8, 1), (1, 1, 3), (0, 1, 1)])
def test_the_share_covered_suggests_a_rating(covered, total, rating):
    assert rating_from_coverage(covered, total) == rating


@pytest.mark.parametrize("covered, total", [(0, 0), (3, 2), (-1, 4)])
def test_rating_from_coverage_refuses_impossible_counts(covered, total):
    with pytest.raises(ValueError, match=r"total|covered"):
        rating_from_coverage(covered, total)


def test_an_answer_is_stored_when_written_then_graded_into_a_review(practice, study, now):
    topic = get_topic(SLUG)
    written = practice.write(SLUG, "Precision is TP/(TP+FP).", seconds=42.5, now=now)
    assert not written.graded and written.points == topic.key_points
    assert written.question == topic.question and written.seconds == 42.5
    assert study.card_state(SLUG) is None  # writing alone reviews nothing

    later = now + timedelta(minutes=2)
    graded, outcome = practice.grade(written.uid, [1, 0], suggested=[1], now=later)
    assert graded.ticked == (0, 1) and graded.suggested == (1,)
    n = len(topic.key_points)
    assert outcome.rating == graded.rating == rating_from_coverage(2, n)
    review = study.reviews(SLUG)[0]
    assert review["uid"] == outcome.uid == graded.review_uid
    assert review["kind"] == "answer" and (review["correct"], review["total"]) == (2, n)
    assert json.loads(review["answers"]) == {"answer_uid": written.uid, "ticked": [0, 1]}
    assert study.card_state(SLUG) is not None


def test_the_user_may_choose_the_rating_and_grade_only_once(practice, now):
    uid = practice.write(SLUG, "All of it.", now=now).uid
    graded, outcome = practice.grade(uid, range(len(get_topic(SLUG).key_points)), rating=4,
                                     now=now)
    assert graded.rating == outcome.rating == 4 and outcome.suggested == 3
    with pytest.raises(ValueError, match="graded already"):
        practice.grade(uid, [], now=now)


def test_a_follow_up_is_graded_without_a_second_review(practice, study, now):
    follow = get_topic(SLUG).follow_ups[0]
    uid = practice.write(SLUG, "The positives are rare.", question=follow.question,
                         kind="follow-up", points=[follow.answer], now=now).uid
    graded, outcome = practice.grade(uid, [0], review=False, now=now)
    assert outcome is None and graded.review_uid is None and graded.rating is None
    assert graded.coverage == 1.0 and study.reviews(SLUG) == []


@pytest.mark.parametrize("kwargs, words", [
    ({"answer": "   "}, "answer: expected some text"),
    ({"answer": "x" * 20_001}, "answer: expected at most"),
    ({"answer": "ok", "kind": "essay"}, "kind: expected one of"),
    ({"answer": "ok", "seconds": -1}, "seconds: expected"),
])
def test_bad_answers_are_refused_by_name(practice, kwargs, words):
    with pytest.raises(ValueError, match=words):
        practice.write(SLUG, **kwargs)


@pytest.mark.parametrize("ticked, words", [([99], "from 0 to"), ([True], "numbers"),
                                           ([1.5], "numbers"), (["x"], "numbers")])
def test_bad_ticks_are_refused_by_name(practice, ticked, words):
    uid = practice.write(SLUG, "Something.").uid
    with pytest.raises(ValueError, match=f"ticked: expected.*{words}"):
        practice.grade(uid, ticked)
    assert not practice.get(uid).graded  # nothing half-stored


def test_ticks_from_a_form_are_text(practice):
    uid = practice.write(SLUG, "Something.").uid
    assert practice.grade(uid, ["2", "0"])[0].ticked == (0, 2)


def test_answers_travel_with_export_and_import(practice, study, tmp_path, now):
    from mlinterview.study import Study
    from mlinterview.study.store import Store

    uid = practice.write(SLUG, "Precision and recall.", now=now).uid
    practice.grade(uid, [0], now=now)
    practice.write("svm", "Max margin.", now=now)  # never graded: exported too
    path = tmp_path / "backup.json"
    counts = study.export(path)
    assert counts["answers"] == 2
    other = Study(Store(tmp_path / "other.sqlite3"))
    added = other.import_file(path)
    assert added["answers"] == 2 and added["reviews"] == 1
    again = Practice(other).answers()
    assert {a.uid for a in again} == {a.uid for a in practice.answers()}
    assert Practice(other).get(uid).ticked == (0,)
    assert other.import_file(path)["answers"] == 0  # by uid: no duplicates
