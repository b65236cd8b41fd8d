"""Quick checks: the small auto-graded questions at the end of every card.

Three kinds, all graded without a human:

- ``choice``: pick one option; ``answer`` is the index of the right option (0-based).
- ``numeric``: a number, right when ``|given - answer| <= tolerance``.
- ``exact``: a short text, right when it equals ``answer`` or one of ``accept`` after
  normalising case, spaces and a few symbols (``TP/(TP+FP)`` equals ``tp / (tp + fp)``).

A review is the set of a card's quick checks answered in one go; the fraction right maps
to an FSRS rating (:func:`suggested_rating`), which the user may override.
"""

from __future__ import annotations

import math
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


def parse_number(text: str) -> float | None:
    """Read a number as a user might type it: ``0.25``, ``25%``, ``1/4``, ``1e-3``."""
    text = text.strip().replace(",", ".").replace(" ", "")
    if not text:
        return None
    try:
        if text.endswith("%"):
            return float(text[:-1]) / 100.0
        if text.count("/") == 1:
            num, den = text.split("/")
            return float(num) / float(den)
        return float(text)
    except (ValueError, ZeroDivisionError):
        return None


def grade(check: QuickCheck, given: str | None) -> CheckResult:
    """Grade one answer. ``given`` is what the user typed (for choice: the option index)."""
    given = "" if given is None else str(given).strip()
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
    if correct:
        feedback = "Right." + (f" {check.explain}" if check.explain else "")
    else:
        feedback = f"Not quite: the answer is {check.answer_text}." + (
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
