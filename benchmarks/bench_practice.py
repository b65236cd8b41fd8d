"""Suggested ticks: precision and recall on labelled answers, and time per suggestion.

The labelled set (``benchmarks/data/answer_judgements_*.yaml``) holds answers written to
the cards' questions, each judged against every key point of its card: covered or not.
Three splits, by answer:

- ``tune``: what the lexical rule's constants were chosen on and the learned model was
  trained and cross-validated on (``tools/train_suggester.py``);
- ``heldout`` (``split: test`` in the files): a third of each topic's answers, split off
  before any tuning; written with the cards in view, like ``tune``;
- ``heldout2``: answers written later in users' own words (paraphrases, terse notes,
  rambling, half-right, confidently wrong in the card's words, typos), committed before
  the learned model was evaluated and never tuned on.

Three suggesters: the trivial baseline (a point is ticked when at least half of its words,
lower case, common words dropped, no stemming, occur in the answer), the lexical rule
(:func:`mlinterview.practice._lexical.coverage` >= 0.5) and the learned model that ships
(:func:`mlinterview.practice.suggest.suggest`). The goal of issue 12: precision >= 0.85
(a suggested tick is usually right) at recall >= 0.6 on held-out answers. Intervals are
95% percentile bootstraps that resample answers (the judgements of one answer are not
independent).

Run: ``python benchmarks/bench_practice.py`` (or ``python benchmarks/run.py practice``).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from _harness import Timing, best_time, print_table
from mlinterview.practice import _lexical, suggest
from mlinterview.practice._suggest_eval import KINDS, LabelledAnswer, Scores, load, score

TITLE = "Suggested ticks: learned model and lexical rule vs exact word overlap"
REFERENCE = "word overlap"
DATA = Path(__file__).resolve().parent / "data"
SPLITS = {"heldout": "test", "heldout2": "heldout2", "tune": "tune"}   # shown: in files
GOAL_PRECISION, GOAL_RECALL = 0.85, 0.6
DRAWS = 2000

_WORD = re.compile(r"[a-z0-9]+")
_COMMON = """a an and are as at be by for from has in is it its of on or that the to was were
with this these those their not no"""
_BASELINE_STOP = frozenset(_COMMON.split())

Suggester = Callable[[str, Sequence[str]], Iterable[int]]


def overlap(answer: str, points: Sequence[str], *, threshold: float = 0.5) -> list[int]:
    """The baseline: points whose words (lower case, common words dropped) occur in the
    answer for at least ``threshold`` of them."""
    said = set(_WORD.findall(answer.lower()))
    out = []
    for i, point in enumerate(points):
        wanted = set(_WORD.findall(point.lower())) - _BASELINE_STOP
        if wanted and len(wanted & said) / len(wanted) >= threshold:
            out.append(i)
    return out


SUGGESTERS: dict[str, Suggester] = {
    "word overlap": overlap,
    "lexical rule": _lexical.suggest_rule,
    "learned model": suggest.suggest,
}


@dataclass(frozen=True)
class Measured:
    """One suggester on some answers: the pooled scores and 95% bootstrap intervals of
    precision, recall and F1 (``(low, high)`` each)."""

    scores: Scores
    precision: tuple[float, float]
    recall: tuple[float, float]
    f1: tuple[float, float]


def measure(answers: list[LabelledAnswer], fn: Suggester, draws: int = DRAWS,
            seed: int = 0) -> Measured:
    """Scores of ``fn`` over ``answers`` with percentile intervals from ``draws``
    bootstrap resamples of the answers."""
    per_answer = [score([a], fn) for a in answers]
    counts = np.array([[s.tp, s.fp, s.fn] for s in per_answer], dtype=float)
    picks = np.random.default_rng(seed).integers(0, len(answers), size=(draws, len(answers)))
    tp, fp, fn_ = (counts[picks, k].sum(axis=1) for k in range(3))
    # Empty denominators follow Scores: nothing ticked is precision 1, nothing covered
    # recall 1.
    precision = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 1.0)
    recall = np.where(tp + fn_ > 0, tp / np.maximum(tp + fn_, 1), 1.0)
    f1 = np.where(precision + recall > 0,
                  2 * precision * recall / np.maximum(precision + recall, 1e-12), 0.0)
    total = sum(per_answer, Scores(0, 0, 0, 0))

    def interval(v: np.ndarray) -> tuple[float, float]:
        low, high = np.percentile(v, [2.5, 97.5])
        return float(low), float(high)

    return Measured(total, interval(precision), interval(recall), interval(f1))


def _cell(value: float, interval: tuple[float, float]) -> str:
    return f"{value:.3f} [{interval[0]:.2f}, {interval[1]:.2f}]"


def quality(answers: list[LabelledAnswer]) -> dict[str, dict[str, Measured]]:
    """Print the quality tables; return the measurements per split and suggester."""
    splits = {shown: [a for a in answers if a.split == name] for shown, name in SPLITS.items()}
    model = suggest.model()
    shipped = json.loads(resources.files("mlinterview.practice").joinpath(_lexical.ARTEFACT)
                         .read_text(encoding="utf-8"))
    cv = shipped["cross_validation"]["model"]
    used = sum(c != 0 for c in shipped["coef"])
    print(f"\n{TITLE}")
    print(f"labelled set: {len(answers)} answers, {sum(len(a.points) for a in answers)} "
          f"judgements, {len({a.slug for a in answers})} topics in "
          f"{len({a.area for a in answers})} areas; "
          + ", ".join(f"{shown} {len(s)} answers / {sum(len(a.points) for a in s)} judgements"
                      for shown, s in splits.items()))
    print(f"learned model: logistic regression on {used} of {len(shipped['coef'])} features "
          f"(the rest dropped for a wrong sign), C {shipped['C']}, threshold "
          f"{model.threshold} (5-fold grouped CV on tune: precision {cv['precision']:.3f}, "
          f"recall {cv['recall']:.3f}); lexical rule: coverage >= {_lexical.THRESHOLD}; "
          f"word overlap: half of the point's words\n")

    out: dict[str, dict[str, Measured]] = {}
    print(f"{'split':<9} {'suggester':<19} {'judg.':>5} {'cover.':>6} "
          f"{'precision [95%]':>20} {'recall [95%]':>20} {'F1 [95%]':>20}")
    for shown, subset in splits.items():
        out[shown] = {}
        for name, fn in SUGGESTERS.items():
            m = measure(subset, fn)
            out[shown][name] = m
            s = m.scores
            label = f"{name} (fit)" if shown == "tune" and name != "word overlap" else name
            print(f"{shown:<9} {label:<19} {s.judgements:>5} {s.tp + s.fn:>6} "
                  f"{_cell(s.precision, m.precision):>20} {_cell(s.recall, m.recall):>20} "
                  f"{_cell(s.f1, m.f1):>20}")
    print("(tune: the rule's constants and the model were fitted on it; its figures are "
          "optimistic)")

    for shown in ("heldout", "heldout2"):
        print(f"\nby kind of answer, {shown} (intervals resample the kind's answers; "
              "'-': nothing ticked or nothing covered)")
        print(f"{'kind':<11} {'answers':>7} {'judg.':>5} {'cover.':>6} {'suggester':<19} "
              f"{'precision [95%]':>20} {'recall [95%]':>20} {'F1 [95%]':>20} {'wrong':>5}")
        for kind in KINDS:
            subset = [a for a in splits[shown] if a.kind == kind]
            if not subset:
                continue
            judged = sum(len(a.points) for a in subset)
            covered = sum(len(a.covered) for a in subset)
            for i, (name, fn) in enumerate(SUGGESTERS.items()):
                m = measure(subset, fn)
                s = m.scores
                lead = (f"{kind:<11} {len(subset):>7} {judged:>5} {covered:>6}" if i == 0
                        else " " * 32)
                print(f"{lead} {name:<19} "
                      f"{_cell(s.precision, m.precision) if s.tp + s.fp else '-':>20} "
                      f"{_cell(s.recall, m.recall) if covered else '-':>20} "
                      f"{_cell(s.f1, m.f1) if covered else '-':>20} {s.fp:>5}")

    print("\nthe learned model's precision / recall as its threshold moves")
    print(f"{'threshold':>9} " + " ".join(f"{shown:>15}" for shown in splits))
    for th in sorted({0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, model.threshold}):
        cells = []
        for subset in splits.values():
            s = score(subset, lambda a, p, th=th: suggest.suggest(a, p, threshold=th))
            cells.append(f"{s.precision:.3f} / {s.recall:.3f}")
        mark = "  <- shipped" if th == model.threshold else ""
        print(f"{th:>9.3f} " + " ".join(f"{c:>15}" for c in cells) + mark)

    print(f"\ngoal: precision >= {GOAL_PRECISION} at recall >= {GOAL_RECALL}")
    for shown in ("heldout", "heldout2"):
        for name, m in out[shown].items():
            s = m.scores
            met = s.precision >= GOAL_PRECISION and s.recall >= GOAL_RECALL
            print(f"  {shown:<9} {name:<19} {'met' if met else 'NOT met':<8} precision "
                  f"{_cell(s.precision, m.precision)}, recall {_cell(s.recall, m.recall)}")
    return out


def _timing_cases(answers: list[LabelledAnswer]
                  ) -> Iterable[tuple[str, str, list[LabelledAnswer]]]:
    """(case, size, answers): each call suggests ticks for every answer given."""
    yield "labelled answers", f"{len(answers)} answers", answers
    terse = [a for a in answers if a.kind == "terse"]
    yield "terse answers", f"{len(terse)} answers", terse
    longest = max(answers, key=lambda a: len(a.text))
    yield "longest labelled answer", f"{len(longest.text)} chars", [longest]
    # The longest answer the app stores (MAX_ANSWER_CHARS): the longest answer repeated.
    big = (longest.text + "\n") * (20_000 // (len(longest.text) + 1))
    yield ("an answer of 20,000 chars", f"{len(big)} chars",
           [LabelledAnswer("huge", longest.slug, longest.area, "seed", "test", big,
                           longest.points, frozenset())])


def timings(answers: list[LabelledAnswer], repeats: int = 3) -> list[Timing]:
    """Time per suggestion (one answer against its card's key points): the learned model
    and the lexical rule, each against the baseline. The answer cache is emptied before
    each call (the points' analysis and the IDF stay cached, as in a running app)."""

    def run(fn: Suggester, subset: list[LabelledAnswer]) -> Callable[[], None]:
        def call() -> None:
            _lexical.analyse.cache_clear()
            for a in subset:
                fn(a.text, a.points)
        return call

    rows = []
    for case, size, subset in _timing_cases(answers):
        reference = best_time(run(overlap, subset), repeats) / len(subset)
        for name in ("learned model", "lexical rule"):
            ours = best_time(run(SUGGESTERS[name], subset), repeats) / len(subset)
            rows.append(Timing(f"{name}: {case} (per answer)", size, ours, reference))
    return rows


def main(repeats: int = 3) -> None:
    answers = load(DATA)
    quality(answers)
    rows = timings(answers, repeats)
    print_table("Time per suggestion (one answer x its card's key points)", REFERENCE, rows)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
