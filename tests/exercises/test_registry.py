"""Every registered exercise: the judge accepts its reference solution and rejects its
starter and every known-wrong solution."""

import pytest

from mlinterview import exercises
from mlinterview.exercises.judge import ACCEPTED

EXERCISES = sorted(exercises.registry())
WRONG = [(e, w.name) for e in EXERCISES for w in exercises.get(e).wrong]


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_reference_solution_is_accepted(exercise_id):
    verdict = exercises.check(exercise_id, exercises.get(exercise_id).solution)
    assert verdict.verdict == ACCEPTED, verdict.message
    assert verdict.passed == verdict.total > 10


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_starter_is_rejected(exercise_id):
    assert not exercises.check(exercise_id, exercises.get(exercise_id).starter).accepted


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_exercise_is_well_formed(exercise_id):
    e = exercises.get(exercise_id)
    assert len(e.wrong) >= 3, "at least three known-wrong solutions"
    assert all(w.mistake for w in e.wrong), "each wrong solution names its mistake"
    assert e.title and e.statement.startswith("# ")
    assert e.arg_names, "the starter defines the function with its parameters"
    assert e.spec.function in e.starter and e.spec.function in e.solution
    cases = e.spec.cases()
    assert any(c.has_expected for c in cases), "some cases are worked by hand"
    sizes = [c.size for c in cases[len(e.spec.fixed()):]]
    assert sizes == sorted(sizes), "generated cases run smallest first"


@pytest.mark.parametrize("exercise_id, wrong", WRONG)
def test_known_wrong_solution_is_rejected(exercise_id, wrong):
    e = exercises.get(exercise_id)
    source = next(w.source for w in e.wrong if w.name == wrong)
    verdict = exercises.check(exercise_id, source)
    assert not verdict.accepted, f"{wrong} was accepted"
    assert verdict.first_failure is not None or verdict.verdict != ACCEPTED


def test_hand_worked_cases_agree_with_the_reference():
    # The fixed cases with a hand-written answer must match the library reference too.
    for exercise_id in EXERCISES:
        spec = exercises.get(exercise_id).spec
        if spec.reference is None:
            continue
        for case in spec.fixed():
            if case.has_expected and not case.raises:
                got = spec.reference(*case.args, **case.kwargs)
                assert spec.compare(case.expected, got, case) is None, (exercise_id, case.note)


def test_unknown_exercise_suggests():
    with pytest.raises(exercises.UnknownExerciseError, match="did you mean"):
        exercises.get("classification-metrics/precision-recal-f1")
