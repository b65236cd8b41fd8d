"""Demo for tree-splitting: impurity curves, and the split each criterion picks.

Left figure: Gini, entropy (scaled by 1/2 so both peak at 0.5) and misclassification
error of a two-class node as the share ``p`` of class 1 moves. Right figure: one
feature with three noisy class regions; the score of every threshold under Gini
decrease, information gain and chi-square, with each criterion's best threshold.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.tree.criteria import (
    best_split,
    entropy_from_counts,
    gini_from_counts,
    split_scores,
)

CRITERIA = ("gini", "entropy", "chi_square")


def make_feature(n_samples: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """One feature in [0, 10): class 0 below 3, class 1 in [3, 7), class 0 again above,
    with a share ``noise`` of labels flipped."""
    rng = np.random.default_rng(seed)
    x = np.round(rng.uniform(0, 10, n_samples), 2)
    y = ((x >= 3) & (x < 7)).astype(int)
    flip = rng.random(n_samples) < noise
    return x, np.where(flip, 1 - y, y)


@demo("tree-splitting", title="Impurity curves and the best split by each criterion")
def split_criteria(
    n_samples: Param(int, lo=20, hi=2000, help="Samples on the feature.") = 200,
    noise: Param(float, lo=0.0, hi=0.5, help="Share of labels flipped.") = 0.1,
    seed: int = 0,
) -> DemoResult:
    """Gini and entropy have the same shape; on real data they usually pick the same split."""
    p = np.linspace(0, 1, 201)
    counts = np.column_stack([1 - p, p])
    fig, (ax1, ax2) = new_figure(ncols=2)
    ax1.plot(p, gini_from_counts(counts), label="Gini  1 - p² - (1-p)²")
    ax1.plot(p, entropy_from_counts(counts) / 2, label="entropy / 2  (bits)")
    ax1.plot(p, np.minimum(p, 1 - p), label="misclassification")
    ax1.set_xlabel("share of class 1 in the node")
    ax1.set_ylabel("impurity")
    ax1.legend(fontsize=8)

    x, y = make_feature(n_samples, noise, seed)
    table = Table(["criterion", "best threshold", "score", "samples left"])
    for criterion in CRITERIA:
        split = best_split(x, y, criterion)
        thresholds, scores = split_scores(x, y, criterion)
        scale = scores.max() if scores.max() > 0 else 1.0
        ax2.plot(thresholds, scores / scale, label=f"{criterion} (÷{scale:.3g})")
        ax2.axvline(split.threshold, ls=":", color=ax2.lines[-1].get_color())
        table.add(criterion, round(split.threshold, 4), round(split.score, 6), split.n_left)
    ax2.set_xlabel("threshold on x")
    ax2.set_ylabel("score / best score")
    ax2.legend(fontsize=8)
    rows = {r[0]: r[1] for r in table.rows}
    same = rows["gini"] == rows["entropy"]
    summary = ("Gini and entropy are both concave and peak at a 50/50 node, so they rank "
               "splits almost the same way: here they pick "
               + ("the same threshold" if same else "different thresholds")
               + f" ({rows['gini']} and {rows['entropy']}); chi-square picks "
               f"{rows['chi_square']}. Each split isolates one of the class boundaries "
               "near 3 and 7; the tree finds the other one a level deeper.")
    return DemoResult(figures={"criteria": fig}, table=table, summary=summary)
