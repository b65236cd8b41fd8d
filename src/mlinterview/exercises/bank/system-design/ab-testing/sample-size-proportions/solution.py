import math
from statistics import NormalDist


def sample_size_per_arm(p1, p2, alpha=0.05, power=0.8):
    """Users per arm for a two-sided two-proportion z-test (Fleiss: pooled under H0)."""
    z = NormalDist().inv_cdf
    z_alpha = z(1 - alpha / 2)          # two-sided: alpha/2 in each tail
    z_power = z(power)
    p_bar = (p1 + p2) / 2
    # One user per arm contributes these standard deviations to the difference of rates:
    # under H0 both arms share p_bar; under the alternative each has its own rate.
    sd_null = math.sqrt(2 * p_bar * (1 - p_bar))
    sd_alt = math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    n = (z_alpha * sd_null + z_power * sd_alt) ** 2 / (p2 - p1) ** 2
    return math.ceil(n)                 # round up: fewer users would miss the power
