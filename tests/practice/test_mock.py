"""Mock interviews: the plan (weakest first, areas mixed, fits the minutes, one seed one
plan), the follow-up rule, resuming over the same database file, and the report."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import timedelta

import pytest
from _bank import first_bank
from hypothesis import given, settings
from hypothesis import strategies as st

from mlinterview.exercises.judge import Verdict
from mlinterview.practice import Practice
from mlinterview.practice.mock import (
    CARD_SECONDS,
    DESIGN_SECONDS,
    EXERCISE_SECONDS,
    FOLLOW_UP_SECONDS,
    MockSession,
    SessionRunning,
    StepError,
    mix,
    plan,
)
from mlinterview.study import Study
from mlinterview.study.store import Store
from mlinterview.topics import all_topics, get_topic

SLUG = "classification-metrics"  # 8 key points, 6 follow-ups with answers, one exercise

# Choices of exercise are pinned to the first bank (see _bank.py).
pytestmark = pytest.mark.usefixtures("first_bank")
__all__ = ["first_bank"]  # a fixture, imported for pytest to find


@pytest.fixture
def practice(study):
    return Practice(study)


def cards(steps) -> list[str]:
    return [s.slug for s in steps if s.kind == "card"]


@pytest.fixture
def weak_and_strong(study, practice, now):
    """Seven topics in five states, as a user's history would leave them:
    svm learnt then forgotten an hour ago (lapsed and due), pca due for eight days,
    kan answered covering 1 of its 5 key points (rated good anyway: not due),
    optimizers and bayes-rule never seen, entropy and lcs learnt yesterday (not due)."""
    study.review("svm", {}, rating=3, now=now - timedelta(days=20))
    study.review("svm", {}, rating=1, now=now - timedelta(hours=1))
    study.review("pca", {}, rating=3, now=now - timedelta(days=10))
    study.review("entropy", {}, rating=3, now=now - timedelta(days=1))
    study.review("lcs", {}, rating=3, now=now - timedelta(days=1))
    uid = practice.write("kan", "Splines on the edges.", now=now - timedelta(days=1)).uid
    practice.grade(uid, [0], rating=3, now=now - timedelta(days=1))
    return ["svm", "pca", "kan", "optimizers", "bayes-rule", "entropy", "lcs"]


def test_the_plan_takes_lapsed_due_low_coverage_then_never_seen_first(
        study, weak_and_strong, now):
    # 30 minutes: 10 for the exercise, 6 per question (4 + 2 kept for a follow-up): 3.
    three = plan(study, 30, topics=weak_and_strong, seed=0, now=now)
    assert sorted(cards(three)) == ["kan", "pca", "svm"]
    assert {s.slug: s.reason for s in three if s.kind == "card"} == {
        "svm": "due, lapsed", "pca": "due", "kan": "low coverage"}
    # 46 minutes: 6 questions; the never-seen pair comes before the cards learnt yesterday.
    six = plan(study, 46, topics=weak_and_strong, seed=0, now=now)
    assert len(cards(six)) == 6
    assert set(cards(six)) >= {"svm", "pca", "kan", "optimizers", "bayes-rule"}
    assert {"entropy", "lcs"} & set(cards(six)) in ({"entropy"}, {"lcs"})


def test_never_seen_cards_are_shuffled_by_the_seed_but_each_seed_is_one_plan(study, now):
    plans = {seed: [(s.kind, s.slug, s.budget) for s in plan(study, 60, seed=seed, now=now)]
             for seed in range(5)}
    again = {seed: [(s.kind, s.slug, s.budget) for s in plan(study, 60, seed=seed, now=now)]
             for seed in range(5)}
    assert plans == again
    assert len({tuple(p) for p in plans.values()}) > 1  # the seed does choose


def own_seconds(slug: str) -> int:
    """A question's full budget: a design question gets longer."""
    return DESIGN_SECONDS if get_topic(slug).is_design else CARD_SECONDS


