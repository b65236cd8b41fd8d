"""Demo for fraud-detection: the selective-labels feedback loop, exploration, label delay
and thresholds chosen in money.

Three miniatures on the simulated stream of :mod:`mlinterview.ml.design.feedback_loop`
(3% fraud from a known pattern and a new one whose share grows to half; chargebacks
arrive after a Gamma delay with a mean of 8 days; amounts median $80):

1. *The loop.* Weekly rounds: a binned scorecard blocks ``P(fraud) >= p*``, the
   chargebacks of the allowed transactions arrive, and the model is refitted on the last
   three weeks whose labels are two weeks old. Without exploration it soon trains only on
   its own decisions and forgets the pattern it blocks; with 2% or 5% of the would-be
   blocked transactions let through and weighted by ``1/ε`` it keeps its recall, and the
   inverse-propensity estimate of the fraud rate stays on the truth while the rate
   among labelled transactions is far too low.
2. *Thresholds in money.* On the exact posterior (a perfectly calibrated model), the cost
   of a week at the default 0.5, at the F1-optimal threshold, at the cost-optimal
   threshold chosen on validation data, at the closed form ``c_FP / (c_FP + c_FN)`` and
   with a per-transaction threshold that uses each transaction's amount.
3. *Label maturity.* The share of chargebacks arrived by day ``d``, and the fraud rate of
   the last four weeks as it looks today, before and after dividing by the maturity.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.design.feedback_loop import (
    LOG_AMOUNT,
    LOG_AMOUNT_SD,
    bayes_threshold,
    decision_cost,
    fraud_posterior,
    label_maturity,
    maturity_corrected_rate,
    run_feedback_loop,
    simulate_transactions,
)
from mlinterview.ml.metrics import best_threshold

#: Exploration rates compared in the loop.
EPSILONS = (0.0, 0.02, 0.05)
#: Mean transaction amount: the expected cost of a missed fraud, E[exp(N(μ, σ²))].
MEAN_AMOUNT = float(np.exp(LOG_AMOUNT + LOG_AMOUNT_SD**2 / 2))
#: Transactions in each of the validation and test sets of the threshold miniature.
N_THRESHOLD = 50_000
#: Label maturity: days of recent daily cohorts looked at today, transactions per day.
RECENT_DAYS, PER_DAY = 28, 2000


def threshold_rows(val, test, share: float, fraud_rate: float, cost_fp: float
                   ) -> list[tuple[str, float, float, float]]:
    """(rule, threshold, recall, cost per 10,000 test transactions in $) for the default
    0.5, the F1-optimal and cost-optimal thresholds chosen on ``val``, the closed form
    and the amount-aware rule (threshold ``nan``: it varies per transaction)."""
    p_val = fraud_posterior(val.X, fraud_rate=fraud_rate, new_pattern_share=share)
    p_test = fraud_posterior(test.X, fraud_rate=fraud_rate, new_pattern_share=share)
    y_val = val.is_fraud.astype(np.int64)
    rules = {
        "default 0.5": 0.5,
        "F1-optimal (validation)": best_threshold(y_val, p_val)[0],
        "cost-optimal (validation)": best_threshold(y_val, p_val, method="cost",
                                                    cost_fp=cost_fp, cost_fn=MEAN_AMOUNT)[0],
        "closed form c_FP / (c_FP + c_FN)": bayes_threshold(cost_fp, MEAN_AMOUNT),
    }
    blocks = {name: p_test >= t for name, t in rules.items()}
    # Block when the expected loss p · amount exceeds the expected friction (1 − p) c_FP.
    blocks["amount-aware: p · amount ≥ (1 − p) · c_FP"] = (
        p_test * test.amount >= (1 - p_test) * cost_fp)
    rows = []
    scale = 10_000 / len(test.is_fraud)
    for name, blocked in blocks.items():
        cost = decision_cost(test.is_fraud, blocked, cost_fp=cost_fp, cost_fn=test.amount)
        rows.append((name, float(rules.get(name, np.nan)),
                     float(blocked[test.is_fraud].mean()), cost * scale))
    return rows


def recent_cohorts(fraud_rate: float, rng: np.random.Generator
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Daily cohorts of the last ``RECENT_DAYS`` days seen today: their ages in days,
    sizes, true frauds and chargebacks arrived so far, each of shape (RECENT_DAYS,)."""
    tx = simulate_transactions(RECENT_DAYS * PER_DAY, fraud_rate=fraud_rate,
                               start_day=-RECENT_DAYS, days=RECENT_DAYS, random_state=rng)
    day = np.floor(tx.day).astype(np.int64) + RECENT_DAYS          # 0 = oldest cohort
    arrived = tx.is_fraud & (tx.day + tx.delay <= 0.0)               # today is day 0
    sizes = np.bincount(day, minlength=RECENT_DAYS)
    frauds = np.bincount(day, weights=tx.is_fraud, minlength=RECENT_DAYS)
    observed = np.bincount(day, weights=arrived, minlength=RECENT_DAYS)
    ages = RECENT_DAYS - np.arange(RECENT_DAYS) - 0.5                # mid-day age
    return ages, sizes, frauds, observed


