"""The figure a card shows inline: one figure of its topic's demo, drawn once, kept on disk.

A card names it in its front matter (``figure: {demo, name, caption}``). Drawing it means
running the demo at its default parameters (a fraction of a second to twenty seconds), so
it is never done for a request: the web server draws the missing ones in the background
when it starts, in its low-priority demo workers, and keeps each SVG in
``<cache>/figures/<slug>-<key>.svg``. The key hashes what the drawing depends on (the
demo's module, the demo framework, the figure's name, matplotlib's version), so a changed
demo is drawn again on the next start and an unchanged one never is.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mlinterview.topics import Topic

#: ``render(demo_id, params)`` as in :func:`mlinterview.demos._worker.render`.
Render = Callable[[str, tuple], dict[str, Any]]


def cache_dir() -> Path:
    """Where drawn figures are kept (beside the search cache; safe to delete)."""
    from mlinterview.search import cache_dir as search_cache

    return search_cache() / "figures"


def _sources(demo_id: str) -> list[Path]:
    """The files a demo's drawing depends on: its module and the demo framework."""
    from mlinterview import demos
    from mlinterview.demos import _figures

    spec = demos.registry()[demo_id]
    return [Path(inspect.getsourcefile(spec.func)), Path(inspect.getsourcefile(demos)),
            Path(inspect.getsourcefile(_figures))]


def figure_key(texts: Iterable[bytes], name: str, version: str) -> str:
    """A short hash of the source texts, the figure's name and the plotting library's
    version: equal keys, equal drawings."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(len(text).to_bytes(8, "big"))
        digest.update(text)
    digest.update(name.encode())
    digest.update(version.encode())
    return digest.hexdigest()[:16]


def path_for(topic: Topic, folder: Path | None = None) -> Path:
    """Where ``topic``'s figure is kept under its current key."""
    import matplotlib

    if topic.figure is None:
        raise ValueError(f"topic: {topic.slug!r} names no figure")
    texts = [p.read_bytes() for p in _sources(topic.figure.demo)]
    key = figure_key(texts, topic.figure.name, matplotlib.__version__)
    return (folder or cache_dir()) / f"{topic.slug}-{key}.svg"


def cached(topic: Topic, folder: Path | None = None) -> str | None:
    """The drawn SVG of ``topic``'s figure if it is on disk under its current key."""
    if topic.figure is None:
        return None
    try:
        return path_for(topic, folder).read_text(encoding="utf-8")
    except (OSError, KeyError):  # not drawn yet; a demo no longer registered
        return None


def draw(topic: Topic, render: Render | None = None) -> str:
    """Run the demo at its defaults and return the named figure as SVG (seconds)."""
    if topic.figure is None:
        raise ValueError(f"topic: {topic.slug!r} names no figure")
    if render is None:
        from mlinterview.demos._worker import render
    figures = dict(render(topic.figure.demo, ())["figures"])
    if topic.figure.name not in figures:
        raise ValueError(f"figure: demo {topic.figure.demo!r} draws {sorted(figures)}, not "
                         f"{topic.figure.name!r}")
    return figures[topic.figure.name]


def store(topic: Topic, svg: str, folder: Path | None = None) -> Path:
    """Keep ``svg`` as ``topic``'s figure (whole or not at all) and drop older keys."""
    from mlinterview.study.atomic import atomic_write

    path = path_for(topic, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path, "w") as fh:
        fh.write(svg)
    for old in path.parent.glob(f"{topic.slug}-*.svg"):
        if old != path and len(old.stem) == len(path.stem):
            with contextlib.suppress(OSError):
                old.unlink()
    return path


class Shelf:
    """The figures the pages show: what is on disk when the server starts, then each
    missing one as soon as the background drawing has it. Reads never wait and never draw.
    """

    def __init__(self, cards: Iterable[Topic], folder: Path | None = None):
        self.folder = folder
        self._cards = [c for c in cards if c.figure is not None]
        self._svg: dict[str, str] = {}
        self._failed: dict[str, str] = {}
        self._lock = threading.Lock()
        for card in self._cards:
            svg = cached(card, folder)
            if svg is not None:
                self._svg[card.slug] = svg
        self.thread: threading.Thread | None = None

    def get(self, slug: str) -> str | None:
        """The SVG of ``slug``'s figure, or None while it is not drawn."""
        with self._lock:
            return self._svg.get(slug)

    @property
    def missing(self) -> list[str]:
        with self._lock:
            return [c.slug for c in self._cards if c.slug not in self._svg]

    def failed(self, slug: str) -> str | None:
        """Why ``slug``'s figure could not be drawn, if it could not."""
        with self._lock:
            return self._failed.get(slug)

    def fill(self, render: Render) -> None:
        """Draw every missing figure with ``render``, one after the other, and keep it."""
        for card in self._cards:
            if self.get(card.slug) is not None:
                continue
            try:
                svg = draw(card, render)
                store(card, svg, self.folder)
            except Exception as exc:  # one demo's failure must not stop the others
                with self._lock:
                    self._failed[card.slug] = f"{type(exc).__name__}: {exc}"
                continue
            with self._lock:
                self._svg[card.slug] = svg

    def fill_in_background(self, render: Render) -> threading.Thread | None:
        """Start :meth:`fill` in a daemon thread if anything is missing."""
        if not self.missing:
            return None
        self.thread = threading.Thread(target=self.fill, args=(render,),
                                       name="mlinterview-figures", daemon=True)
        self.thread.start()
        return self.thread
