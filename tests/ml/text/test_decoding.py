"""Decoding (mlinterview.ml.text.decoding): filters against hand-worked cases, the sampled
distribution against the intended one, beam search against brute force.

The sampling tests draw N = 200,000 tokens at a fixed seed and compare the counts with the
distribution written out independently in the test (a sorted list walked by hand, no call
into the code under test): the total-variation distance must be below 0.01 (its expected
value for N draws over k tokens is about ½·Σ√(2 pᵢ / (π N)) < 0.004 here) and a chi-square
goodness-of-fit test must not reject at 1e-3; tokens outside the support must never be drawn.
"""

import math

import numpy as np
import pytest
from scipy import stats

from mlinterview.ml.text.decoding import (
    apply_temperature,
    beam_search,
    greedy,
    sample,
    sampling_probs,
    top_k_filter,
    top_p_filter,
)

NINF = -np.inf
N_DRAWS = 200_000


# -- hand-worked filters ----------------------------------------------------------------
def test_top_k_keeps_the_k_largest():
    z = np.array([1.0, 3.0, 2.0, 5.0, 4.0])
    np.testing.assert_array_equal(top_k_filter(z, 2), [NINF, NINF, NINF, 5.0, 4.0])
    np.testing.assert_array_equal(top_k_filter(z, 1), [NINF, NINF, NINF, 5.0, NINF])
    np.testing.assert_array_equal(top_k_filter(z, 5), z)
    np.testing.assert_array_equal(top_k_filter(z, 99), z)     # k > vocabulary: no-op


def test_top_k_keeps_ties_at_the_cut():
    np.testing.assert_array_equal(top_k_filter(np.array([1.0, 2.0, 2.0, 0.0]), 2),
                                  [NINF, 2.0, 2.0, NINF])
    np.testing.assert_array_equal(top_k_filter(np.array([2.0, 2.0, 2.0, 1.0]), 1),
                                  [2.0, 2.0, 2.0, NINF])


def test_top_k_rows_are_independent_and_filter_value_is_used():
    z = np.array([[0.0, 1.0, 2.0], [2.0, 1.0, 0.0]])
    np.testing.assert_array_equal(top_k_filter(z, 1, filter_value=-50.0),
                                  [[-50.0, -50.0, 2.0], [2.0, -50.0, -50.0]])


def _log(*p):
    return np.log(np.array(p))


def test_top_p_keeps_the_smallest_set_reaching_p():
    z = _log(0.5, 0.25, 0.125, 0.125)
    # 0.6: the first token holds 0.5 < 0.6, so the second (which crosses 0.6) is kept.
    np.testing.assert_array_equal(np.isfinite(top_p_filter(z, 0.6)), [1, 1, 0, 0])
    # 0.3: the first token alone already reaches 0.3.
    np.testing.assert_array_equal(np.isfinite(top_p_filter(z, 0.3)), [1, 0, 0, 0])
    # 0.8: three tokens (0.875); the fourth ties with the third, so it is kept too.
    np.testing.assert_array_equal(np.isfinite(top_p_filter(z, 0.8)), [1, 1, 1, 1])
    np.testing.assert_array_equal(np.isfinite(top_p_filter(z, 1.0)), [1, 1, 1, 1])
    kept = top_p_filter(z, 0.6)
    np.testing.assert_array_equal(kept[:2], z[:2])             # kept logits unchanged


def test_top_p_order_does_not_matter_and_min_tokens():
    z = _log(0.125, 0.25, 0.5, 0.125)                            # the same, shuffled
    np.testing.assert_array_equal(np.isfinite(top_p_filter(z, 0.6)), [0, 1, 1, 0])
    np.testing.assert_array_equal(
        np.isfinite(top_p_filter(z, 0.3, min_tokens_to_keep=2)), [0, 1, 1, 0])
    # A dominant token: the nucleus is one token even with p = 0.99.
    np.testing.assert_array_equal(np.isfinite(top_p_filter(np.array([10.0, 0, 0]), 0.99)),
                                  [1, 0, 0])


def test_top_p_on_already_masked_logits():
    z = np.array([NINF, np.log(0.7), np.log(0.3), NINF])
    np.testing.assert_array_equal(np.isfinite(top_p_filter(z, 0.5)), [0, 1, 0, 0])
    np.testing.assert_array_equal(np.isfinite(top_p_filter(z, 0.9)), [0, 1, 1, 0])


