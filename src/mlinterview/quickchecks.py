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


def parse_quick_check(raw: object, default_id: str) -> QuickCheck:
    """Build a :class:`QuickCheck` from a card's YAML; ``ValueError`` if it is malformed."""
    if not isinstance(raw, dict):
        raise ValueError("a quick check must be a mapping")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    prompt = str(raw.get("prompt") or "").strip()
    if not prompt:
        raise ValueError("prompt is missing")
    if "answer" not in raw:
        raise ValueError("answer is missing")
    answer = raw["answer"]
    common = dict(
        id=str(raw.get("id") or default_id),
        kind=kind,
        prompt=prompt,
        explain=str(raw.get("explain") or "").strip(),
    )
    if kind == "choice":
        choices = tuple(str(c) for c in raw.get("choices") or ())
        if len(choices) < 2:
            raise ValueError("a choice question needs at least 2 choices")
        if not isinstance(answer, int) or not 0 <= answer < len(choices):
            raise ValueError(f"answer must be a choice index in [0, {len(choices) - 1}]")
        return QuickCheck(answer=answer, choices=choices, **common)
    if kind == "numeric":
        try:
            value = float(answer)
            tolerance = float(raw.get("tolerance", 0.0))
        except (TypeError, ValueError):
            raise ValueError("numeric answer and tolerance must be numbers") from None
        if not math.isfinite(value) or not tolerance >= 0:
            raise ValueError("numeric answer must be finite and tolerance >= 0")
        return QuickCheck(answer=value, tolerance=tolerance, **common)
    accept = tuple(str(a) for a in raw.get("accept") or ())
    return QuickCheck(answer=str(answer), accept=accept, **common)


def normalise_text(text: str) -> str:
    """Lower-case, strip accents and drop spaces, so equivalent short answers compare equal."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("×", "*")
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
        correct = given.isdigit() and int(given) == check.answer
    elif check.kind == "numeric":
        value = parse_number(given)
        correct = value is not None and abs(value - float(check.answer)) <= check.tolerance
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
