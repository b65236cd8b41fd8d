"""The GPT of mlinterview.ml.models.gpt: shapes, the KV cache against full recomputation,
training, perplexity, and its tokenizer.

**KV cache.** Decoding with the cache must give the same tokens as recomputing the whole
prefix at every step (greedy, sampled with the same seed, beam search, and past
block_size where the cache cannot be used). The logits agree to rounding, not bit for bit:
BLAS computes a row of ``X @ W`` with a different blocking (so in a different order) when X
has 1 row than when it has T, so float64 logits differ by ~1e-16 (asserted below 1e-12)
and float32 ones by ~1e-7 (asserted below 1e-5).
"""

import math

import numpy as np
import pytest

from mlinterview.ml.autograd import Tensor, no_grad
from mlinterview.ml.models.gpt import (
    GPT,
    GPTConfig,
    KVCache,
    causal_attention,
    get_batch,
    perplexity,
    train_gpt,
)
from mlinterview.ml.text.chars import CharTokenizer

TOL = {np.float64: 1e-12, np.float32: 1e-5}


def model(dtype=np.float64, seed=0, **kw):
    cfg = dict(vocab_size=11, block_size=16, n_layer=2, n_head=2, n_embd=8)
    cfg.update(kw)
    return GPT(GPTConfig(**cfg), dtype=dtype, generator=np.random.default_rng(seed))


def test_shapes_loss_and_parameter_count():
    m = model()
    idx = np.random.default_rng(0).integers(0, 11, (3, 7))
    logits, loss = m(idx)
    assert logits.shape == (3, 7, 11) and loss is None
    logits, loss = m(idx, idx)
    assert loss.shape == ()
    # Hand count: per block 2 LayerNorms (2·2C) + attention (C·3C + 3C + C·C + C)
    # + MLP (C·4C + 4C + 4C·C + C); embeddings V·C + block·C; final LayerNorm 2C; the head
    # is tied to the token embedding so it adds nothing.
    c, v, t = 8, 11, 16
    block = 4 * c + (3 * c * c + 3 * c + c * c + c) + (4 * c * c + 4 * c + 4 * c * c + c)
    assert m.num_parameters() == 2 * block + v * c + t * c + 2 * c
    assert m.num_parameters(non_embedding=True) == m.num_parameters() - t * c
    untied = model(tie_weights=False)
    assert untied.num_parameters() == m.num_parameters() + v * c
    assert untied.lm_head.weight is not untied.wte.weight
    assert m.lm_head.weight is m.wte.weight


def test_loss_is_the_mean_cross_entropy_of_the_logits():
    m = model()
    rng = np.random.default_rng(1)
    idx, y = rng.integers(0, 11, (2, 5)), rng.integers(0, 11, (2, 5))
    logits, loss = m(idx, y)
    z = logits.data
    logp = z - z.max(-1, keepdims=True)
    logp -= np.log(np.exp(logp).sum(-1, keepdims=True))
    expected = -np.take_along_axis(logp, y[..., None], -1).mean()
    assert math.isclose(loss.item(), expected, rel_tol=1e-12)


def test_position_t_does_not_see_the_future():
    m = model()
    idx = np.random.default_rng(2).integers(0, 11, (1, 9))
    changed = idx.copy()
    changed[0, 6:] = (changed[0, 6:] + 1) % 11
    a, _ = m(idx)
    b, _ = m(changed)
    np.testing.assert_array_equal(a.data[0, :6], b.data[0, :6])   # bit for bit
    assert not np.allclose(a.data[0, 6:], b.data[0, 6:])