def test_temperature_by_hand():
    z = np.array([0.0, math.log(2.0)])
    np.testing.assert_allclose(sampling_probs(z), [1 / 3, 2 / 3], rtol=1e-12)
    np.testing.assert_allclose(sampling_probs(z, temperature=0.5), [1 / 5, 4 / 5], rtol=1e-12)
    np.testing.assert_allclose(sampling_probs(z, temperature=2.0),
                               [1 / (1 + math.sqrt(2)), math.sqrt(2) / (1 + math.sqrt(2))],
                               rtol=1e-12)
    np.testing.assert_allclose(apply_temperature(z, 0.5), [0.0, 2 * math.log(2.0)])
    np.testing.assert_array_equal(sampling_probs(z, temperature=0), [0.0, 1.0])


def test_greedy_is_argmax_first_on_ties():
    z = np.array([[0.1, 0.9, 0.9], [3.0, -1.0, 2.0]])
    np.testing.assert_array_equal(greedy(z), [1, 0])
    np.testing.assert_array_equal(sample(z, temperature=0, generator=0), [1, 0])


# -- sampled distributions ----------------------------------------------------------------
def intended(logits, temperature=1.0, top_k=None, top_p=None):
    """The target distribution written out plainly: a list sorted by hand."""
    scaled = [x / temperature for x in logits]
    ranked = sorted(range(len(scaled)), key=lambda i: -scaled[i])
    support = set(ranked)
    if top_k is not None:
        kth = scaled[ranked[min(top_k, len(ranked)) - 1]]
        support = {i for i in support if scaled[i] >= kth}
    weights = {i: math.exp(scaled[i]) for i in support}
    if top_p is not None:
        total = sum(weights.values())
        kept, mass = [], 0.0
        for i in sorted(weights, key=lambda i: -weights[i]):
            if mass < top_p:
                kept.append(i)
            mass += weights[i] / total
        weights = {i: weights[i] for i in kept}
    total = sum(weights.values())
    return np.array([weights.get(i, 0.0) / total for i in range(len(logits))])


LOGITS = np.array([2.0, 1.3, 0.4, -0.5, 1.0, -2.0, 0.0, 0.7])
SETTINGS = [
    dict(),
    dict(temperature=0.5),
    dict(temperature=1.7),
    dict(top_k=3),
    dict(top_p=0.7),
    dict(top_p=0.95),
    dict(temperature=0.8, top_k=5, top_p=0.8),
]


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: str(s) or "plain")
def test_samples_follow_the_intended_distribution(setting):
    target = intended(LOGITS, **setting)
    np.testing.assert_allclose(sampling_probs(LOGITS, **setting), target, rtol=1e-12,
                               atol=1e-15)
    logits = np.broadcast_to(LOGITS, (N_DRAWS, len(LOGITS)))
    draws = sample(logits, generator=np.random.default_rng(12345), **setting)
    counts = np.bincount(draws, minlength=len(LOGITS))
    assert counts[target == 0].sum() == 0                     # never outside the support
    tv = 0.5 * np.abs(counts / N_DRAWS - target).sum()
    assert tv < 0.01
    support = target > 0
    if support.sum() > 1:
        result = stats.chisquare(counts[support], N_DRAWS * target[support])
        assert result.pvalue > 1e-3


def test_rows_sample_from_their_own_distributions():
    z = np.array([[0.0, 0.0, 5.0], [np.log(0.2), np.log(0.8), NINF]])
    draws = sample(np.repeat(z[None], 50_000, axis=0), generator=3)
    assert draws.shape == (50_000, 2)
    first = np.bincount(draws[:, 0], minlength=3) / 50_000
    second = np.bincount(draws[:, 1], minlength=3) / 50_000
    p0 = np.exp(z[0]) / np.exp(z[0]).sum()
    assert 0.5 * np.abs(first - p0).sum() < 0.01
    assert second[2] == 0 and abs(second[0] - 0.2) < 0.01


def test_same_seed_same_draws():
    z = np.random.default_rng(0).normal(size=(100, 30))
    a = sample(z, top_p=0.9, generator=7)
    b = sample(z, top_p=0.9, generator=np.random.default_rng(7))
    np.testing.assert_array_equal(a, b)
    assert a.dtype == np.int64


