"""Parsing the user's own input for a Run: a call's arguments as literals, never code."""

from __future__ import annotations

import pytest

from mlinterview.exercises.user_input import MAX_INPUT_CHARS, InputError, parse_arguments


@pytest.mark.parametrize(("text", "names", "args", "kwargs"), [
    ("1, 2", ["a", "b"], (1, 2), {}),
    ("[1, 0, 1], [1, 1, 0], average='macro'", ["y", "p", "average"],
     ([1, 0, 1], [1, 1, 0]), {"average": "macro"}),
    ("([1, 0], [0, 1])", ["y", "p"], ([1, 0], [0, 1]), {}),  # the tuple of all of them
    ("([1, 0], [0, 1])", ["pairs"], (([1, 0], [0, 1]),), {}),  # one parameter: a tuple
    ("(1, 2),", ["a", "b"], ((1, 2),), {}),  # a trailing comma: one tuple argument
    ("-1.5e3, float('nan')".replace("float('nan')", "1j"), ["a", "b"], (-1500.0, 1j), {}),
    ("{'a': [1, 2]}, {1, 2}, b'x', None, True", None,
     ({"a": [1, 2]}, {1, 2}, b"x", None, True), {}),
    ("1,  # a comment\n 2", ["a", "b"], (1, 2), {}),
    ("\n  [1,\n   2]\n", ["x"], ([1, 2],), {}),
])
def test_arguments_are_read_as_literals(text, names, args, kwargs):
    assert parse_arguments(text, names) == (args, kwargs)


@pytest.mark.parametrize(("text", "words"), [
    ("", "empty"),
    ("   \n", "empty"),
    ("__import__('os').system('true')", "argument 1 \"__import__('os').system('true')\" is"),
    ("np.array([1, 2])", "is not a literal"),
    ("2 ** 10", "is not a literal"),
    ("x=open('/etc/passwd')", "input: x="),
    ("*[1, 2]", "*arguments"),
    ("**{'a': 1}", "**arguments"),
    ("1)(2", "not the arguments of a call"),
    ("1), (2", "not the arguments of a call"),
    ("1) + f(2", "not the arguments of a call"),
    ("[1, 2", "not the arguments of a call"),
    ("a=1, a=2", "a= is given twice"),
    ("lambda: 0", "is not a literal"),
    ("[" * 10_000, "input: "),
    ("9" * 5000, "input: "),  # more digits than int() reads
    ("\x00", "input: "),
])
def test_anything_else_is_refused_with_the_reason(text, words):
    with pytest.raises(InputError, match=r"^input: ") as info:
        parse_arguments(text, ["a", "b"])
    assert words in str(info.value)


def test_the_size_is_capped():
    with pytest.raises(InputError, match=f"at most {MAX_INPUT_CHARS} characters"):
        parse_arguments("[" + "1, " * MAX_INPUT_CHARS + "]")
    with pytest.raises(InputError, match="expected text"):
        parse_arguments(b"1, 2")


def test_an_examples_arguments_are_written_back_as_the_user_would_type_them():
    import numpy as np

    from mlinterview.exercises.spec import Case
    from mlinterview.exercises.user_input import example_text

    case = Case((np.array([1.5, 2.0]), (1,), {"k": np.int64(3)}), {"average": "macro"})
    text = example_text(case)
    assert text == "[1.5, 2.0], (1,), {'k': 3}, average='macro'"
    args, kwargs = parse_arguments(text, ["x", "t", "d", "average"])
    assert args == ([1.5, 2.0], (1,), {"k": 3}) and kwargs == {"average": "macro"}
    assert example_text(Case((list(range(1000)),))) is None  # too long to be a hint
    assert example_text(Case((float("nan"),))) is None
    assert example_text(Case((object(),))) is None
