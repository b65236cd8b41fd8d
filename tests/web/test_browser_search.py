"""Search in a real browser (the system Chromium, Playwright, a live server; fixtures shared
with test_browser.py): a question typed in the header's box finds its card, highlighted;
the kind filter; the nearest topics when nothing matches; a phone screen."""

from __future__ import annotations

import pytest
from test_browser import CHROMIUM, browser, chromium, live_url, no_horizontal_scroll, open_page
from web_helpers import TOKEN

__all__ = ["browser", "chromium", "live_url"]  # fixtures, imported for pytest to find

PHONE = {"width": 375, "height": 812}

pytestmark = [
    pytest.mark.browser, pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="/usr/bin/chromium is missing (make test installs it with apt)"),
]


def hits(page) -> list[tuple[str, str]]:
    """(kind, link text) of each result, in order."""
    items = page.locator("[data-testid=search-results] li")
    return [(items.nth(i).get_attribute("data-kind"), items.nth(i).locator("a").first.inner_text())
            for i in range(items.count())]


def test_a_question_in_the_header_finds_its_card(browser, live_url):
    page = open_page(browser)
    page.goto(f"{live_url}/?token={TOKEN}")
    box = page.locator("header form.search input[name=q]")
    box.fill("How does SMOTE create new samples?")
    box.press("Enter")
    page.get_by_test_id("search-results").wait_for()
    found = hits(page)
    assert found[0] == ("card", "Dealing with an imbalanced data set")
    assert {"exercise", "demo"} <= {kind for kind, _ in found}  # not only cards
    marks = page.locator("[data-testid=search-results] mark")
    assert marks.count() > 0 and "smote" in {marks.nth(i).inner_text().lower()
                                             for i in range(marks.count())}

    # Only exercises, from the page's own form.
    page.locator("main select[name=kind]").select_option("exercise")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**kind=exercise**")
    assert {kind for kind, _ in hits(page)} == {"exercise"}

    # Words no card uses: the nearest topics instead of an empty page.
    page.goto(f"{live_url}/search?q=kalmann+filtr")
    assert "nearest topics" in page.get_by_test_id("no-match").inner_text()
    nearest = page.get_by_test_id("nearest-topics").inner_text().lower()
    assert "kalman" in nearest
    assert page.problems == []


def test_results_fit_a_phone_screen(browser, live_url):
    page = open_page(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(f"{live_url}/?token={TOKEN}")
    for query in ("What is the difference between precision and recall?",
                  "How should I pick the cut-off on predicted probabilities?",
                  "x" * 200):
        page.goto(f"{live_url}/search?q={query}")
        assert no_horizontal_scroll(page), query
    assert page.problems == []