def test_tied_head_gets_gradient_from_both_uses():
    m = model()
    idx = np.random.default_rng(3).integers(0, 11, (2, 6))
    _, loss = m(idx, np.roll(idx, -1, axis=1))
    loss.backward()
    g_tied = m.wte.weight.grad.data.copy()
    # The same model untied, same weights: embedding grad + head grad = the tied grad.
    u = model(tie_weights=False)
    state = m.state_dict()
    u.load_state_dict(state)
    _, loss_u = u(idx, np.roll(idx, -1, axis=1))
    loss_u.backward()
    np.testing.assert_allclose(u.wte.weight.grad.data + u.lm_head.weight.grad.data, g_tied,
                               rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_kv_cache_logits_equal_full_recomputation(dtype):
    m = model(dtype=dtype)
    seq = np.random.default_rng(4).integers(0, 11, (3, 16))
    with no_grad():
        full, _ = m(seq)
        cache = KVCache.for_model(m, batch_size=3)
        pieces = [m(seq[:, :5], cache=cache)[0].data]             # a prompt of 5
        for t in range(5, 16):
            pieces.append(m(seq[:, t:t + 1], cache=cache)[0].data)  # then one at a time
        assert cache.length == 16
    np.testing.assert_allclose(np.concatenate(pieces, axis=1), full.data, rtol=0,
                               atol=TOL[dtype])


def test_kv_cache_accepts_chunks_of_several_tokens():
    m = model()
    seq = np.random.default_rng(5).integers(0, 11, (2, 15))
    with no_grad():
        full, _ = m(seq)
        cache = KVCache.for_model(m, batch_size=2)
        pieces = [m(seq[:, a:b], cache=cache)[0].data for a, b in [(0, 4), (4, 9), (9, 15)]]
    np.testing.assert_allclose(np.concatenate(pieces, axis=1), full.data, rtol=0, atol=1e-12)


@pytest.mark.parametrize("kwargs", [
    dict(temperature=0), dict(temperature=1.0), dict(temperature=0.7, top_k=4),
    dict(temperature=1.2, top_p=0.8)], ids=str)
def test_generate_with_cache_gives_the_same_tokens(kwargs):
    m = model()
    prompt = np.random.default_rng(6).integers(0, 11, (4, 3))
    a = m.generate(prompt, 12, use_cache=True, generator=11, **kwargs)
    b = m.generate(prompt, 12, use_cache=False, generator=11, **kwargs)
    assert a.shape == (4, 15)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a[:, :3], prompt)


def test_generate_past_block_size_and_beam_search_with_cache():
    m = model(block_size=8)
    prompt = np.array([[1, 2, 3]])
    a = m.generate(prompt, 14, temperature=0.9, generator=1)       # 17 tokens > block 8
    b = m.generate(prompt, 14, temperature=0.9, generator=1, use_cache=False)
    np.testing.assert_array_equal(a, b)
    beams = m.generate(prompt, 4, num_beams=3)
    np.testing.assert_array_equal(beams, m.generate(prompt, 4, num_beams=3, use_cache=False))
    greedy = m.generate(prompt, 4, temperature=0)
    np.testing.assert_array_equal(m.generate(prompt, 4, num_beams=1, temperature=0), greedy)


def test_beam_search_finds_at_least_the_greedy_log_prob():
    m = model()
    prompt = np.array([[4, 5]])

    def log_prob(seq):
        with no_grad():
            logits, _ = m(seq[None, :-1])
        z = logits.data[0]
        logp = z - z.max(-1, keepdims=True)
        logp -= np.log(np.exp(logp).sum(-1, keepdims=True))
        return logp[np.arange(1, len(seq) - 1), seq[2:]].sum()

    greedy = m.generate(prompt, 5, temperature=0)[0]
    beam = m.generate(prompt, 5, num_beams=4, length_penalty=0.0)[0]
    assert log_prob(beam) >= log_prob(greedy) - 1e-12


def test_cache_reorder_and_size():
    cache = KVCache(n_layer=2, batch_size=3, n_head=2, max_length=10, head_dim=4,
                    dtype=np.float64)
    cache.write(0, np.arange(3 * 2 * 4 * 4, dtype=float).reshape(3, 2, 4, 4),
                np.zeros((3, 2, 4, 4)))
    cache.length = 4
    # 2 (k and v) × 2 layers × 3 rows × 2 heads × 4 positions × 4 dims × 8 bytes
    assert cache.nbytes() == 2 * 2 * 3 * 2 * 4 * 4 * 8
    first = cache.keys[0][0].copy()
    cache.reorder([0, 0, 2, 1])
    assert cache.batch_size == 4
    np.testing.assert_array_equal(cache.keys[0][1], first)


def test_causal_attention_with_past_equals_the_last_rows_of_the_full_one():
    rng = np.random.default_rng(7)
    q, k, v = (rng.normal(size=(2, 3, 9, 4)) for _ in range(3))
    full = causal_attention(Tensor(q), Tensor(k), Tensor(v)).data
    tail = causal_attention(Tensor(q[:, :, 6:]), Tensor(k), Tensor(v), past_length=6).data
    np.testing.assert_allclose(tail, full[:, :, 6:], rtol=1e-12, atol=1e-14)
    # By hand for the first query: it sees only key 0, so it returns value 0.
    np.testing.assert_allclose(full[:, :, 0], v[:, :, 0], rtol=1e-12)


