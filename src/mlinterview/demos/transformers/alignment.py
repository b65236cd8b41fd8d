"""Demos for alignment: DPO on a toy preference dataset, and what PPO's clip does.

The "language model" is the smallest one that still has the right structure: a policy over
8 single-token answers to each of 16 prompts, log π(y | x) = log_softmax(x W)_y, trained on
our autograd engine. A hidden reward r(x, y) = x · u_y plays the human; the reference
(SFT) policy has weights W_ref.

``alignment``: pairs of answers sampled from the reference are labelled by the
Bradley-Terry model of the hidden reward, and the policy is trained with the DPO loss.
The log-probabilities of the chosen answers fall (mass moves to the best answers, which
are rarely in the pairs), the margin over the rejected ones grows. Because the policy is
linear in x, the KL-regularised optimum π*(y | x) ∝ π_ref(y | x) exp(r(x, y) / β) is in the
model class: the figure compares DPO's (KL, reward) with that frontier for several β.

``alignment/ppo-clip``: the clipped surrogate as a function of the ratio r for a positive
and a negative advantage, and 40 gradient steps on one sampled batch (group-relative
advantages, as GRPO computes them) with and without the clip: without it the policy keeps
moving away from the one that sampled the batch, with it the KL levels off.
"""

from __future__ import annotations

import numpy as np

from mlinterview.demos import DemoResult, Param, Table, demo
from mlinterview.demos._figures import new_figure
from mlinterview.ml import alignment as A
from mlinterview.ml import optim
from mlinterview.ml.autograd import Tensor
from mlinterview.ml.nn import functional as F

PROMPT_DIM, N_ANSWERS, N_PROMPTS = 8, 8, 16
FRONTIER_BETAS = (0.03, 0.1, 0.3, 1.0)


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def bandit(seed: int):
    """(prompts X (P, d), reference weights W_ref (d, K), true rewards R (P, K))."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(N_PROMPTS, PROMPT_DIM))
    w_ref = rng.normal(size=(PROMPT_DIM, N_ANSWERS)) * 0.4
    rewards = x @ (rng.normal(size=(PROMPT_DIM, N_ANSWERS)) * 0.4)
    return x, w_ref, rewards


def _sample(probs: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One answer per row of ``probs`` (inverse CDF, vectorised)."""
    u = rng.random(len(probs))
    return np.minimum((np.cumsum(probs, axis=1) < u[:, None]).sum(axis=1), probs.shape[1] - 1)


def preference_pairs(x, w_ref, rewards, pairs_per_prompt: int, rng):
    """(prompt, chosen, rejected) index arrays: two answers sampled from π_ref, the winner
    drawn with P(a ≻ b) = σ(r_a - r_b) (Bradley-Terry); pairs of equal answers dropped."""
    probs = _softmax(x @ w_ref)
    prompt = np.repeat(np.arange(N_PROMPTS), pairs_per_prompt)
    a, b = _sample(probs[prompt], rng), _sample(probs[prompt], rng)
    keep = a != b
    prompt, a, b = prompt[keep], a[keep], b[keep]
    a_wins = rng.random(len(a)) < 1 / (1 + np.exp(-(rewards[prompt, a] - rewards[prompt, b])))
    return prompt, np.where(a_wins, a, b), np.where(a_wins, b, a)


def _kl(p: np.ndarray, q: np.ndarray) -> float:
    """Mean over prompts of KL(p || q)."""
    return float(np.mean(np.sum(p * np.log(p / q), axis=1)))


def _reward(p: np.ndarray, rewards: np.ndarray) -> float:
    return float(np.mean(np.sum(p * rewards, axis=1)))


def optimal_policy(x, w_ref, rewards, beta: float) -> np.ndarray:
    """π*(y | x) ∝ π_ref(y | x) exp(r(x, y) / β), the optimum of E[r] - β KL(π || π_ref)."""
    return _softmax(x @ w_ref + rewards / beta)


