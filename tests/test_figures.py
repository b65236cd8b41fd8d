"""The figure a card shows inline: drawn from its demo once, kept on disk under a key of
the demo's source, never drawn for a request."""

from __future__ import annotations

import threading

import pytest

from mlinterview import figures
from mlinterview.topics import all_topics

CARDS = all_topics()
WITH_FIGURE = [t for t in CARDS.values() if t.figure is not None]
pytestmark = pytest.mark.skipif(not WITH_FIGURE, reason="no card names a figure yet")


def fake_render(calls):
    """A render that draws nothing: it names the figure the card wants, and counts."""
    def render(demo_id, params):
        calls.append(demo_id)
        names = {t.figure.name for t in WITH_FIGURE if t.figure.demo == demo_id}
        return {"figures": [(name, f"<svg><!-- {demo_id} {name} --></svg>") for name in names]}
    return render


def test_the_key_changes_with_any_source_the_name_or_the_version():
    base = figures.figure_key([b"demo", b"framework"], "roc", "3.9")
    assert base == figures.figure_key([b"demo", b"framework"], "roc", "3.9")
    assert len({base, figures.figure_key([b"demo!", b"framework"], "roc", "3.9"),
                figures.figure_key([b"demo", b"framework", b""], "roc", "3.9"),
                figures.figure_key([b"demofr", b"amework"], "roc", "3.9"),
                figures.figure_key([b"demo", b"framework"], "pr", "3.9"),
                figures.figure_key([b"demo", b"framework"], "roc", "3.10")}) == 6


def test_a_figure_is_drawn_once_and_then_read_from_disk(tmp_path):
    card = WITH_FIGURE[0]
    calls: list[str] = []
    shelf = figures.Shelf([card], folder=tmp_path)
    assert shelf.get(card.slug) is None and shelf.missing == [card.slug]
    shelf.fill(fake_render(calls))
    assert calls == [card.figure.demo]
    assert shelf.get(card.slug).startswith("<svg>") and shelf.missing == []
    again = figures.Shelf([card], folder=tmp_path)  # a restart: read, not drawn
    assert again.get(card.slug) == shelf.get(card.slug)
    assert again.fill_in_background(fake_render(calls)) is None and calls == [card.figure.demo]


def test_a_changed_demo_is_drawn_again_and_its_old_file_removed(tmp_path, monkeypatch):
    card = WITH_FIGURE[0]
    first = figures.store(card, "<svg>old</svg>", tmp_path)
    original = figures._sources
    edited = tmp_path / "edited_demo.py"
    edited.write_text("# the demo, edited\n")
    monkeypatch.setattr(figures, "_sources", lambda demo_id: [*original(demo_id), edited])
    assert figures.cached(card, tmp_path) is None  # the key moved on
    second = figures.store(card, "<svg>new</svg>", tmp_path)
    assert second != first and not first.exists()
    assert figures.cached(card, tmp_path) == "<svg>new</svg>"


def test_a_failing_demo_is_reported_and_the_others_still_drawn(tmp_path):
    cards = WITH_FIGURE[:2]
    calls: list[str] = []
    good = fake_render(calls)

    def render(demo_id, params):
        if demo_id == cards[0].figure.demo:
            raise RuntimeError("boom")
        return good(demo_id, params)

    shelf = figures.Shelf(cards, folder=tmp_path)
    shelf.fill(render)
    assert shelf.failed(cards[0].slug) == "RuntimeError: boom"
    assert shelf.get(cards[0].slug) is None
    if len(cards) > 1 and cards[1].figure.demo != cards[0].figure.demo:
        assert shelf.get(cards[1].slug) is not None


def test_a_figure_name_the_demo_does_not_draw_is_an_error():
    card = WITH_FIGURE[0]
    with pytest.raises(ValueError, match=f"figure: demo {card.figure.demo!r} draws"):
        figures.draw(card, lambda demo_id, params: {"figures": [("other", "<svg/>")]})


def test_the_real_demo_draws_the_named_figure():
    # The cheapest card figure, drawn for real in this process.
    card = CARDS.get("binomial") or WITH_FIGURE[0]
    svg = figures.draw(card)
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")


def test_the_background_fill_runs_in_its_own_thread(tmp_path):
    card = WITH_FIGURE[0]
    entered, release = threading.Event(), threading.Event()
    calls: list[str] = []
    inner = fake_render(calls)

    def slow_render(demo_id, params):
        entered.set()
        release.wait()  # held until the test has read the shelf
        return inner(demo_id, params)

    shelf = figures.Shelf([card], folder=tmp_path)
    thread = shelf.fill_in_background(slow_render)
    assert entered.wait(timeout=60)
    assert shelf.get(card.slug) is None  # a read while it draws: no waiting, no figure
    release.set()
    thread.join(timeout=60)
    assert shelf.get(card.slug) is not None
