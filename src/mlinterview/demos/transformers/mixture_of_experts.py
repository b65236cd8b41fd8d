"""Demo for mixture-of-experts: experts specialise on a mixture of regimes, and the
load-balancing loss keeps every expert in use.

The data mix four regimes: each has its own cluster of inputs and its own target
function, so the best division of labour is one expert per regime. The same sparse MoE
layer is trained twice from the same initialisation, without and with Switch
Transformer's load-balancing loss. Without it the router tends to collapse (rich get
richer: an expert that is chosen gets trained, looks better and is chosen more) and
some experts are never used; with it the load evens out and the routing matrix
(regime × expert) becomes close to a permutation.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml import nn, optim
from mlinterview.ml.autograd import Tensor, no_grad
from mlinterview.ml.nn import functional as F

N_REGIMES = 4
D_MODEL = 4


def regime_data(n: int, rng: np.random.Generator, maps: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """n points of the mixture: (x (n, 4), y (n, 4), regime (n,)).

    Regime r has inputs around 2·e_r (spread 0.6) and target tanh(A_r (x - 2·e_r)),
    with A_r = maps[r] a scaled random rotation: four unrelated functions.
    """
    regime = rng.integers(0, N_REGIMES, n)
    centres = 2.0 * np.eye(N_REGIMES, D_MODEL)
    x = centres[regime] + 0.6 * rng.normal(size=(n, D_MODEL))
    y = np.tanh(np.einsum("nij,nj->ni", maps[regime], x - centres[regime]))
    return x, y, regime


def routing_matrix(regime: np.ndarray, expert_index: np.ndarray, num_experts: int
                   ) -> np.ndarray:
    """(regimes, experts): the share of each regime's assignments that go to each expert."""
    rows = np.repeat(regime, expert_index.shape[1])
    counts = np.zeros((N_REGIMES, num_experts))
    np.add.at(counts, (rows, expert_index.reshape(-1)), 1)
    return counts / counts.sum(axis=1, keepdims=True)


def own_experts(matrix: np.ndarray) -> int:
    """Regimes whose main expert is the main expert of no other regime."""
    main = matrix.argmax(axis=1)
    return int((np.bincount(main, minlength=matrix.shape[1])[main] == 1).sum())


def train(coef: float, data, test, *, num_experts: int, top_k: int,
          capacity_factor: float | None, steps: int, seed: int) -> dict:
    """Adam on mini-batches of 256: MSE + the layer's aux_loss (coef · balancing loss)."""
    x, y, _ = data
    moe = nn.MixtureOfExperts(D_MODEL, num_experts, 16, top_k=top_k,
                              capacity_factor=capacity_factor, load_balancing_coef=coef,
                              dtype=np.float64, generator=np.random.default_rng(seed))
    opt = optim.Adam(moe.parameters(), lr=0.01)
    batches = np.random.default_rng(seed + 1)
    history = {"mse": [], "balance": [], "max_load": []}
    for _ in range(steps):
        i = batches.integers(0, len(x), 256)
        opt.zero_grad()
        mse = F.mse_loss(moe(Tensor(x[i])), Tensor(y[i]))
        (mse + moe.aux_loss).backward()
        opt.step()
        load = np.bincount(moe.routing.expert_index.reshape(-1), minlength=num_experts)
        history["mse"].append(mse.item())
        history["balance"].append(moe.load_balancing_loss.item())
        history["max_load"].append(load.max() / load.sum())
    xt, yt, rt = test
    with no_grad():
        pred = moe(Tensor(xt)).data
    index = moe.routing.expert_index
    load = np.bincount(index.reshape(-1), minlength=num_experts) / index.size
    # What a capacity factor of 1 would drop for this router: assignments queued beyond
    # ceil(k T / E) at their expert.
    cap = F.expert_capacity(len(xt), num_experts, top_k, 1.0)
    dropped = float(np.mean(F.expert_positions(index, num_experts) >= cap))
    return {"test_mse": float(np.mean((pred - yt) ** 2)), "load": load, "dropped": dropped,
            "matrix": routing_matrix(rt, index, num_experts),
            "balance": moe.load_balancing_loss.item(), "history": history}


def _smooth(values: list[float], width: int = 15) -> np.ndarray:
    v = np.asarray(values, dtype=float)
    width = min(width, len(v))
    return np.convolve(v, np.ones(width) / width, mode="valid")


