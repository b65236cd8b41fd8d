"""Suggested ticks: precision and recall on labelled answers, and time per suggestion.

The labelled set (``benchmarks/data/answer_judgements_*.yaml``) holds answers written to
the cards' questions (good, partial, wrong, terse, verbose, paraphrased, and the seed's
own), each judged against every key point of its card: covered or not. The suggester's
constants were chosen on the ``tune`` answers only; the ``test`` answers (about a third,
split by answer and per topic before any tuning) measure it. The goal of issue 12:
precision >= 0.85 (a suggested tick is usually right) at recall >= 0.6, on ``test``.

The baseline is the simplest suggester: a point is ticked when at least half of its
words (lower case, common words dropped, no stemming) occur anywhere in the answer.

Run: ``python benchmarks/bench_practice.py`` (or ``python benchmarks/run.py practice``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from _harness import Timing, best_time, print_table
from mlinterview.practice import suggest as suggester
from mlinterview.practice._suggest_eval import KINDS, LabelledAnswer, Scores, load, score

TITLE = "Suggested ticks: ours vs exact word overlap"
REFERENCE = "word overlap"
DATA = Path(__file__).resolve().parent / "data"
THRESHOLDS = (0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)
GOAL_PRECISION, GOAL_RECALL = 0.85, 0.6

_WORD = re.compile(r"[a-z0-9]+")
_COMMON = """a an and are as at be by for from has in is it its of on or that the to was were
with this these those their not no"""
_BASELINE_STOP = frozenset(_COMMON.split())


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


def _at(fn: Callable, threshold: float) -> Callable[[str, Sequence[str]], list[int]]:
    return lambda answer, points: fn(answer, points, threshold=threshold)


def _row(name: str, s: Scores, width: int = 26) -> str:
    return (f"{name:<{width}} {s.judgements:>6} {s.tp + s.fn:>6} {s.precision:>9.3f} "
            f"{s.recall:>7.3f} {s.f1:>6.3f}")


def _header(first: str, width: int = 26) -> str:
    return (f"{first:<{width}} {'judg.':>6} {'cover.':>6} {'precision':>9} {'recall':>7} "
            f"{'F1':>6}")


def quality(answers: list[LabelledAnswer]) -> dict[str, Scores]:
    """Print the quality tables; return the scores of ours per split."""
    splits = {name: [a for a in answers if a.split == name] for name in ("tune", "test")}
    topics = {a.slug for a in answers}
    areas = {a.area for a in answers}
    print(f"\n{TITLE}")
    print(f"labelled set: {len(answers)} answers, "
          f"{sum(len(a.points) for a in answers)} judgements, {len(topics)} topics in "
          f"{len(areas)} areas; tune {len(splits['tune'])} answers / test "
          f"{len(splits['test'])} answers (split by answer, per topic, before tuning)")
    print(f"threshold {suggester.THRESHOLD} (ours), 0.5 (word overlap)\n")

    ours: dict[str, Scores] = {}
    print(_header("split / suggester"))
    for name, subset in splits.items():
        ours[name] = score(subset, suggester.suggest)
        print(_row(f"{name}: ours", ours[name]))
        print(_row(f"{name}: word overlap", score(subset, overlap)))

    print("\nby kind of answer (test | tune)")
    print(f"{'kind':<11} {'answers':>7} {'judg.':>6} {'cover.':>6} {'precision':>9} "
          f"{'recall':>7} | {'answers':>7} {'precision':>9} {'recall':>7}")
    for kind in KINDS:
        cells = []
        for name in ("test", "tune"):
            subset = [a for a in splits[name] if a.kind == kind]
            s = score(subset, suggester.suggest)
            cells.append((len(subset), s))
        (n_test, t), (n_tune, u) = cells
        print(f"{kind:<11} {n_test:>7} {t.judgements:>6} {t.tp + t.fn:>6} "
              f"{_rate(t.precision, t.tp + t.fp):>9} {_rate(t.recall, t.tp + t.fn):>7} | "
              f"{n_tune:>7} {_rate(u.precision, u.tp + u.fp):>9} "
              f"{_rate(u.recall, u.tp + u.fn):>7}")

    print("\nprecision / recall as the threshold moves (ours | word overlap), test split")
    print(f"{'threshold':>9} {'ours P':>7} {'ours R':>7} {'overlap P':>10} {'overlap R':>10}"
          f"   {'tune: ours P':>12} {'ours R':>7}")
    for th in THRESHOLDS:
        o = score(splits["test"], _at(suggester.suggest, th))
        b = score(splits["test"], _at(overlap, th))
        u = score(splits["tune"], _at(suggester.suggest, th))
        mark = "  <- default" if th == suggester.THRESHOLD else ""
        print(f"{th:>9.2f} {o.precision:>7.3f} {o.recall:>7.3f} {b.precision:>10.3f} "
              f"{b.recall:>10.3f}   {u.precision:>12.3f} {u.recall:>7.3f}{mark}")

    t = ours["test"]
    (p_lo, p_hi), (r_lo, r_hi) = bootstrap(splits["test"], suggester.suggest)
    met = t.precision >= GOAL_PRECISION and t.recall >= GOAL_RECALL
    print(f"\ngoal on test: precision >= {GOAL_PRECISION} at recall >= {GOAL_RECALL}: "
          f"{'met' if met else 'NOT met'}: precision {t.precision:.3f} "
          f"(95% interval {p_lo:.2f}-{p_hi:.2f}), recall {t.recall:.3f} "
          f"({r_lo:.2f}-{r_hi:.2f}); {t.judgements} judgements, {t.tp + t.fn} covered")
    return ours


def bootstrap(answers: list[LabelledAnswer], fn: Callable, draws: int = 2000,
              seed: int = 0) -> tuple[tuple[float, float], tuple[float, float]]:
    """95% percentile intervals of precision and recall, resampling answers (a
    judgement is not independent of the others of its answer)."""
    import numpy as np

    counts = np.array([[s.tp, s.fp, s.fn] for s in (score([a], fn) for a in answers)])
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(answers), size=(draws, len(answers)))
    tp, fp, fn_ = (counts[picks, k].sum(axis=1) for k in range(3))
    precision = tp / np.maximum(tp + fp, 1)
    recall = tp / np.maximum(tp + fn_, 1)
    return (tuple(np.percentile(precision, [2.5, 97.5])),
            tuple(np.percentile(recall, [2.5, 97.5])))


def _rate(value: float, denominator: int) -> str:
    """A rate, or "-" when it has nothing to count (no tick suggested / none covered)."""
    return f"{value:.2f}" if denominator else "-"


def _timing_cases(answers: list[LabelledAnswer]
                  ) -> Iterable[tuple[str, str, Callable, Callable, int]]:
    """(case, size, ours, baseline, suggestions per call): each call suggests ticks for
    every answer given, with the answer cache emptied first (the points' analysis and the
    IDF stay cached, as in a running app)."""

    def run(fn: Callable, subset: list[LabelledAnswer]) -> Callable[[], None]:
        def call() -> None:
            suggester._analyse.cache_clear()
            for a in subset:
                fn(a.text, a.points)
        return call

    yield ("labelled answers", f"{len(answers)} answers", run(suggester.suggest, answers),
           run(overlap, answers), len(answers))
    terse = [a for a in answers if a.kind == "terse"]
    yield ("terse answers", f"{len(terse)} answers", run(suggester.suggest, terse),
           run(overlap, terse), len(terse))
    longest = max(answers, key=lambda a: len(a.text))
    yield ("longest labelled answer", f"{len(longest.text)} chars",
           run(suggester.suggest, [longest]), run(overlap, [longest]), 1)
    # The longest answer the app stores (MAX_ANSWER_CHARS): the seed's journal repeated.
    big = (longest.text + "\n") * (20_000 // (len(longest.text) + 1))
    huge = LabelledAnswer("huge", longest.slug, longest.area, "seed", "test", big,
                          longest.points, frozenset())
    yield ("an answer of 20,000 chars", f"{len(big)} chars", run(suggester.suggest, [huge]),
           run(overlap, [huge]), 1)


def timings(answers: list[LabelledAnswer], repeats: int = 3) -> list[Timing]:
    """Time per suggestion (one answer against its card's key points), ours vs baseline."""
    rows = []
    for case, size, ours, baseline, n in _timing_cases(answers):
        rows.append(Timing(case + " (per answer)", size, best_time(ours, repeats) / n,
                           best_time(baseline, repeats) / n))
    return rows


def main(repeats: int = 3) -> None:
    answers = load(DATA)
    quality(answers)
    rows = timings(answers, repeats)
    print_table("Time per suggestion (one answer x its card's key points)", REFERENCE, rows)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
