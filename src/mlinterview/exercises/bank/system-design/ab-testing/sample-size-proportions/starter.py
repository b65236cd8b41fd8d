import math
from statistics import NormalDist


def sample_size_per_arm(p1, p2, alpha=0.05, power=0.8):
    """Users per arm for a two-sided two-proportion z-test (pooled variance under H0).

    Parameters
    ----------
    p1, p2 : float in (0, 1), p1 != p2
        Conversion rate of the control and the smallest treatment rate worth detecting.
    alpha : float in (0, 1), two-sided level
    power : float in (0, 1)

    Returns
    -------
    int : users in each arm, rounded up
    """
    raise NotImplementedError("two normal quantiles, two standard deviations, square, round up")
