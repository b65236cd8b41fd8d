import numpy as np

NORMAL_Q3 = 0.6744897501960817      # Φ⁻¹(0.75): MAD / NORMAL_Q3 estimates σ for normal data


def _standardise(deviation, scale):
    """deviation / scale, with 0 / 0 = 0 and ±x / 0 = ±inf (a scale of 0 is legal)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = deviation / scale
    out[deviation == 0] = 0.0         # exactly at the centre: not an outlier at all
    return out


def outlier_scores(x, threshold=3.5):
    """Classical and robust z-scores, and the robust outlier flags."""
    x = np.asarray(x, dtype=float)

    # Classical: mean and population standard deviation (both pulled by outliers).
    std = x.std()
    z = np.zeros_like(x) if std == 0 else (x - x.mean()) / std

    # Robust: median and the median absolute deviation (a breakdown point of 50%).
    median = np.median(x)
    deviation = x - median
    mad = np.median(np.abs(deviation))
    robust_z = _standardise(deviation, mad / NORMAL_Q3)

    flags = np.abs(robust_z) > threshold
    return z, robust_z, flags
