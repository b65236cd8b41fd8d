"""An exercise's ``meta.yaml``: its level, its hints and the walkthrough of its solution.

::

    level: M                 # E, M or H (see LEVELS)
    hints:                   # 2 or 3, revealed one at a time
      - The idea, in words.
      - The formula it rests on.
      - The shape of the code (the steps, not the code).
    walkthrough: |           # Markdown, shown once the exercise is accepted
      **Idea.** Why the reference solution works.

      **Complexity.** Time and memory, in the sizes of the input.

      **Pitfalls.** The mistakes the known-wrong solutions make, and others.

Every key is required and no other key is allowed, so a typo (``hint:``) is an error
rather than a silently missing hint. :func:`parse_meta` raises :class:`MetaError` naming
the file and what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mlinterview import _yaml

#: The three levels of issue 13, easiest first.
LEVELS = {
    "E": "easy: the definition, in a few lines",
    "M": "medium: the vectorised or numerically careful version",
    "H": "hard: the full algorithm, an edge-case-heavy variant or a derivation as code",
}
LEVEL_NAMES = {"E": "easy", "M": "medium", "H": "hard"}
MIN_HINTS, MAX_HINTS = 2, 3
#: The parts every walkthrough has, each opening a paragraph.
WALKTHROUGH_PARTS = ("**Idea.**", "**Complexity.**", "**Pitfalls.**")
_KEYS = ("level", "hints", "walkthrough")


class MetaError(ValueError):
    """A ``meta.yaml`` that is missing, not YAML, or breaks a rule (the message names it)."""


@dataclass(frozen=True)
class Meta:
    """The validated contents of one ``meta.yaml``."""

    level: str
    hints: tuple[str, ...]
    walkthrough: str


def level_rank(level: str) -> int:
    """Sort key of a level: 0 for E, 1 for M, 2 for H."""
    return list(LEVELS).index(level)


def parse_meta(text: str, path: Path | str) -> Meta:
    """Parse and validate the text of ``path`` (a ``meta.yaml``); :class:`MetaError` if bad."""
    try:
        raw = _yaml.safe_load(text)
    except _yaml.YAMLError as exc:
        raise MetaError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise MetaError(f"{path}: expected a mapping with keys {', '.join(_KEYS)}, "
                        f"got {type(raw).__name__}")
    unknown = sorted(str(k) for k in raw if k not in _KEYS)
    if unknown:
        raise MetaError(f"{path}: unknown key(s) {', '.join(unknown)}; "
                        f"allowed: {', '.join(_KEYS)}")
    missing = [k for k in _KEYS if raw.get(k) in (None, "", [])]
    if missing:
        raise MetaError(f"{path}: missing {', '.join(missing)}")

    level = raw["level"]
    if not isinstance(level, str) or level not in LEVELS:
        raise MetaError(f"{path}: level must be one of {', '.join(LEVELS)}, got {level!r}")

    hints = raw["hints"]
    if not isinstance(hints, list) or not MIN_HINTS <= len(hints) <= MAX_HINTS:
        count = f"{len(hints)}" if isinstance(hints, list) else type(hints).__name__
        raise MetaError(f"{path}: hints must be a list of {MIN_HINTS} to {MAX_HINTS} "
                        f"strings (an idea, a formula, the shape of the code), got {count}")
    for i, hint in enumerate(hints, 1):
        if not isinstance(hint, str) or not hint.strip():
            raise MetaError(f"{path}: hint {i} must be non-empty text, got {hint!r}")

    walkthrough = raw["walkthrough"]
    if not isinstance(walkthrough, str):
        raise MetaError(f"{path}: walkthrough must be Markdown text, "
                        f"got {type(walkthrough).__name__}")
    absent = [part for part in WALKTHROUGH_PARTS if part not in walkthrough]
    if absent:
        raise MetaError(f"{path}: walkthrough lacks {', '.join(absent)} "
                        f"(it needs {', '.join(WALKTHROUGH_PARTS)})")
    return Meta(level=level, hints=tuple(h.strip() for h in hints),
                walkthrough=walkthrough.strip())


def load_meta(folder: Path) -> Meta:
    """The validated ``meta.yaml`` of an exercise folder (:class:`MetaError` if missing)."""
    path = folder / "meta.yaml"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MetaError(f"{path}: missing (every exercise needs level, hints and "
                        "walkthrough)") from None
    return parse_meta(text, path)
