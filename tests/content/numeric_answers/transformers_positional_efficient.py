"""Numeric quick-check answers of the positional-encodings and efficient-attention cards,
recomputed from the library.

``ANSWERS`` maps "slug/quick-check-id" to a zero-argument callable returning the number the
card states; tests/content/test_numeric_answers.py compares the two within the card's
tolerance.
"""

from __future__ import annotations

import math

import numpy as np

from mlinterview.ml.nn.efficient_attention import kv_cache_bytes, online_softmax
from mlinterview.ml.nn.positional import alibi_slopes, rope_angles, rope_frequencies

GIB, KIB = 2**30, 2**10

ANSWERS = {
    "positional-encodings/rope-angle": lambda: float(rope_angles(100, 128)[32]),
    "positional-encodings/sinusoidal-wavelength":
        lambda: 2 * math.pi / float(rope_frequencies(512)[-1]),
    "positional-encodings/alibi-six-heads": lambda: float(alibi_slopes(6)[5]),
    "efficient-attention/kv-llama2-7b": lambda: kv_cache_bytes(32, 32, 128, 4096) / GIB,
    "efficient-attention/gqa-per-token": lambda: kv_cache_bytes(80, 8, 128, 1) / KIB,
    # ℓ = Σ exp(x - max) is 1 / (the largest probability): read it off the streamed softmax.
    "efficient-attention/online-normaliser":
        lambda: 1.0 / float(online_softmax(np.array([1.0, 3.0, 2.0, 5.0]), block_size=2).max()),
    # One (N, N) float16 matrix per head: NumPy's size of the dtype, no library function.
    "efficient-attention/scores-memory":
        lambda: 8192 * 8192 * 32 * np.dtype(np.float16).itemsize / GIB,
}
