"""The recommender pieces on hand-worked cases, closed forms and brute force."""

import math

import numpy as np
import pytest

from mlinterview.ml.autograd import Tensor, gradcheck
from mlinterview.ml.design.recsys import (
    TwoTower,
    catalog_coverage,
    gini_coefficient,
    in_batch_softmax_loss,
    item_log_q,
    list_scores,
    make_interactions,
    mean_popularity_percentile,
    ndcg_at_k,
    recall_at_k,
    recommendation_gini,
    top_k,
)


# -- data ------------------------------------------------------------------------------------
def test_make_interactions_splits_are_disjoint_and_sized():
    d = make_interactions(50, 40, interactions_per_user=10, valid_per_user=2,
                          test_per_user=3, random_state=3)
    assert d.train.shape == d.valid.shape == d.test.shape == (50, 40)
    np.testing.assert_array_equal(d.train.sum(axis=1), 5)
    np.testing.assert_array_equal(d.valid.sum(axis=1), 2)
    np.testing.assert_array_equal(d.test.sum(axis=1), 3)
    assert not (d.train & d.valid).any() and not (d.train & d.test).any()
    assert not (d.valid & d.test).any()
    assert d.item_prior.sum() == pytest.approx(1.0)
    users, items = d.pairs("valid")
    assert len(users) == 100 and d.valid[users, items].all()
    again = make_interactions(50, 40, interactions_per_user=10, valid_per_user=2,
                              test_per_user=3, random_state=3)
    np.testing.assert_array_equal(again.test, d.test)


def test_zipf_prior_and_popular_items_are_picked_more():
    d = make_interactions(2000, 100, interactions_per_user=10, popularity_exponent=1.0,
                          random_state=0)
    ranks = np.argsort(np.argsort(-d.item_prior)) + 1       # 1 = most popular
    np.testing.assert_allclose(d.item_prior * ranks, d.item_prior.max())   # pi ∝ 1/rank
    counts = (d.train | d.valid | d.test).sum(axis=0)
    head, tail = ranks <= 10, ranks > 50
    assert counts[head].mean() > 4 * counts[tail].mean()


def test_make_interactions_rejects_bad_input():
    with pytest.raises(ValueError, match="interactions_per_user"):
        make_interactions(10, 10, interactions_per_user=4, valid_per_user=2, test_per_user=2)
    with pytest.raises(ValueError, match="interactions_per_user"):
        make_interactions(10, 5, interactions_per_user=6)
    with pytest.raises(TypeError, match="n_users"):
        make_interactions(10.0, 5)
    with pytest.raises(ValueError, match="split"):
        make_interactions(10, 30).pairs("dev")


# -- loss ------------------------------------------------------------------------------------
def test_item_log_q_hand_worked():
    lq = item_log_q(np.array([0, 0, 0, 2]), 4)
    np.testing.assert_allclose(lq, np.log([3 / 4, 0.5 / 4, 1 / 4, 0.5 / 4]))
    with pytest.raises(ValueError, match="items"):
        item_log_q(np.array([0, 4]), 4)
    with pytest.raises(TypeError, match="items"):
        item_log_q(np.array([0.0, 1.0]), 4)


def test_loss_hand_worked_two_users():
    # q = [[1, 0], [0, 1]], c = [[2, 0], [1, 1]]: logits [[2, 1], [0, 1]].
    q, c = Tensor(np.array([[1.0, 0.0], [0.0, 1.0]])), Tensor(np.array([[2.0, 0.0],
                                                                         [1.0, 1.0]]))
    per_row = in_batch_softmax_loss(q, c, reduction="none").data
    expected = [math.log(math.exp(2) + math.exp(1)) - 2, math.log(1 + math.exp(1)) - 1]
    np.testing.assert_allclose(per_row, expected, rtol=1e-12)
    # logQ = log [0.5, 0.25]: logits become [[2 - log .5, 1 - log .25], [-log .5, 1 - log .25]]
    lq = np.log([0.5, 0.25])
    z = np.array([[2, 1], [0, 1]]) - lq
    lse = np.log(np.exp(z).sum(axis=1))
    got = in_batch_softmax_loss(q, c, log_q=lq, reduction="sum").item()
    assert got == pytest.approx(float((lse - np.diag(z)).sum()), rel=1e-12)
    # temperature 0.5 doubles every logit
    t = in_batch_softmax_loss(q, c, temperature=0.5, reduction="none").data
    np.testing.assert_allclose(t, [math.log(math.exp(4) + math.exp(2)) - 4,
                                   math.log(1 + math.exp(2)) - 2], rtol=1e-12)


def test_constant_log_q_changes_nothing():
    rng = np.random.default_rng(0)
    q, c = Tensor(rng.normal(size=(6, 3))), Tensor(rng.normal(size=(6, 3)))
    plain = in_batch_softmax_loss(q, c).item()
    shifted = in_batch_softmax_loss(q, c, log_q=np.full(6, math.log(0.01))).item()
    assert shifted == pytest.approx(plain, rel=1e-12)


