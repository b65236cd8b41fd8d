"""KV-cache decoding vs recomputing the prefix at every step, both ours, one thread.

The same GPT (mlinterview.ml.models.gpt, float32, random weights: speed does not depend on
training) continues a 16-token prompt greedily by N tokens. "ours" keeps the keys and values
in a KVCache, so each step runs one new position through the model; the reference re-runs
the whole prefix every step (``use_cache=False``), as a model without a cache must. Both
produce the same tokens (tests/ml/test_models_gpt.py). The ratio is cached / recomputed:
its inverse is the speed-up, which grows with N because recomputation does O(t) work at step
t (O(N²) in all) against O(1) positions per step with the cache (attention over the cache
is still O(t), but small next to the layers' matmuls at these sizes). Run:
``python benchmarks/bench_language_model.py`` (or ``benchmarks/run.py language_model``).
"""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_limits

from _harness import main
from mlinterview.ml.models.gpt import GPT, GPTConfig

TITLE = "GPT decoding: KV cache vs recomputation, float32, one thread"
REFERENCE = "recompute"

threadpool_limits(1)

PROMPT = 16


def _model(n_layer: int, n_embd: int, block: int) -> GPT:
    cfg = GPTConfig(vocab_size=96, block_size=block, n_layer=n_layer, n_head=4,
                    n_embd=n_embd)
    return GPT(cfg, generator=np.random.default_rng(0))


def cases():
    prompt = np.random.default_rng(1).integers(0, 96, (1, PROMPT))
    for n_layer, n_embd, block, new in [(2, 64, 128, 64), (4, 128, 256, 128),
                                        (4, 128, 256, 240)]:
        model = _model(n_layer, n_embd, block)

        def cached(m=model, n=new):
            m.generate(prompt, n, temperature=0, use_cache=True)

        def recomputed(m=model, n=new):
            m.generate(prompt, n, temperature=0, use_cache=False)

        yield (f"greedy, {n_layer} layers × {n_embd}", f"{PROMPT} + {new} tokens",
               cached, recomputed)


if __name__ == "__main__":
    main(cases, TITLE, REFERENCE)
