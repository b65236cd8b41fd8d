"""Recommender pieces: synthetic interactions, two-tower retrieval trained with in-batch
negatives, exact top-k with seen items excluded, and the offline metrics of a feed.

- :func:`make_interactions`: users and items with latent taste vectors and a long-tailed
  item popularity; each user interacts with a few items drawn from
  softmax(affinity + log popularity), split into train / validation / test per user.
- :func:`in_batch_softmax_loss`: the sampled softmax of two-tower training. The other
  items of the batch are the negatives; because a batch holds items in proportion to their
  popularity, each logit is corrected by subtracting log Q(item), the log of the item's
  sampling probability (Yi et al. 2019). Built from existing autograd ops, so its
  gradient comes for free.
- :class:`TwoTower`: a user tower and an item tower (embedding, optional MLP, optional L2
  normalisation); the score of a pair is the dot product of the two outputs, so every
  item vector can be computed once and indexed for nearest-neighbour search.
- :func:`top_k`: exact top-k per user with already-seen items excluded, via
  ``np.argpartition`` (linear time per row) and a sort of the k winners only. Production
  systems replace this scan with an approximate nearest-neighbour index (HNSW, ScaNN,
  IVF-PQ); the exact version is the oracle the index's recall is measured against.
- :func:`recall_at_k`, :func:`ndcg_at_k` (through :func:`mlinterview.ml.metrics.ndcg_score`),
  :func:`catalog_coverage`, :func:`mean_popularity_percentile`, :func:`recommendation_gini`.

Sources: Covington, Adams and Sargin, "Deep Neural Networks for YouTube Recommendations"
(RecSys 2016); Yi et al., "Sampling-Bias-Corrected Neural Modeling for Large Corpus Item
Recommendations" (RecSys 2019); Bengio and Senécal, "Adaptive importance sampling to
accelerate training of a neural probabilistic language model" (IEEE TNN 2008);
Abdollahpouri, Burke and Mobasher, "Managing popularity bias in recommender systems with
personalized re-ranking" (FLAIRS 2019).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlinterview.ml import nn
from mlinterview.ml._validation import check_array, check_scalar
from mlinterview.ml.autograd import Tensor, no_grad
from mlinterview.ml.metrics import ndcg_score
from mlinterview.ml.nn import functional as F

__all__ = [
    "Interactions",
    "TwoTower",
    "catalog_coverage",
    "gini_coefficient",
    "in_batch_softmax_loss",
    "item_log_q",
    "list_scores",
    "make_interactions",
    "mean_popularity_percentile",
    "ndcg_at_k",
    "recall_at_k",
    "recommendation_gini",
    "top_k",
]


# -- synthetic data -------------------------------------------------------------------------


@dataclass(frozen=True)
class Interactions:
    """Who interacted with what, as boolean matrices of shape (n_users, n_items).

    ``train``, ``valid`` and ``test`` are disjoint per user. ``item_prior`` (n_items,) is
    the true popularity prior (sums to 1), ``user_factors`` (n_users, n_factors) and
    ``item_factors`` (n_items, n_factors) the true tastes; ``user_features`` and
    ``item_features`` are noisy copies of them, the side information a ranker may use
    (profile and content features in a real system).
    """

    train: np.ndarray
    valid: np.ndarray
    test: np.ndarray
    item_prior: np.ndarray
    user_factors: np.ndarray
    item_factors: np.ndarray
    user_features: np.ndarray
    item_features: np.ndarray

    @property
    def n_users(self) -> int:
        return self.train.shape[0]

    @property
    def n_items(self) -> int:
        return self.train.shape[1]

    def pairs(self, split: str = "train") -> tuple[np.ndarray, np.ndarray]:
        """``(users, items)`` int64 arrays of the split's interactions, row-major order."""
        matrix = {"train": self.train, "valid": self.valid, "test": self.test}.get(split)
        if matrix is None:
            raise ValueError(f"split: expected 'train', 'valid' or 'test', got {split!r}")
        users, items = np.nonzero(matrix)
        return users.astype(np.int64), items.astype(np.int64)