def train_dpo(x, w_ref, pairs, beta: float, steps: int, lr: float):
    """Adam on the DPO loss over all pairs; returns (final probabilities, history rows of
    (loss, mean log π(chosen), mean log π(rejected), reward accuracy))."""
    prompt, chosen, rejected = pairs
    # The reference's log-probabilities through the same operations as the policy's, so
    # that at step 0 the margins are exactly 0 (no rounding noise in the accuracy).
    log_ref = F.log_softmax(Tensor(x) @ Tensor(w_ref), dim=1).data
    w = Tensor(w_ref.copy(), requires_grad=True)
    opt = optim.Adam([w], lr=lr)
    xt = Tensor(x)
    history = []
    for _ in range(steps):
        opt.zero_grad()
        logp = F.log_softmax(xt @ w, dim=1)
        pc, pr = logp[prompt, chosen], logp[prompt, rejected]
        loss = A.dpo_loss(pc, pr, log_ref[prompt, chosen], log_ref[prompt, rejected], beta=beta)
        loss.backward()
        opt.step()
        margin = (A.dpo_implicit_rewards(pc.detach(), log_ref[prompt, chosen], beta)
                  - A.dpo_implicit_rewards(pr.detach(), log_ref[prompt, rejected], beta))
        history.append((loss.item(), float(pc.data.mean()), float(pr.data.mean()),
                        float(np.mean(margin > 0))))
    return _softmax(x @ w.data), history


@demo("alignment", title="DPO on a toy preference dataset")
def dpo(
    beta: Param(float, lo=0.01, hi=5.0, help="DPO's β: the strength of the pull towards "
                "the reference policy.") = 0.1,
    pairs_per_prompt: Param(int, lo=4, hi=256, help="Preference pairs sampled per "
                            "prompt (before dropping ties).") = 32,
    steps: Param(int, lo=10, hi=2000, help="Adam steps (full batch).") = 300,
    lr: Param(float, lo=1e-3, hi=0.5, help="Adam learning rate.") = 0.05,
    seed: int = 0,
) -> DemoResult:
    """DPO moves a tiny policy's log-probabilities; its (KL, reward) against π*'s frontier."""
    x, w_ref, rewards = bandit(seed)
    pairs = preference_pairs(x, w_ref, rewards, pairs_per_prompt, np.random.default_rng(seed))
    p_ref = _softmax(x @ w_ref)
    betas = sorted(set(FRONTIER_BETAS) | {beta})
    table = Table(["beta", "final DPO loss", "reward accuracy", "mean log π(chosen)",
                   "mean log π(rejected)", "KL(π || π_ref)", "true reward",
                   "KL of π*", "true reward of π*"])
    runs = {}
    for b in betas:
        probs, history = train_dpo(x, w_ref, pairs, b, steps, lr)
        runs[b] = (probs, history)
        star = optimal_policy(x, w_ref, rewards, b)
        loss, lpc, lpr, acc = history[-1]
        table.add(b, round(loss, 4), round(acc, 3), round(lpc, 3), round(lpr, 3),
                  round(_kl(probs, p_ref), 4), round(_reward(probs, rewards), 4),
                  round(_kl(star, p_ref), 4), round(_reward(star, rewards), 4))

    _, history = runs[beta]
    h = np.array(history)
    fig, (ax1, ax2) = new_figure(2, width=4.6)
    ax1.plot(h[:, 1], label="chosen answers")
    ax1.plot(h[:, 2], label="rejected answers")
    ax1.plot(h[:, 1] - h[:, 2], "k--", lw=1, label="margin (chosen - rejected)")
    ax1.set(xlabel="Adam step", ylabel="mean log π(answer | prompt)",
            title=f"DPO, β = {beta:g}: both fall, the margin grows")
    ax1.legend(fontsize=8)
    ax2.plot(h[:, 0], label="DPO loss")
    ax2.plot(h[:, 3], label="reward accuracy")
    ax2.axhline(np.log(2), color="0.5", lw=0.8, ls=":")
    ax2.set(xlabel="Adam step", title="Loss from log 2; implicit-reward accuracy")
    ax2.legend(fontsize=8)

    fig2, ax = new_figure(width=5.6)
    grid = np.geomspace(0.01, 10, 80)
    stars = [optimal_policy(x, w_ref, rewards, b) for b in grid]
    ax.plot([_kl(s, p_ref) for s in stars], [_reward(s, rewards) for s in stars], "k-",
            lw=1, label="π* for every β (the frontier)")
    for i, b in enumerate(betas):
        probs, star = runs[b][0], optimal_policy(x, w_ref, rewards, b)
        ax.plot(_kl(probs, p_ref), _reward(probs, rewards), "o", ms=7, color=f"C{i}",
                label=f"DPO, β = {b:g}")
        ax.plot(_kl(star, p_ref), _reward(star, rewards), "x", ms=8, mew=2, color=f"C{i}")
    ax.plot([], [], "kx", label="π* at the same β")
    ax.axhline(_reward(p_ref, rewards), color="0.5", lw=0.8, ls=":")
    ax.set(xlabel="KL(π || π_ref) (nats, mean over prompts)",
           ylabel="expected true reward",
           title=f"DPO on {len(pairs[0])} pairs against the KL-regularised optimum")
    ax.legend(fontsize=8)

    row = table.row(beta)
    first = history[0]
    summary = (
        f"{len(pairs[0])} preference pairs from the reference policy, labelled by a hidden "
        f"reward. With β = {beta:g} the DPO loss starts at log 2 = {first[0]:.4f} (the policy "
        f"is the reference) and ends at {row['final DPO loss']:.3f}; the implicit reward "
        f"ranks {100 * row['reward accuracy']:.0f}% of the training pairs right. The mean "
        f"log-probability of the chosen answers goes from {first[1]:.2f} to "
        f"{row['mean log π(chosen)']:.2f}: DPO widens the gap to the rejected ones "
        f"({row['mean log π(rejected)']:.2f}), it does not promise to raise the chosen. "
        f"The policy moves KL = {row['KL(π || π_ref)']:.2f} nats from the reference for a true "
        f"reward of {row['true reward']:.3f} (reference {_reward(p_ref, rewards):.3f}); the "
        f"exact optimum π* for this β would reach {row['true reward of π*']:.3f} at KL "
        f"{row['KL of π*']:.2f}. Finite, noisy preferences leave DPO below the frontier."
    )
    return DemoResult(figures={"dpo-log-probs": fig, "dpo-frontier": fig2}, table=table,
                      summary=summary)


