"""Figure helpers shared by the demos: one look, deterministic SVG, files for the CLI.

Demos build figures with ``matplotlib.figure.Figure`` (no pyplot: no global figure
manager, so the web app can render from worker threads) through :func:`new_figure`.
"""

from __future__ import annotations

import contextlib
import io
import re
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

# Fixed ids and no dates make the SVG of a given figure identical byte for byte.
matplotlib.rcParams["svg.hashsalt"] = "mlinterview"
matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: smaller, selectable

STYLE = {
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "font.size": 10,
    "axes.titlesize": 11,
    "legend.frameon": False,
}
FORMATS = ("png", "svg", "pdf")


def new_figure(ncols: int = 1, nrows: int = 1, *, width: float = 5.0, height: float = 3.6):
    """A figure with ``nrows x ncols`` axes in the house style: ``(fig, axes)``.

    ``axes`` is a single Axes for 1x1, else an array like ``Figure.subplots`` returns.
    """
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(width * ncols, height * nrows), layout="constrained")
        axes = fig.subplots(nrows, ncols, squeeze=True)
    return fig, axes


@contextlib.contextmanager
def _drawing():
    """Draw without matplotlib's note that placing a legend at loc="best" was slow: it
    depends on how busy the machine is, says nothing about the figure, and would fail a
    test run that turns warnings into errors."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message='Creating legend with loc="best" can be slow')
        yield


def to_svg(fig: Figure) -> str:
    """The figure as an inline ``<svg>`` element (no XML prolog, no fixed size)."""
    buf = io.StringIO()
    with _drawing():
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    # Let CSS size the figure: keep the viewBox, drop the fixed width and height.
    return re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", svg, count=1)


def save(fig: Figure, path: Path, fmt: str = "png") -> Path:
    """Write the figure to ``path`` with suffix ``fmt``; returns the path written."""
    if fmt not in FORMATS:
        raise ValueError(f"format: expected one of {', '.join(FORMATS)}; got {fmt!r}")
    path = Path(path).with_suffix("." + fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    kwargs = {"metadata": {"Date": None}} if fmt == "svg" else {}
    from mlinterview.study.atomic import atomic_write

    # Whole or not at all, even if the process is killed while it writes.
    with _drawing(), atomic_write(path, "wb") as fh:
        fig.savefig(fh, format=fmt, dpi=150, **kwargs)
    return path
