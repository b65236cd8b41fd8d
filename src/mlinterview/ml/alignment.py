"""Preference-alignment losses on the autograd engine: reward model, PPO, DPO and GRPO.

The RLHF pipeline (Ouyang et al., "Training language models to follow instructions with
human feedback", 2022) has three stages after pre-training: supervised fine-tuning on
demonstrations; a **reward model** trained on human comparisons with the Bradley-Terry
loss :func:`reward_model_loss`; and reinforcement learning of the policy against that reward
with **PPO** (:func:`ppo_clip_loss`, advantages from :func:`gae`) and a per-token KL penalty
towards the SFT model (:func:`rlhf_token_rewards`) so that the policy cannot drift into
text the reward model scores wrongly.

- **DPO** (Rafailov et al., 2023, :func:`dpo_loss`) skips the reward model and the RL loop:
  the optimal policy of the KL-regularised objective defines an implicit reward
  β log(π/π_ref), and the Bradley-Terry likelihood of the preferences becomes a
  classification loss on log-probability ratios.
- **GRPO** (Shao et al., "DeepSeekMath", 2024, :func:`grpo_advantages`, :func:`grpo_loss`)
  drops PPO's value network: it samples a group of answers per prompt and uses each
  answer's reward standardised within its group as the advantage of all its tokens.

Conventions (as in Hugging Face TRL): log-probabilities are per sequence (DPO, summed over
the response tokens) or per token (PPO, GRPO: shape (batch, tokens) with a 0/1 ``mask``);
losses are minimised, so each objective that RL maximises appears with a minus sign.
Inputs may be Tensors (gradients flow) or arrays (constants).
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.autograd import Tensor, where
from mlinterview.ml.nn import functional as F

__all__ = [
    "dpo_implicit_rewards",
    "dpo_loss",
    "gae",
    "grpo_advantages",
    "grpo_loss",
    "kl_penalty",
    "ppo_clip_fraction",
    "ppo_clip_loss",
    "reward_model_loss",
    "rlhf_token_rewards",
    "sequence_log_probs",
    "token_log_probs",
]

_REDUCTIONS = ("none", "mean", "sum")
GRPO_LOSS_TYPES = ("grpo", "bnpo", "dr_grpo")
KL_ESTIMATORS = ("k1", "k2", "k3")


# -- argument checks ----------------------------------------------------------------------
def _tensor(value, name: str) -> Tensor:
    """A floating-point Tensor (arrays become constants), or a TypeError naming ``name``."""
    if not isinstance(value, Tensor):
        arr = np.asarray(value)
        if arr.dtype.kind not in "fiu" or arr.dtype.kind == "b":
            raise TypeError(f"{name}: expected real numbers, got dtype {arr.dtype}")
        value = Tensor(arr if arr.dtype.kind == "f" else arr.astype(np.float64))
    if value.dtype.kind != "f":
        raise TypeError(f"{name}: expected floating-point values, got dtype {value.dtype}")
    return value


def _same_shape(ref: Tensor, ref_name: str, **others: Tensor) -> None:
    for name, t in others.items():
        if t.shape != ref.shape:
            raise ValueError(f"{name} has shape {tuple(t.shape)} but {ref_name} has shape "
                             f"{tuple(ref.shape)}; they must match")


def _mask(mask, like: Tensor) -> np.ndarray:
    """A 0/1 float mask of ``like``'s shape and dtype (all ones when ``mask`` is None)."""
    if mask is None:
        return np.ones(like.shape, dtype=like.dtype)
    m = mask.data if isinstance(mask, Tensor) else np.asarray(mask)
    if m.shape != like.shape:
        raise ValueError(f"mask has shape {m.shape} but the log-probabilities have shape "
                         f"{tuple(like.shape)}")
    if not np.all((m == 0) | (m == 1)):
        raise ValueError("mask: expected 0/1 or boolean values")
    return m.astype(like.dtype)


def _reduce(losses: Tensor, reduction: str, mask: np.ndarray | None = None) -> Tensor:
    """none / sum / mean; with a mask, the mean is over the tokens the mask keeps."""
    if reduction not in _REDUCTIONS:
        raise ValueError(f"reduction must be one of {_REDUCTIONS}, got {reduction!r}")
    if mask is not None:
        losses = losses * Tensor(mask)
    if reduction == "none":
        return losses
    if reduction == "sum":
        return losses.sum()
    count = losses.data.size if mask is None else float(mask.sum())
    if count == 0:
        raise ValueError("the mean loss of an empty batch (or an all-zero mask) is 0/0")
    return losses.sum() / float(count)


