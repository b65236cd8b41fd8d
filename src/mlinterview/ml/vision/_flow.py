"""Dense optical flow: Lucas–Kanade (windowed, iterative, pyramidal) and Horn–Schunck.

Convention (scikit-image's ``optical_flow_ilk``): images are 2-D arrays indexed
``[row, col]``; a flow has shape ``(2, rows, cols)`` with ``flow[0]`` the row (downward)
and ``flow[1]`` the column (rightward) displacement, such that
``image1[p + flow(p)] ≈ image0[p]``: the flow says where the content at ``p`` in the first
image went in the second.

Everything is vectorised over pixels; the only Python loops run over pyramid levels,
warps, solver iterations or the taps of a 1-D filter kernel.
"""

from __future__ import annotations

import numbers

import numpy as np

from mlinterview.ml._validation import as_array, check_finite, check_scalar

# Horn–Schunck's local average: the 8 neighbours, edge pixels weighted 1/6, corners 1/12.
_HS_KERNEL = np.array([[1, 2, 1], [2, 0, 2], [1, 2, 1]], dtype=np.float64) / 12.0


def _image(x: object, name: str) -> np.ndarray:
    arr = as_array(x, name)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name}: expected a numeric image, got dtype {arr.dtype}")
    if arr.ndim != 2:
        raise ValueError(f"{name}: expected a 2-D grayscale image (rows, cols), got shape "
                         f"{arr.shape}")
    if min(arr.shape) < 2:
        raise ValueError(f"{name}: expected at least 2x2 pixels, got shape {arr.shape}")
    return check_finite(np.asarray(arr, dtype=np.float64), name)


def _pair(image0, image1):
    a, b = _image(image0, "image0"), _image(image1, "image1")
    if a.shape != b.shape:
        raise ValueError(f"image1: expected the shape of image0 {a.shape}, got {b.shape}")
    return a, b


def _flow(x: object, name: str, shape: tuple[int, int]) -> np.ndarray:
    arr = as_array(x, name)
    if arr.shape != (2, *shape):
        raise ValueError(f"{name}: expected a flow of shape (2, {shape[0]}, {shape[1]}), got "
                         f"shape {arr.shape}")
    return check_finite(np.asarray(arr, dtype=np.float64), name)


def image_gradients(image) -> np.ndarray:
    """Spatial derivatives of an image, shape (2, rows, cols): ``[d/drow, d/dcol]``.

    Central differences inside, one-sided at the border (as ``np.gradient``).
    """
    return np.stack(np.gradient(_image(image, "image")), axis=0)


def bilinear_sample(image, rows, cols) -> np.ndarray:
    """``image`` sampled at real-valued ``(rows, cols)`` by bilinear interpolation.

    Coordinates outside the image are clamped to the border ("edge" mode). ``rows`` and
    ``cols`` broadcast together; the result has their broadcast shape.
    """
    image = np.asarray(image, dtype=np.float64)
    h, w = image.shape
    r = np.clip(np.asarray(rows, dtype=np.float64), 0, h - 1)
    c = np.clip(np.asarray(cols, dtype=np.float64), 0, w - 1)
    r0 = np.minimum(np.floor(r).astype(np.intp), h - 2)
    c0 = np.minimum(np.floor(c).astype(np.intp), w - 2)
    fr, fc = r - r0, c - c0
    top = image[r0, c0] * (1 - fc) + image[r0, c0 + 1] * fc
    bottom = image[r0 + 1, c0] * (1 - fc) + image[r0 + 1, c0 + 1] * fc
    return top * (1 - fr) + bottom * fr


def warp(image, flow) -> np.ndarray:
    """Backward warp: ``out[p] = image[p + flow(p)]`` (bilinear, edge clamping).

    With the flow from ``image0`` to ``image1``, ``warp(image1, flow)`` lines ``image1``
    up with ``image0``. ``flow`` has shape (2, rows, cols).
    """
    image = _image(image, "image")
    flow = _flow(flow, "flow", image.shape)
    rows, cols = np.indices(image.shape, dtype=np.float64)
    return bilinear_sample(image, rows + flow[0], cols + flow[1])


