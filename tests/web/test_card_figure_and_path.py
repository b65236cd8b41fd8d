"""A topic page shows its card's figure inline (drawn at start-up, never per request), what
to read first and what comes next; the home page can list every topic in study order."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient
from web_helpers import BASE, COOKIE, TOKEN

from mlinterview import figures, topics
from mlinterview.web.app import create_app

CARDS = topics.all_topics()
WITH_FIGURE = [t for t in CARDS.values() if t.figure is not None]
WITH_PREREQUISITES = [t for t in CARDS.values() if t.prerequisites]


def client_for(app):
    c = TestClient(app, base_url=BASE, raise_server_exceptions=False)
    c.cookies.set(COOKIE, TOKEN)
    return c


@pytest.mark.skipif(not WITH_FIGURE, reason="no card names a figure yet")
def test_a_drawn_figure_is_shown_inline_with_its_caption(study, monkeypatch):
    card = WITH_FIGURE[0]
    figures.store(card, '<svg data-testid="drawn"><!-- drawn --></svg>')
    # A request must never draw: a call now would fail the test.
    monkeypatch.setattr(figures, "draw", lambda *a, **k: pytest.fail("drawn per request"))
    with client_for(create_app(TOKEN, study=study)) as c:
        page = c.get(f"/topics/{card.slug}").text
    found = re.search(r'<figure class="card-figure" data-testid="card-figure">(.*?)</figure>',
                      page, re.S)
    assert found and '<svg data-testid="drawn">' in found.group(1)
    assert "figure-pending" not in page
    assert card.figure.caption.split()[0] in found.group(1)
    # Inside "The answer", after its text.
    answer = page.index("<h2>The answer</h2>")
    assert answer < page.index('data-testid="card-figure"') < page.index("<h2>Key points</h2>")


@pytest.mark.skipif(not WITH_FIGURE, reason="no card names a figure yet")
def test_a_figure_not_drawn_yet_leaves_a_note_and_a_link_to_the_demo(client, monkeypatch):
    card = WITH_FIGURE[0]
    monkeypatch.setattr(figures, "draw", lambda *a, **k: pytest.fail("drawn per request"))
    page = client.get(f"/topics/{card.slug}").text
    assert 'data-testid="figure-pending"' in page
    assert f'href="/demos/{card.figure.demo}"' in page


@pytest.mark.skipif(not WITH_PREREQUISITES, reason="no card lists prerequisites yet")
def test_a_topic_page_lists_what_to_read_first_and_what_comes_next(client):
    card = WITH_PREREQUISITES[0]
    page = client.get(f"/topics/{card.slug}").text
    first = re.search(r'data-testid="read-first">(.*?)</p>', page, re.S).group(1)
    for slug in card.prerequisites:
        assert f'href="/topics/{slug}"' in first
    before = CARDS[card.prerequisites[0]]
    after = client.get(f"/topics/{before.slug}").text
    following = re.search(r'data-testid="comes-next">(.*?)</p>', after, re.S).group(1)
    assert f'href="/topics/{card.slug}"' in following


def test_the_home_page_lists_every_topic_after_its_prerequisites(client):
    page = client.get("/?order=path").text
    listed = re.findall(r'<li id="([a-z0-9-]+)" data-slug=', page)
    assert sorted(listed) == sorted(CARDS)
    position = {slug: i for i, slug in enumerate(listed)}
    for slug, card in CARDS.items():
        assert all(position[p] < position[slug] for p in card.prerequisites), slug
    assert 'data-testid="order-path"' in client.get("/").text


def test_an_unknown_order_is_a_400(client):
    r = client.get("/?order=random")
    assert r.status_code == 400 and "order: expected 'area' or 'path'" in html.unescape(r.text)
