"""The /search page: results labelled by kind with links to their pages, snippets whose
text is escaped and whose matched words are marked, the nearest topics without a hit,
and 400 pages for a bad kind or a query too long. Plain HTML: a GET form, no script."""

from __future__ import annotations

import html
import re

from web_helpers import assert_error_page

from mlinterview import search
from mlinterview.search import MAX_QUERY, Doc, Index


def hits_of(page: str) -> list[tuple[str, str]]:
    """(kind, first link) of each result, in order."""
    return re.findall(r'<li class="hit \w+" data-kind="(\w+)">\s*<span[^>]*>\w+</span>\s*'
                      r'<a href="([^"]+)"', page)


def test_a_question_lists_its_card_first_then_exercises_and_demos(client):
    r = client.get("/search", params={"q": "How does SMOTE create new samples?"})
    assert r.status_code == 200
    hits = hits_of(r.text)
    assert hits[0] == ("card", "/topics/imbalanced-data")
    assert ("exercise", "/exercises/imbalanced-data/smote") in hits
    assert ("demo", "/demos/imbalanced-data") in hits
    assert '<a href="/topics/imbalanced-data">imbalanced-data</a>' in r.text  # "of" topic
    assert re.search(r"<mark>SMOTE</mark>", r.text, re.I)
    # Every link of the list opens a page.
    for _, url in hits[:5]:
        assert client.get(url).status_code == 200, url


def test_the_form_works_without_javascript(client):
    page = client.get("/search", params={"q": "recall", "kind": "exercise"}).text
    form = re.search(r'<form action="/search" method="get"[^>]*>(.*?)</form>', page, re.S)
    assert form and 'name="q"' in form.group(1) and 'name="kind"' in form.group(1)
    assert '<option value="exercise" selected>' in page
    kinds = {kind for kind, _ in hits_of(page)}
    assert kinds == {"exercise"}


def test_the_query_and_the_snippets_are_escaped(client, monkeypatch):
    hostile = "<script>alert(1)</script> & <b>bold</b>"
    doc = Doc("card", "svm", "svm", "linear-models", "A <i>title</i>", "/topics/svm",
              "mlinterview show svm",
              {name: "" for name in search.FIELDS} | {"body": f"before {hostile} after"})
    index = Index([doc])
    monkeypatch.setattr(search, "index", lambda: index)
    r = client.get("/search", params={"q": "<script>alert"})
    assert r.status_code == 200
    assert "<script>" not in r.text and "<b>bold" not in r.text and "<i>title" not in r.text
    snippet = re.search(r'<div class="snippet">(.*?)</div>', r.text, re.S).group(1)
    assert snippet == ("before &lt;<mark>script</mark>&gt;<mark>alert</mark>(1)&lt;/"
                       "<mark>script</mark>&gt; &amp; &lt;b&gt;bold&lt;/b&gt; after")
    assert "“&lt;script&gt;alert”" in r.text  # the query echoed, escaped


def test_no_hit_shows_the_nearest_topics(client):
    r = client.get("/search", params={"q": "kalmann filtr"})
    assert r.status_code == 200
    assert "No exact match" in r.text
    nearest = re.search(r'data-testid="nearest-topics">(.*?)</ul>', r.text, re.S).group(1)
    assert re.findall(r'href="([^"]+)"', nearest)[0] == "/topics/kalman-filter"
    nothing = client.get("/search", params={"q": "zzzz qqqq"}).text
    assert "no topic looks like it" in html.unescape(nothing)


def test_an_empty_query_shows_only_the_form(client):
    page = client.get("/search").text
    assert 'name="q"' in page and "search-results" not in page and "no-match" not in page


def test_bad_parameters_are_400_pages(client):
    message = assert_error_page(client.get("/search", params={"q": "x" * (MAX_QUERY + 1)}),
                                400)
    assert "longer than" in message
    message = assert_error_page(client.get("/search", params={"q": "x", "kind": "video"}),
                                400)
    assert "kind" in message and "video" in message
    assert client.get("/search", params={"q": "x" * MAX_QUERY}).status_code == 200


def test_fts_syntax_gets_a_page_not_an_error(client):
    for q in ('"AND (', "NEAR*", "title: recall", "((", "\x00"):
        assert client.get("/search", params={"q": q}).status_code == 200, q