def _filter_1d(image: np.ndarray, kernel: np.ndarray, axis: int) -> np.ndarray:
    """Correlate along ``axis`` with a symmetric odd-length kernel, mirror padding."""
    r = len(kernel) // 2
    pad = [(0, 0), (0, 0)]
    pad[axis] = (r, r)
    padded = np.pad(image, pad, mode="reflect") if r else image
    out = np.zeros_like(image)
    n = image.shape[axis]
    for i, weight in enumerate(kernel):          # loop over taps, not pixels
        out += weight * np.take(padded, np.arange(i, i + n), axis=axis)
    return out


def gaussian_kernel(sigma: float, truncate: float = 4.0) -> np.ndarray:
    """Normalised 1-D Gaussian taps on ``[-r, r]``, ``r = round(truncate sigma)`` (at least
    1): SciPy's ``gaussian_filter`` radius rule, so :func:`gaussian_blur` matches it."""
    r = max(1, int(truncate * sigma + 0.5))
    x = np.arange(-r, r + 1, dtype=np.float64)
    k = np.exp(-0.5 * (x / sigma) ** 2)
    return k / k.sum()


def gaussian_blur(image, sigma: float) -> np.ndarray:
    """Separable Gaussian blur with mirror padding; shape preserved."""
    image = np.asarray(image, dtype=np.float64)
    k = gaussian_kernel(sigma)
    return _filter_1d(_filter_1d(image, k, 0), k, 1)


def box_mean(image, radius: int) -> np.ndarray:
    """Mean over the ``(2 radius + 1)^2`` window around each pixel (mirror padding).

    Uses cumulative sums (an integral image), so the cost does not grow with the window.
    """
    image = np.asarray(image, dtype=np.float64)
    size = 2 * radius + 1
    padded = np.pad(image, radius, mode="reflect")
    for axis in (0, 1):
        c = np.cumsum(padded, axis=axis)
        zero = np.zeros_like(np.take(c, [0], axis=axis))
        c = np.concatenate([zero, c], axis=axis)
        n = c.shape[axis] - size
        padded = np.take(c, np.arange(size, size + n), axis=axis) - np.take(
            c, np.arange(n), axis=axis)
    return padded / size**2


def _downsample(image: np.ndarray) -> np.ndarray:
    """Blur (anti-aliasing, sigma 1) then keep every second row and column."""
    return gaussian_blur(image, 1.0)[::2, ::2]