@demo("mixture-of-experts", title="Experts specialise; the balancing loss keeps them all busy")
def experts_specialise(
    num_experts: Param(int, lo=2, hi=8, help="Experts E (the data have 4 regimes).") = 4,
    top_k: Param(int, lo=1, hi=2, help="Experts per token.") = 1,
    balance_coef: Param(float, lo=0.001, hi=1.0,
                        help="α of the load-balancing loss in the balanced run.") = 0.1,
    capacity_factor: Param(float, lo=0.0, hi=4.0,
                           help="Capacity factor while training (0: no limit).") = 0.0,
    steps: Param(int, lo=50, hi=1000, help="Adam steps (batches of 256).") = 300,
    seed: int = 1,
) -> DemoResult:
    """The same MoE layer (E experts, 4 → 16 → 4 MLPs, top-k gating) trained without and
    with the load-balancing loss on a mixture of four regimes; routing, load and error."""
    rng = np.random.default_rng(seed)
    maps = 2.0 * np.stack([np.linalg.qr(rng.normal(size=(D_MODEL, D_MODEL)))[0]
                           for _ in range(N_REGIMES)])
    data = regime_data(2048, rng, maps)
    test = regime_data(2048, rng, maps)
    cf = capacity_factor if capacity_factor > 0 else None
    runs = {
        "without balancing": train(0.0, data, test, num_experts=num_experts, top_k=top_k,
                                   capacity_factor=cf, steps=steps, seed=seed),
        f"with balancing (α = {balance_coef:g})": train(
            balance_coef, data, test, num_experts=num_experts, top_k=top_k,
            capacity_factor=cf, steps=steps, seed=seed),
    }

    table = Table(["run", "test MSE", "balancing loss", "experts used", "max load",
                   "dropped at capacity 1", "regimes with an expert of their own"])
    for name, r in runs.items():
        table.add(name, round(r["test_mse"], 4), round(r["balance"], 3),
                  int((r["load"] > 0.01).sum()), round(float(r["load"].max()), 3),
                  round(r["dropped"], 3), own_experts(r["matrix"]))

    fig_matrix, axes = new_figure(2, width=3.6, height=3.3)
    for ax, (name, r) in zip(axes, runs.items(), strict=True):
        ax.imshow(r["matrix"], vmin=0, vmax=1, cmap="Blues", aspect="auto")
        for (i, j), v in np.ndenumerate(r["matrix"]):
            ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=8,
                    color="white" if v > 0.6 else "black")
        ax.set_xticks(range(num_experts))
        ax.set_yticks(range(N_REGIMES))
        ax.grid(False)
        ax.set(xlabel="expert", ylabel="regime", title=name)
    fig_matrix.suptitle("Routing matrix: share of each regime's tokens per expert")

    fig_load, (ax_bar, ax_max) = new_figure(2, width=4.2)
    width = 0.4
    for j, (name, r) in enumerate(runs.items()):
        ax_bar.bar(np.arange(num_experts) + (j - 0.5) * width, r["load"], width, label=name)
        ax_max.plot(_smooth(r["history"]["max_load"]), label=name)
    ax_bar.axhline(1 / num_experts, color="k", ls=":", lw=1, label="balanced: 1/E")
    ax_bar.set(xlabel="expert", ylabel="share of assignments", title="Load per expert (test)",
               xticks=range(num_experts))
    ax_bar.legend(fontsize=8)
    ax_max.axhline(1 / num_experts, color="k", ls=":", lw=1)
    ax_max.set(xlabel="Adam step", ylabel="busiest expert's share", ylim=(0, 1.02),
               title="Load of the busiest expert in training")

    fig_train, (ax_mse, ax_lb) = new_figure(2, width=4.2)
    for name, r in runs.items():
        ax_mse.semilogy(_smooth(r["history"]["mse"]), label=name)
        ax_lb.plot(_smooth(r["history"]["balance"]), label=name)
    ax_lb.axhline(1.0, color="k", ls=":", lw=1, label="1: balanced")
    ax_mse.set(xlabel="Adam step", ylabel="training MSE", title="Task loss")
    ax_lb.set(xlabel="Adam step", ylabel="E · Σ fᵢ Pᵢ", title="Load-balancing loss")
    ax_mse.legend(fontsize=8)
    ax_lb.legend(fontsize=8)

    off, on = runs.values()
    summary = (
        f"Four regimes, {num_experts} experts, top-{top_k}. Without the balancing loss "
        f"{int((off['load'] > 0.01).sum())} of {num_experts} experts end up used, the busiest "
        f"takes {off['load'].max():.0%} of the assignments and a capacity factor of 1 would "
        f"drop {off['dropped']:.0%} of them; {own_experts(off['matrix'])} of 4 regimes have an "
        f"expert of their own (test MSE {off['test_mse']:.4f}). With α = "
        f"{balance_coef:g} · E Σ f_i P_i added to the loss, {int((on['load'] > 0.01).sum())} "
        f"experts are used, the busiest takes {on['load'].max():.0%}, {on['dropped']:.0%} "
        f"would be dropped, {own_experts(on['matrix'])} of 4 regimes have an expert of their "
        f"own and the test MSE is {on['test_mse']:.4f}. The balancing loss is 1 at perfect "
        f"balance; its gradient lowers the router probability of the experts that get the "
        f"most tokens.")
    return DemoResult(figures={"routing-matrix": fig_matrix, "expert-load": fig_load,
                               "training": fig_train},
                      table=table, summary=summary)
