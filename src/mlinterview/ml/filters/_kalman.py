"""Kalman filter, RTS smoother and extended Kalman filter.

The model (all noises independent, Gaussian, zero mean)::

    x_k = F x_{k-1} + B u_k + w_k,    w_k ~ N(0, Q)      (state, shape (n,))
    z_k = H x_k + v_k,                v_k ~ N(0, R)      (measurement, shape (m,))

Conventions follow filterpy (the reference in ``tests/parity/test_kalman.py``): the
filter holds the current belief ``x`` (mean) and ``P`` (covariance); ``predict`` pushes it
through the dynamics, ``update`` conditions it on one measurement. ``filter`` does
predict-then-update for each measurement, starting from the current belief (the prior
of the state *before* the first step), and leaves the filter at the last posterior.

Numerical care: the gain is obtained with ``solve`` (never an explicit inverse of ``S``),
the covariance update uses the Joseph form ``(I - KH) P (I - KH)^T + K R K^T``, in which an
error in the gain enters only at second order (it is evaluated multiplied out, in a form
that is exactly symmetric), and covariances are re-symmetrised after each step so rounding
cannot make the two triangles drift apart.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.linalg import lapack

from mlinterview.ml._validation import as_array, check_finite

_LOG_2PI = math.log(2.0 * math.pi)
# The covariance recursion has converged when the predicted covariance moved by less than
# this (relative) for this many consecutive steps; from then on the filter runs in
# steady state (constant gain). 1e-14 is a few ulps, far below the 1e-10 parity tolerance.
_STEADY_RTOL = 1e-14
_STEADY_STEPS = 3


def _matrix(value: object, name: str, shape: tuple[int, int]) -> np.ndarray:
    """A finite float matrix of exactly ``shape``; a scalar is accepted for a 1x1 matrix."""
    arr = as_array(value, name, dtype=None)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name}: expected a numeric matrix, got dtype {arr.dtype}")
    arr = np.array(arr, dtype=np.float64)
    if arr.ndim == 0 and shape == (1, 1):
        arr = arr.reshape(1, 1)
    if arr.shape != shape:
        raise ValueError(f"{name}: expected a matrix of shape {shape}, got shape {arr.shape}")
    return check_finite(arr, name)


def _vector(value: object, name: str, size: int) -> np.ndarray:
    """A finite float vector of ``size`` entries; a column ``(size, 1)`` is flattened."""
    arr = as_array(value, name)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name}: expected numbers, got dtype {arr.dtype}")
    arr = np.array(arr, dtype=np.float64)
    if arr.ndim == 0 and size == 1:
        arr = arr.reshape(1)
    if arr.ndim == 2 and arr.shape[1] == 1:
        arr = arr[:, 0]
    if arr.shape != (size,):
        raise ValueError(f"{name}: expected a vector of shape ({size},), got shape {arr.shape}")
    return check_finite(arr, name)


def _covariance(value: object, name: str, size: int) -> np.ndarray:
    """A symmetric matrix of shape (size, size) with no negative eigenvalue."""
    arr = _matrix(value, name, (size, size))
    scale = max(1.0, float(np.abs(arr).max()))
    if not np.allclose(arr, arr.T, rtol=0, atol=1e-10 * scale):
        raise ValueError(f"{name}: expected a symmetric covariance matrix, got an asymmetric one")
    if np.linalg.eigvalsh(arr)[0] < -1e-10 * scale:
        raise ValueError(f"{name}: expected a positive semi-definite covariance matrix, got a "
                         "negative eigenvalue")
    return arr


def _sequence(values: object, name: str, width: int, *, allow_nan: bool) -> np.ndarray:
    """A float array of shape (T, width); a 1-D array is read as T scalars when width == 1."""
    arr = as_array(values, name)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name}: expected numbers, got dtype {arr.dtype}")
    arr = np.array(arr, dtype=np.float64)
    if arr.ndim == 1 and width == 1:
        arr = arr[:, None]
    if arr.ndim == 3 and arr.shape[2] == 1:  # filterpy-style column vectors
        arr = arr[:, :, 0]
    if arr.ndim != 2 or arr.shape[1] != width:
        raise ValueError(f"{name}: expected an array of shape (n_steps, {width}), got shape "
                         f"{arr.shape}")
    bad = ~np.isfinite(arr) if not allow_nan else np.isinf(arr)
    if bad.any():
        raise ValueError(f"{name}: expected finite values"
                         + (" (NaN marks a missing measurement)" if allow_nan else ""))
    return arr


@dataclass
class FilterResult:
    """The output of a batch filter over ``T`` steps of an ``n``-dimensional state.

    Attributes
    ----------
    means, covariances : arrays of shape (T, n) and (T, n, n)
        Filtered belief ``p(x_k | z_1..z_k)``.
    predicted_means, predicted_covariances : arrays of shape (T, n) and (T, n, n)
        One-step prediction ``p(x_k | z_1..z_{k-1})`` (what the smoother needs).
    log_likelihoods : array of shape (T,)
        ``log p(z_k | z_1..z_{k-1}) = log N(innovation; 0, S_k)``; 0 for a missing step.
    """

    means: np.ndarray
    covariances: np.ndarray
    predicted_means: np.ndarray
    predicted_covariances: np.ndarray
    log_likelihoods: np.ndarray

    @property
    def log_likelihood(self) -> float:
        """``log p(z_1..z_T)``: the sum of the per-step predictive log-densities."""
        return float(self.log_likelihoods.sum())


class _GaussianFilter:
    """The measurement update shared by the linear and the extended filter."""

    x: np.ndarray
    P: np.ndarray
    R: np.ndarray

    def _correct(self, y: np.ndarray, H: np.ndarray, loglik: bool = True) -> float:
        """Condition the belief on an innovation ``y = z - h(x)`` with measurement matrix H.

        Stores the innovation ``y``, its covariance ``S``, the gain ``K`` and this step's
        log-likelihood; returns the log-likelihood. With ``loglik=False`` (a batch filter
        that evaluates all the log-likelihoods at once afterwards) it skips that part and
        returns 0.
        """
        P, R = self.P, self.R
        HP = H @ P                                   # (m, n)
        S = HP @ H.T + R                             # innovation covariance (m, m)
        # K = P H^T S^{-1}; S and P are symmetric, so K^T = S^{-1} (H P). One Cholesky
        # factorisation S = L L^T gives the gain and S^{-1} y together (no explicit inverse)
        # and log det S = 2 sum log diag L. The raw LAPACK calls avoid numpy.linalg's
        # per-call overhead, which dominates for these tiny matrices.
        L, info = lapack.dpotrf(S, lower=1)          # reads the lower triangle only
        if info != 0:
            raise np.linalg.LinAlgError("innovation covariance S is not positive definite")
        if loglik:
            # y rides along as an extra right-hand side: one solve gives K^T and S^{-1} y.
            m, n = HP.shape
            rhs = np.empty((m, n + 1))
            rhs[:, :n] = HP
            rhs[:, n] = y
            sol, _ = lapack.dpotrs(L, rhs, lower=1)
            Kt = sol[:, :n]                          # K^T, shape (m, n)
            maha = float(y @ sol[:, n])              # y^T S^{-1} y
            logdet = 2.0 * float(np.log(L.diagonal()).sum())
            self.log_likelihood = -0.5 * (m * _LOG_2PI + logdet + maha)
        else:
            Kt, _ = lapack.dpotrs(L, HP, lower=1)
            self.log_likelihood = 0.0
        K = Kt.T                                     # (n, m)
        self.x = self.x + K @ y
        # Joseph form (I - KH) P (I - KH)^T + K R K^T, multiplied out with HP and S reused:
        # P - KHP - (KHP)^T + K S K^T = V + V^T with V = P/2 + W, W = K (S K^T / 2 - HP).
        # It is the same polynomial in K (an error in the gain still enters only at second
        # order); V + V^T is exactly symmetric and averages P's two triangles in passing, so
        # no separate re-symmetrisation is needed. Three small products instead of six.
        V = 0.5 * P + K @ (0.5 * (S @ Kt) - HP)
        self.P = V + V.T
        self.y, self.S, self.K = y, S, K
        return self.log_likelihood


class KalmanFilter(_GaussianFilter):
    """Kalman filter for the linear-Gaussian model ``x_k = F x_{k-1} + B u_k + w_k``,
    ``z_k = H x_k + v_k``, with ``w ~ N(0, Q)`` and ``v ~ N(0, R)``.

    Parameters
    ----------
    F : array of shape (n, n)
        State transition.
    H : array of shape (m, n)
        Measurement matrix.
    Q : array of shape (n, n)
        Process-noise covariance.
    R : array of shape (m, m)
        Measurement-noise covariance (positive definite in practice).
    B : array of shape (n, p), optional
        Control matrix; needed only when a control ``u`` of shape (p,) is passed.
    x0 : array of shape (n,), default zeros
        Prior mean of the state before the first step.
    P0 : array of shape (n, n), default identity
        Prior covariance.

    Attributes
    ----------
    x, P : the current belief (mean (n,), covariance (n, n)).
    y, S, K, log_likelihood : innovation, its covariance, the gain and the log-density of
        the last measurement under the prediction (set by ``update``).

    Examples
    --------
    >>> kf = KalmanFilter(F=[[1.0]], H=[[1.0]], Q=[[0.1]], R=[[1.0]], x0=[0.0], P0=[[1.0]])
    >>> res = kf.filter([0.5, 0.7, 0.4])
    >>> res.means.shape, res.covariances.shape
    ((3, 1), (3, 1, 1))
    """

    def __init__(self, F, H, Q, R, *, B=None, x0=None, P0=None):
        F = as_array(F, "F")
        if F.ndim == 0:
            F = F.reshape(1, 1)
        if F.ndim != 2 or F.shape[0] != F.shape[1]:
            raise ValueError(f"F: expected a square matrix of shape (n, n), got shape {F.shape}")
        n = F.shape[0]
        self.F = _matrix(F, "F", (n, n))
        H = as_array(H, "H")
        if H.ndim == 1 and H.shape[0] == n:
            H = H[None, :]
        if H.ndim != 2 or H.shape[1] != n:
            raise ValueError(f"H: expected a matrix of shape (m, {n}) to match F of shape "
                             f"({n}, {n}), got shape {H.shape}")
        m = H.shape[0]
        self.H = _matrix(H, "H", (m, n))
        self.Q = _covariance(Q, "Q", n)
        self.R = _covariance(R, "R", m)
        if B is None:
            self.B = None
        else:
            B = as_array(B, "B")
            if B.ndim == 1:
                B = B[:, None]
            if B.ndim != 2 or B.shape[0] != n:
                raise ValueError(f"B: expected a matrix of shape ({n}, p) to match F, got shape "
                                 f"{B.shape}")
            self.B = _matrix(B, "B", B.shape)
        self.x = np.zeros(n) if x0 is None else _vector(x0, "x0", n)
        self.P = np.eye(n) if P0 is None else _covariance(P0, "P0", n)
        self.dim_x, self.dim_z = n, m
        self._eye = np.eye(n)
        self.y, self.S, self.K = np.zeros(m), np.zeros((m, m)), np.zeros((n, m))
        self.log_likelihood = 0.0

    def __repr__(self) -> str:
        dim_u = 0 if self.B is None else self.B.shape[1]
        return f"KalmanFilter(dim_x={self.dim_x}, dim_z={self.dim_z}, dim_u={dim_u})"

    def _control(self, u) -> np.ndarray | None:
        if u is None:
            return None
        if self.B is None:
            raise ValueError("u: a control input was given but the filter has no control "
                             "matrix B")
        return _vector(u, "u", self.B.shape[1])

    def predict(self, u=None):
        """Time update: ``x <- F x + B u``, ``P <- F P F^T + Q``. Returns ``(x, P)``."""
        u = self._control(u)
        self.x = self.F @ self.x if u is None else self.F @ self.x + self.B @ u
        P = self.F @ self.P @ self.F.T + self.Q
        self.P = 0.5 * (P + P.T)
        return self.x, self.P

    def update(self, z):
        """Measurement update with ``z`` of shape (m,): condition ``x, P`` on it.

        ``S = H P H^T + R``, ``K = P H^T S^{-1}``, ``x <- x + K (z - H x)``, Joseph-form
        ``P``. A ``z`` of all NaN is a missing measurement: the belief is left unchanged.
        Returns ``(x, P)``.
        """
        z = as_array(z, "z")
        z = np.array(z, dtype=np.float64).reshape(-1) if z.size == self.dim_z else z
        if z.shape != (self.dim_z,):
            raise ValueError(f"z: expected a measurement of shape ({self.dim_z},) to match H, "
                             f"got shape {z.shape}")
        if np.isnan(z).all():
            self.log_likelihood = 0.0
            return self.x, self.P
        check_finite(z, "z")
        self._correct(z - self.H @ self.x, self.H)
        return self.x, self.P

    def filter(self, zs, us=None) -> FilterResult:
        """Predict then update for each of the ``T`` measurements ``zs`` of shape (T, m).

        ``us`` of shape (T, p) are the controls applied in each step's prediction. Rows of
        ``zs`` that are all NaN are missing measurements (prediction only). Starts from the
        current belief and leaves the filter at the last posterior. Time is a loop (each
        step needs the previous one); the work inside a step is matrix algebra.
        """
        zs = _sequence(zs, "zs", self.dim_z, allow_nan=True)
        T = len(zs)
        if us is not None:
            if self.B is None:
                raise ValueError("us: control inputs were given but the filter has no control "
                                 "matrix B")
            us = _sequence(us, "us", self.B.shape[1], allow_nan=False)
            if len(us) != T:
                raise ValueError(f"us: expected {T} controls to match zs, got {len(us)}")
            drift = us @ self.B.T                    # B u_k for every step at once
        n, m = self.dim_x, self.dim_z
        means, covs = np.empty((T, n)), np.empty((T, n, n))
        innovs, innov_covs = np.zeros((T, m)), np.empty((T, m, m))
        general = np.zeros(T, dtype=bool)            # steps updated by the general step
        pmeans, pcovs = np.empty((T, n)), np.empty((T, n, n))
        lls = np.zeros(T)
        missing = np.isnan(zs).all(axis=1)
        if np.isnan(zs[~missing]).any():
            raise ValueError("zs: a measurement is partly NaN; mark a missing step with a row "
                             "of NaN")
        F, FT, Q, H = self.F, self.F.T, self.Q, self.H
        if not Q.any():
            Q = None                                 # no process noise: skip a matrix add
        gap = missing.tolist()                       # plain bools index faster in the loop
        steady = 0          # consecutive steps whose predicted covariance did not move
        k = 0
        while k < T:
            x = F @ self.x
            if us is not None:
                x = x + drift[k]
            # self.P is symmetric (exactly, by the update), so F P F^T + Q is
            # symmetric up to rounding; the update reads only S's lower triangle.
            P = F @ self.P @ FT
            if Q is not None:
                P = P + Q
            if k > 0 and not gap[k] and not gap[k - 1]:
                moved = np.abs(P - pcovs[k - 1]).max()
                # P is PSD, so its largest entry is on the diagonal and equals max |P_ij|.
                steady = steady + 1 if moved <= _STEADY_RTOL * max(1.0, P.max()) else 0
            else:
                steady = 0
            self.x, self.P = x, P
            pmeans[k], pcovs[k] = self.x, self.P
            if not gap[k]:
                self._correct(zs[k] - H @ self.x, H, loglik=False)
                innovs[k], innov_covs[k] = self.y, self.S
                general[k] = True
            means[k], covs[k] = self.x, self.P
            k += 1
            if steady >= _STEADY_STEPS and k < T and not gap[k]:
                k = self._steady_run(k, zs, None if us is None else drift, missing,
                                     means, covs, pmeans, pcovs, lls)
        # log N(y_k; 0, S_k) for every general step at once (the steady-state runs filled
        # theirs already); taken out of the loop, where numpy's per-call overhead dominates.
        if general.any():
            Sg, yg = innov_covs[general], innovs[general]
            _, logdet = np.linalg.slogdet(Sg)
            maha = np.einsum("ti,ti->t", yg, np.linalg.solve(Sg, yg[:, :, None])[:, :, 0])
            lls[general] = -0.5 * (m * _LOG_2PI + logdet + maha)
        if T and not missing[-1]:
            self.log_likelihood = float(lls[-1])
        return FilterResult(means, covs, pmeans, pcovs, lls)

    def _steady_run(self, k0, zs, drift, missing, means, covs, pmeans, pcovs, lls) -> int:
        """Fill steps ``k0..`` (up to the next missing measurement) once the covariances
        have converged (the steady-state Kalman filter).

        The Riccati recursion for ``P`` does not depend on the data, so once it has reached
        its fixed point ``P^-``, ``S``, ``K`` and ``P`` are constants and the mean follows
        the linear recurrence ``x_k = (I - KH) F x_{k-1} + (I - KH) B u_k + K z_k``: one
        small matrix-vector product per step, everything else vectorised over time.
        Returns the index of the first step not filled.
        """
        stop = k0 + int(np.argmax(missing[k0:])) if missing[k0:].any() else len(zs)
        F, H, K, S = self.F, self.H, self.K, self.S
        A = self._eye - K @ H
        M = A @ F
        c = zs[k0:stop] @ K.T                        # K z_k for every step
        if drift is not None:
            c += drift[k0:stop] @ A.T
        xs = np.empty((stop - k0, self.dim_x))
        x = self.x
        for i in range(stop - k0):                   # the only sequential part
            x = M @ x + c[i]
            xs[i] = x
        prev = np.vstack((self.x[None, :], xs[:-1]))
        xp = prev @ F.T
        if drift is not None:
            xp += drift[k0:stop]
        innov = zs[k0:stop] - xp @ H.T
        _, logdet = np.linalg.slogdet(S)  # S was checked positive definite by _correct
        maha = np.einsum("ti,ti->t", innov, np.linalg.solve(S, innov.T).T)
        lls[k0:stop] = -0.5 * (self.dim_z * _LOG_2PI + logdet + maha)
        means[k0:stop], pmeans[k0:stop] = xs, xp
        covs[k0:stop], pcovs[k0:stop] = self.P, pcovs[k0 - 1]
        self.x = xs[-1].copy()
        self.y = innov[-1]
        self.log_likelihood = float(lls[stop - 1])
        return stop

    def rts_smoother(self, result: FilterResult):
        """Rauch–Tung–Striebel smoother: ``p(x_k | z_1..z_T)`` from a :meth:`filter` result.

        Backwards: ``G_k = P_k F^T (P^-_{k+1})^{-1}``,
        ``x^s_k = x_k + G_k (x^s_{k+1} - x^-_{k+1})``,
        ``P^s_k = P_k + G_k (P^s_{k+1} - P^-_{k+1}) G_k^T``, where ``x^-, P^-`` are the
        filter's predictions (so a control input is accounted for).

        Returns ``(means, covariances)`` of shapes (T, n) and (T, n, n).
        """
        if not isinstance(result, FilterResult):
            raise TypeError(f"result: expected the FilterResult of filter(), got "
                            f"{type(result).__name__}")
        xs, Ps = result.means.copy(), result.covariances.copy()
        pm, pP = result.predicted_means, result.predicted_covariances
        F = self.F
        for k in range(len(xs) - 2, -1, -1):
            # G = P_k F^T Pp^{-1}  <=>  G^T = Pp^{-1} F P_k  (Pp, P_k symmetric).
            G = np.linalg.solve(pP[k + 1], F @ Ps[k]).T
            xs[k] = xs[k] + G @ (xs[k + 1] - pm[k + 1])
            P = Ps[k] + G @ (Ps[k + 1] - pP[k + 1]) @ G.T
            Ps[k] = 0.5 * (P + P.T)
        return xs, Ps


class ExtendedKalmanFilter(_GaussianFilter):
    """Extended Kalman filter: the Kalman recursion for ``x_k = f(x_{k-1}[, u_k]) + w_k``,
    ``z_k = h(x_k) + v_k``, linearised at the current mean.

    Parameters
    ----------
    f : callable ``f(x)`` or ``f(x, u)`` -> array of shape (n,)
        State transition.
    F_jacobian : callable with the same arguments -> array of shape (n, n)
        Jacobian of ``f`` with respect to ``x``.
    h : callable ``h(x)`` -> array of shape (m,)
        Measurement function.
    H_jacobian : callable ``H_jacobian(x)`` -> array of shape (m, n)
    Q, R, x0, P0 : as in :class:`KalmanFilter` (``x0`` is required: it fixes ``n``).

    The mean goes through the nonlinear ``f``/``h``; the covariance through their Jacobians
    (a first-order Taylor expansion), so the result is an approximation whose quality
    depends on how nonlinear the model is over the spread of ``P``.
    """

    def __init__(self, f: Callable, F_jacobian: Callable, h: Callable, H_jacobian: Callable,
                 Q, R, *, x0, P0=None):
        for name, fn in (("f", f), ("F_jacobian", F_jacobian), ("h", h),
                         ("H_jacobian", H_jacobian)):
            if not callable(fn):
                raise TypeError(f"{name}: expected a callable, got {type(fn).__name__}")
        x0 = as_array(x0, "x0")
        n = int(x0.size)
        self.x = _vector(x0, "x0", n)
        self.f, self.F_jacobian, self.h, self.H_jacobian = f, F_jacobian, h, H_jacobian
        self.Q = _covariance(Q, "Q", n)
        R = as_array(R, "R")
        m = 1 if R.ndim == 0 else R.shape[0]
        self.R = _covariance(R, "R", m)
        self.P = np.eye(n) if P0 is None else _covariance(P0, "P0", n)
        self.dim_x, self.dim_z = n, m
        self._eye = np.eye(n)
        self.log_likelihood = 0.0

    def __repr__(self) -> str:
        return f"ExtendedKalmanFilter(dim_x={self.dim_x}, dim_z={self.dim_z})"

    def predict(self, u=None):
        """``x <- f(x[, u])``, ``P <- F P F^T + Q`` with ``F`` the Jacobian at the old mean."""
        args = (self.x,) if u is None else (self.x, u)
        F = _matrix(self.F_jacobian(*args), "F_jacobian(x)", (self.dim_x, self.dim_x))
        self.x = _vector(self.f(*args), "f(x)", self.dim_x)
        P = F @ self.P @ F.T + self.Q
        self.P = 0.5 * (P + P.T)
        return self.x, self.P

    def update(self, z):
        """Condition on ``z`` of shape (m,) with innovation ``z - h(x)`` and ``H`` the
        Jacobian of ``h`` at the predicted mean. Returns ``(x, P)``."""
        z = _vector(z, "z", self.dim_z)
        H = _matrix(self.H_jacobian(self.x), "H_jacobian(x)", (self.dim_z, self.dim_x))
        hx = _vector(self.h(self.x), "h(x)", self.dim_z)
        self._correct(z - hx, H)
        return self.x, self.P

    def filter(self, zs, us=None) -> FilterResult:
        """Predict then update for each measurement; same output as
        :meth:`KalmanFilter.filter` (no missing-value support)."""
        zs = _sequence(zs, "zs", self.dim_z, allow_nan=False)
        T, n = len(zs), self.dim_x
        if us is not None and len(us) != T:
            raise ValueError(f"us: expected {T} controls to match zs, got {len(us)}")
        means, covs = np.empty((T, n)), np.empty((T, n, n))
        pmeans, pcovs = np.empty((T, n)), np.empty((T, n, n))
        lls = np.zeros(T)
        for k in range(T):
            pmeans[k], pcovs[k] = self.predict(None if us is None else us[k])
            self.update(zs[k])
            lls[k] = self.log_likelihood
            means[k], covs[k] = self.x, self.P
        return FilterResult(means, covs, pmeans, pcovs, lls)