def make_interactions(n_users: int = 2000, n_items: int = 500, *, n_factors: int = 8,
                      interactions_per_user: int = 20, valid_per_user: int = 2,
                      test_per_user: int = 3, affinity: float = 1.5,
                      popularity_exponent: float = 1.0, feature_noise: float = 1.0,
                      random_state: int = 0) -> Interactions:
    """Draw a user–item interaction data set with taste and popularity.

    Item j has popularity prior pi_j ∝ rank_j^(-popularity_exponent) (Zipf, ranks in a
    random order). User u has taste u ~ N(0, I) and item j has v_j ~ N(0, I), both of
    dimension ``n_factors``. User u picks ``interactions_per_user`` distinct items from

        P(j | u) ∝ exp(affinity · u·v_j / sqrt(n_factors)) · pi_j,

    without replacement (the Gumbel top-k trick: the m largest of logit + Gumbel noise
    are a draw of m items without replacement). The picks are shuffled and the last
    ``test_per_user`` go to ``test``, the ``valid_per_user`` before them to ``valid``,
    the rest to ``train``. Side features are the true factors plus N(0, feature_noise²).
    """
    for name, value in (("n_users", n_users), ("n_items", n_items), ("n_factors", n_factors)):
        check_scalar(value, name, int, lo=1)
    check_scalar(valid_per_user, "valid_per_user", int, lo=0)
    check_scalar(test_per_user, "test_per_user", int, lo=0)
    check_scalar(interactions_per_user, "interactions_per_user", int,
                 lo=valid_per_user + test_per_user + 1, hi=n_items)
    check_scalar(affinity, "affinity", lo=0.0)
    check_scalar(popularity_exponent, "popularity_exponent", lo=0.0)
    check_scalar(feature_noise, "feature_noise", lo=0.0)
    rng = np.random.default_rng(random_state)

    ranks = rng.permutation(n_items) + 1.0
    prior = ranks ** -popularity_exponent
    prior /= prior.sum()
    users = rng.normal(size=(n_users, n_factors))
    items = rng.normal(size=(n_items, n_factors))
    logits = affinity * (users @ items.T) / np.sqrt(n_factors) + np.log(prior)
    perturbed = logits + rng.gumbel(size=logits.shape)
    m = interactions_per_user
    picks = np.argpartition(-perturbed, m - 1, axis=1)[:, :m]
    picks = rng.permuted(picks, axis=1)          # random order inside each user's picks

    def matrix(cols: np.ndarray) -> np.ndarray:
        out = np.zeros((n_users, n_items), dtype=bool)
        out[np.arange(n_users)[:, None], cols] = True
        return out

    n_train = m - valid_per_user - test_per_user
    return Interactions(
        train=matrix(picks[:, :n_train]),
        valid=matrix(picks[:, n_train:n_train + valid_per_user]),
        test=matrix(picks[:, n_train + valid_per_user:]),
        item_prior=prior, user_factors=users, item_factors=items,
        user_features=users + feature_noise * rng.normal(size=users.shape),
        item_features=items + feature_noise * rng.normal(size=items.shape),
    )


# -- two-tower retrieval ---------------------------------------------------------------------


def item_log_q(items, n_items: int) -> np.ndarray:
    """log Q(j) of every item, shape (n_items,): the log of item j's share of ``items``
    (the positives the batches are drawn from), i.e. the probability that a random batch
    slot holds item j. Items that never occur get the log of half a count (they never
    appear in a batch, so the value only has to be finite)."""
    check_scalar(n_items, "n_items", int, lo=1)
    items = np.asarray(items)
    if items.ndim != 1 or items.dtype.kind not in "iu":
        raise TypeError(f"items: expected a 1-D integer array, got {items.dtype} of shape "
                        f"{items.shape}")
    if items.size == 0:
        raise ValueError("items: expected at least one interaction, got none")
    if items.min() < 0 or items.max() >= n_items:
        raise ValueError(f"items: expected indices in [0, {n_items}), got "
                         f"[{items.min()}, {items.max()}]")
    counts = np.bincount(items, minlength=n_items).astype(np.float64)
    return np.log(np.maximum(counts, 0.5) / items.size)


