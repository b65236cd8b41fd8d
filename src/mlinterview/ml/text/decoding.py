"""Decoding: how a language model's next-token logits become text.

A language model gives, at each step, a vector of logits over the vocabulary: the
distribution of the next token is ``softmax(logits)``. Decoding turns those vectors into a
sequence. Each function here takes logits of shape ``(..., vocab_size)`` (one row per
sequence being decoded) and works on every row at once.

- **Greedy** (:func:`greedy`): the most probable token, every time. Deterministic; tends to
  loop and is not the most probable *sequence*.
- **Temperature** (:func:`apply_temperature`): sample from ``softmax(logits / T)``. T < 1
  sharpens towards greedy (T → 0 is greedy), T > 1 flattens towards uniform.
- **Top-k** (:func:`top_k_filter`): keep the k largest logits, renormalise (Fan, Lewis and
  Dauphin 2018).
- **Top-p, nucleus** (:func:`top_p_filter`): keep the smallest set of most probable tokens
  whose total probability reaches p, renormalise (Holtzman et al. 2020). The set adapts:
  one token when the model is sure, many when it is not.
- **Sampling** (:func:`sample`, :func:`sampling_probs`): temperature, then top-k, then
  top-p, then a draw, in the order Hugging Face's ``generate`` applies its logits warpers.
- **Beam search** (:func:`beam_search`): keep the ``num_beams`` best partial sequences by
  total log-probability, extend each by every token, keep the best again. Exact when the
  beam is wide enough to hold every sequence; greedy when it is 1.

Ties follow one rule everywhere: tokens whose logit (or probability) equals the value at the
cut are all kept, so the result never depends on the order of equal values. (PyTorch's and
Hugging Face's top-k keep ties the same way; their top-p keeps the ones an unstable sort
happens to put first.)
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

__all__ = [
    "BeamHypothesis",
    "apply_temperature",
    "beam_search",
    "greedy",
    "sample",
    "sampling_probs",
    "top_k_filter",
    "top_p_filter",
]


# -- input checks -------------------------------------------------------------------------
def _check_logits(logits, name: str = "logits") -> np.ndarray:
    """A float array (..., vocab_size) with vocab_size >= 1, no NaN and no +inf (-inf means
    "impossible" and is allowed, as long as each row keeps one finite value)."""
    arr = np.asarray(logits.data if hasattr(logits, "grad_fn") else logits)
    if arr.dtype.kind not in "iuf" or arr.dtype == np.bool_:
        raise TypeError(f"{name}: expected real numbers, got an array of dtype {arr.dtype}")
    if arr.dtype.kind != "f":
        arr = arr.astype(np.float64)
    if arr.ndim == 0 or arr.shape[-1] == 0:
        raise ValueError(f"{name}: expected shape (..., vocab_size) with vocab_size >= 1, "
                         f"got shape {arr.shape}")
    if np.isnan(arr).any() or np.isposinf(arr).any():
        raise ValueError(f"{name}: expected finite values or -inf (a masked token), got NaN "
                         "or +inf")
    if arr.size and not np.isfinite(arr).any(axis=-1).all():
        raise ValueError(f"{name}: every row needs at least one finite logit; a row of -inf "
                         "has no distribution")
    return arr


def _check_int(value, name: str, lo: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name}: expected an integer >= {lo}, got {value!r}")
    if value < lo:
        raise ValueError(f"{name}: expected an integer >= {lo}, got {value}")
    return int(value)


def _check_real(value, name: str, lo: float, hi: float, *, open_lo: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name}: expected a number, got {value!r}")
    value = float(value)
    if not np.isfinite(value) or value < lo or (open_lo and value == lo) or value > hi:
        left = "(" if open_lo else "["
        raise ValueError(f"{name}: expected a value in {left}{lo:g}, {hi:g}], got {value!r}")
    return value


def _rng(generator) -> np.random.Generator:
    if isinstance(generator, np.random.Generator):
        return generator
    if generator is None or (isinstance(generator, numbers.Integral)
                             and not isinstance(generator, bool)):
        return np.random.default_rng(generator)
    raise TypeError(f"generator: expected None, an int seed or a np.random.Generator, "
                    f"got {type(generator).__name__}")


def _softmax(logits: np.ndarray) -> np.ndarray:
    # Subtract the row max: exp never overflows, and exp(-inf - max) = 0 for masked tokens.
    z = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return z / z.sum(axis=-1, keepdims=True)


# -- the logits warpers -------------------------------------------------------------------
def apply_temperature(logits, temperature: float) -> np.ndarray:
    """``logits / temperature``, shape kept. ``softmax`` of the result is the tempered
    distribution p_i ∝ exp(z_i / T): the same ranking, sharper for T < 1, flatter for T > 1.

    ``temperature`` must be > 0 (T = 0 is greedy decoding, see :func:`sample`).
    """
    z = _check_logits(logits)
    t = _check_real(temperature, "temperature", 0.0, np.inf, open_lo=True)
    return z / t


def top_k_filter(logits, top_k: int, *, filter_value: float = -np.inf) -> np.ndarray:
    """Keep the ``top_k`` largest logits of each row; set the others to ``filter_value``.

    Args:
        logits: (..., vocab_size).
        top_k: int >= 1. A value >= vocab_size keeps everything.
        filter_value: what removed logits become (-inf: probability 0 after softmax).

    Returns:
        array of the shape of ``logits``. Logits equal to the k-th largest are all kept,
        so a row with ties at the cut keeps more than k tokens.
    """
    z = _check_logits(logits)
    k = _check_int(top_k, "top_k", 1)
    v = z.shape[-1]
    if k >= v:
        return z.copy()
    # np.partition puts the k-th largest at position v - k in O(v), without a full sort.
    kth = np.partition(z, v - k, axis=-1)[..., v - k:v - k + 1]
    return np.where(z >= kth, z, filter_value)


def top_p_filter(logits, top_p: float, *, min_tokens_to_keep: int = 1,
                 filter_value: float = -np.inf) -> np.ndarray:
    """Nucleus filter: keep the most probable tokens until their probability reaches
    ``top_p``; set the others to ``filter_value``.

    In each row, tokens are ranked by probability ``softmax(logits)``; a token is kept when
    the tokens ranked above it hold less than ``top_p`` of the mass (so the token that
    crosses ``top_p`` is kept: the nucleus is the smallest set with mass >= top_p). Tokens
    tied with the least probable kept token are kept too, and at least
    ``min_tokens_to_keep`` tokens always are.

    Args:
        logits: (..., vocab_size).
        top_p: in (0, 1]; 1 keeps everything.
        min_tokens_to_keep: int >= 1.
        filter_value: what removed logits become.

    Returns:
        array of the shape of ``logits``.
    """
    z = _check_logits(logits)
    p = _check_real(top_p, "top_p", 0.0, 1.0, open_lo=True)
    keep_min = _check_int(min_tokens_to_keep, "min_tokens_to_keep", 1)
    probs = _softmax(z)
    sorted_p = -np.sort(-probs, axis=-1)                        # descending
    before = np.cumsum(sorted_p, axis=-1) - sorted_p            # mass ranked above
    # The running sum before the first token is exactly 0, whatever the rounding above.
    before[..., 0] = 0.0
    kept = before < p
    kept[..., :min(keep_min, z.shape[-1])] = True
    # The least probable kept token sets the cut; every token at or above it stays (ties).
    n_kept = kept.sum(axis=-1, keepdims=True)
    cut = np.take_along_axis(sorted_p, n_kept - 1, axis=-1)
    return np.where(probs >= cut, z, filter_value)


def sampling_probs(logits, *, temperature: float = 1.0, top_k: int | None = None,
                   top_p: float | None = None) -> np.ndarray:
    """The distribution :func:`sample` draws from: temperature, then top-k, then top-p,
    then softmax. Shape (..., vocab_size), each row summing to 1.

    With ``temperature=0`` the distribution is a point mass on the greedy token.
    """
    z = _check_logits(logits)
    t = _check_real(temperature, "temperature", 0.0, np.inf, open_lo=False)
    if t == 0:
        out = np.zeros(z.shape, dtype=z.dtype)
        np.put_along_axis(out, np.argmax(z, axis=-1)[..., None], 1.0, axis=-1)
        return out
    z = z / t
    if top_k is not None:
        z = top_k_filter(z, top_k)
    if top_p is not None:
        z = top_p_filter(z, top_p)
    return _softmax(z)


def greedy(logits) -> np.ndarray:
    """The index of the largest logit of each row, shape ``logits.shape[:-1]`` (int64).
    Ties go to the lowest index, like ``np.argmax``."""
    return np.argmax(_check_logits(logits), axis=-1).astype(np.int64)


def sample(logits, *, temperature: float = 1.0, top_k: int | None = None,
           top_p: float | None = None, generator=None) -> np.ndarray:
    """Draw one token per row from :func:`sampling_probs`, shape ``logits.shape[:-1]``.

    Args:
        logits: (..., vocab_size).
        temperature: >= 0; 0 means greedy (no randomness used).
        top_k, top_p: optional filters, see :func:`top_k_filter` and :func:`top_p_filter`.
        generator: a ``np.random.Generator``, an int seed or None.

    Every row is drawn at once by inverting its cumulative distribution at one uniform
    number: the token is the first whose cumulative probability exceeds u · total.
    """
    probs = sampling_probs(logits, temperature=temperature, top_k=top_k, top_p=top_p)
    rng = _rng(generator)
    if temperature == 0:
        return np.argmax(probs, axis=-1).astype(np.int64)
    cdf = np.cumsum(probs, axis=-1)
    # Scaling u by the row total (1 up to rounding) keeps the draw inside the vocabulary;
    # a token of probability 0 never has cdf > u·total before its predecessor does.
    u = rng.random((*probs.shape[:-1], 1)) * cdf[..., -1:]
    return (cdf <= u).sum(axis=-1).astype(np.int64)


# -- beam search --------------------------------------------------------------------------
@dataclass(frozen=True)
class BeamHypothesis:
    """A finished beam: the tokens (prompt + generated), the sum of the generated tokens'
    log-probabilities, and the score it is ranked by,
    ``log_prob / n_generated ** length_penalty``."""

    tokens: np.ndarray
    log_prob: float
    score: float
    prompt_len: int = 0

    @property
    def n_generated(self) -> int:
        """How many tokens were generated (the end-of-sequence token included)."""
        return int(self.tokens.shape[0]) - self.prompt_len


def beam_search(next_log_probs: Callable[[np.ndarray], np.ndarray], input_ids, *,
                num_beams: int, max_new_tokens: int, eos_token_id: int | None = None,
                length_penalty: float = 1.0,
                reorder: Callable[[np.ndarray], None] | None = None) -> list[BeamHypothesis]:
    """The most probable continuations of ``input_ids`` found with a beam of ``num_beams``.

    Args:
        next_log_probs: called with the live sequences, an int array (n_beams, length),
            returns the log-probabilities of the next token, (n_beams, vocab_size).
        input_ids: the prompt, int array (prompt_len,) (may be empty).
        num_beams: how many partial sequences are kept at each step (>= 1).
        max_new_tokens: how many tokens at most are generated (>= 1).
        eos_token_id: a token that ends a sequence; such a sequence is set aside as
            finished and is not extended. None: every sequence has ``max_new_tokens``.
        length_penalty: finished sequences are ranked by ``log_prob / n ** length_penalty``
            with n the number of generated tokens (Hugging Face's convention); 0 ranks by the
            total log-probability, which favours short sequences.
        reorder: called after each step with the parent index of every new live beam, an
            int array (n_beams,), so a caller keeping per-beam state (a KV cache) can
            gather it; ``next_log_probs`` is then only given sequences in that order.

    Returns:
        the finished hypotheses, best first, at most ``num_beams`` of them.

    At each step every live beam is extended by every token (n_beams × vocab_size
    candidates, ranked by total log-probability, ties to the lower beam then the lower
    token). Candidates that end with ``eos_token_id`` and rank among the best
    ``num_beams`` are finished; the best ``num_beams`` others stay live (as in Hugging
    Face's ``generate``). A beam of width >= vocab_size ** max_new_tokens keeps every
    candidate, so the search is then exhaustive; width 1 is greedy decoding.
    """
    if not callable(next_log_probs):
        raise TypeError("next_log_probs: expected a callable sequences -> log-probabilities")
    prompt = np.asarray(input_ids)
    if prompt.ndim != 1 or (prompt.size and prompt.dtype.kind not in "iu"):
        raise ValueError(f"input_ids: expected a 1-D integer array, got shape {prompt.shape} "
                         f"and dtype {prompt.dtype}")
    prompt = prompt.astype(np.int64)
    width = _check_int(num_beams, "num_beams", 1)
    steps = _check_int(max_new_tokens, "max_new_tokens", 1)
    if eos_token_id is not None:
        _check_int(eos_token_id, "eos_token_id", 0)
    if isinstance(length_penalty, bool) or not isinstance(length_penalty, numbers.Real) \
            or not np.isfinite(length_penalty):
        raise ValueError(f"length_penalty: expected a finite number, got {length_penalty!r}")
    alpha = float(length_penalty)

    p0 = len(prompt)
    seqs = prompt[None, :]
    log_probs = np.zeros(1)
    finished: list[tuple[float, float, np.ndarray]] = []
    for step in range(1, steps + 1):
        lp = np.asarray(next_log_probs(seqs), dtype=np.float64)
        if lp.ndim != 2 or lp.shape[0] != len(seqs):
            raise ValueError(f"next_log_probs: expected shape ({len(seqs)}, vocab_size) for "
                             f"{len(seqs)} sequences, got {lp.shape}")
        if np.isnan(lp).any() or (lp > 1e-9).any():
            raise ValueError("next_log_probs: log-probabilities must be <= 0 (and not NaN)")
        vocab = lp.shape[1]
        if eos_token_id is not None and eos_token_id >= vocab:
            raise ValueError(f"eos_token_id: {eos_token_id} is not in a vocabulary of "
                             f"{vocab} tokens")
        total = (log_probs[:, None] + lp).ravel()
        # Best first; a stable sort breaks ties by flat index: lower beam, then lower token.
        order = np.argsort(-total, kind="stable")
        order = order[np.isfinite(total[order])]           # -inf: an impossible token
        beam, token = np.divmod(order, vocab)
        is_eos = (token == eos_token_id) if eos_token_id is not None else \
            np.zeros(len(order), dtype=bool)
        for j in np.flatnonzero(is_eos[:width]):            # finished among the best
            tokens = np.append(seqs[beam[j]], token[j])
            finished.append((total[order[j]] / step ** alpha, total[order[j]], tokens))
        live = np.flatnonzero(~is_eos)[:width]
        if live.size == 0:
            break
        seqs = np.concatenate([seqs[beam[live]], token[live, None]], axis=1)
        log_probs = total[order[live]]
        if step == steps:
            for lp_i, tokens in zip(log_probs, seqs, strict=True):
                finished.append((lp_i / steps ** alpha, lp_i, tokens))
        elif reorder is not None:
            reorder(beam[live])
    # Python's sort is stable: equal scores keep the order in which they finished.
    finished.sort(key=lambda f: -f[0])
    return [BeamHypothesis(tokens=t, log_prob=float(lp_), score=float(s), prompt_len=p0)
            for s, lp_, t in finished[:width]]