def _positive(value, name: str, allow_zero: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.number) \
            or not np.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        kind = "non-negative" if allow_zero else "positive"
        raise ValueError(f"{name} must be a {kind} finite number, got {value!r}")
    return float(value)


# -- log-probabilities of responses ----------------------------------------------------------
def token_log_probs(logits: Tensor, labels) -> Tensor:
    """log π(label_t | context) for every token: log_softmax over the vocabulary, gathered
    at the labels. logits (B, T, V), labels int (B, T) -> (B, T).

    Labels must be in [0, V); positions to ignore are handled by the ``mask`` of the
    functions that consume these values.
    """
    logits = _tensor(logits, "logits")
    y = labels.data if isinstance(labels, Tensor) else np.asarray(labels)
    if logits.ndim != 3:
        raise ValueError(f"logits: expected shape (batch, tokens, vocab), got "
                         f"{tuple(logits.shape)}")
    if y.dtype.kind not in "iu":
        raise TypeError(f"labels: expected integer token ids, got dtype {y.dtype}")
    if y.shape != logits.shape[:2]:
        raise ValueError(f"labels: expected shape {logits.shape[:2]}, got {y.shape}")
    if y.size and (y.min() < 0 or y.max() >= logits.shape[2]):
        raise ValueError(f"labels: token ids must be in [0, {logits.shape[2]}), got "
                         f"min {y.min()}, max {y.max()}")
    logp = F.log_softmax(logits, dim=-1)
    b, t = np.indices(y.shape)
    return logp[b, t, y]


def sequence_log_probs(logits: Tensor, labels, mask=None, average: bool = False) -> Tensor:
    """log π(response) = Σ_t mask_t · log π(y_t | y_<t, x): the sum over the response's
    tokens (DPO's convention), or their mean with ``average`` (SimPO, IPO variants).
    logits (B, T, V), labels (B, T), mask (B, T) -> (B,)."""
    per_token = token_log_probs(logits, labels)
    m = _mask(mask, per_token)
    total = (per_token * Tensor(m)).sum(dim=1)
    if not average:
        return total
    lengths = m.sum(axis=1)
    if np.any(lengths == 0):
        raise ValueError("mask: a sequence with no token has no average log-probability")
    return total / Tensor(lengths)


# -- stage 2: the reward model ----------------------------------------------------------------
def reward_model_loss(chosen_rewards, rejected_rewards, margin=None,
                      reduction: str = "mean") -> Tensor:
    """Bradley-Terry loss of a reward model: -log σ(r_chosen - r_rejected - margin).

    P(chosen ≻ rejected) = σ(r_c - r_r) under the Bradley-Terry model, so this is the
    negative log-likelihood of the human choices; ``margin`` (Llama 2) asks for a larger gap
    on pairs rated as clearly different. Shapes (N,) -> a scalar (or (N,) for "none").
    """
    rc, rr = _tensor(chosen_rewards, "chosen_rewards"), _tensor(rejected_rewards,
                                                                "rejected_rewards")
    _same_shape(rc, "chosen_rewards", rejected_rewards=rr)
    diff = rc - rr
    if margin is not None:
        diff = diff - _tensor(margin, "margin")
    return _reduce(-F.logsigmoid(diff), reduction)


# -- stage 3a: PPO ----------------------------------------------------------------------------
def _ratio_terms(log_probs, old_log_probs, advantages, clip_eps, clip_eps_high):
    logp = _tensor(log_probs, "log_probs")
    old = _tensor(old_log_probs, "old_log_probs")
    adv = _tensor(advantages, "advantages")
    _same_shape(logp, "log_probs", old_log_probs=old)
    if adv.shape != logp.shape:
        if adv.ndim == 1 and logp.ndim == 2 and adv.shape[0] == logp.shape[0]:
            adv = adv.reshape(-1, 1)   # one advantage per sequence, shared by its tokens
        else:
            raise ValueError(f"advantages has shape {tuple(adv.shape)}; expected "
                             f"{tuple(logp.shape)} (per token) or ({logp.shape[0]},) "
                             f"(per sequence)")
    low = _positive(clip_eps, "clip_eps")
    high = low if clip_eps_high is None else _positive(clip_eps_high, "clip_eps_high")
    ratio = (logp - old).exp()
    return logp, ratio, adv, 1.0 - low, 1.0 + high


def _clipped_surrogate(ratio: Tensor, adv: Tensor, lo: float, hi: float) -> Tensor:
    """min(r A, clip(r, lo, hi) A) elementwise (the pessimistic bound)."""
    unclipped = ratio * adv
    clipped = ratio.clamp(lo, hi) * adv
    return where(unclipped.data <= clipped.data, unclipped, clipped)


