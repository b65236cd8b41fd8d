"""Full-reference image quality: :func:`peak_signal_noise_ratio`,
:func:`structural_similarity` and :func:`dssim`, with scikit-image's names and defaults.

- PSNR is the pixel MSE on a log scale relative to the largest possible signal:
  ``10 log10(data_range^2 / MSE)`` decibels.
- SSIM (Wang et al., 2004) compares local means (luminance), local variances (contrast)
  and the local covariance (structure) in a sliding window, and averages the map:

  ``SSIM = (2 mu_x mu_y + C1)(2 s_xy + C2) / ((mu_x^2 + mu_y^2 + C1)(s_x^2 + s_y^2 + C2))``

  with ``C1 = (K1 L)^2``, ``C2 = (K2 L)^2`` and ``L = data_range``.

The window statistics are separable filters (uniform or Gaussian) applied one axis at a
time with mirror ("reflect") borders, as ``scipy.ndimage`` does; written here with NumPy
(a short loop over the window's taps, never over pixels), on strips of rows that fit in
cache.
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml._validation import as_array, check_scalar, no_overflow


def _check_finite_images(pairs) -> None:
    for arr, name in pairs:
        if arr.dtype.kind == "f" and not np.isfinite(arr).all():
            raise ValueError(f"{name}: expected finite pixel values, found NaN or infinity")


def _check_images(image_true, image_test, names=("image_true", "image_test"), *,
                  check_finite=True):
    a = as_array(image_true, names[0])
    b = as_array(image_test, names[1])
    for arr, name in ((a, names[0]), (b, names[1])):
        if arr.dtype.kind not in "biuf":
            raise TypeError(f"{name}: expected a numeric image, got dtype {arr.dtype}")
        if arr.size == 0:
            raise ValueError(f"{name}: expected a non-empty image, got shape {arr.shape}")
    if check_finite:
        _check_finite_images(((a, names[0]), (b, names[1])))
    if a.shape != b.shape:
        raise ValueError(f"{names[0]} and {names[1]}: expected the same shape, got "
                         f"{a.shape} and {b.shape}")
    return a, b


def _dtype_range(dtype: np.dtype) -> tuple[float, float]:
    """The nominal intensity range of a dtype: integers their limits, floats [-1, 1]."""
    if dtype.kind == "b":
        return 0.0, 1.0
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        return float(info.min), float(info.max)
    return -1.0, 1.0


def peak_signal_noise_ratio(image_true, image_test, *, data_range=None):
    """PSNR in decibels, ``10 log10(data_range^2 / MSE)``; ``inf`` for identical images.

    Parameters
    ----------
    image_true, image_test : arrays of the same shape (any number of dimensions)
    data_range : float, optional
        Largest possible pixel value minus the smallest. Default: from the dtype of
        ``image_true`` (255 for uint8; 1 for floats in [0, 1], 2 if it has negatives).
    """
    # Finiteness is checked on the result (one pass fewer over each image): NaN or inf in
    # an image makes the MSE non-finite, and only then are the images inspected.
    a, b = _check_images(image_true, image_test, check_finite=False)
    if data_range is None:
        lo, hi = _dtype_range(a.dtype)
        a_min, a_max = a.min(), a.max()     # one pass each; NaN and inf show up in them
        if not (np.isfinite(a_min) and np.isfinite(a_max)):
            _check_finite_images(((a, "image_true"),))
        if a_min < lo or a_max > hi:
            raise ValueError("data_range: image_true has values outside the range of its "
                             f"dtype {a.dtype} ([{lo:g}, {hi:g}]); pass data_range")
        data_range = hi if a_min >= 0 else hi - lo
    check_scalar(data_range, "data_range", lo=0.0, include_lo=False)
    with np.errstate(invalid="ignore", over="ignore"):   # inf - inf: reported below
        diff = np.subtract(a, b, dtype=np.float64).ravel()  # float first: uint8 wraps
        # The sum of squares as one dot product: no squared temporary, no second pass.
        mse = float(np.dot(diff, diff)) / diff.size
    if not np.isfinite(mse):
        _check_finite_images(((a, "image_true"), (b, "image_test")))
        # Finite pixels near 1e308: the squared error overflows, PSNR would be a wrong -inf.
        raise ValueError("image_true and image_test: values too large for float64 "
                         "arithmetic (the squared error overflows); rescale the images")
    if mse == 0:
        return float("inf")
    return float(10.0 * np.log10(float(data_range) ** 2 / mse))


def _reflect_pad(x: np.ndarray, r: int, axis: int) -> np.ndarray:
    """Mirror ``r`` samples on each end of ``axis`` (edge repeated: d c b a | a b c d)."""
    width = [(0, 0)] * x.ndim
    width[axis] = (r, r)
    # numpy's "symmetric" is ndimage's "reflect"; tile for windows wider than the image.
    return np.pad(x, width, mode="symmetric")


def gaussian_kernel1d(sigma: float, truncate: float = 4.0) -> np.ndarray:
    """Normalised 1-D Gaussian taps of radius ``int(truncate * sigma + 0.5)``."""
    r = int(truncate * sigma + 0.5)
    t = np.arange(-r, r + 1, dtype=np.float64)
    k = np.exp(-0.5 * (t / sigma) ** 2)
    return k / k.sum()


def gaussian_filter(x: np.ndarray, sigma: float, truncate: float = 4.0,
                    axes: tuple[int, ...] | None = None) -> np.ndarray:
    """Gaussian blur along ``axes`` (default all), mirror borders, like ``ndimage``'s."""
    k = gaussian_kernel1d(sigma, truncate)
    r = len(k) // 2
    x = np.asarray(x, dtype=np.float64)
    for axis in range(x.ndim) if axes is None else axes:
        padded = _reflect_pad(x, r, axis)
        n = x.shape[axis]
        lead = (slice(None),) * axis
        out = k[0] * padded[(*lead, slice(0, n))]
        tmp = np.empty_like(out)
        for i in range(1, len(k)):      # a loop over the taps, not over pixels
            np.multiply(padded[(*lead, slice(i, i + n))], k[i], out=tmp)
            out += tmp
        x = out
    return x