def test_areas_take_turns_and_no_two_neighbours_share_one(study, now):
    steps = plan(study, 120, seed=3, now=now)
    areas = [get_topic(s).area for s in cards(steps)]
    reserved = sum(own_seconds(s) + FOLLOW_UP_SECONDS for s in cards(steps))
    # As many questions as fit: the time left could not hold one more plain question.
    assert reserved + EXERCISE_SECONDS <= 120 * 60
    assert 120 * 60 - EXERCISE_SECONDS - reserved < CARD_SECONDS + FOLLOW_UP_SECONDS
    assert all(a != b for a, b in itertools.pairwise(areas))
    # Every never-seen card is in one tier, so every area's first comes before any second.
    seven = len({t.area for t in all_topics().values()})
    assert len(set(areas[:seven])) == seven


def _has_perfect_order(areas: list[str]) -> bool:
    return any(all(a != b for a, b in itertools.pairwise(p))
               for p in itertools.permutations(areas))


@settings(max_examples=150)
@given(st.lists(st.sampled_from("abc"), min_size=1, max_size=7))
def test_mix_avoids_neighbours_of_one_area_whenever_some_order_does(areas):
    items = list(enumerate(areas))
    mixed = mix(items, area=lambda item: item[1])
    assert sorted(mixed) == items  # a reordering, nothing lost
    if _has_perfect_order(areas):
        assert all(a[1] != b[1] for a, b in itertools.pairwise(mixed))


def test_mix_keeps_the_best_ranked_first_when_it_can():
    assert mix(["a1", "b1", "c1"], area=lambda x: x[0]) == ["a1", "b1", "c1"]
    # a1 a2 b1: a1 must not be followed by a2, so b1 moves up.
    assert mix(["a1", "a2", "b1"], area=lambda x: x[0]) == ["a1", "b1", "a2"]


@pytest.mark.parametrize("minutes", [5, 9, 10, 15, 16, 21, 30, 45, 60, 120, 240])
def test_the_budgets_fit_the_minutes(study, now, minutes):
    steps = plan(study, minutes, seed=1, now=now)
    questions = [s for s in steps if s.kind == "card"]
    assert questions and steps[-1].kind == "exercise"
    reserved = sum(s.budget * (own_seconds(s.slug) + FOLLOW_UP_SECONDS) / own_seconds(s.slug)
                   for s in questions)
    assert reserved + steps[-1].budget <= minutes * 60
    if minutes >= 16:  # one question, its follow-up and the exercise fit at full length
        assert all(s.budget == own_seconds(s.slug) for s in questions)
        assert steps[-1].budget == EXERCISE_SECONDS


DESIGN = [slug for slug, t in all_topics().items() if t.is_design]


@pytest.mark.skipif(not DESIGN, reason="no system-design card yet")
def test_a_mixed_session_asks_one_design_question_at_most_with_a_longer_budget(study, now):
    seen = 0
    for seed in range(12):
        questions = [s for s in plan(study, 240, seed=seed, now=now) if s.kind == "card"]
        designs = [s for s in questions if get_topic(s.slug).is_design]
        assert len(designs) <= 1, seed
        assert all(s.budget == DESIGN_SECONDS for s in designs)
        seen += len(designs)
    # A 4-hour session holds 36 questions: every area's weakest comes first, so the
    # design area's weakest is always among them.
    assert seen == 12


@pytest.mark.skipif(not DESIGN, reason="no system-design card yet")
def test_a_design_only_session_asks_as_many_design_questions_as_fit(study, now):
    steps = plan(study, 60, areas=["system-design"], seed=0, now=now)
    questions = cards(steps)
    fit = (60 * 60 - EXERCISE_SECONDS) // (DESIGN_SECONDS + FOLLOW_UP_SECONDS)
    assert len(questions) == min(len(DESIGN), fit)
    assert set(questions) <= set(DESIGN)
    assert get_topic(steps[-1].slug).is_design


@pytest.mark.skipif(not DESIGN, reason="no system-design card yet")
def test_a_design_question_that_does_not_fit_gives_way_to_a_plain_one(study, now):
    # 16 minutes: 600 s for the exercise leaves 360 s, one plain question and its
    # follow-up; a design question (720 s with its follow-up) never fits.
    for seed in range(12):
        questions = cards(plan(study, 16, seed=seed, now=now))
        assert len(questions) == 1 and not get_topic(questions[0]).is_design, seed