def ppo_clip_loss(log_probs, old_log_probs, advantages, clip_eps: float = 0.2,
                  clip_eps_high: float | None = None, mask=None,
                  reduction: str = "mean") -> Tensor:
    """PPO's clipped surrogate, as a loss: -min(r A, clip(r, 1 - ε, 1 + ε_high) A).

    r = exp(log π_θ - log π_old) is the probability ratio of each action (token) under the
    current and the sampling policy, A its advantage. The minimum is a pessimistic bound:
    once r has moved past 1 + ε in the direction the advantage rewards (r > 1 + ε with
    A > 0, r < 1 - ε with A < 0) the term is constant and its gradient is zero, so one
    batch cannot push the policy far; moves that make things worse are never clipped.

    Args:
        log_probs: Tensor (B, T) (or any shape) of log π_θ, the one the gradient is for.
        old_log_probs: the same shape, log π_old at sampling time (a constant).
        advantages: the same shape, or (B,) for one advantage per sequence.
        clip_eps: ε (0.2 is usual); clip_eps_high: the upper ε if different (DAPO's
            "clip-higher", e.g. 0.28, leaves more room to raise unlikely tokens).
        mask: 0/1 (B, T); "mean" then averages over the kept tokens.
        reduction: "mean" | "sum" | "none".
    """
    _, ratio, adv, lo, hi = _ratio_terms(log_probs, old_log_probs, advantages, clip_eps,
                                         clip_eps_high)
    losses = -_clipped_surrogate(ratio, adv, lo, hi)
    m = None if mask is None else _mask(mask, ratio)
    return _reduce(losses, reduction, m)


def ppo_clip_fraction(log_probs, old_log_probs, advantages, clip_eps: float = 0.2,
                      clip_eps_high: float | None = None, mask=None) -> float:
    """Share of (kept) tokens whose gradient the clip has switched off: r > 1 + ε_high with
    A > 0, or r < 1 - ε with A < 0. A diagnostic logged by every PPO implementation."""
    _, ratio, adv, lo, hi = _ratio_terms(log_probs, old_log_probs, advantages, clip_eps,
                                         clip_eps_high)
    a = np.broadcast_to(adv.data, ratio.shape)
    clipped = ((ratio.data > hi) & (a > 0)) | ((ratio.data < lo) & (a < 0))
    m = _mask(mask, ratio)
    if m.sum() == 0:
        raise ValueError("mask: no token is kept")
    return float((clipped * m).sum() / m.sum())


def kl_penalty(log_probs, ref_log_probs, estimator: str = "k3") -> Tensor:
    """Per-token estimate of KL(π_θ || π_ref) from samples of π_θ (Schulman's estimators).

    With d = log π_ref - log π_θ at a sampled token: ``k1`` = -d (unbiased, can be
    negative), ``k2`` = d² / 2 (biased, low variance), ``k3`` = e^d - d - 1 (unbiased and
    never negative; GRPO's choice).
    """
    logp, ref = _tensor(log_probs, "log_probs"), _tensor(ref_log_probs, "ref_log_probs")
    _same_shape(logp, "log_probs", ref_log_probs=ref)
    d = ref - logp
    if estimator == "k1":
        return -d
    if estimator == "k2":
        return d * d * 0.5
    if estimator == "k3":
        return d.exp() - d - 1.0
    raise ValueError(f"estimator must be one of {KL_ESTIMATORS}, got {estimator!r}")


def rlhf_token_rewards(scores, log_probs, ref_log_probs, mask=None,
                       kl_coef: float = 0.05) -> np.ndarray:
    """The per-token reward PPO-RLHF optimises (InstructGPT): -kl_coef · (log π - log π_ref)
    at every response token, plus the reward model's score at the last kept token.

    scores (B,), log_probs and ref_log_probs (B, T), mask (B, T) -> rewards (B, T) (arrays;
    rewards are constants for the policy gradient).
    """
    logp = np.asarray(log_probs.data if isinstance(log_probs, Tensor) else log_probs,
                      dtype=np.float64)
    ref = np.asarray(ref_log_probs.data if isinstance(ref_log_probs, Tensor)
                     else ref_log_probs, dtype=np.float64)
    s = np.asarray(scores.data if isinstance(scores, Tensor) else scores, dtype=np.float64)
    if logp.ndim != 2 or ref.shape != logp.shape:
        raise ValueError(f"log_probs and ref_log_probs must both have shape (B, T), got "
                         f"{logp.shape} and {ref.shape}")
    if s.shape != (logp.shape[0],):
        raise ValueError(f"scores: expected shape ({logp.shape[0]},), got {s.shape}")
    m = _mask(mask, Tensor(logp))
    lengths = m.sum(axis=1).astype(int)
    if np.any(lengths == 0):
        raise ValueError("mask: every sequence needs at least one token")
    rewards = -_positive(kl_coef, "kl_coef", allow_zero=True) * (logp - ref) * m
    # The last kept token: the position of the last 1 in each row of the mask.
    last = m.shape[1] - 1 - np.argmax(m[:, ::-1], axis=1)
    rewards[np.arange(len(s)), last] += s
    return rewards