def _valid_taps(z: np.ndarray, k: np.ndarray | None, size: int, axis: int) -> np.ndarray:
    """'Valid' correlation of ``z`` along ``axis`` with a symmetric kernel of ``size`` taps
    (``k``; ``None`` for the box, an unscaled sum): the output is ``size - 1`` shorter."""
    n = z.shape[axis] - (size - 1)
    lead = (slice(None),) * axis

    def tap(i):
        return z[(*lead, slice(i, i + n))]

    if k is None:
        out = tap(0).copy()
        for i in range(1, size):
            out += tap(i)
        return out
    # Symmetric taps: add the mirrored pair first, then one multiply (as ndimage does for
    # symmetric kernels) - 3 array operations per pair of taps instead of 4.
    r = size // 2
    out = tap(r) * k[r]
    tmp = np.empty_like(out)
    for i in range(r):
        np.add(tap(i), tap(size - 1 - i), out=tmp)
        tmp *= k[i]
        out += tmp
    return out


def _ssim_map(x, y, *, win_size, data_range, gaussian, sigma, truncate, K1, K2,
              use_sample_covariance):
    if gaussian:
        k = gaussian_kernel1d(sigma, truncate)
        size, scale = len(k), 1.0
    else:
        k, size = None, win_size
        scale = 1.0 / size ** x.ndim
    r = size // 2
    n_window = win_size ** x.ndim
    cov_norm = n_window / (n_window - 1) if use_sample_covariance else 1.0
    c1, c2 = (K1 * data_range) ** 2, (K2 * data_range) ** 2

    def filt(z):
        for axis in range(z.ndim):
            z = _valid_taps(z, k, size, axis)
        if scale != 1.0:
            z *= scale
        return z

    # One mirror pad, then the whole pipeline (five filtered statistics and the map) on
    # strips of rows small enough to stay in cache: the ~100 passes over the data of the
    # filters then run from L2 instead of main memory (2-3x faster on 1024 x 1024).
    px = np.pad(x, r, mode="symmetric")
    py = np.pad(y, r, mode="symmetric")
    S = np.empty(x.shape, dtype=np.float64)
    row = int(np.prod(px.shape[1:]))
    block = max(1, min(x.shape[0], (1 << 15) // row))
    for start in range(0, x.shape[0], block):
        stop = min(start + block, x.shape[0])
        xs, ys = px[start:stop + 2 * r], py[start:stop + 2 * r]
        ux, uy = filt(xs), filt(ys)
        uxx, uyy, uxy = ux * ux, uy * uy, ux * uy
        vx = filt(xs * xs)
        vx -= uxx
        vy = filt(ys * ys)
        vy -= uyy
        vx += vy
        vx *= cov_norm
        vx += c2                         # den, contrast term: vx + vy + C2
        vxy = filt(xs * ys)
        vxy -= uxy
        vxy *= 2.0 * cov_norm
        vxy += c2                        # num, structure term: 2 vxy + C2
        uxy *= 2.0
        uxy += c1
        uxy *= vxy                       # num = (2 ux uy + C1)(2 vxy + C2)
        uxx += uyy
        uxx += c1
        uxx *= vx                        # den = (ux² + uy² + C1)(vx + vy + C2)
        np.divide(uxy, uxx, out=S[start:stop])
    return S


def structural_similarity(im1, im2, *, win_size=None, data_range=None, channel_axis=None,
                          gaussian_weights=False, full=False, K1=0.01, K2=0.03, sigma=1.5,
                          use_sample_covariance=True):
    """Mean structural similarity (SSIM) of two images, in [-1, 1] (1: identical).

    Parameters
    ----------
    im1, im2 : arrays of the same shape, e.g. (H, W) or (H, W, C) with ``channel_axis``
    win_size : odd int, default 7 (uniform) or 11 (Gaussian, sigma 1.5, truncate 3.5)
    data_range : float; required for float images, default the dtype range for integers
    channel_axis : int, optional; SSIM is computed per channel and averaged
    gaussian_weights : bool; Gaussian-weighted window statistics instead of a box
    full : bool; also return the SSIM map (same shape as the images)
    use_sample_covariance : bool; divide window (co)variances by N - 1 instead of N

    Returns
    -------
    mssim : float, the mean of the map with ``(win_size - 1) / 2`` border pixels cropped;
    ssim_map : array, only with ``full=True``.
    """
    a, b = _check_images(im1, im2, ("im1", "im2"))
    if channel_axis is not None:
        axis = channel_axis % a.ndim
        results = [structural_similarity(
            np.take(a, c, axis=axis), np.take(b, c, axis=axis), win_size=win_size,
            data_range=data_range, gaussian_weights=gaussian_weights, full=True, K1=K1,
            K2=K2, sigma=sigma, use_sample_covariance=use_sample_covariance)
            for c in range(a.shape[axis])]
        mssim = float(np.mean([r[0] for r in results]))
        if full:
            return mssim, np.stack([r[1] for r in results], axis=axis)
        return mssim
    truncate = 3.5
    if win_size is None:
        win_size = 2 * int(truncate * sigma + 0.5) + 1 if gaussian_weights else 7
    check_scalar(win_size, "win_size", int, lo=3)
    if win_size % 2 == 0:
        raise ValueError(f"win_size: expected an odd number, got {win_size}")
    if min(a.shape) < win_size:
        raise ValueError(f"win_size: expected at most the smallest image side "
                         f"{min(a.shape)} (shape {a.shape}); pass channel_axis for colour "
                         f"images or a smaller win_size, got {win_size}")
    if data_range is None:
        if a.dtype.kind == "f":
            raise ValueError("data_range: required for floating-point images (e.g. 1.0 for "
                             "images in [0, 1] or 255.0 for [0, 255])")
        lo, hi = _dtype_range(a.dtype)
        data_range = hi - lo
    check_scalar(data_range, "data_range", lo=0.0, include_lo=False)
    with no_overflow("im1 and im2"):  # local second moments of pixels near 1e308
        S = _ssim_map(a.astype(np.float64), b.astype(np.float64), win_size=win_size,
                      data_range=float(data_range), gaussian=gaussian_weights, sigma=sigma,
                      truncate=truncate, K1=K1, K2=K2,
                      use_sample_covariance=use_sample_covariance)
    pad = (win_size - 1) // 2
    inner = S[tuple(slice(pad, s - pad) for s in S.shape)]
    mssim = float(inner.mean(dtype=np.float64))
    return (mssim, S) if full else mssim


def dssim(im1, im2, **ssim_kwargs):
    """Structural dissimilarity ``(1 - SSIM) / 2``, in [0, 1] (0: identical).

    Takes the keyword arguments of :func:`structural_similarity`.
    """
    ssim_kwargs.pop("full", None)
    return (1.0 - structural_similarity(im1, im2, **ssim_kwargs)) / 2.0
