"""Demo for diffusion-noise: the same DDPM trained with Gaussian, uniform and Laplace
forward noise (each of unit variance), what changes and what does not."""

from __future__ import annotations

import time

import numpy as np
import scipy.stats

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.generative import (
    DATASETS,
    DDPM,
    NOISES,
    energy_distance,
    forward_chain,
    mode_coverage,
    q_sample,
    ring_centers,
    sample_noise,
)


@demo("diffusion-noise", title="Diffusion with Gaussian, uniform and Laplace noise")
def diffusion_noise(
    dataset: Param(str, choices=tuple(DATASETS), help="Toy 2-D distribution.") = "ring",
    schedule: Param(str, choices=("linear", "cosine"), help="Beta schedule.") = "linear",
    n_iter: Param(int, lo=50, hi=5000, help="Adam iterations per model.") = 600,
    n_steps: Param(int, lo=10, hi=500, help="Diffusion steps T.") = 100,
    seed: int = 0,
) -> DemoResult:
    """For each noise: the forward process is checked (mean and variance of q(x_t | x_0)
    and the shape of x_T, one-shot vs step by step), a DDPM is trained with ε drawn from
    that noise, and samples are drawn with the same noise in the reverse steps and, for
    comparison, with Gaussian reverse noise."""
    make = DATASETS[dataset]
    ring = dataset == "ring"
    n = 1000
    X = make(n, random_state=seed)
    test = make(n, random_state=seed + 1)
    rng = np.random.default_rng(seed + 2)

    table = Table(["forward noise", "reverse noise", "energy distance", "share near a mode",
                   "mean error at T/2", "variance error at T/2", "x_T kurtosis one-shot",
                   "x_T kurtosis chain", "final loss", "train CPU s"],
                  measured=("train CPU s",))
    samples, marginals = {}, {}
    for kind in NOISES:
        model = DDPM(n_steps=n_steps, schedule=schedule, noise=kind, hidden=64,
                     batch_size=128, n_iter=n_iter, random_state=seed)
        start = time.process_time()
        model.fit(X)
        seconds = round(time.process_time() - start, 2)
        # the forward process, measured on 20,000 copies of one point x_0 = (1, -1)
        ab, m = model.alphas_cumprod_, 20_000
        x0 = np.tile([1.0, -1.0], (m, 1))
        half = n_steps // 2 - 1
        xt = q_sample(x0, half, ab, sample_noise(kind, (m, 2), rng))
        mean_err = float(np.abs(xt.mean(0) - np.sqrt(ab[half]) * x0[0]).max())
        var_err = float(np.abs(xt.var(0) - (1 - ab[half])).max())
        one_shot = q_sample(x0, n_steps - 1, ab, sample_noise(kind, (m, 2), rng))[:, 0]
        chain = forward_chain(x0, n_steps, model.betas_, kind, rng)[:, 0]
        marginals[kind] = (one_shot, chain)
        final_loss = round(float(np.mean(model.loss_curve_[-100:])), 3)
        for reverse in dict.fromkeys((kind, "gaussian")):
            model.set_params(sampling_noise=reverse)
            S = model.sample(n, random_state=seed + 3)
            samples[(kind, reverse)] = S
            share = (round(mode_coverage(S, ring_centers(), radius=0.3)[1], 3) if ring
                     else "-")
            table.add(kind, reverse, round(energy_distance(S, test), 4), share,
                      round(mean_err, 4), round(var_err, 4),
                      round(float(scipy.stats.kurtosis(one_shot)), 2),
                      round(float(scipy.stats.kurtosis(chain)), 2), final_loss, seconds)

    fig, axes = new_figure(4, 1, width=3.0, height=3.0)
    lim = np.abs(X).max() * 1.3
    panels = [("data", X)] + [(k, samples[(k, k)]) for k in NOISES]
    for ax, (name, S) in zip(axes, panels, strict=True):
        ax.scatter(S[:, 0], S[:, 1], s=3, alpha=0.5)
        ax.set(xlim=(-lim, lim), ylim=(-lim, lim), aspect="equal",
               title=name if name == "data" else f"{name} noise")
    fig_noise, axes_n = new_figure(3, 1, width=3.2, height=2.6)
    bins = np.linspace(-4, 4, 81)
    for ax, (kind, (one_shot, chain)) in zip(axes_n, marginals.items(), strict=True):
        ax.hist(one_shot, bins=bins, density=True, alpha=0.5, label="one-shot q(x_T|x_0)")
        ax.hist(chain, bins=bins, density=True, histtype="step", label="T-step chain")
        ax.set(title=f"x_T, {kind} noise", xlabel="first coordinate")
    axes_n[0].legend(fontsize=7)

    rows = {(r[0], r[1]): dict(zip(table.columns, r, strict=True)) for r in table.rows}
    ed = {k: rows[(k, k)]["energy distance"] for k in NOISES}
    var_err = max(r["variance error at T/2"] for r in rows.values())
    uni = rows[("uniform", "uniform")]
    summary = (
        f"All three noises have mean 0 and variance 1, so the one-shot marginal keeps mean "
        f"√ᾱ_t x_0 and variance 1 - ᾱ_t (errors ≤ {var_err} here) and the same ε-regression "
        f"trains a working model: energy distance {ed['gaussian']} (Gaussian), "
        f"{ed['uniform']} (uniform), {ed['laplace']} (Laplace). What only the Gaussian "
        f"gives: the T-step chain ends with the same law as the one-shot formula (kurtosis "
        f"of x_T with uniform noise: {uni['x_T kurtosis one-shot']} one-shot vs "
        f"{uni['x_T kurtosis chain']} for the chain, pulled to Gaussian by the central limit "
        f"theorem), Gaussian reverse steps, and ε-prediction equal to a scaled score. Other "
        f"noises are used on purpose for bounded or heavy-tailed data, discrete data (masking, "
        f"categorical noise) or cold diffusion (blur, masking), with a sampler built for them.")
    return DemoResult(figures={"samples": fig, "forward noise": fig_noise}, table=table,
                      summary=summary)