def gae(rewards, values, gamma: float = 1.0, lam: float = 0.95,
        last_value=None) -> tuple[np.ndarray, np.ndarray]:
    """Generalised advantage estimation (Schulman et al., 2016): (advantages, returns).

    δ_t = r_t + γ V_{t+1} - V_t and A_t = Σ_k (γλ)^k δ_{t+k}, computed backwards in time
    (a loop over steps, vectorised over the batch). λ = 1 gives the discounted return minus
    V (unbiased, high variance), λ = 0 the one-step TD error (low variance, biased by V).
    ``returns`` = A + V are the value network's targets.

    rewards, values: (B, T); last_value: (B,) value after the last step (0: episode ends).
    """
    r = np.asarray(rewards, dtype=np.float64)
    v = np.asarray(values, dtype=np.float64)
    if r.ndim != 2 or v.shape != r.shape:
        raise ValueError(f"rewards and values must both have shape (B, T), got {r.shape} "
                         f"and {v.shape}")
    g = _positive(gamma, "gamma", allow_zero=True)
    lam_ = _positive(lam, "lam", allow_zero=True)
    if g > 1 or lam_ > 1:
        raise ValueError(f"gamma and lam must be in [0, 1], got {gamma} and {lam}")
    nxt = np.zeros(r.shape[0]) if last_value is None else np.asarray(last_value, dtype=float)
    if nxt.shape != (r.shape[0],):
        raise ValueError(f"last_value: expected shape ({r.shape[0]},), got {nxt.shape}")
    adv = np.zeros_like(r)
    running = np.zeros(r.shape[0])
    for t in range(r.shape[1] - 1, -1, -1):        # inherent: A_t needs A_{t+1}
        delta = r[:, t] + g * nxt - v[:, t]
        running = delta + g * lam_ * running
        adv[:, t] = running
        nxt = v[:, t]
    return adv, adv + v


# -- DPO ---------------------------------------------------------------------------------------
def dpo_loss(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps,
             reference_rejected_logps, beta: float = 0.1, label_smoothing: float = 0.0,
             reduction: str = "mean") -> Tensor:
    """Direct Preference Optimisation loss: -log σ(β [(log π_c - log π_ref,c) -
    (log π_r - log π_ref,r)]).

    The four inputs are sequence log-probabilities (N,) of the chosen and rejected responses
    under the policy (Tensors, trained) and the frozen reference (constants). β is the
    strength of the implicit KL constraint: small β lets the policy move far from the
    reference. ``label_smoothing`` ε (conservative DPO) assumes a fraction ε of the labels
    are flipped: (1 - ε) · loss(z) + ε · loss(-z).

    At π = π_ref the loss is log 2 whatever β; its gradient pushes log π_c up and log π_r
    down with weight β σ(-β z): pairs the policy already ranks right count less.
    """
    pc = _tensor(policy_chosen_logps, "policy_chosen_logps")
    pr = _tensor(policy_rejected_logps, "policy_rejected_logps")
    rc = _tensor(reference_chosen_logps, "reference_chosen_logps")
    rr = _tensor(reference_rejected_logps, "reference_rejected_logps")
    _same_shape(pc, "policy_chosen_logps", policy_rejected_logps=pr,
                reference_chosen_logps=rc, reference_rejected_logps=rr)
    b = _positive(beta, "beta")
    if not 0.0 <= label_smoothing < 0.5:
        raise ValueError(f"label_smoothing must be in [0, 0.5), got {label_smoothing!r}")
    z = ((pc - pr) - (rc - rr)) * b
    losses = -F.logsigmoid(z)
    if label_smoothing:
        losses = losses * (1.0 - label_smoothing) - F.logsigmoid(-z) * label_smoothing
    return _reduce(losses, reduction)


