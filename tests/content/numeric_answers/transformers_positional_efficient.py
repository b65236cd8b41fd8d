"""Numeric quick-check answers of the positional-encodings and efficient-attention cards,
recomputed from the library.

``ANSWERS`` maps "slug/quick-check-id" to a zero-argument callable returning the number the
card states; tests/content/test_numeric_answers.py compares the two within the card's
tolerance.
"""

from __future__ import annotations

import math

from mlinterview.ml.nn.positional import alibi_slopes, rope_angles, rope_frequencies

ANSWERS = {
    "positional-encodings/rope-angle": lambda: float(rope_angles(100, 128)[32]),
    "positional-encodings/sinusoidal-wavelength":
        lambda: 2 * math.pi / float(rope_frequencies(512)[-1]),
    "positional-encodings/alibi-six-heads": lambda: float(alibi_slopes(6)[5]),
}
