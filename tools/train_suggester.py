"""Train the learned suggester and write ``src/mlinterview/practice/suggest_model.json``.

The model is a logistic regression from our own library
(:class:`mlinterview.ml.linear_model.LogisticRegression`) on the features of
:mod:`mlinterview.practice._features`, one row per (answer, key point) judgement. It sees
the ``tune`` split of the labelled set only (``benchmarks/data/answer_judgements_*.yaml``);
the ``test`` and ``heldout2`` answers are dropped as soon as they are loaded.

1. **Features** of every tune judgement, standardised (mean 0, standard deviation 1 over
   the training rows; the scaling is folded into the shipped weights). Each weight must
   keep the sign its feature's meaning gives it (``_features.SIGNS``: evidence for a
   point never counts against it): a fit in which some weights take the wrong sign drops
   the most wrong of those features and refits, until none is left (backward
   elimination; a dropped feature ships with weight 0).
2. **Penalty.** ``C`` is chosen from ``C_GRID`` by the out-of-fold log loss of a
   ``GroupKFold`` over answers (the judgements of one answer are never split between
   training and validation folds, since they are not independent).
3. **Threshold.** With that ``C``, the out-of-fold probabilities of every tune judgement
   give a precision for each threshold; the shipped threshold is the lowest at and above
   which precision stays >= ``TARGET_PRECISION`` (thresholds predicting fewer than
   ``MIN_SUPPORT`` ticks are too noisy to count), placed halfway to the next lower score.
4. **Fit** on every tune judgement with that ``C``.

The same cross-validation scores the lexical rule (its score, the first feature, at its
threshold) so the two can be compared on equal terms; the report says which is better.
Everything is deterministic (folds without shuffling, Newton's method), so re-running the
script reproduces the shipped file; ``tests/practice/test_suggest_model.py`` checks that.

Run: ``.venv/bin/python tools/train_suggester.py`` (``--check``: compare with the
shipped file and write nothing; ``--compare``: also cross-validate gradient boosting).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from mlinterview.ml.linear_model import LogisticRegression
from mlinterview.ml.model_selection import GroupKFold
from mlinterview.practice import _lexical
from mlinterview.practice._features import FEATURES, SIGNS, features
from mlinterview.practice._suggest_eval import LabelledAnswer, load
from mlinterview.topics import all_topics

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
OUT = ROOT / "src" / "mlinterview" / "practice" / _lexical.ARTEFACT

SPLIT = "tune"
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
N_FOLDS = 5
TARGET_PRECISION = 0.9
MIN_SUPPORT = 20
DIGITS = 10         # significant digits kept in the file: far below any effect on a tick


def design(answers: list[LabelledAnswer]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature matrix ``X (n_judgements, n_features)``, labels ``y (n_judgements,)`` (1 =
    covered) and groups ``(n_judgements,)`` (the answer's index) of ``answers``."""
    X = np.vstack([features(a.text, a.points) for a in answers])
    y = np.array([i in a.covered for a in answers for i in range(len(a.points))], dtype=int)
    groups = np.repeat(np.arange(len(answers)), [len(a.points) for a in answers])
    return X, y, groups