def test_accidental_hit_is_removed_from_the_negatives():
    rng = np.random.default_rng(1)
    q, c = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    ids = np.array([7, 2, 7, 5])            # rows 0 and 2 share item 7
    got = in_batch_softmax_loss(Tensor(q), Tensor(c), item_ids=ids, reduction="none").data
    z = q @ c.T
    expected = []
    for i in range(4):
        keep = [j for j in range(4) if j == i or ids[j] != ids[i]]
        expected.append(np.log(np.exp(z[i, keep]).sum()) - z[i, i])
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_loss_gradcheck_with_correction_and_hits():
    rng = np.random.default_rng(2)
    q = Tensor(rng.normal(size=(5, 3)), requires_grad=True)
    c = Tensor(rng.normal(size=(5, 3)), requires_grad=True)
    lq = np.log(rng.dirichlet(np.ones(5)))
    ids = np.array([0, 1, 0, 3, 4])
    assert gradcheck(lambda a, b: in_batch_softmax_loss(a, b, log_q=lq, item_ids=ids,
                                                        temperature=0.3), [q, c])


def test_loss_rejects_bad_input():
    q = Tensor(np.zeros((3, 2)))
    with pytest.raises(ValueError, match="same shape"):
        in_batch_softmax_loss(q, Tensor(np.zeros((4, 2))))
    with pytest.raises(ValueError, match="log_q"):
        in_batch_softmax_loss(q, q, log_q=np.zeros(2))
    with pytest.raises(ValueError, match="log_q"):
        in_batch_softmax_loss(q, q, log_q=np.array([0.0, -np.inf, 0.0]))
    with pytest.raises(ValueError, match="temperature"):
        in_batch_softmax_loss(q, q, temperature=0.0)
    with pytest.raises(TypeError, match="query"):
        in_batch_softmax_loss(np.zeros((3, 2)), q)
    with pytest.raises(ValueError, match="reduction"):
        in_batch_softmax_loss(q, q, reduction="avg")


