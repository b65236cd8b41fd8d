"""The user's own input for a Run: the arguments of one call, written as Python literals.

The text is what goes between the parentheses of a call of the exercise's function::

    [1, 0, 1, 1], [1, 1, 0, 1]                  # two positional arguments
    [1, 0, 2], [0, 0, 2], average="macro"      # and a keyword argument
    ([1, 0, 1, 1], [1, 1, 0, 1])               # a tuple of all of them is read the same

It is parsed with :mod:`ast` and every value with :func:`ast.literal_eval`, so nothing
is ever executed: numbers, strings, bytes, ``True``/``False``/``None``, tuples, lists,
dicts and sets only (``np.array(...)`` or ``2 ** 10`` are refused with the reason). The
text is capped at :data:`MAX_INPUT_CHARS` characters, so an input cannot be large enough
to tie the judge up.

A list is given to the function as a NumPy array where the exercise's own first example
passes an array in that place (the user types ``[1, 0, 1]`` where the function expects
``y_true`` as an array), with the example's kind of numbers (floats stay floats).
"""

from __future__ import annotations

import ast
from typing import Any

import numpy as np

from mlinterview.exercises.spec import Case

MAX_INPUT_CHARS = 20_000


class InputError(ValueError):
    """User input that is not a call's arguments as literals (the message says why)."""


def _literal(node: ast.AST, where: str) -> Any:
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError) as exc:
        shown = ast.unparse(node) if not isinstance(exc, RecursionError) else "..."
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        raise InputError(f"{where} {shown!r} is not a literal (numbers, strings, lists, "
                         "tuples, dicts, True/False/None)") from None


def parse_arguments(text: str, arg_names: list[str] | None = None) -> tuple[tuple, dict]:
    """``(args, kwargs)`` from the text of a call's arguments; :class:`InputError` if it
    is not one. ``arg_names`` (the function's positional parameters) lets a single tuple
    stand for all the arguments of a function that takes more than one."""
    if not isinstance(text, str):
        raise InputError(f"input: expected text, got {type(text).__name__}")
    if len(text) > MAX_INPUT_CHARS:
        raise InputError(f"input: at most {MAX_INPUT_CHARS} characters, got {len(text)}")
    if not text.strip():
        raise InputError("input: empty; write the arguments as in a call, e.g. "
                         "[1, 0, 1], [1, 1, 0]")
    try:
        # The arguments on their own lines: a trailing comment cannot hide the ")".
        tree = ast.parse(f"f(\n{text}\n)", mode="eval")
    except SyntaxError as exc:
        line = max(1, (exc.lineno or 2) - 1)
        raise InputError(f"input: not the arguments of a call ({exc.msg}, line {line})") \
            from None
    except (ValueError, MemoryError, RecursionError) as exc:  # NUL bytes, deep nesting
        reason = "nested too deeply" if isinstance(exc, RecursionError | MemoryError) \
            else str(exc)
        raise InputError(f"input: cannot be read ({reason})") from None
    call = tree.body
    # "1), (2" or "1)(2" parse, but as something other than one call of f.
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
            and call.func.id == "f"):
        raise InputError("input: not the arguments of a call")
    args, kwargs = [], {}
    for i, node in enumerate(call.args, 1):
        if isinstance(node, ast.Starred):
            raise InputError("input: *arguments are not supported; write them out")
        args.append(_literal(node, f"input: argument {i}"))
    for keyword in call.keywords:
        if keyword.arg is None:
            raise InputError("input: **arguments are not supported; write them out")
        if keyword.arg in kwargs:
            raise InputError(f"input: {keyword.arg}= is given twice")
        kwargs[keyword.arg] = _literal(keyword.value, f"input: {keyword.arg}=")
    names = arg_names or []
    bare = text.strip()
    if (len(args) == 1 and not kwargs and isinstance(args[0], tuple) and len(names) > 1
            and bare.startswith("(") and bare.endswith(")")):
        args = list(args[0])  # "(a, b)": the tuple of all the arguments
    return tuple(args), kwargs


def _like(value: Any, example: Any) -> Any:
    """``value`` as an array when ``example`` is one and ``value`` is a list or tuple."""
    if not isinstance(example, np.ndarray) or not isinstance(value, (list, tuple)):
        return value
    try:
        array = np.asarray(value)
    except ValueError:  # ragged: leave it as typed; the function will say what it thinks
        return value
    if array.dtype.kind in "biu" and example.dtype.kind == "f":
        array = array.astype(example.dtype)
    return array if array.dtype.kind in "biufU" else value


def user_case(text: str, arg_names: list[str], example: Case | None) -> Case:
    """A :class:`~mlinterview.exercises.spec.Case` from the user's text, lists turned into
    arrays where ``example`` (the exercise's first case) passes arrays."""
    args, kwargs = parse_arguments(text, arg_names)
    if example is not None:
        # The example's value for each parameter, passed by position or by keyword.
        shown = dict(zip(arg_names, example.args, strict=False)) | example.kwargs
        args = tuple(_like(v, example.args[i]) if i < len(example.args) else v
                     for i, v in enumerate(args))
        kwargs = {k: _like(v, shown[k]) if k in shown else v for k, v in kwargs.items()}
    return Case(args, kwargs)  # a Run labels it "your input"


def _literal_text(value: Any) -> str:
    """``value`` written as a Python literal (arrays as lists); ``ValueError`` if it has
    no literal form."""
    if isinstance(value, np.ndarray):
        return _literal_text(value.tolist())
    if isinstance(value, np.generic):
        return _literal_text(value.item())
    if isinstance(value, list):
        return "[" + ", ".join(_literal_text(v) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(_literal_text(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal_text(k)}: {_literal_text(v)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, float) and not np.isfinite(value):
        raise ValueError("no literal for a non-finite float")
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes)):
        return repr(value)
    raise ValueError(f"no literal for {type(value).__name__}")


def example_text(case: Case, limit: int = 160) -> str | None:
    """The arguments of ``case`` as the user would type them (``[1, 0], [1, 1]``), or None
    when they are longer than ``limit`` characters or have no literal form."""
    try:
        parts = [_literal_text(a) for a in case.args]
        parts += [f"{k}={_literal_text(v)}" for k, v in case.kwargs.items()]
    except (ValueError, RecursionError):
        return None
    text = ", ".join(parts)
    return text if 0 < len(text) <= limit else None
