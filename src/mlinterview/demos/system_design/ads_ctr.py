"""Demos for ads-ctr: calibrated click prediction on hashed features, and delayed labels.

``ads-ctr``: synthetic impressions with five categorical fields (user, ad, site, device,
hour). The true click log-odds add a main effect per field value and a low-rank
user × ad affinity ``<u_user, a_ad>``, the structure a factorisation machine assumes. All
models see the same hashed features (:func:`mlinterview.ml.design.ctr.hash_categorical`):

- logistic regression on the fields, then with an explicit user × ad cross (one weight
  per pair: most pairs are seen a few times or never);
- a factorisation machine on the fields (a k-dimensional vector per value: unseen pairs
  still get an interaction);
- logistic regression trained on all clicks and 10% of the non-clicks (negative
  down-sampling): same ranking, inflated probabilities, then the correction
  ``q = p / (p + (1 - p) / w)`` and Platt scaling (:class:`LogisticRegression` on the
  logit, fitted on a held-out day);
- the cross model with the hash table shrunk from 2^16 to 2^8 buckets: collisions.

``ads-ctr/delayed-feedback``: conversions arrive an exponential delay after the click. At
the end of a 30-day log the freshest clicks look like negatives; a waiting window,
inverse-probability weights and the maximum-likelihood fit of the delay model
(:func:`mlinterview.ml.design.ctr.fit_delayed_feedback`) remove the bias.
"""

from __future__ import annotations

import numpy as np
from scipy.special import logit

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.design.ctr import (
    FactorizationMachine,
    calibration_ratio,
    colliding_share,
    delay_corrected_rate,
    downsampling_correction,
    expected_calibration_error,
    fit_delayed_feedback,
    hash_categorical,
    normalized_entropy,
    observe_conversions,
    simulate_delayed_conversions,
)
from mlinterview.ml.linear_model import LogisticRegression
from mlinterview.ml.metrics import calibration_curve, log_loss, roc_auc_score

#: Field names and vocabulary sizes of the synthetic impressions.
FIELDS = {"user": 300, "ad": 100, "site": 30, "device": 4, "hour": 24}
#: Standard deviation of each field's main effect on the log-odds.
MAIN_EFFECT = {"user": 0.4, "ad": 0.5, "site": 0.4, "device": 0.3, "hour": 0.2}
CROSS = (("user", "ad"),)
#: L2 strength (on the mean log loss) of every hashed model; the FM's is the same.
ALPHA = 1e-4
TABLE_BITS = (8, 10, 12, 14, 16)