def in_batch_softmax_loss(query: Tensor, candidates: Tensor, *, log_q=None, item_ids=None,
                          temperature: float = 1.0, reduction: str = "mean") -> Tensor:
    """Sampled softmax over the batch's items, with the logQ correction.

    Row i of ``query`` (B, d) is a user and row i of ``candidates`` (B, d) the item that
    user interacted with; every other row of ``candidates`` serves as a negative. The
    logits are

        s_ij = query_i · candidates_j / temperature - log_q_j        (B, B)

    and the loss is the cross-entropy of row i with target i:
    -s_ii + log Σ_j exp(s_ij). Popular items show up in many batches as negatives, so
    without the correction the model learns to push them down (it estimates
    P(j | u) / Q(j) instead of P(j | u)); subtracting log Q(j) removes that sampling bias
    (Yi et al. 2019). The correction is used only in training: at serving time items are
    ranked by the plain dot product.

    Parameters
    ----------
    query, candidates : Tensor of shape (B, d), same dtype, B >= 1
    log_q : array of shape (B,), optional; log sampling probability of each batch item
        (see :func:`item_log_q`); None trains without the correction
    item_ids : int array of shape (B,), optional; when given, a batch item that is the
        same item as row i's positive (an "accidental hit") is masked out of row i's
        negatives instead of being pushed away from the user who liked it
    temperature : float > 0; divides the dot products (small values sharpen the softmax,
        usual with L2-normalised towers)
    reduction : 'mean' (default), 'sum' or 'none' (the (B,) losses)
    """
    for name, t in (("query", query), ("candidates", candidates)):
        if not isinstance(t, Tensor):
            raise TypeError(f"{name}: expected a Tensor, got {type(t).__name__}")
        if t.ndim != 2 or t.shape[0] < 1:
            raise ValueError(f"{name}: expected shape (B, d) with B >= 1, got {t.shape}")
    if query.shape != candidates.shape:
        raise ValueError(f"query and candidates: expected the same shape (B, d), got "
                         f"{query.shape} and {candidates.shape}")
    check_scalar(temperature, "temperature", lo=0.0, include_lo=False)
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"reduction: expected 'mean', 'sum' or 'none', got {reduction!r}")
    batch = query.shape[0]
    logits = query @ candidates.T
    if temperature != 1.0:
        logits = logits / temperature
    if log_q is not None:
        lq = np.asarray(log_q, dtype=query.dtype)
        if lq.shape != (batch,):
            raise ValueError(f"log_q: expected shape ({batch},), got {lq.shape}")
        if not np.all(np.isfinite(lq)):
            raise ValueError("log_q: expected finite values (log of a positive probability)")
        logits = logits - Tensor(lq[None, :])       # the same shift in every row's column j
    if item_ids is not None:
        ids = np.asarray(item_ids)
        if ids.shape != (batch,):
            raise ValueError(f"item_ids: expected shape ({batch},), got {ids.shape}")
        hit = (ids[:, None] == ids[None, :]) & ~np.eye(batch, dtype=bool)
        if hit.any():
            logits = logits.masked_fill(hit, -np.inf)   # exp(-inf) = 0: not a negative
    return F.cross_entropy(logits, np.arange(batch), reduction=reduction)


def _l2_normalize(x: Tensor) -> Tensor:
    # As torch.nn.functional.normalize: divide by max(||x||, eps) so a zero row stays finite.
    return x / (x * x).sum(dim=1, keepdim=True).sqrt().clamp(min=1e-12)


