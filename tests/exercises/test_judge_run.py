"""The judge's Run path (issue 13 section 2): the visible examples (the first three fixed
cases) and the user's own input, every case shown; the expected value of the user's input
computed by the reference in the judge's own process, never sent to the submission's."""

from __future__ import annotations

import os

import numpy as np
import pytest

from mlinterview.exercises import judge as J
from mlinterview.exercises import sandbox as S
from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.exercises.user_input import user_case

REFERENCE_PIDS: list[int] = []


def reference(a, b):
    """a + b, refusing negative numbers (as a library refuses bad input); records the
    process it ran in."""
    REFERENCE_PIDS.append(os.getpid())
    if a < 0 or b < 0:
        raise ValueError(f"a and b must be non-negative, got a={a}, b={b}")
    return a + b


SPEC = ExerciseSpec(
    function="add",
    compare=AllClose(rtol=1e-12, atol=0),
    fixed=lambda: [Case((1, 2), note="small"), Case((0.5, 0.25), note="floats"),
                   Case((2, 2), note="equal"), Case((100, 1), note="hidden: fourth")],
    generated=lambda rng: [Case((float(a), float(b))) for a, b in rng.random(size=(5, 2))],
    reference=reference,
    limits=Limits(cpu_seconds=2, wall_seconds=20, memory_mb=512, output_mb=1),
)
NAMES = ["a", "b"]
RIGHT = "def add(a, b):\n    return a + b\n"


def run(source, mine=None, spec=SPEC):
    return J.run_examples(spec, source, mine, arg_names=NAMES)


def test_the_visible_examples_are_the_first_three_fixed_cases():
    cases, expected = J.visible_examples(SPEC)
    assert [c.note for c in cases] == ["small", "floats", "equal"]
    assert expected == [3, 0.75, 4]
    result = run(RIGHT)
    assert result.ok and result.outcome == J.RUN_PASSED and result.passed == 3
    assert [r.label for r in result.cases] == ["example 1", "example 2", "example 3"]
    first = result.cases[0]
    assert (first.input, first.expected, first.received) == ("a = 1, b = 2", "3", "3")
    assert result.message == "All 3 cases of this run passed; submit to be judged on every case."


def test_an_exercise_with_fewer_fixed_cases_shows_them_all():
    spec = ExerciseSpec(function="add", compare=SPEC.compare, reference=lambda a, b: a + b,
                        fixed=lambda: [Case((1, 1))], limits=SPEC.limits)
    assert [r.label for r in run(RIGHT, spec=spec).cases] == ["example 1"]


def test_the_users_input_is_checked_against_the_reference_run_here():
    REFERENCE_PIDS.clear()
    result = run("def add(a, b):\n    return a * b\n", user_case("3, 4", NAMES, None))
    assert set(REFERENCE_PIDS) == {os.getpid()}  # the judge's process computed 7
    mine = result.cases[-1]
    assert (mine.label, mine.input, mine.expected, mine.received) == \
        ("your input", "a = 3, b = 4", "7", "12")
    assert mine.passed is False and "expected 7" in mine.reason
    assert result.outcome == J.RUN_FAILED and not result.ok
    assert result.message.startswith("1 of 4 cases of this run passed")  # 2 * 2 == 2 + 2


def test_expected_values_of_the_run_never_reach_the_child():
    # A submission that reads its job finds the inputs only: no 3, 0.75, 4 or 7.
    source = ("import pickle\ndef add(a, b):\n"
              "    return repr(pickle.load(open('job.pickle', 'rb')))\n")
    result = run(source, user_case("3, 4", NAMES, None))
    job = result.cases[-1].received
    assert "(3, 4)" in job and "(1, 2)" in job and "(2, 2)" in job
    for answer in ("0.75", "7", "expected"):
        assert answer not in job, job


def test_a_reference_that_refuses_the_input_stops_the_run_before_it_starts(monkeypatch):
    def no_run(*args, **kwargs):
        raise AssertionError("the run started although the input was refused")

    monkeypatch.setattr(S, "run", no_run)
    with pytest.raises(J.InvalidInput, match=r"^your input is not valid for this function: "
                                             r"ValueError: a and b must be non-negative"):
        run(RIGHT, user_case("-1, 2", NAMES, None))
    with pytest.raises(J.InvalidInput, match="TypeError"):
        run(RIGHT, user_case("1, 2, 3", NAMES, None))  # too many arguments


def test_an_input_naming_a_file_on_this_machine_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(S, "run", lambda *a, **k: pytest.fail("ran"))
    secret = tmp_path / "solution.py"
    secret.write_text("the reference", encoding="utf-8")
    spec = ExerciseSpec(function="f", compare=SPEC.compare, reference=lambda p: 0,
                        fixed=lambda: [Case(("x",))], limits=SPEC.limits)
    with pytest.raises(J.InvalidInput, match="names a file on this machine"):
        J.run_examples(spec, "def f(p):\n    return 0\n", user_case(f"'{secret}'", ["p"], None))


@pytest.mark.parametrize(("source", "outcome", "words"), [
    ("def add(a, b:\n    return a\n", J.SYNTAX_ERROR, "line 1"),
    ("def plus(a, b):\n    return a + b\n", J.ERROR, "does not define a function named `add`"),
    ("def add(a, b):\n    if a == 3:\n        while True:\n            pass\n    return a + b\n",
     J.TIME_LIMIT, "on your input"),
])
def test_a_run_that_stops_says_why_and_shows_what_ran(source, outcome, words):
    result = run(source, user_case("3, 4", NAMES, None))
    assert result.outcome == outcome and words in result.message, result.message
    if outcome == J.TIME_LIMIT:  # the examples before the endless loop were answered
        assert [r.passed for r in result.cases] == [True, True, True]


def test_an_exception_on_one_case_is_shown_on_that_case():
    source = "def add(a, b):\n    if a == 2:\n        raise KeyError('two')\n    return a + b\n"
    result = run(source)
    assert [r.passed for r in result.cases] == [True, True, False]
    assert result.cases[2].received == "raised KeyError"
    assert "KeyError" in result.cases[2].reason


def test_lists_become_arrays_where_the_example_passes_arrays():
    example = Case((np.array([1.0, 2.0]), 3, [1, 2]), {"w": np.array([1, 2])})
    case = user_case("[1, 2], [3], [4], w=[5, 6]", ["x", "k", "z", "w"], example)
    x, k, z = case.args
    assert isinstance(x, np.ndarray) and x.dtype == np.float64  # floats, as the example
    assert k == [3] and z == [4]  # the example passes a number and a list there
    assert isinstance(case.kwargs["w"], np.ndarray) and case.kwargs["w"].dtype.kind == "i"
    by_name = user_case("k=1, x=[1, 2]", ["x", "k"], example)
    assert isinstance(by_name.kwargs["x"], np.ndarray)


def test_run_result_as_json():
    data = run(RIGHT, user_case("1, 1", NAMES, None)).to_dict()
    assert data["ok"] is True and data["passed"] == 4 and data["outcome"] == "passed"
    assert data["cases"][-1]["label"] == "your input"
