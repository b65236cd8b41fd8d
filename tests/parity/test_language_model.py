"""The GPT of mlinterview.ml.models.gpt against the same network written in PyTorch 2.13.

The PyTorch copy (nanoGPT's layout and parameter names, attention through
``torch.nn.functional.scaled_dot_product_attention(is_causal=True)``) loads our weights with
``load_state_dict``; both see the same tokens. Compared: the attention block's output and
the gradients of its input and every parameter; the whole model's logits, loss and every
parameter gradient (the tied embedding receiving both uses); attention over a KV cache
against PyTorch's lower-right causal mask; and the decoding filters against Hugging Face's
formulas written with torch. Tolerances: float64 rtol 1e-9 / atol 1e-12 (the same
arithmetic, summed in another order: observed ~1e-15); float32 rtol 1e-4 / atol 1e-5
(LayerNorm and softmax backward subtract nearly equal terms). ``gradcheck`` (central
differences, float64) checks our backward on its own.
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as TF

from mlinterview.ml.autograd import Tensor, gradcheck, no_grad
from mlinterview.ml.models.gpt import GPT, Block, GPTConfig, KVCache, causal_attention
from mlinterview.ml.text.decoding import top_k_filter, top_p_filter

TOL = {np.float64: dict(rtol=1e-9, atol=1e-12), np.float32: dict(rtol=1e-4, atol=1e-5)}
DTYPES = [np.float64, np.float32]
TORCH_DTYPE = {np.float64: torch.float64, np.float32: torch.float32}


# -- the reference network in PyTorch ------------------------------------------------------
class TorchAttention(torch.nn.Module):
    def __init__(self, c, h, bias):
        super().__init__()
        self.n_head = h
        self.c_attn = torch.nn.Linear(c, 3 * c, bias=bias)
        self.c_proj = torch.nn.Linear(c, c, bias=bias)

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.c_attn(x).split(c, dim=2)
        q, k, v = (z.view(b, t, self.n_head, c // self.n_head).transpose(1, 2)
                   for z in (q, k, v))
        y = TF.scaled_dot_product_attention(q, k, v, is_causal=True)
        return self.c_proj(y.transpose(1, 2).contiguous().view(b, t, c))


class TorchMLP(torch.nn.Module):
    def __init__(self, c, bias):
        super().__init__()
        self.c_fc = torch.nn.Linear(c, 4 * c, bias=bias)
        self.c_proj = torch.nn.Linear(4 * c, c, bias=bias)

    def forward(self, x):
        return self.c_proj(TF.gelu(self.c_fc(x)))


class TorchBlock(torch.nn.Module):
    def __init__(self, c, h, bias):
        super().__init__()
        self.ln_1 = torch.nn.LayerNorm(c, bias=bias)
        self.attn = TorchAttention(c, h, bias)
        self.ln_2 = torch.nn.LayerNorm(c, bias=bias)
        self.mlp = TorchMLP(c, bias)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class TorchGPT(torch.nn.Module):
    def __init__(self, cfg: GPTConfig):
        super().__init__()
        c = cfg.n_embd
        self.wte = torch.nn.Embedding(cfg.vocab_size, c)
        self.wpe = torch.nn.Embedding(cfg.block_size, c)
        self.h = torch.nn.ModuleList([TorchBlock(c, cfg.n_head, cfg.bias)
                                      for _ in range(cfg.n_layer)])
        self.ln_f = torch.nn.LayerNorm(c, bias=cfg.bias)
        self.lm_head = torch.nn.Linear(c, cfg.vocab_size, bias=False)
        if cfg.tie_weights:
            self.lm_head.weight = self.wte.weight

    def forward(self, idx, targets):
        x = self.wte(idx) + self.wpe(torch.arange(idx.shape[1]))
        for block in self.h:
            x = block(x)
        logits = self.lm_head(self.ln_f(x))
        return logits, TF.cross_entropy(logits.flatten(0, 1), targets.flatten())


def load_into_torch(ours, theirs, dtype):
    theirs.to(TORCH_DTYPE[dtype])
    theirs.load_state_dict({k: torch.tensor(v) for k, v in ours.state_dict().items()})
    return theirs


def close(ours, theirs, dtype, what=""):
    ours = ours.data if isinstance(ours, Tensor) else ours
    np.testing.assert_allclose(ours, theirs.detach().numpy(), **TOL[dtype], err_msg=what)


def compare_grads(ours, theirs, dtype):
    named = dict(theirs.named_parameters())
    names = [n for n, _ in ours.named_parameters()]
    assert sorted(names) == sorted(named)       # every parameter, shared ones once
    for name, p in ours.named_parameters():
        close(p.grad, named[name].grad, dtype, what=name)


def randomise(module, seed):
    """Weights of order 1 (LayerNorm gains too) so no branch is negligible."""
    rng = np.random.default_rng(seed)
    for p in module.parameters():
        p.data[...] = rng.normal(scale=0.5, size=p.shape).astype(p.dtype)


# -- the attention block --------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("b,t,c,h,bias", [(2, 7, 16, 4, True), (1, 1, 8, 2, True),
                                          (3, 12, 24, 3, False), (2, 5, 12, 1, True)])
def test_block_forward_and_every_gradient(dtype, b, t, c, h, bias):
    cfg = GPTConfig(vocab_size=5, n_embd=c, n_head=h, bias=bias)
    ours = Block(cfg, dtype=dtype, generator=np.random.default_rng(0))
    randomise(ours, 1)
    theirs = load_into_torch(ours, TorchBlock(c, h, bias), dtype)
    x = np.random.default_rng(2).normal(size=(b, t, c)).astype(dtype)
    xo, xt = Tensor(x.copy(), requires_grad=True), torch.tensor(x, requires_grad=True)
    out, ref = ours(xo), theirs(xt)
    assert out.dtype == dtype
    close(out, ref, dtype, "output")
    g = np.random.default_rng(3).normal(size=x.shape).astype(dtype)
    out.backward(g)
    ref.backward(torch.tensor(g))
    close(xo.grad, xt.grad, dtype, "input gradient")
    compare_grads(ours, theirs, dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("past,t_q", [(0, 6), (4, 1), (5, 3), (1, 7)])
def test_attention_over_a_cache_matches_lower_right_causal_mask(dtype, past, t_q):
    rng = np.random.default_rng(past * 10 + t_q)
    q = rng.normal(size=(2, 3, t_q, 4)).astype(dtype)
    k, v = (rng.normal(size=(2, 3, past + t_q, 4)).astype(dtype) for _ in range(2))
    qo, ko, vo = (Tensor(a.copy(), requires_grad=True) for a in (q, k, v))
    qt, kt, vt = (torch.tensor(a, requires_grad=True) for a in (q, k, v))
    # Imported here, not at the top: it loads torch._dynamo (1.3 s), which every test
    # process would otherwise pay while collecting the suite.
    from torch.nn.attention.bias import causal_lower_right

    out = causal_attention(qo, ko, vo, past_length=past)
    # PyTorch's causal_lower_right: query i of T_q sees keys up to (T_k - T_q) + i.
    ref = TF.scaled_dot_product_attention(qt, kt, vt, attn_mask=causal_lower_right(
        t_q, past + t_q))
    close(out, ref, dtype)
    g = rng.normal(size=ref.shape).astype(dtype)
    out.backward(g)
    ref.backward(torch.tensor(g))
    for a, b_ in ((qo, qt), (ko, kt), (vo, vt)):
        close(a.grad, b_.grad, dtype)


# -- the whole model ------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("tie", [True, False])
@pytest.mark.parametrize("b,t", [(2, 9), (1, 16), (4, 1)])
def test_gpt_logits_loss_and_every_gradient(dtype, tie, b, t):
    cfg = GPTConfig(vocab_size=13, block_size=16, n_layer=2, n_head=2, n_embd=8,
                    tie_weights=tie)
    ours = GPT(cfg, dtype=dtype, generator=np.random.default_rng(0))
    randomise(ours, 4)
    theirs = load_into_torch(ours, TorchGPT(cfg), dtype)
    rng = np.random.default_rng(5)
    idx, y = rng.integers(0, 13, (b, t)), rng.integers(0, 13, (b, t))
    logits, loss = ours(idx, y)
    ref_logits, ref_loss = theirs(torch.tensor(idx), torch.tensor(y))
    close(logits, ref_logits, dtype, "logits")
    close(loss, ref_loss, dtype, "loss")
    loss.backward()
    ref_loss.backward()
    compare_grads(ours, theirs, dtype)


@pytest.mark.parametrize("dtype", DTYPES)
def test_gpt_with_kv_cache_matches_pytorch_full_pass(dtype):
    cfg = GPTConfig(vocab_size=13, block_size=16, n_layer=2, n_head=2, n_embd=8)
    ours = GPT(cfg, dtype=dtype, generator=np.random.default_rng(6))
    theirs = load_into_torch(ours, TorchGPT(cfg), dtype)
    seq = np.random.default_rng(7).integers(0, 13, (2, 12))
    with no_grad():
        cache = KVCache.for_model(ours, 2)
        steps = [ours(seq[:, :4], cache=cache)[0].data]
        steps += [ours(seq[:, i:i + 1], cache=cache)[0].data for i in range(4, 12)]
    with torch.no_grad():
        ref, _ = theirs(torch.tensor(seq), torch.tensor(seq))
    close(np.concatenate(steps, axis=1), ref, dtype)


# -- finite differences ---------------------------------------------------------------------
def test_gradcheck_causal_attention_with_past():
    rng = np.random.default_rng(8)
    q = Tensor(rng.normal(size=(1, 2, 2, 3)), requires_grad=True)
    k = Tensor(rng.normal(size=(1, 2, 4, 3)), requires_grad=True)
    v = Tensor(rng.normal(size=(1, 2, 4, 3)), requires_grad=True)
    gradcheck(lambda q, k, v: causal_attention(q, k, v, past_length=2), [q, k, v])
    gradcheck(lambda q, k, v: causal_attention(k, k, v), [q, k, v])


def test_gradcheck_block_every_parameter():
    cfg = GPTConfig(vocab_size=3, n_embd=4, n_head=2)
    block = Block(cfg, dtype=np.float64, generator=np.random.default_rng(9))
    randomise(block, 10)
    x = Tensor(np.random.default_rng(11).normal(size=(1, 3, 4)), requires_grad=True)
    gradcheck(lambda x, *_: block(x), [x, *block.parameters()])


def test_gradcheck_gpt_loss_every_parameter():
    cfg = GPTConfig(vocab_size=5, block_size=4, n_layer=1, n_head=2, n_embd=4)
    m = GPT(cfg, dtype=np.float64, generator=np.random.default_rng(12))
    randomise(m, 13)
    idx = np.array([[1, 4, 0, 2]])
    y = np.array([[4, 0, 2, 3]])
    gradcheck(lambda *_: m(idx, y)[1], list(m.parameters()))


# -- decoding filters against Hugging Face's formulas in torch -------------------------------
def hf_top_k(scores, k):
    # transformers' TopKLogitsWarper: remove scores below the k-th largest.
    remove = scores < torch.topk(scores, k)[0][..., -1, None]
    return scores.masked_fill(remove, -float("inf"))


def hf_top_p(scores, p):
    # transformers' TopPLogitsWarper: sort ascending, drop the tail holding <= 1 - p.
    sorted_logits, sorted_idx = torch.sort(scores, descending=False)
    cumulative = sorted_logits.softmax(dim=-1).cumsum(dim=-1)
    remove_sorted = cumulative <= (1 - p)
    remove_sorted[..., -1:] = 0
    remove = remove_sorted.scatter(-1, sorted_idx, remove_sorted)
    return scores.masked_fill(remove, -float("inf"))


@pytest.mark.parametrize("k", [1, 3, 10, 50])
def test_top_k_matches_the_torch_formula(k):
    scores = np.random.default_rng(k).normal(size=(6, 50))       # continuous: no ties
    np.testing.assert_array_equal(top_k_filter(scores, k),
                                  hf_top_k(torch.tensor(scores), k).numpy())


@pytest.mark.parametrize("p", [0.1, 0.5, 0.9, 0.99])
def test_top_p_matches_the_torch_formula_without_ties(p):
    scores = np.random.default_rng(int(p * 100)).normal(scale=2.0, size=(8, 40))
    np.testing.assert_array_equal(top_p_filter(scores, p),
                                  hf_top_p(torch.tensor(scores), p).numpy())
