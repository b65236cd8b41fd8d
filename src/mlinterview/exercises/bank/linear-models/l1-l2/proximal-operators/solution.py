import numpy as np


def shrink(z, t, penalty):
    """Proximal operator of t||w||_1 ("l1") or (t/2)||w||² ("l2"), elementwise."""
    z = np.asarray(z, dtype=float)
    if penalty == "l1":
        # Move |z| down by t, stop at 0, keep the sign: exact zeros for |z| <= t.
        return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)
    if penalty == "l2":
        # Minimising ½(w - z)² + (t/2) w² gives (1 + t) w = z.
        return z / (1 + t)
    raise ValueError(f"penalty must be 'l1' or 'l2', got {penalty!r}")
