"""Quick checks: the small auto-graded questions at the end of every card.

Three kinds, all graded without a human:

- ``choice``: pick one option; ``answer`` is the index of the right option (0-based).
- ``numeric``: a number, right when ``|given - answer| <= tolerance``; the user may type
  it as arithmetic (``8/3``, ``sqrt(3)``, ``√3``, ``log2(8)``, ``45%``), read by a small
  parser of ours (:func:`parse_number`), never by ``eval``.
- ``exact``: a short text, right when it equals ``answer`` or one of ``accept`` after
  normalising case, spaces and a few symbols (``TP/(TP+FP)`` equals ``tp / (tp + fp)``).

A review is the set of a card's quick checks answered in one go; the fraction right maps
to an FSRS rating (:func:`suggested_rating`), which the user may override.
"""

from __future__ import annotations

import ast
import math
import operator
import re
import unicodedata
from dataclasses import dataclass

KINDS = ("choice", "numeric", "exact")


@dataclass(frozen=True)
class QuickCheck:
    """One auto-graded question of a card."""

    id: str
    kind: str
    prompt: str
    answer: object
    choices: tuple[str, ...] = ()
    tolerance: float = 0.0
    accept: tuple[str, ...] = ()
    explain: str = ""

    @property
    def answer_text(self) -> str:
        """The right answer in words, for feedback."""
        if self.kind == "choice":
            return self.choices[int(self.answer)]
        if self.kind == "numeric":
            return f"{self.answer:g}" + (f" (± {self.tolerance:g})" if self.tolerance else "")
        return str(self.answer)


@dataclass(frozen=True)
class CheckResult:
    """The grade of one answer."""

    check: QuickCheck
    given: str
    correct: bool
    feedback: str


def _strings(raw: dict, key: str) -> tuple[str, ...]:
    """A list of strings from the spec; a lone string counts as a one-item list (never as
    its characters, which would accept every single letter of it)."""
    value = raw.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list | tuple):
        raise ValueError(f"{key}: expected a list of strings, got {type(value).__name__}")
    return tuple(str(v) for v in value)


def parse_quick_check(raw: object, default_id: str) -> QuickCheck:
    """Build a :class:`QuickCheck` from a card's YAML mapping.

    Raises ``ValueError`` whose message starts with the faulty field, e.g.
    ``"answer: expected a choice index in [0, 2], got 3"``.
    """
    if not isinstance(raw, dict):
        raise ValueError(f"quick check: expected a mapping, got {type(raw).__name__}")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {kind!r}")
    prompt = str(raw.get("prompt") or "").strip()
    if not prompt:
        raise ValueError("prompt: expected the question text, got nothing")
    if "answer" not in raw:
        raise ValueError("answer: missing")
    answer = raw["answer"]
    common = dict(
        id=str(raw.get("id") or default_id),
        kind=kind,
        prompt=prompt,
        explain=str(raw.get("explain") or "").strip(),
    )
    if kind == "choice":
        choices = _strings(raw, "choices")
        if len(choices) < 2:
            raise ValueError(f"choices: expected at least 2 options, got {len(choices)}")
        # bool is an int in Python; `answer: yes` in YAML is a mistake, not index 1.
        if (not isinstance(answer, int) or isinstance(answer, bool)
                or not 0 <= answer < len(choices)):
            raise ValueError(f"answer: expected a choice index in [0, {len(choices) - 1}], "
                             f"got {answer!r}")
        return QuickCheck(answer=answer, choices=choices, **common)
    if kind == "numeric":
        value = _finite(answer, "answer")
        tolerance = _finite(raw.get("tolerance", 0.0), "tolerance")
        if tolerance < 0:
            raise ValueError(f"tolerance: expected a number >= 0, got {tolerance}")
        return QuickCheck(answer=value, tolerance=tolerance, **common)
    if answer is None or not str(answer).strip():
        raise ValueError("answer: expected the expected short text, got nothing")
    return QuickCheck(answer=str(answer), accept=_strings(raw, "accept"), **common)


def _finite(value: object, name: str) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{name}: expected a number, got {value!r}") from None
    if isinstance(value, bool) or not math.isfinite(number):
        raise ValueError(f"{name}: expected a finite number, got {value!r}")
    return number


def normalise_text(text: str) -> str:
    """Lower-case, strip accents and drop spaces, so equivalent short answers compare equal."""
    # "×" first: the ASCII folding below would otherwise drop it.
    text = text.replace("×", "*")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower()
    return re.sub(r"[\s`'\"]+", "", text).rstrip(".")


#: The longest answer read as a number: an expression, not a program.
MAX_EXPRESSION_CHARS = 200

_FUNCTIONS = {"sqrt": math.sqrt, "log": math.log, "ln": math.log, "log2": math.log2,
              "log10": math.log10, "exp": math.exp, "abs": abs}
_CONSTANTS = {"pi": math.pi, "e": math.e}
_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
           ast.Div: operator.truediv, ast.Pow: operator.pow}
_SYMBOLS = str.maketrans({"×": "*", "·": "*", "÷": "/", "−": "-", "–": "-", "π": " pi ",
                          "²": "**2", "³": "**3", "^": "**"})
