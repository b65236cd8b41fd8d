"""Divides by the squared relative lift (p2/p1 - 1) instead of the absolute difference of
the rates: off by a factor p1² (far too few users)."""
import math
from statistics import NormalDist


def sample_size_per_arm(p1, p2, alpha=0.05, power=0.8):
    z = NormalDist().inv_cdf
    p_bar = (p1 + p2) / 2
    sd_null = math.sqrt(2 * p_bar * (1 - p_bar))
    sd_alt = math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    n = (z(1 - alpha / 2) * sd_null + z(power) * sd_alt) ** 2 / (p2 / p1 - 1) ** 2
    return math.ceil(n)