class TwoTower(nn.Module):
    """Two towers that map a user id and an item id to vectors of the same size.

    Each tower is an ``Embedding(n, embedding_dim)``, followed by
    ``Linear → ReLU → Linear`` when ``hidden_dim`` is set, and by L2 normalisation when
    ``normalize`` is True (the score is then a cosine, to be divided by a temperature in
    the loss). ``forward(users, items)`` returns the two (B, out_dim) tensors;
    :meth:`user_vectors` and :meth:`item_vectors` compute them for every id without
    recording a graph, ready for a nearest-neighbour index. In a real system the towers
    also read features (history, context, item content), which is what lets the item
    tower embed an item nobody has clicked yet.
    """

    def __init__(self, n_users: int, n_items: int, embedding_dim: int = 32, *,
                 hidden_dim: int | None = None, normalize: bool = True, dtype=np.float64,
                 generator: np.random.Generator | None = None):
        super().__init__()
        check_scalar(n_users, "n_users", int, lo=1)
        check_scalar(n_items, "n_items", int, lo=1)
        check_scalar(embedding_dim, "embedding_dim", int, lo=1)
        if hidden_dim is not None:
            check_scalar(hidden_dim, "hidden_dim", int, lo=1)
        self.n_users, self.n_items = n_users, n_items
        self.embedding_dim, self.hidden_dim, self.normalize = embedding_dim, hidden_dim, normalize
        gen = generator if generator is not None else np.random.default_rng(0)
        self.user_embedding = nn.Embedding(n_users, embedding_dim, dtype=dtype, generator=gen)
        self.item_embedding = nn.Embedding(n_items, embedding_dim, dtype=dtype, generator=gen)
        # N(0, 1) rows (PyTorch's default) make dot products of size ~embedding_dim; a
        # 1/sqrt(d) scale starts the softmax near uniform instead of saturated.
        for table in (self.user_embedding, self.item_embedding):
            table.weight.data *= 1.0 / np.sqrt(embedding_dim)
        if hidden_dim is not None:
            def mlp():
                return nn.Sequential(
                    nn.Linear(embedding_dim, hidden_dim, dtype=dtype, generator=gen),
                    nn.ReLU(),
                    nn.Linear(hidden_dim, embedding_dim, dtype=dtype, generator=gen))
            self.user_mlp, self.item_mlp = mlp(), mlp()
        else:
            self.user_mlp = self.item_mlp = None

    def _tower(self, table: nn.Embedding, mlp, ids) -> Tensor:
        x = table(np.asarray(ids, dtype=np.int64))
        if mlp is not None:
            x = mlp(x)
        return _l2_normalize(x) if self.normalize else x

    def forward(self, users, items) -> tuple[Tensor, Tensor]:
        """User vectors (B, d) for ``users`` (B,) and item vectors (B, d) for ``items``."""
        return (self._tower(self.user_embedding, self.user_mlp, users),
                self._tower(self.item_embedding, self.item_mlp, items))

    def user_vectors(self) -> np.ndarray:
        """Every user's vector, (n_users, d)."""
        with no_grad():
            return self._tower(self.user_embedding, self.user_mlp,
                               np.arange(self.n_users)).data

    def item_vectors(self) -> np.ndarray:
        """Every item's vector, (n_items, d): what the serving index stores."""
        with no_grad():
            return self._tower(self.item_embedding, self.item_mlp,
                               np.arange(self.n_items)).data

    def extra_repr(self) -> str:
        return (f"n_users={self.n_users}, n_items={self.n_items}, "
                f"embedding_dim={self.embedding_dim}, normalize={self.normalize}")


# -- serving: exact top-k -------------------------------------------------------------------


def _check_mask(mask, name: str, shape: tuple[int, int]) -> np.ndarray:
    m = np.asarray(mask)
    if m.dtype != bool:
        raise TypeError(f"{name}: expected a boolean matrix, got dtype {m.dtype}")
    if m.shape != shape:
        raise ValueError(f"{name}: expected shape {shape}, got {m.shape}")
    return m


