"""The alignment demos against closed forms: DPO starts at log 2, π* maximises the
KL-regularised reward, the preference labels follow the hidden reward, the clipped objective
and its slope by hand."""

import numpy as np
import pytest

from mlinterview.demos import registry
from mlinterview.demos.transformers import alignment as demo_module


def test_dpo_demo_moves_the_policy_and_stays_below_the_optimum():
    result = registry()["alignment"].run(steps=150).result
    table = {row[0]: dict(zip(result.table.columns, row, strict=True))
             for row in result.table.rows}
    for beta, row in table.items():
        assert row["final DPO loss"] < np.log(2)
        assert row["reward accuracy"] > 0.6
        assert row["mean log π(chosen)"] > row["mean log π(rejected)"]
        # π* is the best policy for its own objective E[r] - β KL: DPO's cannot beat it.
        assert row["true reward"] - beta * row["KL(π || π_ref)"] \
            <= row["true reward of π*"] - beta * row["KL of π*"] + 1e-9
    kl_star = [table[b]["KL of π*"] for b in sorted(table)]
    assert kl_star == sorted(kl_star, reverse=True)          # larger β, closer to π_ref
    assert set(result.figures) == {"dpo-log-probs", "dpo-frontier"}


def test_dpo_starts_at_log_2():
    x, w_ref, rewards = demo_module.bandit(0)
    pairs = demo_module.preference_pairs(x, w_ref, rewards, 8, np.random.default_rng(0))
    _, history = demo_module.train_dpo(x, w_ref, pairs, beta=0.5, steps=1, lr=0.01)
    assert history[0][0] == pytest.approx(np.log(2), rel=1e-12)
    assert history[0][3] == 0.0                     # no margin yet: no pair ranked right


def test_optimal_policy_maximises_the_regularised_reward():
    x, w_ref, rewards = demo_module.bandit(1)
    beta = 0.3
    p_ref = demo_module._softmax(x @ w_ref)
    star = demo_module.optimal_policy(x, w_ref, rewards, beta)

    def objective(p):
        return np.sum(p * rewards, axis=1) - beta * np.sum(p * np.log(p / p_ref), axis=1)
    best = objective(star)
    rng = np.random.default_rng(0)
    for _ in range(50):
        other = demo_module._softmax(np.log(star) + rng.normal(0, 0.3, star.shape))
        assert np.all(objective(other) <= best + 1e-12)


def test_preferences_follow_the_hidden_reward():
    x, w_ref, rewards = demo_module.bandit(0)
    prompt, chosen, rejected = demo_module.preference_pairs(x, w_ref, rewards, 256,
                                                            np.random.default_rng(1))
    assert np.all(chosen != rejected)
    gap = rewards[prompt, chosen] - rewards[prompt, rejected]
    # Bradley-Terry: the chosen one is better with probability σ(|gap|) > 1/2 on each pair;
    # the expected share of right labels is the mean of σ(|gap|).
    expected = np.mean(1 / (1 + np.exp(-np.abs(gap))))
    assert np.mean(gap > 0) == pytest.approx(expected, abs=0.03)


def test_ppo_clip_table_by_hand():
    result = registry()["alignment/ppo-clip"].run(clip_eps=0.2, epochs=20).result
    for r, a, ra, objective, slope, off in result.table.rows:
        assert ra == pytest.approx(r * a)
        assert objective == pytest.approx(min(r * a, float(np.clip(r, 0.8, 1.2)) * a))
        assert off == ((r > 1.2 and a > 0) or (r < 0.8 and a < 0))
        assert slope == pytest.approx(0.0 if off else a)
    assert "KL = " in result.summary
    assert set(result.figures) == {"clip-objective", "ppo-epochs"}


def test_the_clip_keeps_the_policy_closer():
    x, w_ref, rewards = demo_module.bandit(0)
    free = demo_module._ppo_epochs(x, w_ref, rewards, 1e6, 30, 0.05, 8, 0)
    clipped = demo_module._ppo_epochs(x, w_ref, rewards, 0.2, 30, 0.05, 8, 0)
    assert clipped[-1][0] < free[-1][0] / 3
    assert clipped[0][0] == pytest.approx(free[0][0])       # the first step is unclipped