# -- beam search --------------------------------------------------------------------------
class PrefixModel:
    """A toy language model whose next-token distribution depends on the whole prefix:
    log-probabilities drawn once per prefix from a generator seeded by that prefix."""

    def __init__(self, vocab, salt, eos=None):
        self.vocab, self.salt, self.eos = vocab, salt, eos
        self.calls = 0

    def log_probs(self, prefix):
        rng = np.random.default_rng([self.salt, len(prefix), *map(int, prefix)])
        z = rng.normal(size=self.vocab) * 1.5
        return z - np.log(np.exp(z).sum())

    def __call__(self, seqs):
        self.calls += 1
        return np.stack([self.log_probs(s) for s in seqs])


def brute_force(model, prompt, max_new, eos=None, length_penalty=1.0):
    """Every continuation of up to max_new tokens (stopping at eos), ranked by score."""
    ranked = []

    def visit(seq, log_prob, n):
        if n == max_new or (eos is not None and n and seq[-1] == eos):
            ranked.append((log_prob / n ** length_penalty, log_prob, tuple(seq)))
            return
        lp = model.log_probs(np.array(seq))
        for token in range(model.vocab):
            visit([*seq, token], log_prob + lp[token], n + 1)

    visit(list(prompt), 0.0, 0)
    ranked.sort(key=lambda r: -r[0])
    return ranked


def test_beam_beats_greedy_on_a_hand_worked_case():
    # P(a)=0.6, P(b)=0.4; after a: 0.5/0.5; after b: P(a|b)=0.9. Greedy: a then 0.3 in
    # total; the best sequence is b, a with 0.36, which a beam of 2 keeps.
    table = {(): [0.6, 0.4], (0,): [0.5, 0.5], (1,): [0.9, 0.1]}

    def next_log_probs(seqs):
        return np.log(np.array([table[tuple(s)] for s in seqs]))

    best1 = beam_search(next_log_probs, [], num_beams=1, max_new_tokens=2,
                        length_penalty=0.0)[0]
    best2 = beam_search(next_log_probs, [], num_beams=2, max_new_tokens=2,
                        length_penalty=0.0)[0]
    assert best1.tokens.tolist() in ([0, 0], [0, 1])
    assert math.isclose(math.exp(best1.log_prob), 0.3)
    assert best2.tokens.tolist() == [1, 0]
    assert math.isclose(math.exp(best2.log_prob), 0.36)


@pytest.mark.parametrize("vocab,max_new,eos,alpha", [
    (3, 3, None, 0.0), (3, 4, 0, 0.0), (3, 4, 0, 1.0), (4, 3, 2, 0.7), (2, 5, 1, 1.0)])
def test_a_beam_wide_enough_is_exhaustive(vocab, max_new, eos, alpha):
    model = PrefixModel(vocab, salt=vocab * 10 + max_new, eos=eos)
    prompt = np.array([1, 0])
    ranked = brute_force(model, prompt, max_new, eos, alpha)
    width = vocab ** max_new
    hyps = beam_search(model, prompt, num_beams=width, max_new_tokens=max_new,
                       eos_token_id=eos, length_penalty=alpha)
    assert len(hyps) == min(width, len(ranked))
    for hyp, (score, log_prob, seq) in zip(hyps[:5], ranked[:5], strict=True):
        assert tuple(hyp.tokens.tolist()) == seq
        assert math.isclose(hyp.score, score, rel_tol=1e-12)
        assert math.isclose(hyp.log_prob, log_prob, rel_tol=1e-12)


@pytest.mark.parametrize("width", [1, 2, 3, 5])
def test_any_beam_returns_true_scores_below_the_optimum(width):
    model = PrefixModel(4, salt=99)
    prompt = np.array([3])
    best_score = brute_force(model, prompt, 4, eos=0, length_penalty=1.0)[0][0]
    for hyp in beam_search(model, prompt, num_beams=width, max_new_tokens=4, eos_token_id=0):
        tokens = hyp.tokens.tolist()
        assert tokens[:1] == [3] and 1 <= hyp.n_generated <= 4
        assert 0 not in tokens[1:-1]                            # eos only at the end
        true = sum(model.log_probs(np.array(tokens[:i]))[tokens[i]]
                   for i in range(1, len(tokens)))
        assert math.isclose(hyp.log_prob, true, rel_tol=1e-12)
        assert math.isclose(hyp.score, true / hyp.n_generated, rel_tol=1e-12)
        assert hyp.score <= best_score + 1e-12