def top_k(scores, k: int, *, exclude=None) -> np.ndarray:
    """The k best items of every user, best first, never an excluded one.

    Parameters
    ----------
    scores : array of shape (n_users, n_items), finite
    k : int >= 1
    exclude : bool array of shape (n_users, n_items), optional; True marks items that
        must not be recommended (already seen, out of stock, blocked)

    Returns
    -------
    int64 array of shape (n_users, min(k, n_items)): item indices by descending score,
    ties broken by the lower item index. A user with fewer eligible items than k gets
    ``-1`` in the remaining slots.

    ``np.argpartition`` finds each row's k-th best score in linear time; only the k
    winners are then sorted, O(n_items + k log k) per user instead of a full sort.
    """
    s = check_array(scores, "scores", min_features=1)
    check_scalar(k, "k", int, lo=1)
    n_users, n_items = s.shape
    k = min(k, n_items)
    s = s.astype(np.float64, copy=True)
    if exclude is not None:
        s[_check_mask(exclude, "exclude", s.shape)] = -np.inf
    rows = np.arange(n_users)[:, None]
    # The k-th largest score of each row (the threshold of the top k).
    kth = np.take_along_axis(s, np.argpartition(-s, k - 1, axis=1)[:, k - 1:k], axis=1)
    # Everything strictly above the threshold is in; of the items tied at the threshold,
    # the lowest indices fill the remaining places, so the result does not depend on
    # argpartition's arbitrary order among ties.
    above = s > kth
    tied = s == kth
    room = k - above.sum(axis=1, keepdims=True)
    chosen = above | (tied & (np.cumsum(tied, axis=1) <= room))
    cols = np.nonzero(chosen)[1].reshape(n_users, k)          # ascending item index per row
    order = np.argsort(-s[rows, cols], axis=1, kind="stable")  # stable: ties by index
    best = cols[rows, order]
    # Excluded items score -inf, so they sort last: a row that ran out of eligible items
    # ends with them, and they become -1 (no item to give).
    best[np.isneginf(s[rows, best])] = -1
    return best


# -- offline metrics --------------------------------------------------------------------------


def _check_lists(recommended, n_items: int | None = None) -> np.ndarray:
    rec = np.asarray(recommended)
    if rec.ndim != 2 or rec.dtype.kind not in "iu":
        raise TypeError(f"recommended: expected a 2-D integer array (n_users, k), got dtype "
                        f"{rec.dtype} and shape {rec.shape}")
    if rec.shape[1] < 1:
        raise ValueError("recommended: expected at least one slot per user (k >= 1)")
    if rec.size and rec.min() < -1:
        raise ValueError(f"recommended: expected item indices or -1 (empty slot), got "
                         f"{rec.min()}")
    if n_items is not None and rec.size and rec.max() >= n_items:
        raise ValueError(f"recommended: item index {rec.max()} out of range for "
                         f"{n_items} items")
    return rec.astype(np.int64, copy=False)


def _hits(rec: np.ndarray, relevant: np.ndarray) -> np.ndarray:
    """(n_users, k) booleans: slot holds a relevant item (-1 slots never do)."""
    rows = np.arange(rec.shape[0])[:, None]
    return relevant[rows, np.maximum(rec, 0)] & (rec >= 0)


def recall_at_k(recommended, relevant) -> float:
    """Mean over users of |top-k ∩ relevant| / |relevant|.

    ``recommended`` (n_users, k) holds item indices (``-1`` = empty slot), ``relevant``
    (n_users, n_items) is boolean. Users without any relevant item are left out of the
    mean (their recall is 0/0); the list length k is the one of ``recommended``.
    """
    rel = np.asarray(relevant)
    if rel.ndim != 2:
        raise ValueError(f"relevant: expected shape (n_users, n_items), got {rel.shape}")
    rel = _check_mask(rel, "relevant", rel.shape)
    rec = _check_lists(recommended, rel.shape[1])
    if rec.shape[0] != rel.shape[0]:
        raise ValueError(f"recommended and relevant: expected the same number of users, got "
                         f"{rec.shape[0]} and {rel.shape[0]}")
    n_rel = rel.sum(axis=1)
    users = n_rel > 0
    if not users.any():
        raise ValueError("relevant: no user has a relevant item, recall is undefined")
    hits = _hits(rec, rel).sum(axis=1)
    return float(np.mean(hits[users] / n_rel[users]))


def list_scores(recommended, n_items: int) -> np.ndarray:
    """A score matrix (n_users, n_items) that ranks each user's list in its order: the
    item in slot p scores k - p, unlisted items 0. Feeding it to a score-based metric
    (``ndcg_score``) evaluates the list itself, with no ties inside the top k."""
    rec = _check_lists(recommended, n_items)
    n_users, k = rec.shape
    out = np.zeros((n_users, n_items))
    rows, slots = np.nonzero(rec >= 0)
    out[rows, rec[rows, slots]] = k - slots
    return out