# -- PPO's clip ------------------------------------------------------------------------------
def _ppo_epochs(x, w_ref, rewards, clip_eps: float, epochs: int, lr: float, group: int,
                seed: int):
    """Gradient steps on one batch sampled from π_old = π_ref, GRPO-style advantages (reward
    plus noise, standardised within each prompt's group). Returns rows of
    (KL(π_old || π), true reward, share of tokens clipped at ε = 0.2)."""
    rng = np.random.default_rng(seed)
    p_old = _softmax(x @ w_ref)
    prompt = np.repeat(np.arange(N_PROMPTS), group)
    answer = _sample(p_old[prompt], rng)
    observed = rewards[prompt, answer] + 0.5 * rng.normal(size=len(answer))
    adv = A.grpo_advantages(observed.reshape(N_PROMPTS, group)).reshape(-1)
    old = np.log(p_old[prompt, answer])
    w = Tensor(w_ref.copy(), requires_grad=True)
    opt = optim.Adam([w], lr=lr)
    xt = Tensor(x)
    rows = []
    for _ in range(epochs):
        opt.zero_grad()
        logp = F.log_softmax(xt @ w, dim=1)[prompt, answer]
        A.ppo_clip_loss(logp, old, adv, clip_eps=clip_eps).backward()
        opt.step()
        p = _softmax(x @ w.data)
        rows.append((_kl(p_old, p), _reward(p, rewards),
                     A.ppo_clip_fraction(logp.data, old, adv, 0.2)))
    return rows


