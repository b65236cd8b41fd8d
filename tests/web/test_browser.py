"""The web app in a real browser: the system Chromium driven by Playwright against a live
uvicorn server. One person's session end to end (log in with the printed URL, answer a
topic's quick checks, run its demo with a changed parameter, submit a wrong and then a
right exercise solution, watch the due count move), then the same pages on a phone and
with JavaScript switched off."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from web_helpers import EXERCISE, SLUG, TOKEN

from mlinterview import exercises
from mlinterview.topics import get_topic
from mlinterview.web.app import create_app
from mlinterview.web.server import BACKLOG, bind

CHROMIUM = Path("/usr/bin/chromium")
EXERCISE_DIR = exercises.get(f"{SLUG}/precision-recall-f1").folder
PHONE = {"width": 390, "height": 844}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="/usr/bin/chromium is missing (make test installs it with apt)"),
]


@pytest.fixture
def live_url(study):
    """A uvicorn server on a free loopback port, in a thread, over the test's database."""
    import uvicorn

    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    sock.listen(BACKLOG)  # from here connections wait in the backlog: no need to poll
    app = create_app(TOKEN, study=study)
    server = uvicorn.Server(uvicorn.Config(app, log_level="error", access_log=False,
                                           lifespan="off", ws="none"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=60)
    sock.close()


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium per test module: launching it took ~1-3 s per test. Each
    test's pages still get their own browser context (cookies, storage, cache)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                              args=["--no-sandbox", "--disable-background-networking"])
        yield b
        b.close()


@pytest.fixture
def browser(chromium):
    """The module's Chromium; the contexts a test opened are closed after it."""
    yield chromium
    for context in chromium.contexts:
        context.close()


def open_page(browser, **context_options):
    """A page in a fresh context that records console errors (CSP violations land there)
    and any request that leaves the server."""
    context = browser.new_context(**context_options)
    # Only a guard against a hung page, never a speed limit: on a busy machine a demo
    # computed at low priority (nice 10) behind CPU-bound work can take tens of seconds.
    context.set_default_timeout(180_000)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("request", lambda r: r.url.startswith(("http://127.0.0.1", "data:", "about:"))
            or page.problems.append(f"external request {r.url}"))
    return page


def due_badge(page) -> int:
    badge = page.get_by_test_id("due-count")
    return int(badge.inner_text()) if badge.count() else 0


def answer_checks(page, slug: str) -> None:
    """Fill the quick-check form with the card's answer key."""
    form = page.get_by_test_id("checks-form").first
    for q in get_topic(slug).quick_checks:
        if q.kind == "choice":
            form.locator(f'input[name="{q.id}"][value="{q.answer}"]').check()
        else:
            form.locator(f'input[name="{q.id}"]').fill(str(q.answer))


def submit_solution(page, source: str) -> str:
    page.get_by_test_id("editor").fill(source)
    page.get_by_test_id("exercise-submit").click()
    page.get_by_test_id("verdict").wait_for()
    return page.get_by_test_id("verdict-name").inner_text()


def no_horizontal_scroll(page, width: int = PHONE["width"]) -> bool:
    """Nothing sticks out past ``width`` CSS pixels (compared with the fixed width: a
    mobile layout viewport may grow to fit wide content and hide the overflow)."""
    return page.evaluate(f"document.documentElement.scrollWidth <= {width}")


def test_a_study_session_end_to_end(browser, live_url, study):
    page = open_page(browser)
    # Log in with the printed URL: the token becomes a cookie and leaves the address bar.
    page.goto(f"{live_url}/?token={TOKEN}")
    assert page.url == f"{live_url}/"
    assert page.evaluate("document.documentElement.classList.contains('js')")
    due_before = due_badge(page)
    assert due_before > 0

    # The topic: MathML, the library code, the quick checks.
    page.locator(f'a[href="/topics/{SLUG}"]').first.click()
    page.get_by_test_id("topic-title").wait_for()
    assert page.locator("math").count() >= 3
    assert page.get_by_test_id("source-link").count() == len(get_topic(SLUG).library)
    answer_checks(page, SLUG)
    page.get_by_test_id("check-submit").click()
    outcome = page.get_by_test_id("outcome")
    outcome.wait_for()
    n = len(get_topic(SLUG).quick_checks)
    assert f"{n} of {n} right" in outcome.inner_text()
    assert page.get_by_test_id("rating").inner_text() == "good"
    assert due_badge(page) == due_before - 1
    assert len(study.reviews(SLUG)) == 1

    # The demo with a changed parameter: a new table and new figures.
    page.get_by_test_id("demo-link").first.click()
    page.get_by_test_id("demo-result").wait_for()
    first_figure = page.locator("figure svg").first.inner_html()
    page.locator('input[name="threshold"]').fill("0.3")
    page.get_by_test_id("demo-run").click()
    page.wait_for_url(re.compile(r"threshold=0\.3"))
    table = page.get_by_test_id("demo-table")
    assert "model @ 0.3" in table.inner_text()
    assert page.locator("figure svg").count() >= 2
    assert page.locator("figure svg").first.inner_html() != first_figure
    # An out-of-range value typed past the form's own limits gets the message, no result.
    page.goto(f"{live_url}/demos/{SLUG}?threshold=7")
    assert "threshold" in page.get_by_test_id("demo-error").inner_text()
    page.problems = [p for p in page.problems if "status of 400" not in p]  # that one, on purpose

    # The exercise: a wrong solution, then the right one.
    page.goto(f"{live_url}/topics/{SLUG}")
    page.get_by_test_id("exercise-link").first.click()
    page.get_by_test_id("editor").wait_for()
    wrong = (EXERCISE_DIR / "wrong" / "micro_instead_of_macro.py").read_text()
    assert submit_solution(page, wrong) == "Wrong answer"
    failure = page.get_by_test_id("first-failure").inner_text()
    assert "Expected" in failure and "Received" in failure
    # A failed exercise makes its card due again: the count goes back up.
    assert due_badge(page) == due_before
    assert submit_solution(page, (EXERCISE_DIR / "solution.py").read_text()) == "Accepted"
    assert page.get_by_test_id("attempts").locator("tbody tr").count() == 2

    # The review page offers the card that is due again; answering it lowers the count.
    page.get_by_test_id("nav-review").click()
    assert get_topic(SLUG).title in page.get_by_test_id("review-title").inner_text()
    remaining = int(page.get_by_test_id("review-remaining").inner_text())
    answer_checks(page, SLUG)
    page.get_by_test_id("check-submit").click()
    page.get_by_test_id("outcome").wait_for()
    assert int(page.get_by_test_id("review-remaining").inner_text()) == remaining - 1
    assert due_badge(page) == due_before - 1

    # The editor's Tab key indents instead of leaving the field (progressive JS).
    page.goto(f"{live_url}/exercises/{EXERCISE}")
    editor = page.get_by_test_id("editor")
    editor.fill("")
    editor.press("Tab")
    assert editor.input_value() == "    "
    assert page.problems == []


@pytest.fixture
def drawn_figure():
    """The card figure of SLUG drawn for real and kept where the app reads it at start-up
    (list this fixture before live_url)."""
    from mlinterview import figures

    card = get_topic(SLUG)
    figures.store(card, figures.draw(card))
    return card.figure


def test_the_card_figure_is_drawn_inline_and_fits_a_phone_and_a_laptop(drawn_figure, browser,
                                                                      live_url):
    for options in ({"viewport": PHONE, "is_mobile": True, "has_touch": True},
                    {"viewport": {"width": 1280, "height": 800}}):
        page = open_page(browser, **options)
        page.goto(f"{live_url}/topics/{SLUG}?token={TOKEN}")
        figure = page.get_by_test_id("card-figure")
        svg = figure.locator("svg").first
        assert svg.is_visible(), "the drawn figure is on the page"
        box = svg.bounding_box()
        width = options["viewport"]["width"]
        assert box["x"] > 0 and box["x"] + box["width"] <= width and box["height"] > 50
        assert drawn_figure.caption[:30] in figure.inner_text()
        assert no_horizontal_scroll(page, width)
        assert page.problems == []


def test_pages_fit_a_phone_screen(browser, live_url):
    page = open_page(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(f"{live_url}/?token={TOKEN}")
    urls = ["/", f"/topics/{SLUG}", f"/demos/{SLUG}", f"/exercises/{EXERCISE}", "/review",
            "/stats", "/search?q=precision", "/source/mlinterview.ml.metrics._classification",
            f"/topics/{SLUG}/answer", "/mock", "/journal", "/no/such/page"]
    wide = []
    for url in urls:
        page.goto(live_url + url)
        if not no_horizontal_scroll(page):
            wide.append(url)
    page.problems = [p for p in page.problems if "status of 404" not in p]  # /no/such/page
    # A verdict with its first failing case, and an open code block, must fit too.
    page.goto(f"{live_url}/exercises/{EXERCISE}")
    submit_solution(page, (EXERCISE_DIR / "wrong" / "f1_of_means.py").read_text())
    if not no_horizontal_scroll(page):
        wide.append("exercise verdict")
    page.goto(f"{live_url}/topics/{SLUG}")
    page.locator("details.symbol-code summary").first.click()
    if not no_horizontal_scroll(page):
        wide.append("open library code")
    assert wide == [], f"pages wider than a 390 px phone: {wide}"
    # The check itself notices overflow when there is some.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', "
                  "'<div style=\"width: 1200px\">wide</div>')")
    assert not no_horizontal_scroll(page)
    assert page.problems == []


def test_everything_works_without_javascript(browser, live_url, study):
    page = open_page(browser, java_script_enabled=False)
    page.goto(f"{live_url}/?token={TOKEN}")
    assert page.url == f"{live_url}/"
    # The quick checks post and come back graded.
    page.goto(f"{live_url}/topics/{SLUG}")
    answer_checks(page, SLUG)
    page.get_by_test_id("check-submit").click()
    n = len(get_topic(SLUG).quick_checks)
    assert f"{n} of {n} right" in page.get_by_test_id("outcome").inner_text()
    # Changing the rating is a plain form too.
    page.get_by_role("button", name="easy").click()
    assert page.get_by_test_id("rated-notice").is_visible()
    assert study.reviews(SLUG)[0]["rating"] == 4
    # The demo form is a GET form.
    page.goto(f"{live_url}/demos/{SLUG}")
    page.locator('input[name="threshold"]').fill("0.25")
    page.get_by_test_id("demo-run").click()
    assert "model @ 0.25" in page.get_by_test_id("demo-table").inner_text()
    # The judge answers a plain form post.
    page.goto(f"{live_url}/exercises/{EXERCISE}")
    assert submit_solution(page, (EXERCISE_DIR / "solution.py").read_text()) == "Accepted"
    # Without the script the area filter shows its button instead of submitting on change.
    page.goto(f"{live_url}/review")
    filter_button = page.get_by_role("button", name="Filter")
    assert filter_button.is_visible()
    page.locator('select[name="area"]').select_option(get_topic(SLUG).area)
    filter_button.click()
    assert f"area={get_topic(SLUG).area}" in page.url
    assert page.problems == []
