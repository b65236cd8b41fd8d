"""Uses each arm's own rate under the null as well (the unpooled formula): a different,
slightly smaller answer than the pooled z-test the statement asks for."""
import math
from statistics import NormalDist


def sample_size_per_arm(p1, p2, alpha=0.05, power=0.8):
    z = NormalDist().inv_cdf
    sd = math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    n = ((z(1 - alpha / 2) + z(power)) * sd) ** 2 / (p2 - p1) ** 2
    return math.ceil(n)