def test_the_exercise_comes_from_the_session_or_the_nearest_topic_of_its_area(
        study, now, monkeypatch):
    from mlinterview import exercises

    full = exercises.registry()
    lcs = {e.id for e in full.values() if e.slug == "lcs"}
    assert plan(study, 10, topics=["lcs"], now=now)[-1].exercise_id in lcs
    # Topics without exercises (the bank gives every topic some, so take them away).
    kept = {k: e for k, e in full.items() if e.slug not in ("bias-variance", "distributions")}
    monkeypatch.setattr(exercises, "registry", lambda: kept)
    # bias-variance: overfitting and classification-metrics are both next to it in
    # index.yaml, and the earlier one wins the tie.
    assert plan(study, 10, topics=["bias-variance"], now=now)[-1].exercise_id.startswith(
        "overfitting/")
    # distributions: bayes-rule before it, p-values after it.
    assert plan(study, 10, topics=["distributions"], now=now)[-1].exercise_id.startswith(
        "bayes-rule/")


@pytest.mark.parametrize("kwargs, words", [
    ({"minutes": 4}, "minutes: expected 5 to 240"),
    ({"minutes": 241}, "minutes: expected 5 to 240"),
    ({"minutes": 30.0}, "minutes: expected a whole number"),
    ({"minutes": True}, "minutes: expected a whole number"),
    ({"minutes": 30, "areas": ["cooking"]}, "areas: unknown area 'cooking'"),
    ({"minutes": 30, "topics": ["svn"]}, "topics: unknown topic 'svn'; did you mean svm"),
    ({"minutes": 30, "areas": ["trees"], "topics": ["svm"]}, "topics: none of svm"),
    ({"minutes": 30, "seed": -1}, "seed: expected"),
])
def test_bad_plans_are_refused_by_name(study, now, kwargs, words):
    with pytest.raises(ValueError, match=words):
        plan(study, now=now, **kwargs)


# -- the session ---------------------------------------------------------------------------


def test_a_good_answer_earns_a_follow_up_with_a_known_answer(practice, now):
    assert len(get_topic(SLUG).key_points) == 8
    session = MockSession.start(practice, 10, topics=[SLUG], seed=4, now=now)
    session.answer("Precision, recall, F1, ROC AUC and PR AUC.", now=now)
    session.grade(range(6), now=now + timedelta(minutes=2))  # 6 of 8: the threshold, 0.75
    follow = session.current()
    assert (follow.kind, follow.slug, follow.phase) == ("follow-up", SLUG, "answer")
    known = {f.question: f.answer for f in get_topic(SLUG).follow_ups if f.answer}
    assert follow.question in known and follow.points == (known[follow.question],)
    reviews = len(practice.study.reviews())
    stored = session.answer("Because the positives are rare.", now=now)
    assert (stored.kind, stored.question, stored.points) == (
        "follow-up", follow.question, follow.points)
    session.grade([0], now=now + timedelta(minutes=3))
    assert len(practice.study.reviews()) == reviews  # graded without a second review
    assert session.current().kind == "exercise"


@pytest.mark.skipif(not DESIGN, reason="no system-design card yet")
def test_a_design_answer_is_scored_on_its_rubric_and_its_follow_up_keeps_its_budget(
        practice, now):
    from mlinterview.practice import rubric_steps, step_scores

    slug = DESIGN[0]
    topic = get_topic(slug)
    session = MockSession.start(practice, 30, topics=[slug], seed=0, now=now)
    step = session.current()
    assert step.budget == DESIGN_SECONDS
    stored = session.answer("Clarify the goal, then metrics, data, model and serving.",
                            now=now)
    steps = rubric_steps(stored, topic)
    assert stored.points == topic.key_points and len(steps) == len(topic.key_points)
    session.grade(range(len(steps)), now=now + timedelta(minutes=9))
    assert all(hit == total for _, hit, total in step_scores(steps, range(len(steps))))
    follow = session.current()
    assert follow.kind == "follow-up" and follow.budget == FOLLOW_UP_SECONDS