@demo("fraud-detection", title="Selective labels: the feedback loop, exploration and costs")
def fraud_feedback_loop(
    n_rounds: Param(int, lo=6, hi=40, help="Weeks of score, block, wait, retrain.") = 16,
    n_per_round: Param(int, lo=2000, hi=40_000, help="Transactions per week.") = 8000,
    fraud_rate: Param(float, lo=0.005, hi=0.1, help="Share of transactions that are fraud.")
    = 0.03,
    new_pattern_share: Param(float, lo=0.0, hi=1.0,
                             help="Share of fraud from the new pattern in the last week.")
    = 0.5,
    cost_fp: Param(float, lo=1.0, hi=200.0,
                   help="Cost in $ of blocking a good customer.") = 10.0,
    seed: int = 0,
) -> DemoResult:
    """The feedback loop with and without exploration, thresholds in money, and label
    maturity."""
    rng = np.random.default_rng(seed)
    threshold = bayes_threshold(cost_fp, MEAN_AMOUNT)
    loops = {eps: run_feedback_loop(n_rounds, epsilon=eps, threshold=threshold,
                                    n_per_round=n_per_round, fraud_rate=fraud_rate,
                                    new_pattern_share=new_pattern_share, cost_fp=cost_fp,
                                    random_state=seed)
             for eps in EPSILONS}
    n_total = n_rounds * n_per_round
    table = Table(["setting", "threshold", "recall (mean)", "recall (worst week)",
                   "fraud-rate estimate", "cost per 10,000 transactions ($)"])
    loop_cost = {}
    for eps, h in loops.items():
        cost = h.fraud_loss.sum() + h.friction_cost.sum()
        loop_cost[eps] = cost * 10_000 / n_total
        estimate = (np.nanmean(h.ipw_rate) if eps > 0 else float(np.mean(h.naive_rate)))
        name = (f"loop, exploration ε = {eps:.0%} (IPW estimate)" if eps > 0 else
                "loop, no exploration (labelled-only estimate)")
        table.add(name, round(threshold, 4), round(float(h.recall.mean()), 3),
                  round(float(h.recall.min()), 3), round(float(estimate), 4),
                  round(loop_cost[eps]))

    val = simulate_transactions(N_THRESHOLD, fraud_rate=fraud_rate,
                                new_pattern_share=new_pattern_share, random_state=rng)
    test = simulate_transactions(N_THRESHOLD, fraud_rate=fraud_rate,
                                 new_pattern_share=new_pattern_share, random_state=rng)
    rows = threshold_rows(val, test, new_pattern_share, fraud_rate, cost_fp)
    for name, t, recall, cost in rows:
        table.add(f"calibrated scores, {name}", None if np.isnan(t) else round(t, 4),
                  round(recall, 3), None, None, round(cost))

    # -- label maturity -----------------------------------------------------------------
    history = simulate_transactions(50_000, fraud_rate=fraud_rate, random_state=rng)
    delays = history.delay[history.is_fraud]
    days = np.arange(0, 61)
    maturity = label_maturity(delays, days)
    ages, sizes, frauds, observed = recent_cohorts(fraud_rate, rng)
    f_recent = label_maturity(delays, ages)
    last_week = ages < 7
    naive_week = observed[last_week].sum() / sizes[last_week].sum()
    corrected_week = maturity_corrected_rate(observed[last_week], sizes[last_week],
                                             f_recent[last_week])
    true_week = frauds[last_week].sum() / sizes[last_week].sum()
    naive_all = observed.sum() / sizes.sum()
    corrected_all = maturity_corrected_rate(observed, sizes, f_recent)

    # -- figures --------------------------------------------------------------------------
    weeks = np.arange(1, n_rounds + 1)
    fig_loop, (ax_r, ax_e) = new_figure(2, width=5.0)
    for eps, h in loops.items():
        line, = ax_r.plot(weeks, h.recall, marker="o", ms=3, label=f"ε = {eps:.0%}, all fraud")
        ax_r.plot(weeks, h.recall_known, ls=":", color=line.get_color(),
                  label=f"ε = {eps:.0%}, known pattern")
    ax_r.set(xlabel="week", ylabel="recall (share of fraud blocked)", ylim=(0, 1),
             title="A model retrained on its own decisions forgets")
    ax_r.legend(fontsize=7)
    ax_e.plot(weeks, loops[0.0].fraud_rate, color="k", label="true fraud rate")
    ax_e.plot(weeks, loops[0.0].naive_rate, marker="o", ms=3,
              label="labelled-only, no exploration")
    for eps in EPSILONS[1:]:
        ax_e.plot(weeks, loops[eps].ipw_rate, marker="s", ms=3, label=f"IPW, ε = {eps:.0%}")
    ax_e.set(xlabel="week", ylabel="fraud rate", ylim=(0, None),
             title="Fraud-rate estimates per week")
    ax_e.legend(fontsize=7)

    fig_cost, ax_c = new_figure(width=5.8)
    grid = np.linspace(0.005, 0.8, 160)
    p_test = fraud_posterior(test.X, fraud_rate=fraud_rate, new_pattern_share=new_pattern_share)
    scale = 10_000 / N_THRESHOLD
    curve = [decision_cost(test.is_fraud, p_test >= t, cost_fp=cost_fp, cost_fn=test.amount)
             * scale for t in grid]
    ax_c.plot(grid, curve, color="k", label="cost of the week's decisions")
    for name, t, _, cost in rows:
        if not np.isnan(t):
            ax_c.plot([t], [cost], "o", label=f"{name}: ${cost:,.0f}")
    ax_c.set(xlabel="threshold on P(fraud)", ylabel="$ per 10,000 transactions",
             title=f"Missed fraud costs its amount, a blocked customer ${cost_fp:g}")
    ax_c.legend(fontsize=7)

    fig_mat, ax_m = new_figure(width=5.8)
    ax_m.plot(days, maturity, color="k", label="share of chargebacks arrived")
    ax_m.set(xlabel="days since the transaction", ylabel="label maturity", ylim=(0, 1.02),
             title="Chargebacks arrive weeks late")
    ax_m.legend(fontsize=8)

    no, small, big = (loops[e] for e in EPSILONS)
    known = no.recall_known
    low = np.flatnonzero(known < 0.1)
    if low.size:                                   # the first run of weeks below 0.1
        start = end = int(low[0])
        while end + 1 < len(known) and known[end + 1] < 0.1:
            end += 1
        collapse = (f"is below 0.1 in weeks {start + 1}–{end + 1}" if end > start else
                    f"is {known[start]:.2f} in week {start + 1}")
    else:
        end = int(np.nanargmin(known))
        collapse = f"falls to {known[end]:.2f} in week {end + 1}"
    worst = end
    later = no.recall_known[worst + 1:]
    if later.size and np.nanmax(later) > 0.5:
        back = worst + 1 + int(np.nanargmax(later > 0.5))
        aftermath = (f"and is back to {no.recall_known[back]:.2f} in week {back + 1}, after "
                     f"that fraud got through and was relearned")
    else:
        aftermath = "and has not recovered by the last week"
    by_name = {name: (t, recall, cost) for name, t, recall, cost in rows}
    f1_t, _, f1_cost = by_name["F1-optimal (validation)"]
    star_t, _, star_cost = by_name["closed form c_FP / (c_FP + c_FN)"]
    _, _, half_cost = by_name["default 0.5"]
    amount_cost = rows[-1][3]
    expl_loss = big.exploration_loss.sum() * 10_000 / n_total
    summary = (
        f"{n_rounds} weeks of {n_per_round:,} transactions ({fraud_rate:.0%} fraud), blocking "
        f"P(fraud) ≥ {threshold:.3f} = ${cost_fp:g} / (${cost_fp:g} + ${MEAN_AMOUNT:.0f}). "
        f"Without exploration recall averages {no.recall.mean():.2f} and falls to "
        f"{no.recall.min():.2f} in its worst week: once the unblocked history leaves the "
        f"training window, the scorecard sees no labels where it blocks and its recall on "
        f"the known pattern {collapse} {aftermath}. With ε = {EPSILONS[1]:.0%} the worst week is "
        f"{small.recall.min():.2f}, with ε = {EPSILONS[2]:.0%} {big.recall.min():.2f} "
        f"(mean {big.recall.mean():.2f}). The fraud rate among labelled transactions reads "
        f"{no.naive_rate.mean():.2%} against a true {no.fraud_rate.mean():.2%}; the IPW "
        f"estimate with ε = {EPSILONS[2]:.0%} averages {np.nanmean(big.ipw_rate):.2%} "
        f"(weekly values {np.nanmin(big.ipw_rate):.2%} to {np.nanmax(big.ipw_rate):.2%}). "
        f"Exploration let through ${expl_loss:,.0f} of fraud per 10,000 transactions, and "
        f"the total cost fell from ${loop_cost[0.0]:,.0f} to ${loop_cost[EPSILONS[2]]:,.0f}. "
        f"On calibrated scores, per 10,000 transactions: threshold 0.5 costs "
        f"${half_cost:,.0f}, the F1-optimal {f1_t:.2f} ${f1_cost:,.0f}, the closed form "
        f"{star_t:.3f} ${star_cost:,.0f}, and the amount-aware rule ${amount_cost:,.0f}. "
        f"Chargebacks: {label_maturity(delays, 7.0):.0%} have arrived after 7 days, "
        f"{label_maturity(delays, 14.0):.0%} after 14; today the last week looks like "
        f"{naive_week:.2%} fraud, {corrected_week:.2%} after dividing by the maturity (true "
        f"{true_week:.2%}); the last {RECENT_DAYS} days {naive_all:.2%} → "
        f"{corrected_all:.2%}.")
    return DemoResult(figures={"feedback-loop": fig_loop, "threshold-cost": fig_cost,
                               "label-maturity": fig_mat},
                      table=table, summary=summary)
