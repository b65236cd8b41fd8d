"""Quick checks: parsing a card's specs, grading each kind, and the rating a review suggests.

Every expected grade here is worked by hand from the spec in the test, never taken from
the grader.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mlinterview.quickchecks import (
    CheckResult,
    QuickCheck,
    grade,
    grade_all,
    normalise_text,
    parse_number,
    parse_quick_check,
    suggested_rating,
)

CHOICE = {"id": "c", "kind": "choice", "prompt": "Pick", "choices": ["a", "b", "c"], "answer": 1,
          "explain": "b it is."}
NUMERIC = {"id": "n", "kind": "numeric", "prompt": "How much?", "answer": 0.75,
           "tolerance": 0.01}
EXACT = {"id": "e", "kind": "exact", "prompt": "Name it", "answer": "ReLU",
         "accept": ["rectifier", "TP/(TP+FP)"]}


def check(spec: dict) -> QuickCheck:
    return parse_quick_check(spec, default_id="q1")


# -- parsing -----------------------------------------------------------------------------


def test_parse_builds_each_kind():
    c, n, e = check(CHOICE), check(NUMERIC), check(EXACT)
    assert (c.kind, c.answer, c.choices, c.explain) == ("choice", 1, ("a", "b", "c"), "b it is.")
    assert (n.kind, n.answer, n.tolerance) == ("numeric", 0.75, 0.01)
    assert (e.kind, e.answer, e.accept) == ("exact", "ReLU", ("rectifier", "TP/(TP+FP)"))


def test_parse_default_id_and_tolerance():
    spec = {k: v for k, v in NUMERIC.items() if k not in ("id", "tolerance")}
    parsed = parse_quick_check(spec, default_id="q7")
    assert parsed.id == "q7"
    assert parsed.tolerance == 0.0


def test_answer_text():
    assert check(CHOICE).answer_text == "b"
    assert check(NUMERIC).answer_text == "0.75 (± 0.01)"
    assert check({**NUMERIC, "tolerance": 0}).answer_text == "0.75"
    assert check(EXACT).answer_text == "ReLU"


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        ("not a mapping", "quick check"),
        ({**CHOICE, "kind": "essay"}, "kind"),
        ({k: v for k, v in CHOICE.items() if k != "kind"}, "kind"),
        ({**CHOICE, "prompt": "   "}, "prompt"),
        ({k: v for k, v in CHOICE.items() if k != "prompt"}, "prompt"),
        ({k: v for k, v in CHOICE.items() if k != "answer"}, "answer"),
        ({**CHOICE, "choices": ["only one"]}, "choices"),
        ({**CHOICE, "choices": {"a": 1, "b": 2}}, "choices"),
        ({k: v for k, v in CHOICE.items() if k != "choices"}, "choices"),
        ({**CHOICE, "answer": 3}, "answer"),
        ({**CHOICE, "answer": -1}, "answer"),
        ({**CHOICE, "answer": "1"}, "answer"),
        ({**CHOICE, "answer": True}, "answer"),
        ({**NUMERIC, "answer": "lots"}, "answer"),
        ({**NUMERIC, "answer": None}, "answer"),
        ({**NUMERIC, "answer": float("nan")}, "answer"),
        ({**NUMERIC, "answer": float("inf")}, "answer"),
        ({**NUMERIC, "tolerance": -0.1}, "tolerance"),
        ({**NUMERIC, "tolerance": "wide"}, "tolerance"),
        ({**NUMERIC, "tolerance": float("nan")}, "tolerance"),
        ({**EXACT, "answer": "  "}, "answer"),
        ({**EXACT, "answer": None}, "answer"),
        ({**EXACT, "accept": 3}, "accept"),
    ],
)
def test_malformed_spec_names_the_field(spec, field):
    # The message starts with the field, so a card author knows what to fix.
    with pytest.raises(ValueError, match=rf"^{field}\b"):
        check(spec)


def test_lone_accept_string_is_one_answer_not_its_letters():
    q = check({**EXACT, "accept": "rectifier"})
    assert q.accept == ("rectifier",)
    assert grade(q, "rectifier").correct
    assert not grade(q, "r").correct


def test_card_loader_reports_the_field():
    from pathlib import Path

    from mlinterview.topics import CardError, parse_card

    text = ("---\nslug: s\ntitle: T\narea: evaluation\nquestion: Q?\ndifficulty: E\n"
            "quick_checks:\n  - {kind: numeric, prompt: p, answer: 1, tolerance: -1}\n---\n")
    with pytest.raises(CardError, match="quick check 1: tolerance"):
        parse_card(text, Path("s.md"))


# -- grading -----------------------------------------------------------------------------


@pytest.mark.parametrize(("given", "correct"), [
    ("1", True), (" 1 \n", True), (1, True), ("0", False), ("2", False), ("b", False),
    ("", False), (None, False), ("-1", False), ("1.0", False), ("99", False),
])
def test_choice_grading(given, correct):
    assert grade(check(CHOICE), given).correct is correct


@pytest.mark.parametrize(("given", "correct"), [
    ("0.75", True), ("0.755", True), ("0.745", True), ("0.76", True), ("0.74", True),
    ("0.7601", False), ("0.7399", False), ("75%", True), ("3/4", True), ("0,75", True),
    (" 0.75 ", True), ("7.5e-1", True), ("0.5", False), ("", False), (None, False),
    ("three quarters", False), ("3/0", False), ("1/2/3", False), ("nan", False),
])
def test_numeric_grading_with_tolerance(given, correct):
    # |given - 0.75| <= 0.01 by hand: 0.76 and 0.74 sit on the boundary and count as right.
    assert grade(check(NUMERIC), given).correct is correct


def test_numeric_zero_tolerance_is_exact():
    q = check({**NUMERIC, "answer": 2, "tolerance": 0})
    assert grade(q, "2").correct
    assert grade(q, "2.0").correct
    assert not grade(q, "2.0001").correct


@pytest.mark.parametrize(("given", "correct"), [
    ("ReLU", True), ("relu", True), ("  RELU  ", True), ("Re LU", True), ("relu.", True),
    ("`relu`", True), ("Rectifier", True), ("tp / (tp + fp)", True), ("TP/(TP+FP)", True),
    ("ReLÜ", True),  # accents are folded, as a keyboard without them would type it
    ("tanh", False), ("rel", False), ("", False), ("   ", False), (None, False),
    ("tp/(tp+fn)", False),
])
def test_exact_grading_accept_list_case_and_whitespace(given, correct):
    assert grade(check(EXACT), given).correct is correct


def test_exact_without_accept_list():
    q = check({"kind": "exact", "prompt": "p", "answer": "softmax"})
    assert grade(q, "SoftMax").correct
    assert not grade(q, "rectifier").correct


def test_feedback_gives_the_answer_and_explanation():
    q = check(CHOICE)
    right, wrong = grade(q, "1"), grade(q, "0")
    assert right.feedback.startswith("Right.") and "b it is." in right.feedback
    assert wrong.feedback.startswith("Not quite") and "the answer is b" in wrong.feedback
    assert "b it is." in wrong.feedback
    assert grade(check(NUMERIC), "1").feedback == "Not quite: the answer is 0.75 (± 0.01)."


def test_given_is_stored_stripped():
    assert grade(check(EXACT), "  relu \n").given == "relu"
    assert grade(check(EXACT), None).given == ""


@pytest.mark.parametrize(("text", "value"), [
    ("0.25", 0.25), ("25%", 0.25), ("1/4", 0.25), ("1e-3", 0.001), ("-2", -2.0),
    (" 1 / 4 ", 0.25), ("0,5", 0.5), ("", None), ("   ", None), ("x", None), ("1/0", None),
    ("%", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


# Expressions people type, each value worked by hand.
@pytest.mark.parametrize(("text", "value"), [
    ("sqrt(3)", 3 ** 0.5), ("√3", 3 ** 0.5), ("√(3)", 3 ** 0.5), ("√2/2", 2 ** 0.5 / 2),
    ("3√2", 3 * 2 ** 0.5), ("log2(8)", 3.0), ("ln(2)", 0.6931471805599453),
    ("log(e)", 1.0), ("log10(1000)", 3.0), ("exp(0)", 1.0), ("2/3", 2 / 3), ("8/3", 8 / 3),
    ("45%", 0.45), ("50 %", 0.5), ("2^10", 1024.0), ("2**10", 1024.0), ("3²", 9.0),
    ("π/4", 0.7853981633974483), ("2π", 6.283185307179586), ("2 pi", 6.283185307179586),
    ("1e-3*2", 0.002), ("1E-3", 0.001), ("2(1+1)", 4.0), ("−0.5", -0.5), ("2×3", 6.0),
    ("6÷4", 1.5), ("-(1/4)", -0.25), ("abs(-2)", 2.0), (".5", 0.5), ("5.", 5.0),
])
def test_an_expression_is_read_as_its_value(text, value):
    assert parse_number(text) == pytest.approx(value, rel=1e-15)


@pytest.mark.parametrize("text", [
    "10**10**10", "sqrt(-1)", "log(0)", "__import__('os').system('true')", "(2).real",
    "[1]", "1 if 1 else 2", "x", "3x", "1,5,6", "sqrt(1, 2)", "sqrt(x=1)", "True",
    "'1'", "lambda: 1", "pi()", "e.real", "1" * 300, "(" * 100 + "1" + ")" * 100,
])
def test_what_is_not_arithmetic_is_not_a_number(text):
    assert parse_number(text) is None


def test_a_numeric_check_accepts_an_expression_within_its_tolerance():
    q = check({"id": "h", "kind": "numeric", "prompt": "Huffman average?", "answer": 2.6667,
               "tolerance": 0.001})
    assert grade(q, "8/3").correct and grade(q, "2.667").correct
    assert "(8/3 read as 2.66667)" in grade(q, "8/3").feedback
    assert "read as" not in grade(q, "2.667").feedback
    assert not grade(q, "log2(6)").correct  # the entropy, a different number


def test_normalise_text():
    assert normalise_text("  Hello  World. ") == "helloworld"
    assert normalise_text("Café") == "cafe"
    assert normalise_text("2 × 3") == "2*3"


def test_grade_all_missing_answers_are_wrong():
    checks = (check(CHOICE), check(NUMERIC), check(EXACT))
    results = grade_all(checks, {"c": "1", "e": "relu"})
    assert [r.correct for r in results] == [True, False, True]
    assert [r.check.id for r in results] == ["c", "n", "e"]


# -- rating ------------------------------------------------------------------------------


def _results(pattern: str) -> list[CheckResult]:
    q = check(CHOICE)
    return [CheckResult(q, "", ch == "1", "") for ch in pattern]


@pytest.mark.parametrize(("pattern", "rating"), [
    ("1", 3), ("11", 3), ("111", 3),           # all right: Good
    ("10", 2), ("110", 2), ("1100", 2),        # at least half: Hard
    ("0", 1), ("100", 1), ("00", 1), ("10000", 1),  # less than half: Again
])
def test_suggested_rating(pattern, rating):
    assert suggested_rating(_results(pattern)) == rating


def test_suggested_rating_needs_results():
    with pytest.raises(ValueError, match="results"):
        suggested_rating([])


@settings(max_examples=200, deadline=None)
@given(answer=st.floats(-1e6, 1e6), tolerance=st.floats(0, 1e3),
       offset=st.floats(-3, 3))
def test_numeric_grade_is_the_tolerance_band(answer, tolerance, offset):
    """``given`` = answer + offset * tolerance (typed as text) is right iff |offset| <= 1;
    offsets within 1e-6 of the edge are left out, where rounding decides."""
    assume(abs(abs(offset) - 1) > 1e-6 and tolerance > 1e-6 * max(1, abs(answer)))
    q = check({**NUMERIC, "answer": answer, "tolerance": tolerance})
    assert grade(q, repr(answer + offset * tolerance)).correct is (abs(offset) <= 1)