def ndcg_at_k(recommended, relevant) -> float:
    """NDCG@k of the lists with binary gains, averaged over users with a relevant item.

    Computed by :func:`mlinterview.ml.metrics.ndcg_score` on :func:`list_scores`:
    DCG = Σ_p rel_p / log2(p + 2) over the k slots, divided by the DCG of the ideal list
    (min(k, |relevant|) hits on top). Users without relevant items are left out, as in
    :func:`recall_at_k` (ndcg_score alone would count them as 0).
    """
    rel = np.asarray(relevant)
    if rel.ndim != 2:
        raise ValueError(f"relevant: expected shape (n_users, n_items), got {rel.shape}")
    rel = _check_mask(rel, "relevant", rel.shape)
    rec = _check_lists(recommended, rel.shape[1])
    users = rel.any(axis=1)
    if not users.any():
        raise ValueError("relevant: no user has a relevant item, NDCG is undefined")
    scores = list_scores(rec, rel.shape[1])
    return ndcg_score(rel[users].astype(np.float64), scores[users], k=rec.shape[1])


def catalog_coverage(recommended, n_items: int) -> float:
    """Share of the catalogue that appears in at least one user's list, in [0, 1]."""
    check_scalar(n_items, "n_items", int, lo=1)
    rec = _check_lists(recommended, n_items)
    return float(np.unique(rec[rec >= 0]).size / n_items)


def gini_coefficient(values) -> float:
    """Gini coefficient of non-negative ``values`` (n,): 0 when all are equal, (n - 1)/n
    when one holds everything. Mean absolute difference over twice the mean, computed
    from the sorted values: G = Σ_i (2i - n - 1) x_(i) / (n Σ x), i = 1..n."""
    x = check_array(values, "values", ensure_2d=False).astype(np.float64).ravel()
    if x.size == 0:
        raise ValueError("values: expected at least one value")
    if (x < 0).any():
        raise ValueError("values: expected non-negative values")
    total = x.sum()
    if total == 0:
        return 0.0
    n = x.size
    i = np.arange(1, n + 1)
    return float(((2 * i - n - 1) * np.sort(x)).sum() / (n * total))


def recommendation_gini(recommended, n_items: int) -> float:
    """Gini of how often each catalogue item is recommended across all lists: 0 when every
    item is shown equally often, near 1 when a few items take all the slots (every user
    getting the same k items gives 1 - k / n_items)."""
    check_scalar(n_items, "n_items", int, lo=1)
    rec = _check_lists(recommended, n_items)
    return gini_coefficient(np.bincount(rec[rec >= 0], minlength=n_items))


def mean_popularity_percentile(recommended, item_counts) -> float:
    """Mean popularity percentile of the recommended items, in [0, 1].

    An item's percentile is (its average rank by ``item_counts``, ties averaged, 1 = least
    popular) - 1, divided by n_items - 1: 0 for the least popular item, 1 for the most
    popular. A recommender that ignores popularity scores about 0.5, one that recommends
    only the head close to 1.
    """
    counts = check_array(item_counts, "item_counts", ensure_2d=False).ravel()
    n = counts.size
    if n < 2:
        raise ValueError(f"item_counts: expected at least 2 items, got {n}")
    rec = _check_lists(recommended, n)
    # Average ranks with ties, as scipy.stats.rankdata(method="average"), from one sort.
    order = np.argsort(counts, kind="stable")
    sorted_counts = counts[order]
    first = np.r_[True, sorted_counts[1:] != sorted_counts[:-1]]
    group = np.cumsum(first) - 1
    starts = np.flatnonzero(first)
    ends = np.r_[starts[1:], n]
    ranks = np.empty(n)
    ranks[order] = ((starts + ends + 1) / 2.0)[group]          # mean of ranks start+1..end
    percentile = (ranks - 1) / (n - 1)
    listed = rec[rec >= 0]
    if listed.size == 0:
        raise ValueError("recommended: every slot is empty (-1)")
    return float(percentile[listed].mean())
