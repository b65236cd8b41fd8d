"""Every registered exercise: the judge accepts its reference solution and rejects its
starter and every known-wrong solution.

The reference of every exercise goes through the real judge (its own sandboxed process):
that is the end-to-end proof that the exercise can be solved inside the sandbox. The
starter and the known-wrong solutions (about 950) test the exercise's cases, not the
sandbox (tests/exercises/test_judge.py and test_jail.py do that), so they are judged on
the same cases, with the judge's comparison and CPU limit, in one worker process per
exercise (``mutation.judge_sources``), and go to the real judge only when the worker
accepts them (a solution meant to break the sandbox's memory cap). One sandboxed process
each would be the largest share of the suite's time. The real judge still rejects a
known-wrong solution of one exercise per area, end to end.
"""

import pytest

from mlinterview import exercises
from mlinterview.exercises import mutation
from mlinterview.exercises.judge import ACCEPTED

EXERCISES = sorted(exercises.registry())


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_reference_solution_is_accepted(exercise_id):
    verdict = exercises.check(exercise_id, exercises.get(exercise_id).solution)
    assert verdict.verdict == ACCEPTED, verdict.message
    assert verdict.passed == verdict.total > 10


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


# The first exercise of each area, by id: the real judge's rejection, end to end.
ONE_PER_AREA = sorted({exercises.get(i).area: i for i in reversed(EXERCISES)}.values())


@pytest.mark.parametrize("exercise_id", ONE_PER_AREA)
def test_a_known_wrong_solution_is_rejected_by_the_judge(exercise_id):
    e = exercises.get(exercise_id)
    wrong = e.wrong[0]
    verdict = exercises.check(exercise_id, wrong.source)
    assert not verdict.accepted, f"{wrong.name} was accepted"
    assert verdict.first_failure is not None or verdict.verdict != ACCEPTED


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_the_starter_and_every_known_wrong_solution_are_rejected(exercise_id):
    e = exercises.get(exercise_id)
    named = [("the starter", e.starter)] + [(w.name, w.source) for w in e.wrong]
    outcomes = mutation.judge_sources(exercise_id, [source for _, source in named])
    accepted = []
    for (name, source), (status, reason) in zip(named, outcomes, strict=True):
        # Accepted in the worker: only the sandbox's own limits (its memory cap, for a
        # solution that keeps too much) can reject it, so the real judge decides.
        if status != mutation.KILLED and exercises.check(exercise_id, source).accepted:
            accepted.append(f"{name} ({reason})")
    assert not accepted, f"accepted: {accepted}"


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
