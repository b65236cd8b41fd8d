"""Measure suggested ticks against a labelled set (used by ``make bench`` and the tests).

The labelled set lives in ``benchmarks/data/answer_judgements_<area>.yaml`` (and the second
held-out set in ``answer_judgements_heldout2_<area>.yaml``): answers
written to a card's question, each labelled against every key point of the card (covered
or not). One answer to a card with ``k`` key points gives ``k`` judgements. A suggester is
scored on the judgements like any binary classifier: precision is the share of suggested
ticks that are right, recall the share of covered points that were suggested.

Nothing at run time reads this: the app only calls :func:`~mlinterview.practice.suggest.suggest`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mlinterview import _yaml

KINDS = ("good", "partial", "wrong", "terse", "verbose", "paraphrase", "seed", "rambling",
         "typos")
# tune: what every constant, feature and weight is chosen on; test: the first held-out set
# (a third of each topic's answers, split off before tuning); heldout2: a second held-out
# set written later in users' own words (answer_judgements_heldout2_<area>.yaml), never
# tuned on.
SPLITS = ("tune", "test", "heldout2")


@dataclass(frozen=True)
class LabelledAnswer:
    """One labelled answer: its text, the card's key points as labelled, and which of
    them it covers (indices into ``points``)."""

    id: str
    slug: str
    area: str
    kind: str
    split: str
    text: str
    points: tuple[str, ...]
    covered: frozenset[int]


@dataclass(frozen=True)
class Scores:
    """Counts of one suggester over some judgements, and the rates they give."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def judgements(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        """Share of suggested ticks that are covered points (1.0 when nothing was
        suggested: no tick was wrong)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of covered points that were suggested (1.0 when none was covered)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Scores) -> Scores:
        return Scores(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn,
                      self.tn + other.tn)


def load(folder: Path | str, pattern: str = "answer_judgements_*.yaml"
         ) -> list[LabelledAnswer]:
    """Every labelled answer of the files ``folder/pattern``, in file order.

    Raises ``ValueError`` naming the answer when a label is out of range, a kind or split
    is unknown, or an id repeats.
    """
    answers: list[LabelledAnswer] = []
    seen: set[str] = set()
    files = sorted(Path(folder).glob(pattern))
    if not files:
        raise ValueError(f"folder: no {pattern} in {folder}")
    for path in files:
        data = _yaml.safe_load(path.read_text(encoding="utf-8"))
        for slug, topic in data["topics"].items():
            points = tuple(topic["points"])
            for a in topic["answers"]:
                where = f"{path.name}: {a.get('id')!r}"
                covered = frozenset(a["covered"])
                if a["id"] in seen:
                    raise ValueError(f"{where}: the id repeats")
                if a["kind"] not in KINDS or a["split"] not in SPLITS:
                    raise ValueError(f"{where}: kind {a['kind']!r} or split {a['split']!r} "
                                     f"is not one of {KINDS} / {SPLITS}")
                if not all(0 <= i < len(points) for i in covered):
                    raise ValueError(f"{where}: covered {sorted(covered)} is out of range "
                                     f"for {len(points)} points")
                seen.add(a["id"])
                answers.append(LabelledAnswer(a["id"], slug, data["area"], a["kind"],
                                              a["split"], a["text"], points, covered))
    return answers


def score(answers: Iterable[LabelledAnswer],
          suggest: Callable[[str, Sequence[str]], Iterable[int]]) -> Scores:
    """Confusion counts of ``suggest(text, points)`` over every judgement of ``answers``."""
    tp = fp = fn = tn = 0
    for a in answers:
        ticked = set(suggest(a.text, a.points))
        for i in range(len(a.points)):
            said, truth = i in ticked, i in a.covered
            tp += said and truth
            fp += said and not truth
            fn += truth and not said
            tn += not said and not truth
    return Scores(tp, fp, fn, tn)
