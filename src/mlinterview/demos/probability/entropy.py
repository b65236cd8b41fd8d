"""Demo for entropy: the entropy of a coin, and why KL divergence is not a distance.

Two biased coins, ``p`` and ``q``: their entropies, the cross-entropy of one coded with the
other, and KL in both directions. The figures show ``H(p)`` over all biases (peak of one
bit at a fair coin) and ``KL(p || q)`` against ``KL(q || p)`` as ``q`` moves.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.information import cross_entropy, entropy, kl_divergence

BASES = {"2": (2.0, "bits"), "e": (np.e, "nats")}


def coin(p: float) -> np.ndarray:
    """The distribution (1 - p, p) of a coin that shows heads with probability p."""
    return np.array([1 - p, p])


@demo("entropy", title="Entropy of a coin and the asymmetry of KL")
def coin_entropy(
    p: Param(float, lo=0.0, hi=1.0, help="Heads probability of the data coin p.") = 0.9,
    q: Param(float, lo=0.01, hi=0.99, help="Heads probability of the model coin q.") = 0.5,
    base: Param(str, choices=tuple(BASES), help="Logarithm base: 2 (bits) or e (nats).") = "2",
) -> DemoResult:
    """Entropy peaks at a fair coin; KL(p || q) and KL(q || p) differ."""
    b, unit = BASES[base]
    P, Q = coin(p), coin(q)
    rows = {
        "H(fair coin)": entropy(coin(0.5), base=b),
        "H(p)": entropy(P, base=b),
        "H(q)": entropy(Q, base=b),
        "H(p, q)": cross_entropy(P, Q, base=b),
        "KL(p || q)": kl_divergence(P, Q, base=b),
        "KL(q || p)": kl_divergence(Q, P, base=b),
    }
    table = Table(["quantity", f"value ({unit})"])
    for name, value in rows.items():
        table.add(name, round(float(value), 6))

    fig1, ax = new_figure()
    grid = np.linspace(0, 1, 401)
    h = entropy(np.stack([1 - grid, grid]), base=b)   # all coins at once, along axis 0
    ax.plot(grid, h, label="H(coin)")
    ax.plot([p], [rows["H(p)"]], "o", label=f"p = {p:g}")
    ax.plot([q], [rows["H(q)"]], "s", label=f"q = {q:g}")
    ax.set(xlabel="P(heads)", ylabel=f"entropy ({unit})", title="Entropy of a coin")
    ax.legend(loc="lower center")

    fig2, ax = new_figure()
    qs = np.linspace(0.01, 0.99, 197)
    Qs = np.stack([1 - qs, qs])
    Ps = np.repeat(P[:, None], qs.size, axis=1)
    with np.errstate(divide="ignore"):
        ax.plot(qs, kl_divergence(Ps, Qs, base=b), label="KL(p || q): data p, model q")
        ax.plot(qs, kl_divergence(Qs, Ps, base=b), label="KL(q || p)")
    ax.axvline(p, color="k", lw=1, ls=":")
    ax.set_ylim(0, max(3.0, 1.2 * rows["KL(p || q)"]) if np.isfinite(rows["KL(p || q)"]) else 5)
    ax.set(xlabel="q = P(heads) of the model coin", ylabel=f"divergence ({unit})",
           title=f"KL is not symmetric (p = {p:g})")
    ax.legend(loc="upper center", fontsize=8)

    summary = (
        f"A fair coin has the most uncertainty, {rows['H(fair coin)']:.3f} {unit}; the coin "
        f"p = {p:g} has {rows['H(p)']:.3f}. Coding data from p with a code built for q costs "
        f"H(p, q) = {rows['H(p, q)']:.3f} {unit} per toss, an excess of KL(p || q) = "
        f"{rows['KL(p || q)']:.3f}; the other direction, KL(q || p) = {rows['KL(q || p)']:.3f}, "
        "is a different number: KL is a divergence, not a distance."
    )
    return DemoResult(figures={"coin-entropy": fig1, "kl-asymmetry": fig2}, table=table,
                      summary=summary)