def test_a_weaker_answer_goes_straight_on(practice, now):
    session = MockSession.start(practice, 10, topics=[SLUG], seed=4, now=now)
    session.answer("Precision and recall.", now=now)
    session.grade(range(5), now=now)  # 5 of 8 < 0.75
    assert session.current().kind == "exercise"
    assert [s.kind for s in session.steps] == ["card", "exercise"]


def test_the_follow_up_is_drawn_with_the_seed(now, tmp_path):
    databases = itertools.count()

    def first_follow_up(seed: int) -> str:
        other = Practice(Study(Store(tmp_path / f"{next(databases)}.sqlite3")))
        session = MockSession.start(other, 10, topics=[SLUG], seed=seed, now=now)
        session.answer("All of it.", now=now)
        session.grade(range(8), now=now)
        return session.current().question

    assert first_follow_up(1) == first_follow_up(1)
    assert len({first_follow_up(seed) for seed in range(6)}) > 1


def test_steps_refuse_the_wrong_action(practice, now):
    session = MockSession.start(practice, 10, topics=[SLUG], seed=0, now=now)
    with pytest.raises(StepError, match="not an answer waiting for its key points"):
        session.grade([0], now=now)
    with pytest.raises(StepError, match="position: this page showed step 2"):
        session.answer("x", position=1, now=now)
    with pytest.raises(StepError, match="not the exercise"):
        session.submit_exercise("def f(): pass", Verdict("accepted", 1, 1, "ok"), now=now)
    with pytest.raises(ValueError, match="answer: expected some text"):
        session.answer("   ", now=now)
    assert session.current().phase == "answer"  # nothing stored by the refusals
    with pytest.raises(SessionRunning, match="a mock interview is running"):
        MockSession.start(practice, 10, now=now)
    session.abandon(now=now)
    with pytest.raises(StepError, match="is abandoned"):
        session.answer("late", now=now)
    with pytest.raises(StepError, match="abandoned already"):
        session.finish(now=now)
    assert MockSession.running(practice) is None
    MockSession.start(practice, 10, now=now)  # the abandoned one no longer blocks


def test_a_killed_process_resumes_at_the_same_step(store, now):
    """Each MockSession below is a new process's view: a new Store over the same file."""
    path = store.path

    def fresh() -> Practice:
        return Practice(Study(Store(path)))

    session = MockSession.start(fresh(), 30, seed=2, now=now)
    uid = session.uid
    session.answer("An answer written before the kill.", now=now + timedelta(minutes=1))
    after = MockSession.running(fresh())
    assert (after.uid, after.position, after.current().phase) == (uid, 0, "compare")
    assert after.answer_of(after.current()).answer == "An answer written before the kill."

    # Killed between storing an answer and linking it to the plan (two transactions, as
    # the CLI does through the answer helpers): the next process links it.
    step = after.current()
    after.grade([], now=now + timedelta(minutes=2))
    second = MockSession(fresh(), uid).current()
    written = fresh().write(second.slug, "Stored, then killed.", question=second.question,
                            session_uid=uid, now=now + timedelta(minutes=3))
    resumed = MockSession(fresh(), uid)
    assert resumed.position == 1 and resumed.current().answer_uid == written.uid
    # Killed between grading and moving on: the next process moves on.
    fresh().grade(written.uid, [], now=now + timedelta(minutes=4))
    moved = MockSession(fresh(), uid)
    assert moved.position == 2 and moved.steps[1].finished_at is not None
    assert moved.steps[0].slug == step.slug and moved.steps[0].covered == 0


