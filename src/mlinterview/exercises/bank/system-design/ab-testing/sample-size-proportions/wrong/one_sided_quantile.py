"""Uses z_(1-alpha) as if the test were one-sided: about 20% too few users for the
two-sided test that will be run."""
import math
from statistics import NormalDist


def sample_size_per_arm(p1, p2, alpha=0.05, power=0.8):
    z = NormalDist().inv_cdf
    p_bar = (p1 + p2) / 2
    sd_null = math.sqrt(2 * p_bar * (1 - p_bar))
    sd_alt = math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    n = (z(1 - alpha) * sd_null + z(power) * sd_alt) ** 2 / (p2 - p1) ** 2
    return math.ceil(n)