def dpo_implicit_rewards(policy_logps, reference_logps, beta: float = 0.1) -> np.ndarray:
    """DPO's implicit reward of each response, β (log π - log π_ref) (N,), as an array.

    The chosen-minus-rejected margin of these rewards and the share of pairs where it is
    positive ("reward accuracy") are what DPO training logs."""
    p, r = _tensor(policy_logps, "policy_logps"), _tensor(reference_logps, "reference_logps")
    _same_shape(p, "policy_logps", reference_logps=r)
    return _positive(beta, "beta") * (p.data.astype(np.float64) - r.data)


# -- GRPO --------------------------------------------------------------------------------------
def grpo_advantages(rewards, eps: float = 1e-4, scale_rewards: bool = True) -> np.ndarray:
    """Group-relative advantages: (r - mean of the group) / (std of the group + eps).

    rewards: (num_groups, group_size), one row per prompt, one column per sampled answer.
    The std is the sample standard deviation (n - 1 in the denominator, PyTorch's default,
    as TRL computes it). A group whose answers all score the same gets advantage 0: it
    teaches nothing. ``scale_rewards=False`` keeps only the centring (Dr. GRPO, which
    argues the division over-weights groups of nearly equal rewards, very easy or very
    hard prompts).
    """
    r = np.asarray(rewards.data if isinstance(rewards, Tensor) else rewards, dtype=np.float64)
    if r.ndim != 2:
        raise ValueError(f"rewards: expected shape (num_groups, group_size), got {r.shape}")
    if r.shape[1] < 2:
        raise ValueError(f"rewards: a group needs at least 2 answers to compare, got "
                         f"group_size {r.shape[1]}")
    if not np.all(np.isfinite(r)):
        raise ValueError("rewards: expected finite values")
    centred = r - r.mean(axis=1, keepdims=True)
    if not scale_rewards:
        return centred
    return centred / (r.std(axis=1, ddof=1, keepdims=True) + _positive(eps, "eps", True))


def grpo_loss(log_probs, old_log_probs, ref_log_probs, advantages, mask=None,
              clip_eps: float = 0.2, clip_eps_high: float | None = None, beta: float = 0.04,
              loss_type: str = "grpo", max_completion_length: int | None = None) -> Tensor:
    """GRPO's loss: PPO's clipped surrogate with group-relative advantages and no value
    network, plus β times the k3 estimate of KL(π_θ || π_ref) at every token.

    per token: ℓ_t = -min(r_t A, clip(r_t, 1 - ε, 1 + ε_high) A) + β (e^d - d - 1),
    d = log π_ref - log π_θ. How tokens are averaged (``loss_type``, TRL's names):

    - ``"grpo"``: mean over each answer's tokens, then over answers (DeepSeekMath); a long
      answer's tokens weigh less, which Dr. GRPO shows biases towards long wrong answers;
    - ``"bnpo"``: sum over every kept token / number of kept tokens (token-level, DAPO);
    - ``"dr_grpo"``: sum / (batch · max_completion_length), a constant normaliser.

    Args:
        log_probs: Tensor (B, T), log π_θ of the sampled tokens.
        old_log_probs: (B, T) at sampling time, or None for one gradient step per batch
            (then r = 1 but its gradient is not 0: π_θ / π_θ.detach()).
        ref_log_probs: (B, T) under the frozen reference (ignored when beta = 0).
        advantages: (B,) from :func:`grpo_advantages` (flattened) or (B, T).
        mask: 0/1 (B, T) of the answer's tokens.
    """
    logp = _tensor(log_probs, "log_probs")
    old = logp.detach() if old_log_probs is None else old_log_probs
    _, ratio, adv, lo, hi = _ratio_terms(logp, old, advantages, clip_eps, clip_eps_high)
    per_token = -_clipped_surrogate(ratio, adv, lo, hi)
    if _positive(beta, "beta", allow_zero=True) > 0:
        per_token = per_token + kl_penalty(logp, ref_log_probs, "k3") * beta
    m = _mask(mask, logp)
    if loss_type == "grpo":
        lengths = m.sum(axis=1)
        if np.any(lengths == 0):
            raise ValueError("mask: an answer with no token has no mean loss")
        return ((per_token * Tensor(m)).sum(dim=1) / Tensor(lengths)).mean()
    if loss_type == "bnpo":
        return _reduce(per_token, "mean", m)
    if loss_type == "dr_grpo":
        length = logp.shape[1] if max_completion_length is None else max_completion_length
        if isinstance(length, bool) or not isinstance(length, int | np.integer) or length < 1:
            raise ValueError(f"max_completion_length must be a positive integer, got "
                             f"{max_completion_length!r}")
        return (per_token * Tensor(m)).sum() / float(logp.shape[0] * length)
    raise ValueError(f"loss_type must be one of {GRPO_LOSS_TYPES}, got {loss_type!r}")
