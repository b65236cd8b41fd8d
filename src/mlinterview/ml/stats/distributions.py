"""The distributions an ML engineer meets most, each with density, cdf, moments, sampling.

Every distribution is a small frozen object (its parameters fixed at construction, as
``scipy.stats.norm(loc, scale)``) with:

- ``pmf``/``logpmf`` (discrete) or ``pdf``/``logpdf`` (continuous), vectorised over ``x``;
- ``cdf`` for the univariate ones;
- ``mean()``, ``var()``;
- ``rvs(size, random_state)``: samples from ``np.random.default_rng(random_state)``;
- ``use_for``: one line on the situation that calls for it.

Densities are computed in log space with ``gammaln``/``betaln`` and ``xlogy`` (so
``0 log 0 = 0`` at the edges of the support) and exponentiated once. Parameters follow
the usual textbook names; where SciPy's parameterisation differs, the docstring says how
to translate (``Exponential(rate)`` is ``scipy.stats.expon(scale=1/rate)``).
"""

from __future__ import annotations

import numbers

import numpy as np
from scipy.special import betainc, betaln, gammainc, gammaincc, gammaln, ndtr, stdtr, xlog1py, xlogy

from mlinterview.ml._validation import as_array, check_random_state, check_scalar
from mlinterview.ml.stats.binomial import binom_cdf, binom_pmf

__all__ = [
    "DISTRIBUTIONS",
    "Bernoulli",
    "Beta",
    "Binomial",
    "Categorical",
    "Dirichlet",
    "Exponential",
    "Gamma",
    "Geometric",
    "LogNormal",
    "Multinomial",
    "Normal",
    "Poisson",
    "StudentT",
    "Uniform",
]

_LOG_2PI = np.log(2 * np.pi)


def _x(x: object) -> np.ndarray:
    arr = as_array(x, "x")
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"x: expected numbers, got dtype {arr.dtype}")
    return arr.astype(np.float64)


def _out(a: np.ndarray):
    return float(a) if np.ndim(a) == 0 else a


def _positive(value, name):
    return float(check_scalar(value, name, lo=0, include_lo=False))


def _probability(value, name):
    return float(check_scalar(value, name, lo=0.0, hi=1.0))


def _probability_vector(probs, name) -> np.ndarray:
    q = as_array(probs, name).astype(np.float64)
    if q.ndim != 1 or q.size == 0:
        raise ValueError(f"{name}: expected a non-empty 1-D array of probabilities, got shape "
                         f"{q.shape}")
    if not np.isfinite(q).all() or (q < 0).any() or not np.isclose(q.sum(), 1.0, atol=1e-9):
        raise ValueError(f"{name}: expected non-negative probabilities summing to 1")
    return q