def test_the_report_of_a_tiny_session(practice, now):
    """Every number below is worked out by hand from the times and ticks given."""
    session = MockSession.start(practice, 10, topics=[SLUG], seed=0, now=now)
    # 10 minutes hold less than one question (4 min), its follow-up (2) and the exercise
    # (10): every budget shrinks by 600 / 960 = 0.625.
    assert [(s.kind, s.budget) for s in session.steps] == [("card", 150), ("exercise", 375)]
    at = lambda seconds: now + timedelta(seconds=seconds)  # noqa: E731
    assert session.remaining(at(100)) == timedelta(seconds=500)
    session.answer("Precision and recall.", now=at(100))
    session.grade(range(6), now=at(130))                     # 6/8: a follow-up
    assert session.current().budget == 75                    # 120 * 0.625
    session.answer("Rare positives.", now=at(170))
    session.grade([], now=at(200))                           # 0/1
    session.submit_exercise("def f(): pass", Verdict("wrong answer", 3, 10, "no"),
                            now=at(500))
    session.submit_exercise("def f(): pass", Verdict("accepted", 10, 10, "ok"), now=at(560))
    report = session.finish(now=at(700))

    card, follow = report.questions
    assert (card.kind, card.slug, card.seconds, card.budget) == ("card", SLUG, 130, 150)
    assert (card.covered, card.total, card.coverage, card.rating) == (6, 8, 0.75, 2)
    assert (follow.kind, follow.seconds, follow.budget, follow.covered, follow.total,
            follow.rating) == ("follow-up", 70, 75, 0, 1, None)
    ex = report.exercise
    assert (ex.exercise_id, ex.verdict, ex.passed, ex.total, ex.attempts) == (
        "classification-metrics/precision-recall-f1", "accepted", 10, 10, 2)
    assert (ex.seconds, ex.budget) == (360, 375)             # from 200 s to 560 s
    assert (report.total_seconds, report.over) == (700, 100)
    assert (report.coverage, report.answered, report.asked) == (0.75, 1, 1)
    assert report.study_next == (SLUG,)                      # 75 % is not all of it

    stored = MockSession.get(practice, session.uid[:10])
    assert stored.state == "finished" and stored.report == report
    assert stored.current() is None
    [summary] = MockSession.history(practice)
    assert (summary.state, summary.coverage, summary.total_seconds, summary.answered,
            summary.asked, summary.verdict) == ("finished", 0.75, 700, 1, 1, "accepted")


def test_a_rejected_exercise_and_unanswered_questions_go_to_study_next(practice, now):
    # Neither topic has an exercise: it comes from a neighbour, overfitting or bayes-rule.
    session = MockSession.start(practice, 22, topics=["bias-variance", "distributions"],
                                seed=0, now=now)
    first, second = cards(session.steps)
    exercise = session.steps[-1]
    assert exercise.slug in ("overfitting", "bayes-rule")
    session.answer("Bias and variance.", now=now)
    session.grade([0, 1], now=now + timedelta(minutes=1))    # below 0.75: no follow-up
    assert session.current().slug == second
    session.answer("Normal, Poisson.", now=now + timedelta(minutes=2))  # never graded
    report = session.finish(now=now + timedelta(minutes=3))
    n = len(get_topic(first).key_points)
    assert [(q.slug, q.answered, q.covered) for q in report.questions] == [
        (first, True, 2), (second, True, None)]
    assert report.coverage == 2 / n and (report.answered, report.asked) == (2, 2)
    assert report.exercise.verdict is None and report.exercise.attempts == 0
    # Not graded counts as 0 %: first; then 2/n; then the exercise's topic, not solved.
    assert report.study_next == (second, first, exercise.slug)


def test_only_a_judged_submission_is_the_sessions_verdict(practice, now):
    session = MockSession.start(practice, 10, topics=[SLUG], now=now)
    session.answer("x", now=now)
    session.grade([], now=now)
    session.submit_exercise("def f(): pass", Verdict("wrong answer", 1, 9, "no"), now=now)
    session.submit_exercise("def f(): pass", Verdict("not judged", 0, 0, "busy"), now=now)
    assert session.current().verdict["verdict"] == "wrong answer"
    report = session.finish(now=now + timedelta(minutes=1))
    assert (report.exercise.verdict, report.exercise.attempts) == ("wrong answer", 1)
    assert report.study_next == (SLUG,)