def test_training_lowers_the_loss_below_the_unigram_baseline():
    # A stream with structure: "abcabc..." with a little noise. A model that learns the
    # cycle predicts far better than letter frequencies (ln 3 nats).
    rng = np.random.default_rng(8)
    data = np.tile([0, 1, 2], 400)
    data[rng.random(len(data)) < 0.05] = 3
    m = GPT(GPTConfig(4, block_size=12, n_layer=1, n_head=2, n_embd=16),
            generator=np.random.default_rng(0))
    before, _ = perplexity(m, data)
    losses = train_gpt(m, data, steps=120, batch_size=8, lr=1e-2,
                       generator=np.random.default_rng(1))
    after, ppl = perplexity(m, data)
    assert len(losses) == 120
    assert before > 1.2 and after < 0.5 and math.isclose(ppl, math.exp(after))


def test_training_is_reproducible_and_reports_progress():
    data = np.random.default_rng(9).integers(0, 11, 300)
    seen = []
    runs = [train_gpt(model(dtype=np.float32), data, steps=5, batch_size=4,
                      generator=np.random.default_rng(3),
                      callback=lambda s, loss: seen.append(s)) for _ in range(2)]
    assert runs[0] == runs[1]
    assert seen == [0, 1, 2, 3, 4] * 2


def test_perplexity_by_hand():
    m = model()
    data = np.random.default_rng(10).integers(0, 11, 35)
    mean, ppl = perplexity(m, data, block_size=16)
    with no_grad():  # two windows of 16 cover 32 predictions
        logits, _ = m(np.stack([data[:16], data[16:32]]))
    z = logits.data
    logp = z - z.max(-1, keepdims=True)
    logp -= np.log(np.exp(logp).sum(-1, keepdims=True))
    targets = np.stack([data[1:17], data[17:33]])
    expected = -np.take_along_axis(logp, targets[..., None], -1).mean()
    assert math.isclose(mean, expected, rel_tol=1e-12)
    assert math.isclose(ppl, math.exp(expected), rel_tol=1e-12)


def test_get_batch_targets_are_shifted_inputs():
    data = np.arange(100)
    x, y = get_batch(data, 10, 6, np.random.default_rng(0))
    assert x.shape == y.shape == (6, 10) and x.dtype == np.int64
    np.testing.assert_array_equal(y, x + 1)


@pytest.mark.parametrize("call,exc,word", [
    (lambda: GPTConfig(0), ValueError, "vocab_size"),
    (lambda: GPTConfig(5, n_embd=10, n_head=3), ValueError, "n_embd"),
    (lambda: GPT({"vocab_size": 5}), TypeError, "config"),
    (lambda: model()(np.zeros(4, dtype=int)), ValueError, "idx"),
    (lambda: model()(np.full((1, 3), 11)), ValueError, "idx"),
    (lambda: model()(np.zeros((1, 17), dtype=int)), ValueError, "block_size"),
    (lambda: model()(np.zeros((1, 3), dtype=int), np.zeros((1, 2), dtype=int)), ValueError,
     "targets"),
    (lambda: model().generate(np.zeros((2, 2), dtype=int), 3, num_beams=2), ValueError,
     "beam"),
    (lambda: model().generate(np.zeros((1, 2), dtype=int), -1), ValueError,
     "max_new_tokens"),
    (lambda: get_batch(np.arange(5), 8, 2, np.random.default_rng(0)), ValueError, "data"),
    (lambda: perplexity(model(), np.arange(5) % 11), ValueError, "data"),
])
def test_bad_input_names_the_argument(call, exc, word):
    with pytest.raises(exc, match=word):
        call()


def test_cache_batch_must_match():
    m = model()
    with pytest.raises(ValueError, match="cache"):
        m(np.zeros((2, 3), dtype=int), cache=KVCache.for_model(m, batch_size=1))


# -- the character tokenizer --------------------------------------------------------------
def test_char_tokenizer_round_trip():
    tok = CharTokenizer().fit("hello world")
    assert tok.vocab == " dehlorw" and tok.vocab_size == 8
    ids = tok.encode("lower")
    assert ids.tolist() == [4, 5, 7, 2, 6]
    assert tok.decode(ids) == "lower"
    assert CharTokenizer(tok.vocab).decode(ids) == "lower"


@pytest.mark.parametrize("call,exc,word", [
    (lambda: CharTokenizer().fit(""), ValueError, "text"),
    (lambda: CharTokenizer().fit("ab").encode("abc"), ValueError, "vocabulary"),
    (lambda: CharTokenizer().fit("ab").decode([0, 2]), ValueError, "ids"),
    (lambda: CharTokenizer("aa"), ValueError, "vocab"),
    (lambda: CharTokenizer(3), TypeError, "vocab"),
])
def test_char_tokenizer_bad_input(call, exc, word):
    with pytest.raises(exc, match=word):
        call()