def simulate_impressions(n: int, rng: np.random.Generator, *, rank: int = 2,
                         affinity: float = 1.0, base_logit: float = -3.6
                         ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(X, y, p)``: categorical values (n, 5) in the order of :data:`FIELDS`, clicks
    (n,) and true click probabilities (n,).

    Users, ads and sites are drawn with Zipf-like popularity (a few are frequent, most are
    rare), device and hour uniformly. Log-odds: ``base_logit`` + a Gaussian main effect
    per value + ``<u_user, a_ad>`` with ``rank``-dimensional Gaussian vectors of standard
    deviation ``affinity``.
    """
    columns = []
    for name, size in FIELDS.items():
        weight = 1.0 / np.arange(1, size + 1) ** (0.7 if name in ("user", "ad", "site") else 0)
        columns.append(rng.choice(size, n, p=weight / weight.sum()))
    X = np.column_stack(columns)
    z = np.full(n, base_logit)
    for j, (name, size) in enumerate(FIELDS.items()):
        z += rng.normal(0.0, MAIN_EFFECT[name], size)[X[:, j]]
    u = rng.normal(0.0, affinity, (FIELDS["user"], rank))
    a = rng.normal(0.0, affinity, (FIELDS["ad"], rank))
    z += np.sum(u[X[:, 0]] * a[X[:, 1]], axis=1)
    p = 1.0 / (1.0 + np.exp(-z))
    return X, (rng.random(n) < p).astype(np.int64), p


def _scores(y, p) -> dict:
    return {"log loss": log_loss(y, p, labels=[0, 1]), "NE": normalized_entropy(y, p),
            "AUC": roc_auc_score(y, p), "calibration ratio": calibration_ratio(y, p),
            "ECE": expected_calibration_error(y, p, n_bins=10, strategy="quantile")}


def _fit(X_train, y_train, n_factors=0, max_iter=150, sample_weight=None):
    return FactorizationMachine(n_factors, alpha=ALPHA, init_std=0.3, max_iter=max_iter,
                                random_state=0).fit(X_train, y_train, sample_weight)


@demo("ads-ctr", title="Click prediction: LR vs FM, calibration and hash collisions")
def ctr_models(
    n_impressions: Param(int, lo=10_000, hi=200_000, help="Impressions simulated.") = 60_000,
    n_factors: Param(int, lo=1, hi=16, help="Factor dimension k of the FM.") = 2,
    negative_rate: Param(float, lo=0.01, hi=1.0,
                         help="Share of non-clicks kept for the down-sampled model.") = 0.1,
    seed: int = 0,
) -> DemoResult:
    """Hashed logistic regression (with and without a user x ad cross) against a
    factorisation machine; negative down-sampling and its correction; NE as the hash
    table shrinks."""
    rng = np.random.default_rng(seed)
    X, y, p_true = simulate_impressions(n_impressions, rng)
    # Time order: the first two thirds train, the next sixth calibrates, the rest tests.
    n_train, n_cal = int(n_impressions * 2 / 3), int(n_impressions / 6)
    train, cal, test = (slice(0, n_train), slice(n_train, n_train + n_cal),
                        slice(n_train + n_cal, None))
    names = list(FIELDS)
    H_fields = hash_categorical(X, 2**12, names=names)
    H_cross = hash_categorical(X, 2**12, names=names, crosses=CROSS)

    table = Table(["model", "buckets", "colliding tokens", "log loss", "NE", "AUC",
                   "calibration ratio", "ECE"])

    shares = {}

    def shared_share(bits, crosses):
        if (bits, crosses) not in shares:
            shares[bits, crosses] = colliding_share(X, 2**bits, names=names, crosses=crosses)
        return shares[bits, crosses]

    def add(name, bits, p, crosses=CROSS):
        s = _scores(y[test], p)
        shared = shared_share(bits, crosses) if bits else None
        table.add(name, 2**bits if bits else "-", "-" if shared is None else round(shared, 3),
                  *(round(s[c], 4) for c in ("log loss", "NE", "AUC", "calibration ratio",
                                             "ECE")))
        return s

    p_cross = _fit(H_cross[train], y[train]).predict_proba(H_cross[test])[:, 1]
    results = {
        "LR, fields": add("LR, fields", 12, _fit(H_fields[train], y[train])
                          .predict_proba(H_fields[test])[:, 1], crosses=()),
        "LR + cross": add("LR + user x ad cross", 12, p_cross),
    }
    fm = _fit(H_fields[train], y[train], n_factors=n_factors)
    results["FM"] = add(f"FM k={n_factors}, fields", 12, fm.predict_proba(H_fields[test])[:, 1],
                        crosses=())

    # Negative down-sampling: keep every click and a share w of the non-clicks.
    keep = (y[train] == 1) | (rng.random(n_train) < negative_rate)
    sampled = _fit(H_cross[train][keep], y[train][keep])
    p_raw = sampled.predict_proba(H_cross[test])[:, 1]
    p_fixed = downsampling_correction(p_raw, negative_rate)
    # Platt scaling: a 1-feature logistic regression on the logit, fitted on later data.
    platt = LogisticRegression(C=1e6).fit(
        logit(sampled.predict_proba(H_cross[cal])[:, 1])[:, None], y[cal])
    p_platt = platt.predict_proba(logit(p_raw)[:, None])[:, 1]
    results["sampled"] = add(f"LR + cross on {negative_rate:.0%} of non-clicks, raw", 12, p_raw)
    results["corrected"] = add("  + correction p/(p+(1-p)/w)", 12, p_fixed)
    results["platt"] = add("  + Platt scaling on a later slice", 12, p_platt)

    sweep = []
    for bits in TABLE_BITS:
        H = H_cross if bits == 12 else hash_categorical(X, 2**bits, names=names, crosses=CROSS)
        p = p_cross if bits == 12 else _fit(H[train], y[train]).predict_proba(H[test])[:, 1]
        s = add(f"LR + cross, 2^{bits} buckets", bits, p)
        sweep.append((bits, shared_share(bits, CROSS), s["NE"]))
    results["oracle"] = add("true probabilities", 0, p_true[test])

    # Figures: reliability diagram; NE against the table size.
    fig_cal, ax = new_figure(1, width=4.6)
    top = 0.0
    for label, p, style in (("LR + cross (all data)", p_cross, "o-"),
                            (f"trained on {negative_rate:.0%} of non-clicks", p_raw, "s-"),
                            ("after the correction", p_fixed, "^-")):
        prob_true, prob_pred = calibration_curve(y[test], p, n_bins=10, strategy="quantile")
        ax.plot(prob_pred, prob_true, style, ms=4, label=label)
        top = max(top, 1.05 * float(max(prob_pred.max(), prob_true.max())))
    ax.plot([0, top], [0, top], color="0.6", ls=":", label="calibrated")
    ax.set(xlabel="mean predicted CTR (decile of predictions)", ylabel="observed CTR",
           title="Reliability diagram on the test slice", xlim=(0, top), ylim=(0, top))
    ax.legend(fontsize=8)

    fig_hash, (ax_c, ax_n) = new_figure(2, width=4.2)
    bits = [b for b, _, _ in sweep]
    ax_c.plot(bits, [c for _, c, _ in sweep], "o-", color="C3")
    ax_c.set(xlabel="log2(buckets)", ylabel="share of tokens in a shared bucket",
             title="Collisions as the table shrinks")
    ax_n.plot(bits, [ne for _, _, ne in sweep], "o-", label="LR + user x ad cross")
    ax_n.axhline(results["FM"]["NE"], color="C2", ls="--",
                 label=f"FM k={n_factors}, 2^12 buckets")
    ax_n.axhline(results["oracle"]["NE"], color="0.5", ls=":", label="true probabilities")
    ax_n.set(xlabel="log2(buckets)", ylabel="normalised entropy (test)",
             title="Test NE against the hash table size")
    ax_n.legend(fontsize=8)

    r = results
    summary = (
        f"On {n_impressions:,} impressions (CTR {y.mean():.1%}), logistic regression on "
        f"the hashed fields reaches NE {r['LR, fields']['NE']:.3f} (AUC "
        f"{r['LR, fields']['AUC']:.3f}); adding a user x ad cross gives "
        f"{r['LR + cross']['NE']:.3f}, because most of the pairs are seen too rarely to "
        f"learn a weight each; the factorisation machine with k={n_factors} learns the "
        f"pairs through shared vectors: NE {r['FM']['NE']:.3f}, AUC {r['FM']['AUC']:.3f} "
        f"(true probabilities: {r['oracle']['NE']:.3f}). Training on {negative_rate:.0%} "
        f"of the non-clicks leaves AUC at {r['sampled']['AUC']:.3f} but predicts "
        f"{r['sampled']['calibration ratio']:.1f}x the observed clicks (NE "
        f"{r['sampled']['NE']:.3f}); the correction p/(p+(1-p)/w) brings the ratio to "
        f"{r['corrected']['calibration ratio']:.2f} (NE {r['corrected']['NE']:.3f}), Platt "
        f"scaling on a later slice to {r['platt']['calibration ratio']:.2f}. Shrinking the "
        f"hash table from 2^{sweep[-1][0]} to 2^{sweep[0][0]} buckets puts "
        f"{sweep[0][1]:.0%} of the tokens in a shared bucket and raises NE from "
        f"{sweep[-1][2]:.3f} to {sweep[0][2]:.3f}.")
    return DemoResult(figures={"calibration": fig_cal, "hashing": fig_hash}, table=table,
                      summary=summary)


@demo("ads-ctr", name="delayed-feedback",
      title="Delayed conversions: the naive rate is biased low, and three corrections")
def delayed_feedback(
    conversion_rate: Param(float, lo=0.01, hi=0.5, help="True conversion rate.") = 0.1,
    mean_delay_days: Param(float, lo=0.1, hi=10.0, help="Mean conversion delay.") = 2.0,
    clicks_per_day: Param(int, lo=200, hi=20_000, help="Clicks a day.") = 5000,
    train_days: Param(int, lo=1, hi=30, help="Days of clicks the model trains on.") = 7,
    window_days: Param(float, lo=0.0, hi=10.0,
                       help="Waiting window: clicks younger than this are left out.") = 3.0,
    seed: int = 0,
) -> DemoResult:
    """30 days of clicks, conversions after an exponential delay; the rate estimated at
    day 30 from the last ``train_days`` days: naive, waiting window, inverse-probability
    weights, maximum likelihood (EM)."""
    rng = np.random.default_rng(seed)
    horizon = 30.0
    log = simulate_delayed_conversions(int(clicks_per_day * horizon),
                                       conversion_rate=conversion_rate,
                                       mean_delay=mean_delay_days, horizon=horizon,
                                       random_state=rng)
    elapsed, observed, delay = observe_conversions(log, horizon)
    recent = elapsed <= train_days
    e, o, d = elapsed[recent], observed[recent], delay[recent]
    truth = float(log.converts[log.click_time >= horizon - train_days].mean())

    table = Table(["estimator", "clicks used", "estimate", "relative error"])
    estimates = {}

    def add(name, n_used, value):
        estimates[name] = value
        table.add(name, int(n_used), round(value, 4), round(value / truth - 1, 3))

    add("naive: observed conversions / clicks", len(e), float(o.mean()))
    old = e >= window_days
    if old.any():
        add(f"waiting window: clicks older than {window_days:g} days", old.sum(),
            float(o[old].mean()))
    add("inverse-probability weights 1/F(age), known delay", len(e),
        delay_corrected_rate(e, o, mean_delay_days))
    if o.any():
        p_ml, mu_ml = fit_delayed_feedback(e, o, d)
        add(f"maximum likelihood (EM); mean delay {mu_ml:.2f} days", len(e), p_ml)
    table.add("true rate of these clicks", len(e), round(truth, 4), 0.0)

    # The observed rate of each day's clicks as seen at day 30, and the share F(age).
    days = np.arange(horizon)
    day_of = np.minimum(log.click_time.astype(int), int(horizon) - 1)
    seen_rate = (np.bincount(day_of, weights=observed, minlength=int(horizon))
                 / np.bincount(day_of, minlength=int(horizon)))
    age = horizon - (days + 0.5)
    fig, (ax_l, ax_r) = new_figure(2, width=4.4)
    ax_l.plot(days + 0.5, seen_rate, "o-", ms=3, label="observed at day 30")
    ax_l.plot(days + 0.5, conversion_rate * -np.expm1(-age / mean_delay_days), color="C1",
              label="p · F(age), F = 1 - exp(-age / mean delay)")
    ax_l.axhline(conversion_rate, color="0.5", ls=":", label="true rate")
    ax_l.set(xlabel="day of the click", ylabel="conversion rate",
             title="The freshest clicks look like negatives")
    ax_l.legend(fontsize=8)
    names = [n for n in estimates]
    ax_r.barh(range(len(names)), [estimates[n] for n in names], color="C0")
    ax_r.axvline(truth, color="C3", ls="--", label="true rate")
    ax_r.set_yticks(range(len(names)), [n.split(":")[0].split(";")[0] for n in names],
                    fontsize=8)
    ax_r.set(xlabel="estimated conversion rate",
             title=f"Estimates from the last {train_days} days")
    ax_r.legend(fontsize=8)

    naive = estimates["naive: observed conversions / clicks"]
    ipw = estimates["inverse-probability weights 1/F(age), known delay"]
    window = next((v for k, v in estimates.items() if k.startswith("waiting")), None)
    ml = next((v for k, v in estimates.items() if k.startswith("maximum")), None)
    summary = (
        f"Conversions arrive on average {mean_delay_days:g} days after the click. Trained "
        f"on the last {train_days} days at day 30, the naive label says "
        f"{naive:.2%} against a true {truth:.2%} ({naive / truth - 1:+.0%}): clicks whose "
        f"conversion is still on its way count as negatives, and the most recent day "
        f"looks {1 - seen_rate[-1] / conversion_rate:.0%} worse than it is. "
        + (f"Waiting {window_days:g} days before labelling gives {window:.2%} "
           f"({window / truth - 1:+.0%}) and throws away the freshest data. "
           if window is not None else "")
        + f"Weighting each observed conversion by 1/F(age) gives {ipw:.2%} "
        f"({ipw / truth - 1:+.1%})"
        + (f"; maximum likelihood of the delay model, which also estimates the delay, "
           f"gives {ml:.2%} ({ml / truth - 1:+.1%})." if ml is not None else "."))
    return DemoResult(figures={"delayed-feedback": fig}, table=table, summary=summary)
