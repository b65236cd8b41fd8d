"""Every numeric quick-check answer of every card is recomputed from the library.

The answers live in ``tests/content/numeric_answers/<group>.py``, one module per group of
cards, each with a dict ``ANSWERS = {"slug/check-id": callable}``; the callable computes
the number with our library (or SciPy/NumPy where the library has nothing), never by
typing it again. A card whose answer drifts from what the code computes fails here, and so
does a numeric check that nobody recomputes.
"""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pytest

from mlinterview import topics

FOLDER = Path(__file__).parent / "numeric_answers"
CARDS = topics.all_topics()


def _load_answers() -> dict[str, tuple[str, object]]:
    """``{"slug/id": (module file name, callable)}`` over every answers module."""
    found: dict[str, tuple[str, object]] = {}
    for path in sorted(FOLDER.glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"numeric_answers_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for key, compute in getattr(module, "ANSWERS", {}).items():
            assert key not in found, f"{key} is recomputed twice ({found[key][0]}, {path.name})"
            found[key] = (path.name, compute)
    return found


ANSWERS = _load_answers()
NUMERIC = [(slug, q) for slug, card in CARDS.items() for q in card.quick_checks
           if q.kind == "numeric"]


@pytest.mark.parametrize(("slug", "check"), NUMERIC, ids=[f"{s}/{q.id}" for s, q in NUMERIC])
def test_the_cards_answer_is_what_the_library_computes(slug, check):
    key = f"{slug}/{check.id}"
    assert key in ANSWERS, f"{key}: no entry in tests/content/numeric_answers/*.py recomputes it"
    source, compute = ANSWERS[key]
    value = float(compute())
    assert math.isfinite(value), f"{key} ({source}) computed {value}"
    slack = 1e-9 * max(1.0, abs(check.answer))  # as the grader allows
    assert abs(value - check.answer) <= check.tolerance + slack, (
        f"{key}: the card says {check.answer} ± {check.tolerance}, {source} computes {value!r}")


def test_every_entry_names_a_numeric_check_of_a_card():
    known = {f"{slug}/{q.id}" for slug, q in NUMERIC}
    stray = sorted(set(ANSWERS) - known)
    assert not stray, f"entries for no numeric quick check (renamed or removed?): {stray}"