def test_abandoned_sessions_keep_their_answers_and_a_report(practice, now):
    session = MockSession.start(practice, 10, topics=["svm"], now=now)
    session.answer("Support vectors.", now=now)
    report = session.abandon(now=now + timedelta(minutes=1))
    assert report.state == "abandoned" and report.questions[0].answered
    assert practice.answers("svm")[0].session_uid == session.uid
    assert [s.state for s in MockSession.history(practice)] == ["abandoned"]


def test_get_refuses_unknown_and_ambiguous_ids(practice, now):
    with pytest.raises(LookupError, match="no mock interview"):
        MockSession.get(practice, "ffff")
    with pytest.raises(LookupError, match="no mock interview"):
        MockSession.get(practice, "not hex; drop table")
    uids = set()
    while len({u[0] for u in uids}) == len(uids):  # two sessions whose ids share a digit
        session = MockSession.start(practice, 10, now=now)
        uids.add(session.uid)
        session.abandon(now=now)
    shared = Counter(u[0] for u in uids).most_common(1)[0][0]
    with pytest.raises(LookupError, match="several mock interviews"):
        MockSession.get(practice, shared)


def _damaged(study, now, **columns) -> str:
    """Import a session row with ``columns`` replaced (as a hand-edited export would
    bring); its uid."""
    import json as json_

    data = study.export_data()
    uid = "d" * 32
    row = {"uid": uid, "created_at": now.isoformat(), "updated_at": now.isoformat(),
           "minutes": 10, "seed": 0, "position": 0, "state": "running", "report": None,
           "plan": json_.dumps({"steps": [{"kind": "card", "slug": SLUG, "question": "Q?",
                                           "budget": 60}]})}
    row.update(columns)
    data["mock_sessions"] = [row]
    study.import_data(data)
    return uid


@pytest.mark.parametrize("columns", [
    {"plan": "{}"},
    {"plan": '{"steps": [{"kind": "card", "slug": "no-such-topic", "question": "Q", '
             '"budget": 60}]}'},
    {"plan": '{"steps": [{"kind": "essay", "slug": "svm", "question": "Q", "budget": 60}]}'},
    {"plan": '{"steps": [{"kind": "card", "slug": "svm", "question": "Q", "budget": "x"}]}'},
    {"plan": '{"steps": [7]}'},
    {"position": 9},
    {"minutes": 10**15},
    {"state": "finished", "report": '{"uid": "d", "coverage": "abc"}'},
])
def test_a_damaged_session_is_passed_over_not_a_crash(practice, study, now, columns):
    from mlinterview.practice.mock import UnreadableSession

    uid = _damaged(study, now, **columns)
    with pytest.raises(UnreadableSession, match="cannot be read"):
        MockSession(practice, uid)
    with pytest.raises(LookupError):
        MockSession.get(practice, uid)
    assert MockSession.running(practice) is None
    assert MockSession.history(practice) == []
    assert MockSession.start(practice, 10, now=now).current().kind == "card"


def test_odd_filters_in_an_imported_plan_are_ignored(practice, study, now):
    uid = _damaged(study, now, plan='{"steps": [{"kind": "card", "slug": "svm", '
                   '"question": "Q?", "budget": 60}], "areas": 5, "topics": ["svm", 3]}')
    session = MockSession.get(practice, uid)
    assert (session.areas, session.topics, session.current().slug) == ((), ("svm",), "svm")


def test_an_imported_session_goes_on_where_it_was(practice, study, now, tmp_path):
    session = MockSession.start(practice, 10, topics=[SLUG], seed=2, now=now)
    session.answer("Exported mid-interview.", now=now)
    path = tmp_path / "backup.json"
    study.export(path)
    other = Practice(Study(Store(tmp_path / "other.sqlite3")))
    other.study.import_file(path)
    moved = MockSession.running(other)
    assert (moved.uid, moved.position, moved.current().phase) == (session.uid, 0, "compare")
    assert moved.answer_of(moved.current()).answer == "Exported mid-interview."
