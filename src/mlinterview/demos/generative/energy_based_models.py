"""Demo for energy-based-models: an MLP energy on 2-D data learned by contrastive
divergence and by denoising score matching, sampled by Langevin dynamics."""

from __future__ import annotations

import time

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml.generative import (
    EnergyModel,
    energy_distance,
    langevin_sample,
    make_ring_of_gaussians,
    mode_coverage,
    ring_centers,
)

STD = 0.1  # of each of the ring's Gaussians


def ring_grad_energy(x: np.ndarray) -> np.ndarray:
    """∇E for the true ring density, E = -log Σ_k exp(-|x - μ_k|² / 2s²) (up to a
    constant): a softmax-weighted pull towards the centres, Σ_k w_k(x) (x - μ_k) / s²."""
    centers = ring_centers()
    logits = -((x[:, None, :] - centers[None]) ** 2).sum(-1) / (2 * STD**2)
    w = np.exp(logits - logits.max(1, keepdims=True))  # the Boltzmann weights of the modes
    w /= w.sum(1, keepdims=True)
    return (x - w @ centers) / STD**2


@demo("energy-based-models", title="Energy learned by CD and by score matching, Langevin samples")
def energy_based_models(
    n_iter: Param(int, lo=50, hi=3000, help="Adam iterations per method.") = 600,
    langevin_steps: Param(int, lo=10, hi=2000, help="Langevin steps when sampling.") = 200,
    step_size: Param(float, lo=1e-4, hi=0.05,
                     help="Langevin step size when sampling, in standardised units.")
    = 0.0015,
    seed: int = 0,
) -> DemoResult:
    """Both energies are the same MLP (2 -> 64 -> 64 -> 1, softplus) on 1000 points of a
    ring of 8 Gaussians, learned in standardised coordinates (each feature divided by its
    standard deviation, about 1.41 here). CD contrasts data with persistent Langevin
    samples (10 steps per iteration); DSM matches -∇E to the score of the data blurred by
    N(0, 0.14²) in those units (0.2 in the data's) and needs no sampling while training.
    Samples start uniform in a box around the data; the Langevin step is in standardised
    units too (0.0015 is 0.003 in the data's: a step h in z = x / s is h s² in x)."""
    n = 1000
    X = make_ring_of_gaussians(n, std=STD, random_state=seed)
    test = make_ring_of_gaussians(n, std=STD, random_state=seed + 1)
    table = Table(["energy", "trained by", "energy distance", "modes hit", "share near a mode",
                   "E(data) - E(uniform box)", "train CPU s"], measured=("train CPU s",))

    def row(name, how, S, energy_gap, seconds):
        hit, share = mode_coverage(S, ring_centers(), radius=3 * STD)
        table.add(name, how, round(energy_distance(S, test), 4), hit, round(share, 3),
                  energy_gap, seconds)

    models, samples, paths = {}, {}, {}
    box_rng = np.random.default_rng(seed + 2)
    for method, how in (("cd", "contrastive divergence"), ("dsm", "denoising score matching")):
        model = EnergyModel(method=method, n_iter=n_iter, random_state=seed)
        start = time.process_time()
        model.fit(X)
        seconds = round(time.process_time() - start, 2)
        S, path = model.sample(n, random_state=seed + 3, n_steps=langevin_steps,
                               step_size=step_size, return_path=True)
        box = box_rng.uniform(model.box_[0], model.box_[1], (4000, 2))
        gap = round(float(model.energy(X).mean() - model.energy(box).mean()), 2)
        row(f"MLP ({method.upper()})", how, S, gap, seconds)
        models[method], samples[method], paths[method] = model, S, np.stack(path)

    # the sampler alone: the same Langevin run, in the same standardised coordinates
    # z = (x - mean_) / scale_, on the true energy of the ring (∇_z E = scale_ · ∇_x E);
    # its modes have curvature (scale_ / STD)² ≈ 200, so steps above 2/200 would diverge
    ref = models["cd"]
    start = (box_rng.uniform(ref.box_[0], ref.box_[1], (n, 2)) - ref.mean_) / ref.scale_
    exact = ref.mean_ + ref.scale_ * langevin_sample(
        lambda z: ref.scale_ * ring_grad_energy(ref.mean_ + ref.scale_ * z), start,
        n_steps=langevin_steps, step_size=min(step_size, 0.0015), random_state=seed + 3)
    row("true ring energy", "- (exact)", exact, "-", 0.0)
    gauss = np.random.default_rng(seed + 4).multivariate_normal(X.mean(0), np.cov(X.T), n)
    row("Gaussian fit", "mean and covariance", gauss, "-", 0.0)

    fig, axes = new_figure(3, 1, width=3.4, height=3.3)
    lim = 3.0
    g = np.linspace(-lim, lim, 120)
    gx, gy = np.meshgrid(g, g)
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    for ax, method in zip(axes[:2], ("cd", "dsm"), strict=True):
        E = models[method].energy(grid).reshape(gx.shape)
        ax.contourf(gx, gy, E - E.min(), levels=20, cmap="viridis_r")
        ax.scatter(*samples[method].T, s=2, color="white", alpha=0.5)
        ax.set(title=f"energy ({method.upper()}) and samples", aspect="equal",
               xlim=(-lim, lim), ylim=(-lim, lim))
    for k in range(12):  # a few Langevin chains of the DSM energy
        axes[2].plot(*paths["dsm"][:, k].T, lw=0.6)
    axes[2].scatter(*X.T, s=2, color="0.6")
    axes[2].set(title="Langevin chains (DSM energy)", aspect="equal", xlim=(-lim, lim),
                ylim=(-lim, lim))

    cd, dsm = table.row("MLP (CD)"), table.row("MLP (DSM)")
    summary = (
        f"Both energies put low values on the ring (mean energy of the data minus that of the "
        f"surrounding box: {cd['E(data) - E(uniform box)']} for CD, "
        f"{dsm['E(data) - E(uniform box)']} for DSM) and Langevin samples reach "
        f"{cd['modes hit']} and {dsm['modes hit']} of the 8 modes (energy distance "
        f"{cd['energy distance']} CD, {dsm['energy distance']} "
        f"DSM, {table.row('Gaussian fit')['energy distance']} for a Gaussian fit and "
        f"{table.row('true ring energy')['energy distance']} for the same sampler on the true "
        f"energy, whose chains stay in the basin they start in: Langevin mixes slowly "
        f"between separated modes). The partition function is never computed: CD only needs energy "
        f"differences between data and model samples, DSM only the gradient ∇E. DSM's loss "
        f"‖σ∇E(x̃) - ε‖² is the ε-prediction loss of a diffusion model at one noise level.")
    return DemoResult(figures={"energies": fig}, table=table, summary=summary)
