"""Alignment losses (mlinterview.ml.alignment) against the same formulas computed in PyTorch
2.13, written here as Hugging Face TRL writes them: the Bradley-Terry reward-model loss, PPO's
clipped surrogate, DPO (with conservative label smoothing), GRPO's group-relative advantages
and its three token averagings, and the log-probabilities of responses.

Values and the gradients with respect to every input must agree within rtol 1e-6 / atol
1e-9 in float64 and rtol 1e-4 / atol 1e-6 in float32 (the same elementary operations in
the same order up to summation). Closed-form cases worked by hand (DPO at π = π_ref, PPO on
both sides of the clip, GRPO on a 0/1-reward group, GAE at λ = 0 and 1), a Monte-Carlo check
of the KL estimators and finite-difference gradchecks in float64 complete them.
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as TF

from mlinterview.ml import alignment as A
from mlinterview.ml.autograd import Tensor, gradcheck

TOL = {np.float64: (1e-6, 1e-9), np.float32: (1e-4, 1e-6)}
DTYPES = [np.float64, np.float32]
LOG2 = float(np.log(2.0))


def close(ours, theirs, dtype):
    rtol, atol = TOL[dtype]
    ours = ours.data if isinstance(ours, Tensor) else np.asarray(ours)
    theirs = theirs.detach().numpy() if isinstance(theirs, torch.Tensor) else theirs
    np.testing.assert_allclose(ours, theirs, rtol=rtol, atol=atol)


def pair(values, dtype):
    """The same leaf in both libraries, both requiring grad."""
    arr = np.asarray(values).astype(dtype)
    return Tensor(arr.copy(), requires_grad=True), torch.tensor(arr.copy(), requires_grad=True)


def backward_and_compare(out, ref, leaves, dtype, rng):
    g = rng.normal(size=ref.shape).astype(dtype) if ref.ndim else None
    if g is None:
        out.backward()
        ref.backward()
    else:
        out.backward(g)
        ref.backward(torch.tensor(g))
    for ours, theirs in leaves:
        close(ours.grad, theirs.grad, dtype)


# ---------------------------------------------------------------------------------------
# torch references (TRL's formulas)
# ---------------------------------------------------------------------------------------
def torch_dpo(pc, pr, rc, rr, beta, label_smoothing):
    logits = (pc - pr) - (rc - rr)
    return (-TF.logsigmoid(beta * logits) * (1 - label_smoothing)
            - TF.logsigmoid(-beta * logits) * label_smoothing)


def torch_ppo(logp, old, adv, eps, eps_high):
    ratio = torch.exp(logp - old)
    return -torch.min(ratio * adv, torch.clamp(ratio, 1 - eps, 1 + eps_high) * adv)


def torch_grpo(logp, old, ref, adv, mask, eps, beta, loss_type):
    ratio = torch.exp(logp - old)
    per_token = -torch.min(ratio * adv[:, None],
                           torch.clamp(ratio, 1 - eps, 1 + eps) * adv[:, None])
    if beta:
        per_token = per_token + beta * (torch.exp(ref - logp) - (ref - logp) - 1)
    if loss_type == "grpo":
        return ((per_token * mask).sum(-1) / mask.sum(-1).clamp(min=1.0)).mean()
    if loss_type == "bnpo":
        return (per_token * mask).sum() / mask.sum().clamp(min=1.0)
    return (per_token * mask).sum() / (per_token.size(0) * per_token.size(1))


def logps(rng, shape, scale=0.5):
    """Plausible log-probabilities of sampled tokens (negative)."""
    return -np.abs(rng.normal(size=shape)) * scale - 0.05


def lengths_mask(rng, b, t):
    lengths = rng.integers(1, t + 1, b)
    return (np.arange(t)[None, :] < lengths[:, None]).astype(np.float64)


# ---------------------------------------------------------------------------------------
# DPO
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", [1, 5, 32])
@pytest.mark.parametrize("beta, label_smoothing", [(0.1, 0.0), (0.5, 0.0), (0.1, 0.1),
                                                   (2.0, 0.3)])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_dpo_loss_and_gradients_match_torch(n, beta, label_smoothing, reduction, dtype):
    rng = np.random.default_rng(n)
    leaves = [pair(logps(rng, n, 20.0), dtype) for _ in range(4)]   # sequence log-probs
    out = A.dpo_loss(*(o for o, _ in leaves), beta=beta, label_smoothing=label_smoothing,
                     reduction=reduction)
    ref = torch_dpo(*(t for _, t in leaves), beta, label_smoothing)
    ref = {"mean": ref.mean(), "sum": ref.sum(), "none": ref}[reduction]
    close(out, ref, dtype)
    backward_and_compare(out, ref, leaves, dtype, rng)


def test_dpo_at_the_reference_is_log_2_with_gradient_beta_over_2():
    # π = π_ref: z = 0, loss = -log σ(0) = log 2 for any β; d loss / d log π_c = -β σ(0) / N.
    for beta in (0.1, 1.0, 5.0):
        pc = Tensor(np.array([-3.0, -10.0]), requires_grad=True)
        pr = Tensor(np.array([-4.0, -2.0]), requires_grad=True)
        loss = A.dpo_loss(pc, pr, pc.data.copy(), pr.data.copy(), beta=beta)
        assert loss.item() == pytest.approx(LOG2, rel=1e-12)
        loss.backward()
        np.testing.assert_allclose(pc.grad.data, [-beta / 4, -beta / 4], rtol=1e-12)
        np.testing.assert_allclose(pr.grad.data, [beta / 4, beta / 4], rtol=1e-12)


def test_dpo_hand_worked_numbers():
    # β = 1: the policy prefers the chosen answer by 2 nats more than the reference does:
    # loss = -log σ(2) = log(1 + e^-2) = 0.126928...; its gradient weight σ(-2) = 0.119203.
    pc = Tensor(np.array([-5.0]), requires_grad=True)
    loss = A.dpo_loss(pc, np.array([-8.0]), np.array([-6.0]), np.array([-7.0]), beta=1.0)
    assert loss.item() == pytest.approx(np.log1p(np.exp(-2.0)), rel=1e-12)
    loss.backward()
    assert pc.grad.item() == pytest.approx(-1 / (1 + np.exp(2.0)), rel=1e-12)
    # Implicit rewards β (log π - log π_ref): 1 · (-5 + 6) = 1 and 1 · (-8 + 7) = -1.
    np.testing.assert_allclose(A.dpo_implicit_rewards([-5.0, -8.0], [-6.0, -7.0], beta=1.0),
                               [1.0, -1.0])
    # Label smoothing ε = 0.25 at z = 2: 0.75 · log(1 + e^-2) + 0.25 · log(1 + e^2).
    smooth = A.dpo_loss([-5.0], [-8.0], [-6.0], [-7.0], beta=1.0, label_smoothing=0.25)
    assert smooth.item() == pytest.approx(0.75 * np.log1p(np.exp(-2)) + 0.25 * np.log1p(
        np.exp(2)), rel=1e-12)


def test_dpo_is_finite_for_extreme_margins():
    # log σ is computed without overflow: a margin of ±1e4 nats gives 0 and 1e4·β, no inf.
    out = A.dpo_loss(np.array([0.0, -1e4]), np.array([-1e4, 0.0]), np.zeros(2), np.zeros(2),
                     beta=1.0, reduction="none")
    np.testing.assert_allclose(out.data, [0.0, 1e4], atol=1e-12)


# ---------------------------------------------------------------------------------------
# Reward model
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("with_margin", [False, True])
def test_reward_model_loss_matches_torch(with_margin, dtype):
    rng = np.random.default_rng(3)
    c, r = pair(rng.normal(size=10), dtype), pair(rng.normal(size=10), dtype)
    margin = rng.uniform(0, 1, 10).astype(dtype) if with_margin else None
    out = A.reward_model_loss(c[0], r[0], margin)
    diff = c[1] - r[1] - (torch.tensor(margin) if with_margin else 0)
    ref = -TF.logsigmoid(diff).mean()
    close(out, ref, dtype)
    backward_and_compare(out, ref, [c, r], dtype, rng)


def test_reward_model_loss_by_hand():
    # Equal rewards: P(chosen wins) = 1/2, loss log 2. A gap of log 3: P = 3/4, loss log(4/3).
    assert A.reward_model_loss([0.5], [0.5]).item() == pytest.approx(LOG2, rel=1e-12)
    assert A.reward_model_loss([np.log(3.0)], [0.0]).item() == pytest.approx(np.log(4 / 3))


# ---------------------------------------------------------------------------------------
# PPO
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape, per_sequence_adv, masked", [
    ((12,), False, False), ((4, 7), False, True), ((4, 7), True, True), ((1, 3), True, False),
])
@pytest.mark.parametrize("eps, eps_high", [(0.2, None), (0.1, 0.28)])
def test_ppo_clip_loss_and_gradients_match_torch(shape, per_sequence_adv, masked, eps,
                                                 eps_high, dtype):
    rng = np.random.default_rng(sum(shape))
    old = logps(rng, shape)
    # Ratios spread over [0.5, 1.6]: some inside the clip range, some beyond on each side.
    new = old + rng.uniform(np.log(0.5), np.log(1.6), shape)
    adv = rng.normal(size=shape[:1] if per_sequence_adv else shape)
    mask = lengths_mask(rng, *shape) if masked else None
    lp, op, ap = pair(new, dtype), pair(old, dtype), pair(adv, dtype)
    out = A.ppo_clip_loss(lp[0], op[0], ap[0], clip_eps=eps, clip_eps_high=eps_high,
                          mask=mask)
    a_t = ap[1][:, None] if per_sequence_adv and len(shape) == 2 else ap[1]
    per_token = torch_ppo(lp[1], op[1], a_t, eps, eps if eps_high is None else eps_high)
    m = torch.ones(shape, dtype=per_token.dtype) if mask is None else torch.tensor(
        mask.astype(dtype))
    ref = (per_token * m).sum() / m.sum()
    close(out, ref, dtype)
    backward_and_compare(out, ref, [lp, op, ap], dtype, rng)
    none = A.ppo_clip_loss(Tensor(new), old, adv, clip_eps=eps, clip_eps_high=eps_high,
                           reduction="none")
    close(none, torch_ppo(torch.tensor(new), torch.tensor(old),
                          torch.tensor(adv)[:, None] if a_t.ndim == 2 and per_sequence_adv
                          else torch.tensor(adv), eps, eps if eps_high is None else eps_high),
          np.float64)


# (ratio, advantage) -> (loss, d loss / d log π) with ε = 0.2, each worked by hand.
PPO_CASES = [
    (1.0, 2.0, -2.0, -2.0),     # inside: -r A, gradient -r A
    (1.5, 2.0, -2.4, 0.0),      # good action already raised past 1.2: clipped, no gradient
    (1.5, -2.0, 3.0, 3.0),      # bad action raised: min picks r A = -3 (never clipped)
    (0.5, 2.0, -1.0, -1.0),     # good action lowered: min picks r A = 1, gradient -r A
    (0.5, -2.0, 1.6, 0.0),      # bad action already lowered past 0.8: clipped
]


def test_ppo_clip_by_hand():
    ratio = np.array([c[0] for c in PPO_CASES])
    adv = np.array([c[1] for c in PPO_CASES])
    logp = Tensor(np.log(ratio), requires_grad=True)                 # old log-probs = 0
    losses = A.ppo_clip_loss(logp, np.zeros(5), adv, clip_eps=0.2, reduction="none")
    np.testing.assert_allclose(losses.data, [c[2] for c in PPO_CASES], rtol=1e-12)
    losses.sum().backward()
    np.testing.assert_allclose(logp.grad.data, [c[3] for c in PPO_CASES], rtol=1e-12,
                               atol=1e-15)
    assert A.ppo_clip_fraction(np.log(ratio), np.zeros(5), adv, 0.2) == pytest.approx(0.4)
    # Clip-higher (DAPO): ε_high = 0.6 leaves the first raise (1.5 < 1.6) unclipped.
    assert A.ppo_clip_fraction(np.log(ratio), np.zeros(5), adv, 0.2, 0.6) == pytest.approx(0.2)
    high = A.ppo_clip_loss(np.log(ratio), np.zeros(5), adv, 0.2, 0.6, reduction="none")
    assert high.data[1] == pytest.approx(-3.0)


def test_ppo_mean_is_over_kept_tokens_only():
    logp, old = np.zeros((2, 3)), np.zeros((2, 3))
    adv = np.array([[1.0, 2.0, 3.0], [4.0, 100.0, 100.0]])
    mask = np.array([[1, 1, 1], [1, 0, 0]])
    out = A.ppo_clip_loss(logp, old, adv, mask=mask)
    assert out.item() == pytest.approx(-(1 + 2 + 3 + 4) / 4)
    assert A.ppo_clip_loss(logp, old, adv, mask=mask, reduction="sum").item() == -10.0


# ---------------------------------------------------------------------------------------
# KL estimators, RLHF rewards, GAE
# ---------------------------------------------------------------------------------------
def test_kl_estimators_by_hand_and_in_expectation():
    # d = log π_ref - log π = log 2: k1 = -log 2, k2 = (log 2)² / 2, k3 = 2 - log 2 - 1.
    lp, ref = np.array([np.log(0.25)]), np.array([np.log(0.5)])
    assert A.kl_penalty(lp, ref, "k1").item() == pytest.approx(-LOG2)
    assert A.kl_penalty(lp, ref, "k2").item() == pytest.approx(LOG2 ** 2 / 2)
    assert A.kl_penalty(lp, ref, "k3").item() == pytest.approx(1 - LOG2)
    # Averaged over samples of π, k1 and k3 are unbiased for KL(π || π_ref); k3 is never < 0.
    rng = np.random.default_rng(0)
    pi, pref = np.array([0.5, 0.3, 0.15, 0.05]), np.array([0.25, 0.25, 0.25, 0.25])
    true_kl = float(np.sum(pi * np.log(pi / pref)))
    tokens = rng.choice(4, size=400_000, p=pi)
    est = {k: A.kl_penalty(np.log(pi[tokens]), np.log(pref[tokens]), k).data
           for k in A.KL_ESTIMATORS}
    assert est["k1"].mean() == pytest.approx(true_kl, rel=0.02)
    assert est["k3"].mean() == pytest.approx(true_kl, rel=0.02)
    assert est["k3"].min() >= 0 and est["k1"].min() < 0
    assert est["k3"].std() < est["k1"].std()


@pytest.mark.parametrize("dtype", DTYPES)
def test_k3_penalty_gradient_matches_torch(dtype):
    rng = np.random.default_rng(1)
    lp, rp = pair(logps(rng, (3, 5)), dtype), pair(logps(rng, (3, 5)), dtype)
    out = A.kl_penalty(lp[0], rp[0]).sum()
    d = rp[1] - lp[1]
    ref = (torch.exp(d) - d - 1).sum()
    close(out, ref, dtype)
    backward_and_compare(out, ref, [lp, rp], dtype, rng)


def test_rlhf_token_rewards_by_hand():
    # Per-token -0.1 (log π - log π_ref); the score is added at the last kept token.
    logp = np.array([[-1.0, -2.0, -0.5], [-1.0, -1.0, -1.0]])
    ref = np.array([[-1.5, -2.0, -0.5], [-0.5, -1.0, -9.0]])
    mask = np.array([[1, 1, 1], [1, 1, 0]])
    rewards = A.rlhf_token_rewards(np.array([2.0, -1.0]), logp, ref, mask, kl_coef=0.1)
    np.testing.assert_allclose(rewards, [[-0.05, 0.0, 2.0], [0.05, -1.0, 0.0]], atol=1e-12)


def test_gae_closed_forms():
    rng = np.random.default_rng(0)
    r, v = rng.normal(size=(3, 6)), rng.normal(size=(3, 6))
    gamma = 0.9
    # λ = 0: the one-step TD error r_t + γ V_{t+1} - V_t (V after the end = 0).
    adv0, ret0 = A.gae(r, v, gamma=gamma, lam=0.0)
    v_next = np.concatenate([v[:, 1:], np.zeros((3, 1))], axis=1)
    np.testing.assert_allclose(adv0, r + gamma * v_next - v, rtol=1e-12)
    np.testing.assert_allclose(ret0, adv0 + v, rtol=1e-12)
    # λ = 1: the discounted return from t minus V_t.
    adv1, _ = A.gae(r, v, gamma=gamma, lam=1.0)
    discount = gamma ** np.arange(6)
    returns = np.array([[np.sum(r[b, t:] * discount[:6 - t]) for t in range(6)]
                        for b in range(3)])
    np.testing.assert_allclose(adv1, returns - v, rtol=1e-10)
    # General λ: Σ_k (γλ)^k δ_{t+k}, written out as a double sum.
    lam = 0.95
    delta = r + gamma * v_next - v
    brute = np.array([[np.sum(delta[b, t:] * (gamma * lam) ** np.arange(6 - t))
                       for t in range(6)] for b in range(3)])
    np.testing.assert_allclose(A.gae(r, v, gamma=gamma, lam=lam)[0], brute, rtol=1e-10)
    # A bootstrap value after the last step enters the last TD error.
    boot, _ = A.gae(r[:, :1], v[:, :1], gamma=0.5, lam=0.0, last_value=np.ones(3))
    np.testing.assert_allclose(boot[:, 0], r[:, 0] + 0.5 - v[:, 0])


# ---------------------------------------------------------------------------------------
# GRPO
# ---------------------------------------------------------------------------------------
def test_grpo_advantages_by_hand():
    # Rewards 1, 0, 0, 1: mean 1/2, sample std √(1/3) = 0.57735: advantages ±0.866.
    adv = A.grpo_advantages(np.array([[1.0, 0.0, 0.0, 1.0], [3.0, 3.0, 3.0, 3.0]]))
    expected = 0.5 / (np.sqrt(1 / 3) + 1e-4)
    np.testing.assert_allclose(adv[0], [expected, -expected, -expected, expected], rtol=1e-12)
    np.testing.assert_array_equal(adv[1], 0.0)       # all equal: nothing to learn
    assert abs(expected - np.sqrt(3) / 2) < 3e-4
    # Dr. GRPO: centred only.
    np.testing.assert_allclose(A.grpo_advantages(np.array([[1.0, 0.0, 0.0, 0.0]]),
                                                 scale_rewards=False),
                               [[0.75, -0.25, -0.25, -0.25]])


@pytest.mark.parametrize("groups, size", [(1, 2), (3, 8), (16, 4)])
def test_grpo_advantages_match_torch(groups, size):
    rewards = np.random.default_rng(groups).normal(size=(groups, size))
    t = torch.tensor(rewards)
    ref = (t - t.mean(dim=1, keepdim=True)) / (t.std(dim=1, keepdim=True) + 1e-4)
    np.testing.assert_allclose(A.grpo_advantages(rewards), ref.numpy(), rtol=1e-12)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("loss_type", A.GRPO_LOSS_TYPES)
@pytest.mark.parametrize("beta", [0.0, 0.04])
@pytest.mark.parametrize("b, t", [(4, 6), (8, 3)])
def test_grpo_loss_and_gradients_match_torch(b, t, beta, loss_type, dtype):
    rng = np.random.default_rng(b * t)
    old = logps(rng, (b, t))
    new = old + rng.uniform(-0.4, 0.4, (b, t))
    refp = logps(rng, (b, t))
    adv = A.grpo_advantages(rng.integers(0, 2, (b // 2, 2)).astype(float)).reshape(-1)
    adv = adv + rng.normal(size=b) * 0.1            # no exact ties between tokens
    mask = lengths_mask(rng, b, t)
    lp, op, rp = pair(new, dtype), pair(old, dtype), pair(refp, dtype)
    out = A.grpo_loss(lp[0], op[0], rp[0], adv.astype(dtype), mask, beta=beta,
                      loss_type=loss_type)
    ref = torch_grpo(lp[1], op[1], rp[1], torch.tensor(adv.astype(dtype)),
                     torch.tensor(mask.astype(dtype)), 0.2, beta, loss_type)
    close(out, ref, dtype)
    leaves = [lp, op] + ([rp] if beta else [])
    backward_and_compare(out, ref, leaves, dtype, rng)


def test_grpo_single_step_gradient_by_hand():
    # old_log_probs=None: r = 1 and d loss / d log π_t = -A_i / (L_i · B) ("grpo" averaging).
    logp = Tensor(np.full((2, 3), -1.0), requires_grad=True)
    mask = np.array([[1, 1, 1], [1, 0, 0]])
    adv = np.array([0.6, -1.2])
    loss = A.grpo_loss(logp, None, None, adv, mask, beta=0.0)
    assert loss.item() == pytest.approx(-(0.6 + -1.2) / 2)
    loss.backward()
    np.testing.assert_allclose(logp.grad.data, [[-0.1, -0.1, -0.1], [0.6, 0, 0]], rtol=1e-12)
    # Token-level ("bnpo"): every kept token weighs 1/4, whatever its answer's length.
    logp.grad = None
    A.grpo_loss(logp, None, None, adv, mask, beta=0.0, loss_type="bnpo").backward()
    np.testing.assert_allclose(logp.grad.data, [[-0.15, -0.15, -0.15], [0.3, 0, 0]])


# ---------------------------------------------------------------------------------------
# Log-probabilities of responses
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("average", [False, True])
def test_sequence_log_probs_match_torch(average, dtype):
    rng = np.random.default_rng(5)
    logits = rng.normal(size=(3, 5, 7))
    labels = rng.integers(0, 7, (3, 5))
    mask = lengths_mask(rng, 3, 5)
    lo, lt = pair(logits, dtype)
    out = A.sequence_log_probs(lo, labels, mask, average=average)
    per_token = torch.gather(TF.log_softmax(lt, -1), 2, torch.tensor(labels)[..., None])
    m = torch.tensor(mask.astype(dtype))
    ref = (per_token[..., 0] * m).sum(-1)
    if average:
        ref = ref / m.sum(-1)
    close(out, ref, dtype)
    backward_and_compare(out, ref, [(lo, lt)], dtype, rng)


# ---------------------------------------------------------------------------------------
# Finite differences and bad input
# ---------------------------------------------------------------------------------------
def test_alignment_gradcheck():
    rng = np.random.default_rng(0)

    def leaf(shape, scale=1.0):
        return Tensor(logps(rng, shape, scale), requires_grad=True)

    pc, pr, rc, rr = (leaf(4, 3.0) for _ in range(4))
    assert gradcheck(lambda a, b, c, d: A.dpo_loss(a, b, c, d, beta=0.7,
                                                   label_smoothing=0.1), [pc, pr, rc, rr])
    assert gradcheck(lambda a, b: A.reward_model_loss(a, b), [pc, pr])
    # PPO away from the clip edges, where the objective is not differentiable.
    old = logps(rng, (2, 4))
    shift = np.array([[0.05, 0.4, -0.5, 0.1], [-0.1, 0.3, 0.02, -0.4]])
    new = Tensor(old + shift, requires_grad=True)
    adv = Tensor(rng.normal(size=(2, 4)), requires_grad=True)
    assert gradcheck(lambda x, a: A.ppo_clip_loss(x, old, a), [new, adv])
    ref = logps(rng, (2, 4))
    mask = np.array([[1, 1, 1, 0], [1, 1, 1, 1]])
    for loss_type in A.GRPO_LOSS_TYPES:
        assert gradcheck(lambda x, kind=loss_type: A.grpo_loss(
            x, old, ref, np.array([0.7, -0.3]), mask, loss_type=kind), [new])
    logits = Tensor(rng.normal(size=(2, 3, 4)), requires_grad=True)
    assert gradcheck(lambda z: A.sequence_log_probs(z, np.array([[0, 3, 1], [2, 2, 0]]),
                                                    np.array([[1, 1, 0], [1, 1, 1]])), [logits])


@pytest.mark.parametrize("call, error, match", [
    (lambda: A.dpo_loss(np.zeros(3), np.zeros(3), np.zeros(2), np.zeros(3)), ValueError,
     "reference_chosen_logps has shape"),
    (lambda: A.dpo_loss(*[np.zeros(2)] * 4, beta=0), ValueError, "beta must be a positive"),
    (lambda: A.dpo_loss(*[np.zeros(2)] * 4, label_smoothing=0.5), ValueError,
     "label_smoothing"),
    (lambda: A.dpo_loss(*[np.array(["a"])] * 4), TypeError, "policy_chosen_logps"),
    (lambda: A.ppo_clip_loss(np.zeros((2, 3)), np.zeros((2, 3)), np.zeros(3)), ValueError,
     "advantages has shape"),
    (lambda: A.ppo_clip_loss(np.zeros(3), np.zeros(3), np.zeros(3), clip_eps=-0.1),
     ValueError, "clip_eps must be"),
    (lambda: A.ppo_clip_loss(np.zeros(3), np.zeros(3), np.zeros(3), mask=np.zeros(3)),
     ValueError, "all-zero mask"),
    (lambda: A.ppo_clip_loss(np.zeros(3), np.zeros(3), np.zeros(3), mask=np.full(3, 2)),
     ValueError, "mask: expected 0/1"),
    (lambda: A.ppo_clip_loss(np.zeros(3), np.zeros(3), np.zeros(3), reduction="avg"),
     ValueError, "reduction must be"),
    (lambda: A.kl_penalty(np.zeros(2), np.zeros(2), "k4"), ValueError, "estimator"),
    (lambda: A.grpo_advantages(np.zeros(4)), ValueError, "num_groups, group_size"),
    (lambda: A.grpo_advantages(np.zeros((3, 1))), ValueError, "at least 2 answers"),
    (lambda: A.grpo_loss(np.zeros((2, 2)), None, None, np.zeros(2), beta=0.0,
                         loss_type="ppo"), ValueError, "loss_type must be"),
    (lambda: A.grpo_loss(np.zeros((2, 2)), None, None, np.zeros(2), np.array([[1, 1], [0, 0]]),
                         beta=0.0), ValueError, "an answer with no token"),
    (lambda: A.gae(np.zeros((2, 3)), np.zeros((2, 4))), ValueError, "both have shape"),
    (lambda: A.gae(np.zeros((2, 3)), np.zeros((2, 3)), gamma=1.5), ValueError, "gamma"),
    (lambda: A.token_log_probs(Tensor(np.zeros((1, 2, 3))), np.array([[0, 3]])), ValueError,
     r"token ids must be in \[0, 3\)"),
    (lambda: A.token_log_probs(Tensor(np.zeros((1, 2, 3))), np.zeros((1, 2))), TypeError,
     "labels: expected integer"),
    (lambda: A.rlhf_token_rewards(np.zeros(2), np.zeros((2, 2)), np.zeros((2, 2)),
                                  np.array([[1, 1], [0, 0]])), ValueError, "at least one"),
])
def test_alignment_rejects_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()