class _Distribution:
    """Shared pieces: ``pdf = exp(logpdf)``, ``std``, ``rvs`` through a seeded Generator."""

    discrete = False
    use_for = ""

    def _log_density(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _sample(self, rng: np.random.Generator, size):
        raise NotImplementedError

    def rvs(self, size=None, random_state=None):
        """Draw samples of shape ``size`` (``None``: one value) from a seeded Generator."""
        rng = check_random_state(random_state)
        return self._sample(rng, size)

    def std(self):
        """Standard deviation, ``sqrt(var())``."""
        return np.sqrt(self.var())

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{type(self).__name__}({args})"


class _Continuous(_Distribution):
    def logpdf(self, x):
        """Log density at ``x`` (any shape); ``-inf`` outside the support."""
        return _out(self._log_density(_x(x)))

    def pdf(self, x):
        """Density at ``x`` (any shape); 0 outside the support."""
        return _out(np.exp(self._log_density(_x(x))))


class _Discrete(_Distribution):
    discrete = True

    def logpmf(self, x):
        """Log probability of each value in ``x``; ``-inf`` off the support."""
        return _out(self._log_density(_x(x)))

    def pmf(self, x):
        """Probability of each value in ``x``; 0 off the support (and for non-integers)."""
        return _out(np.exp(self._log_density(_x(x))))


# ---------------------------------------------------------------------------- discrete


class Bernoulli(_Discrete):
    """One trial: ``P(1) = p``, ``P(0) = 1 - p``. Mean ``p``, variance ``p (1 - p)``."""

    use_for = "one yes/no outcome: a click, a conversion, a label"

    def __init__(self, p: float):
        self.p = _probability(p, "p")

    def _log_density(self, x):
        with np.errstate(divide="ignore"):
            lp = np.where(x == 1, np.log(self.p), np.log1p(-self.p))
        return np.where((x == 0) | (x == 1), lp, -np.inf)

    def cdf(self, x):
        """``P(X <= x)``: 0 below 0, ``1 - p`` on [0, 1), 1 from 1 on."""
        x = _x(x)
        return _out(np.where(x < 0, 0.0, np.where(x < 1, 1 - self.p, 1.0)))

    def mean(self):
        return self.p

    def var(self):
        return self.p * (1 - self.p)

    def _sample(self, rng, size):
        return (rng.random(size) < self.p).astype(np.int64)


class Binomial(_Discrete):
    """Successes in ``n`` independent trials of probability ``p``. Mean ``np``, variance
    ``np(1 - p)``."""

    use_for = "number of successes in n independent trials (conversions out of n visits)"

    def __init__(self, n: int, p: float):
        self.n = int(check_scalar(n, "n", numbers.Integral, lo=0))
        self.p = _probability(p, "p")

    def _log_density(self, x):
        with np.errstate(divide="ignore"):
            return np.log(binom_pmf(x, self.n, self.p))

    def cdf(self, x):
        """``P(X <= x)`` through the regularised incomplete beta function."""
        return binom_cdf(_x(x), self.n, self.p)

    def mean(self):
        return self.n * self.p

    def var(self):
        return self.n * self.p * (1 - self.p)

    def _sample(self, rng, size):
        return rng.binomial(self.n, self.p, size)


class Geometric(_Discrete):
    """Number of trials up to and including the first success, ``k = 1, 2, ...``:
    ``P(k) = (1 - p)^(k - 1) p``. Mean ``1/p``, variance ``(1 - p)/p^2``. Memoryless."""

    use_for = "waiting time in trials until the first success (retries until a request succeeds)"

    def __init__(self, p: float):
        self.p = float(check_scalar(p, "p", lo=0.0, hi=1.0, include_lo=False))

    def _log_density(self, x):
        ok = (x >= 1) & (x == np.floor(x))
        k = np.where(ok, x, 1.0)
        with np.errstate(divide="ignore"):  # p = 1: every k > 1 has probability 0
            return np.where(ok, xlog1py(k - 1, -self.p) + np.log(self.p), -np.inf)

    def cdf(self, x):
        """``P(X <= x) = 1 - (1 - p)^floor(x)`` for ``x >= 1``."""
        k = np.floor(_x(x))
        with np.errstate(divide="ignore"):
            return _out(np.where(k < 1, 0.0, -np.expm1(xlog1py(np.maximum(k, 0), -self.p))))

    def mean(self):
        return 1 / self.p

    def var(self):
        return (1 - self.p) / self.p**2

    def _sample(self, rng, size):
        return rng.geometric(self.p, size)


class Poisson(_Discrete):
    """Counts of rare independent events at ``rate`` per interval: ``P(k) = rate^k
    e^(-rate) / k!``. Mean and variance both ``rate``."""

    use_for = "counts of independent events per interval (requests per second, typos per page)"

    def __init__(self, rate: float):
        self.rate = float(check_scalar(rate, "rate", lo=0.0))

    def _log_density(self, x):
        ok = (x >= 0) & (x == np.floor(x))
        k = np.where(ok, x, 0.0)
        return np.where(ok, xlogy(k, self.rate) - self.rate - gammaln(k + 1), -np.inf)

    def cdf(self, x):
        """``P(X <= x) = Q(floor(x) + 1, rate)``, the regularised upper incomplete gamma."""
        k = np.floor(_x(x))
        return _out(np.where(k < 0, 0.0, gammaincc(np.maximum(k, 0) + 1, self.rate)))

    def mean(self):
        return self.rate

    def var(self):
        return self.rate

    def _sample(self, rng, size):
        return rng.poisson(self.rate, size)


class Categorical(_Discrete):
    """One draw among ``K`` categories with probabilities ``probs``; values are the
    indices ``0..K-1``. ``mean()``/``var()`` are those of the one-hot vector (``probs``
    and ``probs (1 - probs)``), as for a multinomial with one trial."""

    use_for = "one label among K classes (the target of softmax classification)"

    def __init__(self, probs):
        self.probs = _probability_vector(probs, "probs")

    def _log_density(self, x):
        ok = (x >= 0) & (x < self.probs.size) & (x == np.floor(x))
        with np.errstate(divide="ignore"):
            logp = np.log(self.probs)
        return np.where(ok, logp[np.where(ok, x, 0).astype(np.int64)], -np.inf)

    def mean(self):
        return self.probs.copy()

    def var(self):
        return self.probs * (1 - self.probs)

    def _sample(self, rng, size):
        # Inverse-cdf sampling: the first index whose cumulative probability exceeds u.
        cdf = np.cumsum(self.probs)
        u = rng.random(size) * cdf[-1]
        return np.minimum(np.searchsorted(cdf, u, side="right"), self.probs.size - 1)


class Multinomial(_Discrete):
    """Counts of each of ``K`` categories in ``n`` draws: ``P(x) = n! / prod x_k! *
    prod probs_k^x_k``. ``x`` has shape (..., K) and sums to ``n``."""

    use_for = "counts per category in n draws (word counts of a document: bag of words)"

    def __init__(self, n: int, probs):
        self.n = int(check_scalar(n, "n", numbers.Integral, lo=0))
        self.probs = _probability_vector(probs, "probs")

    def _log_density(self, x):
        if x.shape[-1:] != self.probs.shape:
            raise ValueError(f"x: expected shape (..., {self.probs.size}), got {x.shape}")
        ok = ((x >= 0) & (x == np.floor(x))).all(-1) & (x.sum(-1) == self.n)
        xx = np.where(ok[..., None], x, 0.0)
        log_p = gammaln(self.n + 1) - gammaln(xx + 1).sum(-1) + xlogy(xx, self.probs).sum(-1)
        return np.where(ok, log_p, -np.inf)

    def mean(self):
        return self.n * self.probs

    def var(self):
        return self.n * self.probs * (1 - self.probs)

    def cov(self):
        """Covariance matrix ``n (diag(p) - p p^T)`` of shape (K, K): counts compete."""
        return self.n * (np.diag(self.probs) - np.outer(self.probs, self.probs))

    def _sample(self, rng, size):
        return rng.multinomial(self.n, self.probs, size)


# -------------------------------------------------------------------------- continuous


class Uniform(_Continuous):
    """Constant density ``1 / (high - low)`` on ``[low, high]``; ``scipy.stats.uniform(loc=
    low, scale=high - low)``."""

    use_for = "no preference inside a range: random search over a hyperparameter, dithering"

    def __init__(self, low: float = 0.0, high: float = 1.0):
        self.low = float(check_scalar(low, "low"))
        self.high = float(check_scalar(high, "high", lo=self.low, include_lo=False))

    def _log_density(self, x):
        inside = (x >= self.low) & (x <= self.high)
        return np.where(inside, -np.log(self.high - self.low), -np.inf)

    def cdf(self, x):
        return _out(np.clip((_x(x) - self.low) / (self.high - self.low), 0.0, 1.0))

    def mean(self):
        return (self.low + self.high) / 2

    def var(self):
        return (self.high - self.low) ** 2 / 12

    def _sample(self, rng, size):
        return rng.uniform(self.low, self.high, size)


class Normal(_Continuous):
    """Gaussian ``N(loc, scale^2)``: the limit of sums of many small independent effects."""

    use_for = ("sums and averages of many small effects (measurement noise, the CLT); "
               "the max-entropy law for a given variance")

    def __init__(self, loc: float = 0.0, scale: float = 1.0):
        self.loc = float(check_scalar(loc, "loc"))
        self.scale = _positive(scale, "scale")

    def _log_density(self, x):
        z = (x - self.loc) / self.scale
        return -0.5 * z * z - np.log(self.scale) - 0.5 * _LOG_2PI

    def cdf(self, x):
        return _out(ndtr((_x(x) - self.loc) / self.scale))

    def mean(self):
        return self.loc

    def var(self):
        return self.scale**2

    def _sample(self, rng, size):
        return self.loc + self.scale * rng.standard_normal(size)


class Exponential(_Continuous):
    """Waiting time between events of a Poisson process: density ``rate e^(-rate x)``,
    ``x >= 0``; ``scipy.stats.expon(scale=1/rate)``. Memoryless."""

    use_for = "time between independent events (time to the next request, a constant failure rate)"

    def __init__(self, rate: float = 1.0):
        self.rate = _positive(rate, "rate")

    def _log_density(self, x):
        return np.where(x >= 0, np.log(self.rate) - self.rate * x, -np.inf)

    def cdf(self, x):
        return _out(-np.expm1(-self.rate * np.maximum(_x(x), 0.0)))

    def mean(self):
        return 1 / self.rate

    def var(self):
        return 1 / self.rate**2

    def _sample(self, rng, size):
        return rng.exponential(1 / self.rate, size)


class Gamma(_Continuous):
    """Density ``rate^a x^(a-1) e^(-rate x) / Gamma(a)`` on ``x >= 0`` (``a`` = shape); the
    sum of ``a`` exponential waits. ``scipy.stats.gamma(a, scale=1/rate)``."""

    use_for = ("positive skewed quantities, the wait for the a-th event; "
               "conjugate prior of a Poisson rate")

    def __init__(self, shape: float, rate: float = 1.0):
        self.shape = _positive(shape, "shape")
        self.rate = _positive(rate, "rate")

    def _log_density(self, x):
        a, b = self.shape, self.rate
        xx = np.maximum(x, 0.0)
        with np.errstate(divide="ignore"):
            log_p = a * np.log(b) + xlogy(a - 1, xx) - b * xx - gammaln(a)
        return np.where(x >= 0, log_p, -np.inf)

    def cdf(self, x):
        return _out(gammainc(self.shape, self.rate * np.maximum(_x(x), 0.0)))

    def mean(self):
        return self.shape / self.rate

    def var(self):
        return self.shape / self.rate**2

    def _sample(self, rng, size):
        return rng.gamma(self.shape, 1 / self.rate, size)


class Beta(_Continuous):
    """Density ``x^(a-1) (1-x)^(b-1) / B(a, b)`` on ``[0, 1]``: a distribution over a
    probability; ``Beta(1 + successes, 1 + failures)`` is the posterior of a coin's bias."""

    use_for = ("an unknown probability (a click-through rate); "
               "conjugate prior of the Bernoulli/binomial")

    def __init__(self, a: float, b: float):
        self.a = _positive(a, "a")
        self.b = _positive(b, "b")

    def _log_density(self, x):
        xx = np.clip(x, 0.0, 1.0)
        with np.errstate(divide="ignore"):
            log_p = xlogy(self.a - 1, xx) + xlog1py(self.b - 1, -xx) - betaln(self.a, self.b)
        return np.where((x >= 0) & (x <= 1), log_p, -np.inf)

    def cdf(self, x):
        return _out(betainc(self.a, self.b, np.clip(_x(x), 0.0, 1.0)))

    def mean(self):
        return self.a / (self.a + self.b)

    def var(self):
        s = self.a + self.b
        return self.a * self.b / (s * s * (s + 1))

    def _sample(self, rng, size):
        return rng.beta(self.a, self.b, size)


class StudentT(_Continuous):
    """Student's t with ``df`` degrees of freedom, shifted by ``loc`` and scaled by
    ``scale``: heavier tails than the normal; ``df -> inf`` gives the normal."""

    use_for = ("a mean estimated from few samples with unknown variance (t-tests); "
               "heavy-tailed noise")

    def __init__(self, df: float, loc: float = 0.0, scale: float = 1.0):
        self.df = _positive(df, "df")
        self.loc = float(check_scalar(loc, "loc"))
        self.scale = _positive(scale, "scale")

    def _log_density(self, x):
        v = self.df
        z = (x - self.loc) / self.scale
        return (gammaln((v + 1) / 2) - gammaln(v / 2) - 0.5 * np.log(v * np.pi)
                - np.log(self.scale) - (v + 1) / 2 * np.log1p(z * z / v))

    def cdf(self, x):
        return _out(stdtr(self.df, (_x(x) - self.loc) / self.scale))

    def mean(self):
        """``loc`` for ``df > 1``; undefined (NaN) otherwise."""
        return self.loc if self.df > 1 else np.nan

    def var(self):
        """``scale^2 df / (df - 2)`` for ``df > 2``; infinite for ``1 < df <= 2``."""
        if self.df > 2:
            return self.scale**2 * self.df / (self.df - 2)
        return np.inf if self.df > 1 else np.nan

    def _sample(self, rng, size):
        return self.loc + self.scale * rng.standard_t(self.df, size)


class LogNormal(_Continuous):
    """``exp(Y)`` with ``Y ~ N(mu, sigma^2)``: positive, right-skewed;
    ``scipy.stats.lognorm(s=sigma, scale=exp(mu))``."""

    use_for = ("positive quantities built from multiplicative effects "
               "(incomes, latencies, file sizes)")

    def __init__(self, mu: float = 0.0, sigma: float = 1.0):
        self.mu = float(check_scalar(mu, "mu"))
        self.sigma = _positive(sigma, "sigma")

    def _log_density(self, x):
        pos = x > 0
        with np.errstate(divide="ignore", invalid="ignore"):
            logx = np.log(np.where(pos, x, 1.0))
        z = (logx - self.mu) / self.sigma
        log_p = -logx - np.log(self.sigma) - 0.5 * _LOG_2PI - 0.5 * z * z
        return np.where(pos, log_p, -np.inf)

    def cdf(self, x):
        x = _x(x)
        pos = x > 0
        z = (np.log(np.where(pos, x, 1.0)) - self.mu) / self.sigma
        return _out(np.where(pos, ndtr(z), 0.0))

    def mean(self):
        return float(np.exp(self.mu + self.sigma**2 / 2))

    def var(self):
        s2 = self.sigma**2
        return float(np.expm1(s2) * np.exp(2 * self.mu + s2))

    def _sample(self, rng, size):
        return np.exp(self.mu + self.sigma * rng.standard_normal(size))


class Dirichlet(_Continuous):
    """A distribution over probability vectors of length ``K`` with concentrations
    ``alpha``; ``x`` has shape (..., K) on the simplex. Conjugate prior of the
    categorical/multinomial (``alpha`` act as pseudo-counts)."""

    use_for = ("an unknown probability vector (topic mixtures in LDA); "
               "prior for categorical smoothing")

    def __init__(self, alpha):
        a = as_array(alpha, "alpha").astype(np.float64)
        if a.ndim != 1 or a.size < 2 or not np.isfinite(a).all() or (a <= 0).any():
            raise ValueError("alpha: expected a 1-D array of at least 2 positive concentrations")
        self.alpha = a

    def _log_density(self, x):
        a = self.alpha
        if x.shape[-1:] != a.shape:
            raise ValueError(f"x: expected shape (..., {a.size}), got {x.shape}")
        on_simplex = (x >= 0).all(-1) & np.isclose(x.sum(-1), 1.0, rtol=0, atol=1e-10)
        xx = np.where(on_simplex[..., None], x, 1.0 / a.size)
        with np.errstate(divide="ignore"):
            log_p = gammaln(a.sum()) - gammaln(a).sum() + xlogy(a - 1, xx).sum(-1)
        return np.where(on_simplex, log_p, -np.inf)

    def mean(self):
        return self.alpha / self.alpha.sum()

    def var(self):
        a0 = self.alpha.sum()
        return self.alpha * (a0 - self.alpha) / (a0 * a0 * (a0 + 1))

    def _sample(self, rng, size):
        return rng.dirichlet(self.alpha, size)


#: Name -> class, in the order the distributions card and demo present them.
DISTRIBUTIONS = {cls.__name__: cls for cls in (
    Bernoulli, Binomial, Geometric, Poisson, Categorical, Multinomial, Uniform, Normal,
    Exponential, Gamma, Beta, StudentT, LogNormal, Dirichlet)}