# -- model -----------------------------------------------------------------------------------
@pytest.mark.parametrize("hidden_dim", [None, 8])
def test_two_tower_shapes_and_normalisation(hidden_dim):
    m = TwoTower(6, 9, 4, hidden_dim=hidden_dim)
    u, v = m(np.array([0, 5, 2]), np.array([8, 0, 1]))
    assert u.shape == v.shape == (3, 4)
    np.testing.assert_allclose(np.linalg.norm(u.data, axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(m.user_vectors()[[0, 5, 2]], u.data)
    np.testing.assert_allclose(m.item_vectors()[[8, 0, 1]], v.data)
    names = {name for name, _ in m.named_parameters()}
    assert {"user_embedding.weight", "item_embedding.weight"} <= names


def test_two_tower_learns_a_planted_preference():
    # Users 0-2 always pick item 0, users 3-5 item 1: after training, each user's best item
    # is its own.
    from mlinterview.ml import optim
    m = TwoTower(6, 4, 4, normalize=False, generator=np.random.default_rng(0))
    opt = optim.Adam(m.parameters(), lr=0.1)
    users = np.arange(6)
    items = np.array([0, 0, 0, 1, 1, 1])
    for _ in range(100):
        opt.zero_grad()
        q, c = m(users, items)
        in_batch_softmax_loss(q, c, item_ids=items).backward()
        opt.step()
    best = (m.user_vectors() @ m.item_vectors()[:2].T).argmax(axis=1)
    np.testing.assert_array_equal(best, items)


# -- top-k -----------------------------------------------------------------------------------
def _brute_top_k(scores, k, exclude=None):
    """Full sort of every row by (-score, index), excluded items dropped, -1 padded."""
    out = []
    for i, row in enumerate(scores):
        items = [j for j in range(len(row)) if exclude is None or not exclude[i, j]]
        items.sort(key=lambda j: (-row[j], j))
        items = items[:k]
        out.append(items + [-1] * (min(k, len(row)) - len(items)))
    return np.array(out)


def test_top_k_hand_worked():
    scores = np.array([[0.1, 0.9, 0.5, 0.7], [3.0, 3.0, 1.0, 3.0]])
    seen = np.array([[False, True, False, False], [False, False, False, True]])
    np.testing.assert_array_equal(top_k(scores, 2, exclude=seen), [[3, 2], [0, 1]])
    np.testing.assert_array_equal(top_k(scores, 2), [[1, 3], [0, 1]])
    everything = np.ones((2, 4), dtype=bool)
    everything[0, 2] = False
    np.testing.assert_array_equal(top_k(scores, 3, exclude=everything),
                                  [[2, -1, -1], [-1, -1, -1]])
    assert top_k(scores, 10).shape == (2, 4)           # k larger than the catalogue


@pytest.mark.parametrize("seed", range(5))
def test_top_k_matches_a_full_sort(seed):
    rng = np.random.default_rng(seed)
    n_users, n_items = int(rng.integers(1, 30)), int(rng.integers(1, 40))
    scores = rng.integers(0, 5, size=(n_users, n_items)).astype(float)   # many ties
    exclude = rng.random((n_users, n_items)) < rng.choice([0.0, 0.3, 0.9])
    for k in (1, 3, n_items, n_items + 2):
        np.testing.assert_array_equal(top_k(scores, k, exclude=exclude),
                                      _brute_top_k(scores, k, exclude))


def test_top_k_rejects_bad_input():
    with pytest.raises(ValueError, match="scores"):
        top_k(np.array([[np.nan, 1.0]]), 1)
    with pytest.raises(TypeError, match="exclude"):
        top_k(np.zeros((2, 3)), 1, exclude=np.zeros((2, 3)))
    with pytest.raises(ValueError, match="exclude"):
        top_k(np.zeros((2, 3)), 1, exclude=np.zeros((3, 2), dtype=bool))
    with pytest.raises(ValueError, match="k"):
        top_k(np.zeros((2, 3)), 0)


# -- metrics ---------------------------------------------------------------------------------
REC = np.array([[2, 0, 4], [1, 3, -1], [0, 1, 2]])
REL = np.array([[1, 0, 0, 0, 1], [0, 0, 0, 1, 0], [0, 0, 0, 0, 0]], dtype=bool)


def test_recall_hand_worked():
    # user 0: items 0 and 4 relevant, both listed: 1; user 1: item 3 listed: 1/1;
    # user 2 has nothing relevant and is left out.
    assert recall_at_k(REC, REL) == pytest.approx(1.0)
    rec = np.array([[2, 1, 3], [1, 0, 2], [0, 1, 2]])
    assert recall_at_k(rec, REL) == pytest.approx(0.0)
    rec = np.array([[4, 1, 3], [3, 0, 2], [0, 1, 2]])
    assert recall_at_k(rec, REL) == pytest.approx((0.5 + 1.0) / 2)
    with pytest.raises(ValueError, match="no user"):
        recall_at_k(REC, np.zeros((3, 5), dtype=bool))


def test_ndcg_hand_worked():
    # user 0: hits in slots 2 and 3 -> (1/log2 3 + 1/log2 4) / (1 + 1/log2 3);
    # user 1: hit in slot 2 -> (1/log2 3) / 1.
    u0 = (1 / math.log2(3) + 1 / math.log2(4)) / (1 + 1 / math.log2(3))
    u1 = 1 / math.log2(3)
    assert ndcg_at_k(REC, REL) == pytest.approx((u0 + u1) / 2, rel=1e-12)


def test_list_scores_follow_the_list_order():
    s = list_scores(REC, 5)
    np.testing.assert_array_equal(s[1], [0, 3, 0, 2, 0])
    np.testing.assert_array_equal(s[0], [2, 0, 3, 0, 1])


def test_coverage_and_gini():
    assert catalog_coverage(REC, 5) == pytest.approx(5 / 5)
    assert catalog_coverage(np.array([[0, 1], [1, 0]]), 10) == pytest.approx(0.2)
    # every user gets the same 2 of 10 items: Gini = 1 - k / n
    assert recommendation_gini(np.array([[0, 1]] * 7), 10) == pytest.approx(0.8)
    assert recommendation_gini(np.array([[0, 1], [2, 3]]), 4) == pytest.approx(0.0)


@pytest.mark.parametrize("seed", range(4))
def test_gini_matches_mean_absolute_difference(seed):
    x = np.random.default_rng(seed).exponential(size=int(5 + 10 * seed))
    brute = np.abs(x[:, None] - x[None, :]).mean() / (2 * x.mean())
    assert gini_coefficient(x) == pytest.approx(brute, rel=1e-12)
    assert gini_coefficient(np.zeros(3)) == 0.0
    with pytest.raises(ValueError, match="non-negative"):
        gini_coefficient([1.0, -1.0])


def test_popularity_percentile_hand_worked():
    counts = np.array([5, 1, 3, 3, 10])     # ranks 4, 1, 2.5, 2.5, 5 -> (r - 1) / 4
    pct = np.array([0.75, 0.0, 0.375, 0.375, 1.0])
    assert mean_popularity_percentile(np.array([[4, 0], [1, -1]]), counts) == pytest.approx(
        (pct[4] + pct[0] + pct[1]) / 3)
    assert mean_popularity_percentile(np.array([[2], [3]]), counts) == pytest.approx(0.375)


def test_metrics_reject_bad_lists():
    with pytest.raises(TypeError, match="recommended"):
        recall_at_k(REC.astype(float), REL)
    with pytest.raises(ValueError, match="out of range"):
        catalog_coverage(np.array([[5]]), 5)
    with pytest.raises(ValueError, match="recommended"):
        catalog_coverage(np.array([[-2]]), 5)
    with pytest.raises(ValueError, match="same number of users"):
        recall_at_k(REC[:2], REL)