# A number right before a name, a root or a parenthesis means a product: "2π", "3√2",
# "2(1+1)". Not inside a name ("log2(8)") nor before an exponent ("1e-3").
_IMPLICIT = re.compile(r"(?<![A-Za-z_\d.])(\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
                       r"\s*(?=(?![eE][+-]?\d)[A-Za-z_(√])")
_ROOT = re.compile(r"√\s*(\d+(?:\.\d*)?|\.\d+|[A-Za-z_]\w*)")
_PLAIN_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_PERCENT = re.compile(r"(\d+(?:\.\d*)?|\.\d+|\))\s*%")


def _evaluate(node: ast.AST) -> float:
    """The value of an arithmetic expression tree; ValueError for anything else."""
    if isinstance(node, ast.Expression):
        return _evaluate(node.body)
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return float(node.value)  # floats throughout: 10**10**10 overflows, never hangs
    if isinstance(node, ast.Name) and node.id in _CONSTANTS:
        return _CONSTANTS[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        value = _evaluate(node.operand)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return _BINARY[type(node.op)](_evaluate(node.left), _evaluate(node.right))
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in _FUNCTIONS and len(node.args) == 1 and not node.keywords):
        return float(_FUNCTIONS[node.func.id](_evaluate(node.args[0])))
    raise ValueError(f"not arithmetic: {type(node).__name__}")


def parse_number(text: str) -> float | None:
    """Read a number as a user might type it, or None when it is not one.

    Plain numbers (``0.25``, ``1e-3``, ``0,5``), percentages (``25%``) and arithmetic:
    ``2/3``, ``sqrt(3)``, ``√3``, ``log2(8)``, ``ln(2)``, ``exp(-1)``, ``2^10``, ``3²``,
    ``π/4``, ``2π``. ``log`` is the natural logarithm, as in NumPy. The text is parsed
    with :mod:`ast` and only numbers, + - * / ** and those functions and constants are
    evaluated, in floating point: nothing is ever executed, and an overflow or a domain
    error (``sqrt(-1)``, ``1/0``) is simply not a number.
    """
    text = text.strip()
    if not text or len(text) > MAX_EXPRESSION_CHARS:
        return None
    if re.fullmatch(r"-?\d+,\d+", text):  # a decimal comma: 0,5
        text = text.replace(",", ".")
    text = text.translate(_SYMBOLS)
    text = _ROOT.sub(r"sqrt(\1)", text).replace("√", "sqrt")
    text = _PERCENT.sub(r"\1/100", text)
    text = _IMPLICIT.sub(lambda m: m.group(0).rstrip() + "*", text)
    try:
        value = _evaluate(ast.parse(text.strip(), mode="eval"))
    except (SyntaxError, ValueError, TypeError, ZeroDivisionError, OverflowError,
            MemoryError, RecursionError):
        return None
    return value if isinstance(value, float) and math.isfinite(value) else None


def grade(check: QuickCheck, given: str | None) -> CheckResult:
    """Grade one answer. ``given`` is what the user typed (for choice: the option index)."""
    given = "" if given is None else str(given).strip()
    value = None
    if check.kind == "choice":
        # Compared as text: int() refuses 5000 digits and "²" passes isdigit().
        correct = (given.isascii() and given.isdigit()
                   and given.lstrip("0") == str(check.answer).lstrip("0"))
    elif check.kind == "numeric":
        value = parse_number(given)
        # A few ulps of slack: 0.76 - 0.75 is 0.01000000000000001 in floating point, and a
        # user who types the edge of the stated tolerance is right.
        slack = 1e-9 * max(1.0, abs(float(check.answer)))
        correct = (value is not None
                   and abs(value - float(check.answer)) <= check.tolerance + slack)
    else:
        wanted = {normalise_text(a) for a in (str(check.answer), *check.accept)}
        correct = bool(given) and normalise_text(given) in wanted
    read_as = ""
    if check.kind == "numeric" and value is not None and not _PLAIN_NUMBER.fullmatch(given):
        read_as = f" ({given} read as {value:.6g})"  # say how an expression was understood
    if correct:
        feedback = "Right." + read_as + (f" {check.explain}" if check.explain else "")
    else:
        feedback = f"Not quite: the answer is {check.answer_text}.{read_as}" + (
            f" {check.explain}" if check.explain else ""
        )
    return CheckResult(check=check, given=given, correct=correct, feedback=feedback)


def grade_all(checks: tuple[QuickCheck, ...], answers: dict[str, str]) -> list[CheckResult]:
    """Grade every check of a card from ``{check id: answer}``; missing answers are wrong."""
    return [grade(check, answers.get(check.id)) for check in checks]


# FSRS ratings by number: 1 Again, 2 Hard, 3 Good, 4 Easy.
RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}


def suggested_rating(results: list[CheckResult]) -> int:
    """Map a review's grades to an FSRS rating: all right Good, most right Hard, else Again.

    Easy is never suggested: answering correctly says the card was recalled, not that
    it was effortless. The user can still choose it.
    """
    if not results:
        raise ValueError("results: expected at least one graded quick check, got none")
    share = sum(r.correct for r in results) / len(results)
    if share == 1.0:
        return 3
    if share >= 0.5:
        return 2
    return 1