@demo("alignment", name="ppo-clip", title="PPO's clipped objective and what it bounds")
def ppo_clip(
    clip_eps: Param(float, lo=0.05, hi=0.5, help="PPO's ε.") = 0.2,
    epochs: Param(int, lo=2, hi=200, help="Gradient steps on one sampled batch.") = 40,
    group: Param(int, lo=2, hi=64, help="Answers sampled per prompt (GRPO's group).") = 8,
    seed: int = 0,
) -> DemoResult:
    """The clipped surrogate against r for A = ±1, and many steps on one batch."""
    table = Table(["ratio r", "advantage A", "r A", "clipped objective",
                   "d objective / d r", "gradient switched off"])
    for a in (1.0, -1.0):
        # Away from the kinks at 1 ± ε, where the objective has no derivative.
        for r in (0.4, 1 - clip_eps / 2, 1.0, 1 + clip_eps / 2, 1.6):
            logp = Tensor(np.array([np.log(r)]), requires_grad=True)
            loss = A.ppo_clip_loss(logp, np.zeros(1), np.array([a]), clip_eps=clip_eps)
            loss.backward()
            # d(-loss)/d log r = r · d objective / d r
            slope = -float(logp.grad.data[0]) / r + 0.0     # + 0.0: no -0.0 in the table
            off = bool((r > 1 + clip_eps and a > 0) or (r < 1 - clip_eps and a < 0))
            table.add(round(r, 4), a, round(r * a, 4), round(-loss.item(), 4),
                      round(slope, 4), off)

    fig, axes = new_figure(2, width=4.4)
    r = np.linspace(0.01, 2.0, 400)
    for ax, a in zip(axes, (1.0, -1.0), strict=True):
        obj = -A.ppo_clip_loss(np.log(r), np.zeros_like(r), np.full_like(r, a),
                               clip_eps=clip_eps, reduction="none").data
        ax.plot(r, r * a, color="0.6", ls="--", lw=1, label="r A (unclipped)")
        ax.plot(r, obj, lw=2, label="min(r A, clip(r) A)")
        if a > 0:
            ax.axvspan(1 + clip_eps, 2.0, color="C3", alpha=0.12, label="gradient 0")
        else:
            ax.axvspan(0.0, 1 - clip_eps, color="C3", alpha=0.12, label="gradient 0")
        ax.axvline(1.0, color="k", lw=0.6)
        ax.set(xlabel="probability ratio r = π_θ / π_old", ylabel="objective (maximised)",
               title=f"A = {a:+g}, ε = {clip_eps:g}")
        ax.legend(fontsize=8, loc="upper left" if a > 0 else "lower left")

    x, w_ref, rewards = bandit(seed)
    free = _ppo_epochs(x, w_ref, rewards, 1e6, epochs, 0.05, group, seed)
    clipped = _ppo_epochs(x, w_ref, rewards, clip_eps, epochs, 0.05, group, seed)
    fig2, (ax1, ax2) = new_figure(2, width=4.4)
    steps = np.arange(1, epochs + 1)
    for rows, label in ((free, "no clip"), (clipped, f"PPO clip, ε = {clip_eps:g}")):
        ax1.plot(steps, [row[0] for row in rows], label=label)
        ax2.plot(steps, [row[1] for row in rows], label=label)
    ax1.set(xlabel="gradient step on the same batch", ylabel="KL(π_old || π_θ)",
            title="How far the policy moves")
    ax2.set(xlabel="gradient step on the same batch", ylabel="expected true reward",
            title="What it gains")
    ax1.legend(fontsize=8)

    summary = (
        f"With A > 0 the objective stops rising at r = 1 + ε = {1 + clip_eps:g}: past it the "
        "gradient is 0, so one batch cannot push a good token's probability up without "
        f"limit; with A < 0 lowering r below 1 - ε = {1 - clip_eps:g} gains nothing more. "
        "Moves that make things worse (raising a bad token, lowering a good one) are never "
        f"clipped: the minimum is a pessimistic bound. After {epochs} Adam steps on one "
        f"batch of {N_PROMPTS * group} samples the "
        f"unclipped objective has moved the policy KL = {free[-1][0]:.2f} nats from the one "
        f"that sampled the batch, the clipped one {clipped[-1][0]:.2f} "
        f"(clip fraction {clipped[-1][2]:.2f}). On this batch the free run also gains more "
        f"true reward ({free[-1][1]:.2f} against {clipped[-1][1]:.2f}): the clip trades "
        "progress per batch for a step the samples can vouch for, and PPO samples a new batch "
        "after a few epochs. It is not a hard KL bound either, which is why RLHF adds a KL "
        "penalty to the reference."
    )
    return DemoResult(figures={"clip-objective": fig, "ppo-epochs": fig2}, table=table,
                      summary=summary)