def _standardise(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column means and standard deviations of ``X`` (a constant column gets 1)."""
    mean, scale = X.mean(axis=0), X.std(axis=0)
    return mean, np.where(scale > 0, scale, 1.0)


def fit(X: np.ndarray, y: np.ndarray, C: float) -> tuple[np.ndarray, float]:
    """Sign-constrained logistic regression on standardised ``X``: returns the weights
    ``(n_features,)`` and the intercept in the units of ``X`` itself (scaling folded in),
    ``logit = X @ coef + intercept``; features dropped for a wrong sign weigh 0."""
    mean, scale = _standardise(X)
    Z = (X - mean) / scale
    signs = np.array([SIGNS[name] for name in FEATURES])
    keep = np.arange(X.shape[1])
    while True:
        model = LogisticRegression(C=C, solver="newton", max_iter=200, tol=1e-10)
        model.fit(Z[:, keep], y)
        w = model.coef_[0]
        wrong = signs[keep] * w < 0          # sign 0: never wrong
        if not wrong.any():
            break
        # Drop the most wrong (largest standardised weight on the wrong side); ties go
        # to the first feature, so the result is deterministic.
        keep = np.delete(keep, int(np.argmax(np.where(wrong, np.abs(w), -1.0))))
    coef = np.zeros(X.shape[1])
    coef[keep] = w / scale[keep]
    return coef, float(model.intercept_[0] - coef @ mean)


def probability(X: np.ndarray, coef: np.ndarray, intercept: float) -> np.ndarray:
    """Predicted probability of "covered" for each row of ``X``."""
    return 1.0 / (1.0 + np.exp(-(X @ coef + intercept)))


def out_of_fold(X, y, groups, C: float) -> np.ndarray:
    """Probabilities of each row from a model fitted without its answer's fold."""
    p = np.zeros(len(y))
    for train, test in GroupKFold(N_FOLDS).split(X, y, groups):
        coef, intercept = fit(X[train], y[train], C)
        p[test] = probability(X[test], coef, intercept)
    return p


def log_loss(y: np.ndarray, p: np.ndarray) -> float:
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def precision_recall(y: np.ndarray, ticked: np.ndarray) -> tuple[float, float]:
    tp = int(np.sum(ticked & (y == 1)))
    n_ticked, n_covered = int(ticked.sum()), int(y.sum())
    return (tp / n_ticked if n_ticked else 1.0), (tp / n_covered if n_covered else 1.0)


def choose_threshold(y: np.ndarray, score: np.ndarray, target: float = TARGET_PRECISION,
                     min_support: int = MIN_SUPPORT) -> float:
    """The lowest threshold at and above which precision stays >= ``target`` (counting
    only thresholds that tick at least ``min_support`` rows), halfway to the next lower
    score. Ticks are ``score >= threshold``."""
    order = np.argsort(-score, kind="stable")
    s, hits = score[order], y[order]
    tp = np.cumsum(hits)
    n = np.arange(1, len(s) + 1)
    # The last row of each run of equal scores: a threshold ticks whole runs.
    ends = np.flatnonzero(np.r_[s[1:] != s[:-1], True])
    precision = tp[ends] / n[ends]
    counted = n[ends] >= min_support
    bad = np.flatnonzero(counted & (precision < target))
    # Ends are in decreasing score; keep those before the first counted failure.
    last = (bad[0] - 1) if len(bad) else len(ends) - 1
    if last < 0:
        raise ValueError(f"no threshold reaches precision {target} on these scores")
    chosen = s[ends[last]]
    lower = s[ends[last] + 1] if ends[last] + 1 < len(s) else chosen - 1e-3
    return float((chosen + lower) / 2)


def _round(x: float) -> float:
    return float(f"{x:.{DIGITS}g}")


def train(data: Path = DATA, *, compare: bool = False, verbose: bool = False) -> dict:
    """The model file's content, trained on the tune split of ``data``."""
    answers = [a for a in load(data) if a.split == SPLIT]
    points = [p for t in all_topics().values() for p in t.key_points]
    X, y, groups = design(answers)
    losses = {C: log_loss(y, out_of_fold(X, y, groups, C)) for C in C_GRID}
    best_C = min(C_GRID, key=lambda C: (losses[C], C))
    oof = out_of_fold(X, y, groups, best_C)
    threshold = choose_threshold(y, oof)
    cv_p, cv_r = precision_recall(y, oof >= threshold)
    rule_score = X[:, FEATURES.index("coverage")]
    rule_p, rule_r = precision_recall(y, rule_score >= _lexical.THRESHOLD)
    rule_th = choose_threshold(y, rule_score)
    rule_p90, rule_r90 = precision_recall(y, rule_score >= rule_th)
    coef, intercept = fit(X, y, best_C)
    report = {
        "folds": N_FOLDS, "C_grid": list(C_GRID),
        "log_loss": {str(C): round(v, 6) for C, v in losses.items()},
        "model": {"precision": round(cv_p, 4), "recall": round(cv_r, 4)},
        "rule_at_its_threshold": {"threshold": _lexical.THRESHOLD,
                                  "precision": round(rule_p, 4), "recall": round(rule_r, 4)},
        "rule_at_target": {"threshold": round(rule_th, 4), "precision": round(rule_p90, 4),
                           "recall": round(rule_r90, 4)},
    }
    if verbose:
        print(json.dumps(report, indent=1))
    if compare:
        print("gradient boosting, same folds (not shipped):",
              json.dumps(_boosting_cv(X, y, groups)))
    return {
        "about": "Learned suggester of mlinterview.practice.suggest: logistic regression on "
                 "the features of mlinterview.practice._features, written by "
                 "tools/train_suggester.py from the tune split of "
                 "benchmarks/data/answer_judgements_*.yaml. Do not edit by hand.",
        "features": list(FEATURES),
        "coef": [_round(c) for c in coef],
        "intercept": _round(intercept),
        "threshold": round(threshold, 4),
        "C": best_C,
        "target_precision": TARGET_PRECISION,
        "idf": {"key": _lexical.idf_key(points), "table": _lexical.compute_idf(points)},
        "trained_on": {"split": SPLIT, "answers": len(answers), "judgements": len(y),
                       "covered": int(y.sum())},
        "cross_validation": report,
    }


def _boosting_cv(X, y, groups) -> dict:
    """Out-of-fold precision/recall of our gradient boosting at its own CV threshold (for
    the comparison only: the shipped model is the logistic regression)."""
    from mlinterview.ml.ensemble import GradientBoostingClassifier

    p = np.zeros(len(y))
    for train, test in GroupKFold(N_FOLDS).split(X, y, groups):
        gb = GradientBoostingClassifier(n_estimators=150, learning_rate=0.05, max_depth=2,
                                        subsample=0.8, random_state=0)
        gb.fit(X[train], y[train])
        p[test] = gb.predict_proba(X[test])[:, 1]
    th = choose_threshold(y, p)
    precision, recall = precision_recall(y, p >= th)
    return {"log_loss": round(log_loss(y, p), 6), "threshold": round(th, 4),
            "precision": round(precision, 4), "recall": round(recall, 4)}


def differences(shipped: dict, trained: dict, *, tol: float = 1e-6) -> list[str]:
    """What differs between two model files: the feature list, the weights or the
    threshold beyond ``tol`` (relative to the largest weight), or any other entry."""
    problems = []
    for key in sorted(set(shipped) | set(trained)):
        a, b = shipped.get(key), trained.get(key)
        if key == "idf" and a is not None and b is not None:
            if a.get("key") != b.get("key") or a.get("table") != b.get("table"):
                problems.append("idf: the key points or the code that makes terms changed")
        elif key in ("coef", "intercept", "threshold") and a is not None and b is not None:
            a, b = np.atleast_1d(np.asarray(a, float)), np.atleast_1d(np.asarray(b, float))
            scale = max(1.0, float(np.max(np.abs(b))))
            if a.shape != b.shape or np.max(np.abs(a - b)) > tol * scale:
                problems.append(f"{key}: shipped {shipped.get(key)}, trained {trained.get(key)}")
        elif a != b:
            problems.append(f"{key}: shipped {a!r}, trained {b!r}")
    return problems


def dumps(model: dict) -> str:
    """The model as the file holds it."""
    return json.dumps(model, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the shipped file; write nothing")
    parser.add_argument("--compare", action="store_true",
                        help="also cross-validate gradient boosting")
    args = parser.parse_args(argv)
    model = train(compare=args.compare, verbose=True)
    if args.check:
        shipped = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else {}
        problems = differences(shipped, model)
        print("\n".join(problems) or "the shipped model is up to date")
        return 1 if problems else 0
    OUT.write_text(dumps(model), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: threshold {model['threshold']}, C {model['C']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