def test_beam_of_one_is_greedy():
    model = PrefixModel(5, salt=4)
    seq = [2]
    for _ in range(6):
        seq.append(int(np.argmax(model.log_probs(np.array(seq)))))
    hyp = beam_search(model, [2], num_beams=1, max_new_tokens=6)[0]
    assert hyp.tokens.tolist() == seq


def test_beam_reorder_gets_the_parents():
    model = PrefixModel(3, salt=8)
    parents = []
    beam_search(model, [0], num_beams=2, max_new_tokens=3, reorder=parents.append)
    assert len(parents) == 2                     # after steps 1 and 2, not after the last
    assert parents[0].tolist() == [0, 0]         # both first beams extend the prompt
    assert all(set(p.tolist()) <= {0, 1} for p in parents)


# -- bad input ----------------------------------------------------------------------------
@pytest.mark.parametrize("call,exc,word", [
    (lambda: top_k_filter([1.0, 2.0], 0), ValueError, "top_k"),
    (lambda: top_k_filter([1.0, 2.0], 1.5), TypeError, "top_k"),
    (lambda: top_p_filter([1.0, 2.0], 0.0), ValueError, "top_p"),
    (lambda: top_p_filter([1.0, 2.0], 1.5), ValueError, "top_p"),
    (lambda: top_p_filter([1.0, 2.0], 0.5, min_tokens_to_keep=0), ValueError,
     "min_tokens_to_keep"),
    (lambda: apply_temperature([1.0], 0.0), ValueError, "temperature"),
    (lambda: sampling_probs([1.0], temperature=-1), ValueError, "temperature"),
    (lambda: sample([1.0, np.nan]), ValueError, "logits"),
    (lambda: sample([NINF, NINF]), ValueError, "logits"),
    (lambda: sample(np.zeros((2, 0))), ValueError, "logits"),
    (lambda: sample(["a", "b"]), TypeError, "logits"),
    (lambda: sample([1.0, 2.0], generator="x"), TypeError, "generator"),
    (lambda: beam_search(None, [0], num_beams=1, max_new_tokens=1), TypeError,
     "next_log_probs"),
    (lambda: beam_search(lambda s: np.zeros((1, 2)), [[0]], num_beams=1, max_new_tokens=1),
     ValueError, "input_ids"),
    (lambda: beam_search(lambda s: np.zeros((1, 2)), [0], num_beams=0, max_new_tokens=1),
     ValueError, "num_beams"),
    (lambda: beam_search(lambda s: np.zeros((1, 2)), [0], num_beams=1, max_new_tokens=0),
     ValueError, "max_new_tokens"),
    (lambda: beam_search(lambda s: np.zeros((2, 2)), [0], num_beams=1, max_new_tokens=1),
     ValueError, "next_log_probs"),
    (lambda: beam_search(lambda s: np.ones((1, 2)), [0], num_beams=1, max_new_tokens=1),
     ValueError, "next_log_probs"),
    (lambda: beam_search(lambda s: np.log(np.full((len(s), 2), 0.5)), [0], num_beams=1,
                         max_new_tokens=1, eos_token_id=5), ValueError, "eos_token_id"),
    (lambda: beam_search(lambda s: np.zeros((1, 2)), [0], num_beams=1, max_new_tokens=1,
                         length_penalty=np.inf), ValueError, "length_penalty"),
])
def test_bad_input_names_the_argument(call, exc, word):
    with pytest.raises(exc, match=word):
        call()


def test_all_sequences_enumerated_by_brute_force_sum_to_one():
    # The brute-force oracle itself: with eos the finished sequences partition the
    # probability mass, so their probabilities sum to 1.
    model = PrefixModel(3, salt=5)
    ranked = brute_force(model, [0], 3, eos=1, length_penalty=0.0)
    assert math.isclose(sum(math.exp(lp) for _, lp, _ in ranked), 1.0, rel_tol=1e-12)
    # eos first (1), one other token then eos (2), two others then anything (2·2·3).
    assert len(ranked) == 1 + 2 + 12
    assert len({seq for _, _, seq in ranked}) == len(ranked)