def _upsample_flow(flow: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """Flow of a level twice as coarse, resampled to ``shape`` and doubled in length."""
    rows, cols = np.indices(shape, dtype=np.float64)
    return 2.0 * np.stack([bilinear_sample(f, rows / 2, cols / 2) for f in flow])


def _pyramid(image: np.ndarray, num_levels: int) -> list[np.ndarray]:
    """Finest first; no level smaller than 16 pixels a side (scikit-image's rule): on
    tinier images the window sees mostly padding and the coarse estimate is unreliable."""
    levels = [image]
    for _ in range(num_levels - 1):
        if min(levels[-1].shape) <= 32:
            break
        levels.append(_downsample(levels[-1]))
    return levels


def _coarse_to_fine(image0, image1, num_levels, solve):
    """Run ``solve(img0, img1, flow0)`` from the coarsest level to the finest."""
    pyr0, pyr1 = _pyramid(image0, num_levels), _pyramid(image1, num_levels)
    flow = np.zeros((2, *pyr0[-1].shape))
    for level in range(len(pyr0) - 1, -1, -1):
        if flow.shape[1:] != pyr0[level].shape:
            flow = _upsample_flow(flow, pyr0[level].shape)
        flow = solve(pyr0[level], pyr1[level], flow)
    return flow


def lucas_kanade(image0, image1, *, radius: int = 7, num_warp: int = 10,
                 num_levels: int = 1, gaussian: bool = False,
                 min_eigenvalue: float = 1e-12) -> np.ndarray:
    """Dense iterative Lucas–Kanade optical flow from ``image0`` to ``image1``.

    At every pixel the flow ``d`` minimises ``sum_w (grad I1 . d + I1 - I0)^2`` over a
    window ``w`` around it: a 2x2 system ``A d = b`` with the structure tensor
    ``A = sum_w grad I grad I^T``. Each of ``num_warp`` rounds warps ``image1`` by the
    current flow and re-linearises (Gauss–Newton); ``num_levels > 1`` runs this
    coarse-to-fine on a Gaussian pyramid so motions larger than the window's reach are
    found. Pixels whose smaller eigenvalue of ``A`` (per window pixel) is below
    ``min_eigenvalue`` keep their previous estimate: there, a flat patch or a single edge
    (the aperture problem) leaves the flow undetermined.

    Parameters
    ----------
    image0, image1 : arrays of shape (rows, cols)
    radius : int
        Window half-width; the window is ``(2 radius + 1)^2`` pixels.
    num_warp : int
        Warp-and-solve rounds per pyramid level.
    num_levels : int
        Pyramid levels (1 = single scale).
    gaussian : bool
        Weight the window with a Gaussian of sigma ``(2 radius + 1) / 4`` instead of
        uniformly.

    Returns
    -------
    flow : array of shape (2, rows, cols)
        ``[row displacement, column displacement]``.
    """
    image0, image1 = _pair(image0, image1)
    radius = check_scalar(radius, "radius", numbers.Integral, lo=1)
    num_warp = check_scalar(num_warp, "num_warp", numbers.Integral, lo=1)
    num_levels = check_scalar(num_levels, "num_levels", numbers.Integral, lo=1)
    if gaussian:
        def window(x):
            return gaussian_blur(x, (2 * radius + 1) / 4)
    else:
        def window(x):
            return box_mean(x, radius)

    def solve(img0, img1, flow):
        rows, cols = np.indices(img0.shape, dtype=np.float64)
        for _ in range(num_warp):
            warped = bilinear_sample(img1, rows + flow[0], cols + flow[1])
            gr, gc = np.gradient(warped)
            # Linearise I1(p + d) around the current flow d0:
            # I1w + grad . (d - d0) = I0  =>  grad . d = grad . d0 + I0 - I1w.
            err = gr * flow[0] + gc * flow[1] + img0 - warped
            a, b, c = window(gr * gr), window(gr * gc), window(gc * gc)
            br, bc = window(gr * err), window(gc * err)
            det = a * c - b * b
            # Smaller eigenvalue of [[a, b], [b, c]].
            lam_min = 0.5 * (a + c) - np.sqrt(0.25 * (a - c) ** 2 + b * b)
            ok = lam_min > min_eigenvalue
            safe = np.where(ok, det, 1.0)
            new_r = (c * br - b * bc) / safe
            new_c = (a * bc - b * br) / safe
            flow = np.where(ok, np.stack([new_r, new_c]), flow)
        return flow

    return _coarse_to_fine(image0, image1, num_levels, solve)


def _hs_average(x: np.ndarray) -> np.ndarray:
    """Horn–Schunck's neighbourhood average (edge pixels replicated)."""
    p = np.pad(x, 1, mode="edge")
    h, w = x.shape
    out = np.zeros_like(x)
    for i in range(3):
        for j in range(3):
            if _HS_KERNEL[i, j]:
                out += _HS_KERNEL[i, j] * p[i:i + h, j:j + w]
    return out


def horn_schunck(image0, image1, *, alpha: float = 0.3, n_iter: int = 100,
                 num_warp: int = 1, num_levels: int = 1,
                 initial_flow=None) -> np.ndarray:
    """Horn–Schunck optical flow: brightness constancy plus a global smoothness prior.

    Minimises ``sum (grad I . d + I_t)^2 + alpha^2 sum |grad d|^2`` over the whole flow field
    by the classical Jacobi iteration
    ``d = dbar - grad I (grad I . dbar + I_t) / (alpha^2 + |grad I|^2)``, where ``dbar`` is
    the local average of the flow. Smoothness fills in flat regions and edges (where Lucas–
    Kanade has no answer) from their neighbours. ``num_warp > 1`` re-linearises around the
    current flow; ``num_levels > 1`` works coarse-to-fine.

    Parameters
    ----------
    image0, image1 : arrays of shape (rows, cols)
    alpha : float
        Smoothness weight, in the units of the image gradient (the default suits images
        scaled to unit standard deviation; scale it with the image contrast). Small values
        with ``num_warp > 1`` can diverge: the data term alone is ill-posed along edges.
    n_iter : int
        Jacobi iterations per warp.
    initial_flow : array of shape (2, rows, cols), optional
        Starting flow (single-level only); default zeros.

    Returns
    -------
    flow : array of shape (2, rows, cols)
    """
    image0, image1 = _pair(image0, image1)
    alpha = check_scalar(alpha, "alpha", numbers.Real, lo=0.0, include_lo=False)
    n_iter = check_scalar(n_iter, "n_iter", numbers.Integral, lo=0)
    num_warp = check_scalar(num_warp, "num_warp", numbers.Integral, lo=1)
    num_levels = check_scalar(num_levels, "num_levels", numbers.Integral, lo=1)
    if initial_flow is not None and num_levels > 1:
        raise ValueError("initial_flow: only supported with num_levels=1")

    def solve(img0, img1, flow):
        rows, cols = np.indices(img0.shape, dtype=np.float64)
        for _ in range(num_warp):
            warped = bilinear_sample(img1, rows + flow[0], cols + flow[1])
            gr, gc = np.gradient(0.5 * (img0 + warped))
            # Temporal derivative linearised around the current flow d0.
            it = warped - img0 - gr * flow[0] - gc * flow[1]
            denom = alpha**2 + gr * gr + gc * gc
            u = flow.copy()
            for _ in range(n_iter):
                ur, uc = _hs_average(u[0]), _hs_average(u[1])
                common = (gr * ur + gc * uc + it) / denom
                u = np.stack([ur - gr * common, uc - gc * common])
            flow = u
        return flow

    if initial_flow is not None:
        return solve(image0, image1, _flow(initial_flow, "initial_flow", image0.shape))
    return _coarse_to_fine(image0, image1, num_levels, solve)


def moving_texture(shape=(128, 128), *, motion: str = "translation", amount=(0.5, 0.5),
                   seed: int = 0, n_waves: int = 40, wavelengths=(8.0, 96.0)):
    """A smooth random texture and its exactly moved copy, with the true flow.

    The texture is a sum of ``n_waves`` plane sine waves (log-uniform wavelengths, larger
    ones stronger, like the 1/f spectrum of natural images), scaled to unit variance, so
    the second frame is evaluated exactly (no interpolation error in the ground truth).

    Parameters
    ----------
    motion : {"translation", "rotation"}
        ``amount`` is ``(d_row, d_col)`` pixels for a translation, an angle in radians
        (counter-clockwise in (col, row) axes) about the image centre for a rotation.

    Returns
    -------
    image0, image1 : arrays of shape ``shape``; flow : array of shape (2, *shape) with
    ``image1[p + flow(p)] = image0[p]``.
    """
    if motion not in ("translation", "rotation"):
        raise ValueError(f"motion: expected 'translation' or 'rotation', got {motion!r}")
    rng = np.random.default_rng(seed)
    lo, hi = wavelengths
    lam = np.exp(rng.uniform(np.log(lo), np.log(hi), n_waves))
    angle = rng.uniform(0, 2 * np.pi, n_waves)
    kr, kc = 2 * np.pi / lam * np.sin(angle), 2 * np.pi / lam * np.cos(angle)
    phase = rng.uniform(0, 2 * np.pi, n_waves)
    amp = rng.uniform(0.5, 1.0, n_waves) * np.sqrt(lam / lo)
    amp /= np.sqrt((amp**2).sum() / 2)           # each sine has variance 1/2: unit total

    def texture(r, c):
        return np.sin(r[..., None] * kr + c[..., None] * kc + phase) @ amp

    r, c = np.indices(shape, dtype=np.float64)
    if motion == "translation":
        d = np.broadcast_to(np.asarray(amount, dtype=np.float64), (2,))
        flow = np.stack([np.full(shape, d[0]), np.full(shape, d[1])])
        return texture(r, c), texture(r - d[0], c - d[1]), flow
    cr, cc = (shape[0] - 1) / 2, (shape[1] - 1) / 2
    co, si = np.cos(float(amount)), np.sin(float(amount))
    qr, qc = r - cr, c - cc
    # The content at p moves to R (p - c) + c, so frame 1 at q shows frame 0 at R^T (q - c) + c.
    flow = np.stack([co * qr - si * qc + cr - r, si * qr + co * qc + cc - c])
    return texture(r, c), texture(co * qr + si * qc + cr, -si * qr + co * qc + cc), flow


def endpoint_error(flow, flow_true, *, border: int = 0) -> float:
    """Mean end-point error: the average Euclidean length of ``flow - flow_true``.

    ``border`` pixels on each side are left out (boundary effects of windows and warps).
    """
    flow_true = as_array(flow_true, "flow_true")
    if flow_true.ndim != 3 or flow_true.shape[0] != 2:
        raise ValueError(f"flow_true: expected shape (2, rows, cols), got {flow_true.shape}")
    flow = _flow(flow, "flow", flow_true.shape[1:])
    err = np.hypot(*(flow - flow_true))
    if border:
        err = err[border:-border, border:-border]
    return float(err.mean())


def _hsv_to_rgb(h, s, v):
    """Vectorised HSV -> RGB, all in [0, 1]; returns shape ``h.shape + (3,)``."""
    i = np.floor(h * 6.0).astype(np.intp) % 6
    f = h * 6.0 - np.floor(h * 6.0)
    p, q, t = v * (1 - s), v * (1 - f * s), v * (1 - (1 - f) * s)
    table = np.stack([np.stack(c, axis=-1) for c in
                      ((v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q))])
    return np.take_along_axis(table, i[None, ..., None], axis=0)[0]


def flow_to_rgb(flow, *, max_magnitude: float | None = None) -> np.ndarray:
    """Colour-wheel picture of a flow, shape (rows, cols, 3) in [0, 1].

    Hue is the direction (0 = rightward = red, going through yellow for downward-right,
    ...), saturation the speed relative to ``max_magnitude`` (default: the largest in the
    field); zero motion is white.
    """
    flow = as_array(flow, "flow")
    if flow.ndim != 3 or flow.shape[0] != 2:
        raise ValueError(f"flow: expected shape (2, rows, cols), got {flow.shape}")
    dr, dc = np.asarray(flow, dtype=np.float64)
    mag = np.hypot(dr, dc)
    top = float(mag.max()) if max_magnitude is None else float(max_magnitude)
    hue = (np.arctan2(dr, dc) / (2 * np.pi)) % 1.0
    sat = np.clip(mag / top, 0.0, 1.0) if top > 0 else np.zeros_like(mag)
    return _hsv_to_rgb(hue, sat, np.ones_like(mag))


def color_wheel(size: int = 64) -> np.ndarray:
    """The legend of :func:`flow_to_rgb`: a disc where each pixel shows the colour of a
    flow pointing from the centre to it; shape (size, size, 3), white outside the disc."""
    rows, cols = np.indices((size, size), dtype=np.float64)
    c = (size - 1) / 2
    flow = np.stack([rows - c, cols - c]) / c
    rgb = flow_to_rgb(flow, max_magnitude=1.0)
    rgb[np.hypot(*flow) > 1.0] = 1.0
    return rgb


def flow_arrows(flow, step: int = 8):
    """Subsampled arrows for ``Axes.quiver``: ``(x, y, u, v)`` each of shape (k, l).

    ``x`` is the column, ``y`` the row, ``u`` the column and ``v`` the row displacement,
    taken every ``step`` pixels (starting at ``step // 2``). With ``ax.invert_yaxis()``
    (image coordinates) use ``quiver(x, y, u, -v)`` or ``angles="xy"`` on an image axis.
    """
    flow = as_array(flow, "flow")
    if flow.ndim != 3 or flow.shape[0] != 2:
        raise ValueError(f"flow: expected shape (2, rows, cols), got {flow.shape}")
    step = check_scalar(step, "step", numbers.Integral, lo=1)
    s = slice(step // 2, None, step)
    rows, cols = np.indices(flow.shape[1:])
    return cols[s, s], rows[s, s], flow[1][s, s], flow[0][s, s]
