"""Demo for imbalanced-data: on a 99:1 set, what do class weights, over-sampling,
under-sampling, SMOTE and threshold moving each change?

Two Gaussian classes in ``n_features`` dimensions (the positives' mean shifted by
``separation`` along a random direction), so logistic regression is the right model and
every fix can only move its decision threshold or reshape its fit slightly. Each fix is
applied to the **training** set only; every model is scored on the same untouched test
set at the real ratio. A last, deliberately wrong row evaluates SMOTE on a test set that
was SMOTE'd too.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Rule, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml import metrics
from mlinterview.ml.imbalance import SMOTE, RandomOverSampler, RandomUnderSampler
from mlinterview.ml.linear_model import LogisticRegression

#: SMOTE draws each new positive between a positive and one of its 5 nearest positives.
SMOTE_NEIGHBOURS = 5


def positives(n: int, ratio: int) -> int:
    """How many of ``n`` rows are positive at ``ratio`` negatives per positive (at least 1)."""
    return max(1, round(n / (ratio + 1)))


def make_set(n: int, ratio: int, n_features: int, separation: float, rng):
    """``n`` rows, one positive per ``ratio`` negatives (at least 1); X (n, n_features)."""
    n_pos = positives(n, ratio)
    y = np.r_[np.ones(n_pos, np.int64), np.zeros(n - n_pos, np.int64)]
    direction = np.ones(n_features) / np.sqrt(n_features)
    X = rng.normal(size=(n, n_features)) + separation * y[:, None] * direction
    perm = rng.permutation(n)
    return X[perm], y[perm]


def evaluate(y, proba, threshold) -> dict[str, float]:
    """Ranking metrics (threshold-free) and the metrics of ``proba >= threshold``."""
    pred = (proba >= threshold).astype(np.int64)
    return {
        "PR-AUC": metrics.average_precision_score(y, proba),
        "ROC AUC": metrics.roc_auc_score(y, proba),
        "balanced accuracy": metrics.balanced_accuracy_score(y, pred),
        "recall": metrics.recall_score(y, pred, zero_division=0.0),
        "precision": metrics.precision_score(y, pred, zero_division=0.0),
        "threshold": threshold,
    }


@demo("imbalanced-data", title="99:1 — class weights, resampling, SMOTE, threshold moving",
      rules=(Rule(f"n_train and n_test must each hold at least {SMOTE_NEIGHBOURS + 1} positives, "
                  "n / (ratio + 1) (SMOTE joins a positive to its nearest positives)",
                  lambda n_train, n_test, ratio:
                  min(positives(n_train, ratio), positives(n_test, ratio))
                  > SMOTE_NEIGHBOURS),))
def imbalanced_data(
    ratio: Param(int, lo=5, hi=1000, help="Negatives per positive.") = 99,
    n_train: Param(int, lo=1000, hi=200_000, help="Training rows.") = 10_000,
    n_test: Param(int, lo=1000, hi=200_000, help="Test rows (and validation rows / 2).") = 20_000,
    n_features: Param(int, lo=1, hi=50, help="Number of features.") = 4,
    separation: Param(float, lo=0.5, hi=6.0, help="Distance between class means.") = 2.5,
    seed: int = 0,
) -> DemoResult:
    """Rebalancing barely changes the ranking (PR-AUC, ROC AUC): it mostly moves the
    threshold, which lifts balanced accuracy and recall at the 0.5 cut and costs
    precision. Moving the threshold of the plain model on a validation set does the same
    without touching the data. Scoring on a resampled test set inflates PR-AUC."""
    rng = np.random.default_rng(seed)
    X, y = make_set(n_train, ratio, n_features, separation, rng)
    X_val, y_val = make_set(max(n_test // 2, 1000), ratio, n_features, separation, rng)
    X_test, y_test = make_set(n_test, ratio, n_features, separation, rng)

    def fit(Xt, yt, **kw):
        # Converged fits (tol well below the default): the table then shows each method's
        # optimum, not where a looser stopping rule happened to land.
        return LogisticRegression(tol=1e-8, max_iter=1000, **kw).fit(Xt, yt)

    plain = fit(X, y)
    models = {
        "no fix": (plain, 0.5),
        "class_weight='balanced'": (fit(X, y, class_weight="balanced"), 0.5),
        "random over-sampling": (fit(*RandomOverSampler(random_state=seed)
                                     .fit_resample(X, y)), 0.5),
        "random under-sampling": (fit(*RandomUnderSampler(random_state=seed)
                                      .fit_resample(X, y)), 0.5),
        "SMOTE": (fit(*SMOTE(k_neighbors=SMOTE_NEIGHBOURS, random_state=seed)
                       .fit_resample(X, y)), 0.5),
        # Youden's J = TPR - FPR = 2 * balanced accuracy - 1: maximise it on validation.
        "threshold moving (validation)": (plain, metrics.best_threshold(
            y_val, plain.predict_proba(X_val)[:, 1], method="youden")[0]),
    }
    results = {name: evaluate(y_test, m.predict_proba(X_test)[:, 1], t)
               for name, (m, t) in models.items()}
    # The mistake: resample the test set as well (here with SMOTE), then score on it.
    smote_model = models["SMOTE"][0]
    X_bad, y_bad = SMOTE(k_neighbors=SMOTE_NEIGHBOURS,
                         random_state=seed + 1).fit_resample(X_test, y_test)
    results["SMOTE, test set SMOTE'd too (wrong)"] = evaluate(
        y_bad, smote_model.predict_proba(X_bad)[:, 1], 0.5)

    columns = ["method", "PR-AUC", "ROC AUC", "balanced accuracy", "recall", "precision",
               "threshold"]
    table = Table(columns)
    for name, r in results.items():
        table.add(name, *(round(float(r[c]), 4) for c in columns[1:]))

    fig1, ax = new_figure(width=7.0)
    names = list(results)
    xs = np.arange(len(names))
    ax.bar(xs - 0.2, [results[n]["PR-AUC"] for n in names], 0.4, label="PR-AUC")
    ax.bar(xs + 0.2, [results[n]["balanced accuracy"] for n in names], 0.4,
           label="balanced accuracy")
    ax.axhline(1 / (ratio + 1), ls=":", color="#999999", label="PR-AUC of chance")
    ax.set_xticks(xs, ["none", "weights", "over", "under", "SMOTE", "threshold",
                       "SMOTE test\n(wrong)"], fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_title(f"{ratio}:1 — the fixes move the threshold, not the ranking")
    ax.legend(fontsize=8)

    fig2, ax = new_figure(width=5.0)
    for name in ("no fix", "class_weight='balanced'", "SMOTE"):
        prec, rec, _ = metrics.precision_recall_curve(
            y_test, models[name][0].predict_proba(X_test)[:, 1])
        ax.step(rec, prec, where="post", label=name)
    for name, marker in (("no fix", "o"), ("class_weight='balanced'", "s"),
                         ("threshold moving (validation)", "^")):
        r = results[name]
        ax.plot(r["recall"], r["precision"], marker, color="black", label=f"{name} cut")
    ax.set(xlabel="recall", ylabel="precision", ylim=(0, 1.02),
           title="Test-set PR curves (untouched 99:1 ratio)")
    ax.legend(fontsize=7)

    none, cw, thr = (results["no fix"], results["class_weight='balanced'"],
                     results["threshold moving (validation)"])
    pr_aucs = [results[n]["PR-AUC"] for n in names[:6]]
    summary = (
        f"At {ratio}:1 the plain model at threshold 0.5 has balanced accuracy "
        f"{none['balanced accuracy']:.2f} (recall {none['recall']:.2f}). Class weights "
        f"raise it to {cw['balanced accuracy']:.2f} (recall {cw['recall']:.2f}, precision "
        f"{cw['precision']:.2f}); moving the plain model's threshold to "
        f"{thr['threshold']:.3f} on validation gives {thr['balanced accuracy']:.2f}. "
        f"PR-AUC stays between {min(pr_aucs):.3f} and {max(pr_aucs):.3f} for all six: "
        f"rebalancing changes the operating point, not the ranking. Scoring on a "
        f"SMOTE'd test set reports PR-AUC "
        f"{results[names[-1]]['PR-AUC']:.2f} — an artefact of the fake 1:1 ratio."
    )
    return DemoResult(figures={"metrics": fig1, "pr_curves": fig2}, table=table,
                      summary=summary)
