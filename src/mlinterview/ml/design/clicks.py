"""Clicks as labels: the position-based click model, propensity estimation and inverse
propensity weighting (IPW).

Users click what they look at, and they look at the top of a result list far more than at
the bottom. The *position-based model* (PBM) writes this as

    P(click on d at position k) = P(examine k) · P(relevant | d) = θ_k · γ_d,

so a click count mixes the document's relevance ``γ_d`` with the exposure ``θ_k`` the old
ranker gave it. A model trained on raw clicks learns to copy the old ranking. Dividing
each click by the propensity ``θ_k`` of the position it happened at removes the exposure:
``E[c / θ_k] = γ_d`` for every impression, so averages of ``c / θ`` are unbiased
estimates of relevance (and of any loss that is linear in the labels).

- :func:`examination_propensities`: ``θ_k = (1 / k)^η`` (Joachims et al. 2017).
- :func:`relevance_probability`: grade → ``γ = ε + (1 - ε)(2^g - 1)/(2^g_max - 1)``
  (the click-noise model of Ai et al. 2018).
- :func:`simulate_clicks`: Bernoulli(θ_k · γ) clicks, seeded.
- :func:`ctr_by_position`: the click-through curve of a log.
- :func:`estimate_propensities_randomized`: with the top results shuffled uniformly at
  random, relevance is the same at every position in expectation, so CTR_k / CTR_1 = θ_k/θ_1.
- :func:`estimate_propensities_swap`: the milder swap experiment: the top result is swapped
  with the result at position k; the clicks the *same* document gets at k and at 1 give
  θ_k / θ_1.
- :func:`ipw_weights`: ``c / max(θ, clip)``; :func:`ipw_ctr`: the IPW relevance estimate of
  each document of a click log (the naive CTR is the same call with θ = 1).

Sources: Craswell, Zoeter, Taylor and Ramsey, "An experimental comparison of click
position-bias models" (WSDM 2008); Joachims, Swaminathan and Schnabel, "Unbiased
Learning-to-Rank with Biased Feedback" (WSDM 2017); Wang, Bendersky, Metzler and Najork,
"Learning to Rank with Selection Bias in Personal Search" (SIGIR 2016); Ai, Bi, Luo, Guo
and Croft, "Unbiased Learning to Rank with Unbiased Propensity Estimation" (SIGIR 2018).
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml._validation import check_1d, check_array, check_scalar

__all__ = [
    "ctr_by_position",
    "estimate_propensities_randomized",
    "estimate_propensities_swap",
    "examination_propensities",
    "ipw_ctr",
    "ipw_weights",
    "relevance_probability",
    "simulate_clicks",
]


def examination_propensities(n_positions: int, *, eta: float = 1.0) -> np.ndarray:
    """``θ_k = (1 / k)^eta`` for positions k = 1..n_positions, shape (n_positions,).

    ``eta`` sets the strength of position bias: 0 means every position is examined,
    1 halves the examination between positions 1 and 2.
    """
    check_scalar(n_positions, "n_positions", int, lo=1)
    check_scalar(eta, "eta", lo=0.0)
    return (1.0 / np.arange(1, n_positions + 1)) ** float(eta)


def relevance_probability(grades, *, max_grade: int = 4, noise: float = 0.1) -> np.ndarray:
    """Probability that an examined document is clicked, from its grade, same shape as
    ``grades``: ``noise + (1 - noise) (2^g - 1) / (2^max_grade - 1)``.

    Grade 0 is still clicked with probability ``noise`` (a user misled by the snippet).
    """
    g = check_array(grades, "grades", ensure_2d=False)
    check_scalar(max_grade, "max_grade", int, lo=1)
    check_scalar(noise, "noise", lo=0.0, hi=1.0)
    if g.size and (g.min() < 0 or g.max() > max_grade):
        raise ValueError(f"grades: expected values in [0, {max_grade}], got "
                         f"[{g.min():g}, {g.max():g}]")
    return noise + (1.0 - noise) * (2.0 ** g - 1.0) / (2.0 ** max_grade - 1.0)


def _check_propensity(propensity, shape: tuple[int, ...]) -> np.ndarray:
    """Propensities broadcast to ``shape`` and in (0, 1]."""
    p = check_array(propensity, "propensity", ensure_2d=False)
    try:
        p = np.broadcast_to(p, shape)
    except ValueError:
        raise ValueError(f"propensity: expected a shape that broadcasts to {shape}, got "
                         f"{p.shape}") from None
    if p.size and (p.min() <= 0 or p.max() > 1):
        raise ValueError(f"propensity: expected values in (0, 1], got [{p.min():g}, "
                         f"{p.max():g}]")
    return p


def simulate_clicks(relevance, propensity, *, random_state=None) -> np.ndarray:
    """Clicks of the position-based model, boolean of shape (n_sessions, n_positions).

    Parameters
    ----------
    relevance : array of shape (n_sessions, n_positions), P(click | examined) of the
        document shown at each position of each session
    propensity : array broadcastable to (n_sessions, n_positions), P(examine) of each
        position (usually shape (n_positions,))
    random_state : int or Generator; clicks are Bernoulli(propensity · relevance)
    """
    r = check_array(relevance, "relevance")
    if r.min() < 0 or r.max() > 1:
        raise ValueError(f"relevance: expected probabilities in [0, 1], got "
                         f"[{r.min():g}, {r.max():g}]")
    p = _check_propensity(propensity, r.shape)
    rng = np.random.default_rng(random_state)
    return rng.random(r.shape) < p * r


def ctr_by_position(clicks) -> np.ndarray:
    """Click-through rate of each position, shape (n_positions,): the column means of a
    (n_sessions, n_positions) click matrix."""
    return check_array(clicks, "clicks").mean(axis=0)


def estimate_propensities_randomized(clicks) -> np.ndarray:
    """Relative propensities ``θ_k / θ_1`` (n_positions,) from sessions whose results were
    shuffled uniformly at random: every position then shows the same expected relevance,
    so the click-through curve is the examination curve up to scale."""
    ctr = ctr_by_position(clicks)
    if ctr[0] == 0:
        raise ValueError("clicks: no click at the first position, so nothing to scale by")
    return ctr / ctr[0]


def estimate_propensities_swap(clicks, swap_position) -> np.ndarray:
    """Relative propensities ``θ_k / θ_1`` (n_positions,) from a swap experiment.

    Each session either shows the production ranking (``swap_position == 0``) or swaps the
    top result with the result at position ``swap_position = k`` (0-based, k >= 1), chosen
    at random. The top result is then the same document on average in every group, so

        θ_k / θ_1 = CTR at position k in the sessions swapped with k
                    / CTR at position 0 in the unswapped sessions.

    Parameters
    ----------
    clicks : (n_sessions, n_positions) 0/1 clicks
    swap_position : (n_sessions,) int in [0, n_positions)

    Positions that no session swapped get NaN; position 0 gets 1.
    """
    c = check_array(clicks, "clicks")
    k = check_1d(swap_position, "swap_position").astype(np.int64)
    if len(k) != len(c):
        raise ValueError(f"swap_position: expected {len(c)} entries (one per session), "
                         f"got {len(k)}")
    n_pos = c.shape[1]
    if k.min() < 0 or k.max() >= n_pos:
        raise ValueError(f"swap_position: expected integers in [0, {n_pos}), got "
                         f"[{k.min()}, {k.max()}]")
    # Clicks the original top document got in each group: column k of the group-k rows.
    sessions = np.bincount(k, minlength=n_pos)
    clicks_on_top = np.bincount(k, weights=c[np.arange(len(c)), k], minlength=n_pos)
    if sessions[0] == 0 or clicks_on_top[0] == 0:
        raise ValueError("clicks: the unswapped sessions have no click at the top, so "
                         "there is no baseline to divide by")
    with np.errstate(invalid="ignore", divide="ignore"):
        ctr = clicks_on_top / sessions
    return np.where(sessions > 0, ctr / ctr[0], np.nan)


def ipw_weights(clicks, propensity, *, clip: float | None = None) -> np.ndarray:
    """``clicks / max(propensity, clip)``, the inverse-propensity-weighted clicks, shape of
    ``clicks``.

    ``E[c / θ] = P(click | examined)`` whatever the position, which is what makes IPW
    unbiased. Clipping small propensities at ``clip`` bounds the weights (less variance,
    some bias towards the bottom positions' naive CTR).
    """
    c = check_array(clicks, "clicks", ensure_2d=False)
    p = _check_propensity(propensity, c.shape)
    if clip is not None:
        check_scalar(clip, "clip", lo=0.0, hi=1.0, include_lo=False)
        p = np.maximum(p, clip)
    return c / p


def ipw_ctr(doc_ids, positions, clicks, propensity, *, n_docs: int | None = None,
            clip: float | None = None) -> np.ndarray:
    """IPW estimate of each document's P(click | examined) from a click log.

    ``estimate[d] = (1 / n_d) Σ_{impressions of d} c / θ_position``, unbiased for the
    document's relevance probability under the position-based model; with ``propensity``
    all ones it is the naive CTR.

    Parameters
    ----------
    doc_ids, positions, clicks : (n_impressions,) the document shown, its 0-based position
        and whether it was clicked
    propensity : (n_positions,) examination probability of each position
    n_docs : length of the result (default ``max(doc_ids) + 1``); never-shown documents
        get NaN
    """
    d = check_1d(doc_ids, "doc_ids").astype(np.int64)
    pos = check_1d(positions, "positions").astype(np.int64)
    c = check_1d(clicks, "clicks")
    theta = check_1d(propensity, "propensity")
    if not len(d) == len(pos) == len(c):
        raise ValueError(f"doc_ids, positions, clicks: expected the same length, got "
                         f"{len(d)}, {len(pos)} and {len(c)}")
    if pos.min() < 0 or pos.max() >= len(theta):
        raise ValueError(f"positions: expected integers in [0, {len(theta)}), got "
                         f"[{pos.min()}, {pos.max()}]")
    if d.min() < 0:
        raise ValueError(f"doc_ids: expected non-negative ids, got {d.min()}")
    n = int(d.max()) + 1 if n_docs is None else check_scalar(n_docs, "n_docs", int, lo=1)
    if d.max() >= n:
        raise ValueError(f"doc_ids: expected ids below n_docs={n}, got {d.max()}")
    w = ipw_weights(c, theta[pos], clip=clip)
    shown = np.bincount(d, minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(shown > 0, np.bincount(d, weights=w, minlength=n) / shown, np.nan)
