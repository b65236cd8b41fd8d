"""Every page of the web app through the test client: what each shows, what a form post
does to the study database, and the error page for every way a URL can be wrong."""

from __future__ import annotations

import html
import inspect
import re
from pathlib import Path

import numpy as np
import pytest
from web_helpers import EXERCISE, SLUG, assert_error_page

from mlinterview import exercises
from mlinterview.demos import registry as demo_registry
from mlinterview.topics import all_topics, get_topic

EXERCISE_DIR = exercises.get(f"{SLUG}/precision-recall-f1").folder


def right_answers(slug: str) -> dict[str, str]:
    """The card's own answer key, written the way a person would type it."""
    answers = {}
    for q in get_topic(slug).quick_checks:
        answers[q.id] = str(q.answer)
    return answers


def wrong_answers(slug: str) -> dict[str, str]:
    answers = {}
    for q in get_topic(slug).quick_checks:
        if q.kind == "choice":
            answers[q.id] = str((q.answer + 1) % len(q.choices))
        elif q.kind == "numeric":
            answers[q.id] = str(q.answer + 100 * max(q.tolerance, 1.0))
        else:
            answers[q.id] = "certainly not this"
    return answers


def badge(page: str) -> int | None:
    """The due count in the menu, or None when the badge is not shown."""
    found = re.search(r'data-testid="due-count">(\d+)<', page)
    return int(found.group(1)) if found else None


def text_of(page: str, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}"[^>]*>(.*?)<', page, re.S)
    assert found, f"no element with data-testid={testid!r}"
    return found.group(1).strip()


def textarea(page: str) -> str:
    found = re.search(r'<textarea[^>]*name="source"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, "no editor on the page"
    return html.unescape(found.group(1))


# -- home, topics -------------------------------------------------------------------------


def test_home_lists_every_area_and_written_topic_with_the_due_count(client):
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    page = r.text
    for slug, topic in all_topics().items():
        assert f'href="/topics/{slug}"' in page
        assert topic.title in html.unescape(page)
    # A fresh database: every card is new, so all of them are due (new_per_day is 10).
    expected_due = min(10, len(all_topics()))
    assert badge(page) == expected_due
    assert "0</strong> reviews so far" in page.replace('data-testid="reviews-total">', "")


def test_a_listed_slug_without_a_card_is_shown_as_not_written_yet(hidden_card, client):
    # The home page is built with the app (hidden_card comes first), as a server builds it
    # from the cards it finds at start-up.
    page = client.get("/").text
    assert f'href="/topics/{hidden_card}"' not in page
    assert re.search(rf"{hidden_card}</span>\s*<span[^>]*>not written yet", page)


def test_topics_index_redirects_home(client):
    r = client.get("/topics", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_topic_page_has_mathml_code_source_links_and_quick_checks(client):
    topic = get_topic(SLUG)
    page = client.get(f"/topics/{SLUG}").text
    assert topic.title in html.unescape(page)
    # Math becomes MathML, not raw LaTeX between dollars.
    assert page.count("<math") >= 3
    assert "$$" not in page
    # Highlighted library code, shown in the page (Pygments marks keywords with class "k").
    assert '<div class="highlight">' in page
    assert re.search(r'<span class="k">def</span>(<span class="w">)? (</span>)?'
                     r'<span class="nf">confusion_matrix</span>', page)
    # Every library symbol links to its module's source page at the line of its def.
    links = re.findall(r'href="/source/([\w.]+)\?symbol=([\w.%]+)#L-(\d+)"', page)
    assert len(links) == len(topic.library)
    for module, _symbol, _line in links:
        assert module.startswith("mlinterview.ml.")
    module, symbol, line = links[0]
    name = symbol.rsplit(".", 1)[-1]
    source = client.get(f"/source/{module}", params={"symbol": symbol})
    assert source.status_code == 200
    assert f'id="L-{line}"' in source.text
    # The anchor points at the real definition in the file on disk.
    import importlib

    path = inspect.getsourcefile(importlib.import_module(module))
    assert Path(path).read_text().splitlines()[int(line) - 1].startswith(f"def {name}(")
    # The quick-check form: one fieldset per check, radios for choices, posting to /check.
    assert f'action="/topics/{SLUG}/check#checks"' in page
    for q in topic.quick_checks:
        assert f'data-testid="check-{q.id}"' in page
        if q.kind == "choice":
            assert page.count(f'type="radio" name="{q.id}"') == len(q.choices)
        else:
            assert f'type="text" name="{q.id}"' in page
    # Links to its demo and exercise.
    assert f'href="/demos/{SLUG}"' in page
    assert f'href="/exercises/{EXERCISE}"' in page


def test_unknown_topic_is_a_404_page_that_suggests_close_slugs(client):
    message = assert_error_page(client.get("/topics/clasification-metric"), 404)
    assert "clasification-metric" in html.unescape(message)
    assert "did you mean" in message and SLUG in message


def test_answering_the_quick_checks_grades_records_a_review_and_lowers_the_due_count(
        client, study):
    before = badge(client.get("/").text)
    r = client.post(f"/topics/{SLUG}/check", data=right_answers(SLUG))
    assert r.status_code == 200
    page = r.text
    n = len(get_topic(SLUG).quick_checks)
    assert f"{n} of {n} right" in page
    assert text_of(page, "rating") == "good"
    for q in get_topic(SLUG).quick_checks:
        assert re.search(rf'class="right" data-testid="result-{q.id}"', page)
    reviews = study.reviews(SLUG)
    assert len(reviews) == 1
    assert reviews[0]["rating"] == 3 and reviews[0]["correct"] == n
    assert badge(page) == before - 1  # the card is scheduled, no longer due
    assert "next review" in client.get(f"/topics/{SLUG}").text


def test_wrong_answers_are_marked_and_rated_again(client, study):
    page = client.post(f"/topics/{SLUG}/check", data=wrong_answers(SLUG)).text
    checks = get_topic(SLUG).quick_checks
    assert f"0 of {len(checks)} right" in page
    for q in checks:
        assert re.search(rf'class="wrong" data-testid="result-{q.id}"', page)
    assert text_of(page, "rating") == "again"
    assert study.reviews(SLUG)[0]["rating"] == 1
    # The answers given are kept in the form, so the page can be corrected and resent.
    choice = next(q for q in checks if q.kind == "choice")
    given = wrong_answers(SLUG)[choice.id]
    assert re.search(rf'name="{choice.id}" value="{given}"\s*checked', page)


def test_an_unanswered_form_counts_every_check_as_wrong(client, study):
    page = client.post(f"/topics/{SLUG}/check", data={}).text
    assert f"0 of {len(get_topic(SLUG).quick_checks)} right" in page
    assert len(study.reviews(SLUG)) == 1


def test_changing_the_rating_reschedules_and_redirects_to_the_topic(client, study):
    client.post(f"/topics/{SLUG}/check", data=right_answers(SLUG))
    uid = study.reviews(SLUG)[0]["uid"]
    r = client.post(f"/reviews/{uid}/rating", data={"rating": "4", "next": f"/topics/{SLUG}"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/topics/{SLUG}?rated=4"
    assert study.reviews(SLUG)[0]["rating"] == 4
    assert 'data-testid="rated-notice"' in client.get(r.headers["location"]).text


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "javascript:x",
                                    "/\\evil.example", "/\t/evil.example", "/\n/evil.example",
                                    "\\\\evil.example", "/%2f/evil.example"])
def test_the_rating_redirect_never_leaves_the_app(client, study, target):
    client.post(f"/topics/{SLUG}/check", data=right_answers(SLUG))
    uid = study.reviews(SLUG)[0]["uid"]
    r = client.post(f"/reviews/{uid}/rating", data={"rating": "2", "next": target},
                    follow_redirects=False)
    assert r.headers["location"] == f"/topics/{SLUG}?rated=2"


def test_the_rating_redirect_goes_back_to_the_review_page(client, study):
    client.post(f"/topics/{SLUG}/check", data=right_answers(SLUG))
    uid = study.reviews(SLUG)[0]["uid"]
    r = client.post(f"/reviews/{uid}/rating", data={"rating": "1", "next": "/review"},
                    follow_redirects=False)
    assert r.headers["location"] == "/review?rated=1"


def test_bad_ratings_get_error_pages(client, study):
    assert "rating" in assert_error_page(
        client.post("/reviews/nope/rating", data={"rating": "x"}), 400)
    assert "no review" in assert_error_page(
        client.post("/reviews/nope/rating", data={"rating": "3"}), 404)
    client.post(f"/topics/{SLUG}/check", data=right_answers(SLUG))
    uid = study.reviews(SLUG)[0]["uid"]
    assert "rating" in assert_error_page(
        client.post(f"/reviews/{uid}/rating", data={"rating": "7"}), 400)


# -- demos -------------------------------------------------------------------------------


def test_demo_index_links_every_registered_demo(client):
    page = client.get("/demos").text
    for demo_id, spec in demo_registry().items():
        assert f'href="/demos/{demo_id}"' in page
        assert spec.title in html.unescape(page)


def test_demo_form_is_built_from_the_parameters(client):
    spec = demo_registry()[SLUG]
    page = client.get(f"/demos/{SLUG}").text
    assert 'data-testid="demo-form"' in page and 'method="get"' in page
    for p in spec.params:
        assert f'name="{p.name}"' in page
        if p.param.lo is not None:
            assert f'min="{p.param.lo}"' in page


@pytest.mark.slow  # two demo runs with SVG rendering: a few seconds on a busy core
def test_demo_with_changed_parameters_shows_svg_figures_and_the_new_table(client):
    from mlinterview.demos.evaluation.classification_metrics import make_scores

    params = {"threshold": "0.3", "n_samples": "2000", "positive_rate": "0.05"}
    r = client.get(f"/demos/{SLUG}", params=params)
    assert r.status_code == 200
    page = r.text
    # Figures inline as SVG (no image files, no external URLs).
    figures = re.findall(r'<figure data-testid="figure-[^"]+">\s*(<\?xml[^>]*>\s*)?'
                         r'(<!DOCTYPE[^>]*>\s*)?<svg', page)
    assert len(figures) >= 2
    assert "<img" not in page
    # The table is recomputed for the parameters: its accuracy at threshold 0.3 equals the
    # share of samples whose thresholded score matches the label.
    assert "<th>model @ 0.3</th>" in page
    y, scores = make_scores(2000, 0.05, 2.0, 0)
    accuracy = np.mean((scores >= 0.3).astype(int) == y)
    row = re.search(r"<tr><td>accuracy</td><td>([\d.]+)</td><td>([\d.]+)</td></tr>", page)
    assert row, "no accuracy row in the table"
    assert float(row.group(2)) == pytest.approx(accuracy, abs=5e-5)
    assert float(row.group(1)) == pytest.approx(1 - y.mean(), abs=5e-5)
    # The form keeps the values that were run.
    assert re.search(r'name="threshold" value="0.3"', page)
    other = client.get(f"/demos/{SLUG}", params={**params, "threshold": "0.7"}).text
    assert "<th>model @ 0.7</th>" in other and "<th>model @ 0.3</th>" not in other


@pytest.mark.parametrize(("params", "words"), [
    ({"threshold": "2"}, ["threshold", "1"]),
    ({"n_samples": "5"}, ["n_samples", "200"]),
    ({"threshold": "abc"}, ["threshold"]),
    ({"threshold": "nan"}, ["threshold"]),
    ({"bogus": "1"}, ["bogus", "threshold"]),
])
def test_out_of_range_demo_parameters_give_a_400_page_with_the_message(client, params, words):
    r = client.get(f"/demos/{SLUG}", params=params)
    assert r.status_code == 400
    assert "Traceback" not in r.text
    message = html.unescape(text_of(r.text, "demo-error"))
    for word in words:
        assert word in message
    assert 'data-testid="demo-form"' in r.text  # the form is there to fix it
    assert 'data-testid="demo-result"' not in r.text


RULED = [(demo_id, spec) for demo_id, spec in sorted(demo_registry().items()) if spec.rules]


@pytest.mark.parametrize(("demo_id", "spec"), RULED, ids=[d for d, _ in RULED])
def test_a_combination_that_breaks_a_demo_rule_is_a_400_page(client, demo_id, spec):
    # These once reached the demo and came back as a 500 (a bare ValueError in the run).
    from demo_rules import breaking

    form = client.get(f"/demos/{demo_id}").text
    listed = html.unescape(text_of(form, "demo-rules"))
    for rule in spec.rules:
        assert rule.text in listed
        values = breaking(spec, rule)
        r = client.get(f"/demos/{demo_id}", params={k: str(v) for k, v in values.items()})
        assert r.status_code == 400 and "Traceback" not in r.text
        assert html.unescape(text_of(r.text, "demo-error")).startswith(rule.text + "; got ")
        assert 'data-testid="demo-form"' in r.text


def test_a_param_error_found_during_the_run_is_a_400_page(client, monkeypatch):
    from mlinterview.demos import ParamError
    from mlinterview.web.routes import demos as demo_routes

    def refuses(demo_id, params):
        raise ParamError("n_samples: too few for 5 folds")

    monkeypatch.setattr(demo_routes, "run_demo", refuses)
    r = client.get(f"/demos/{SLUG}", params={"n_samples": "211"})
    assert r.status_code == 400
    assert html.unescape(text_of(r.text, "demo-error")) == "n_samples: too few for 5 folds"


def test_a_run_stopped_at_its_cpu_budget_is_a_422_page_that_keeps_the_values(client,
                                                                             monkeypatch):
    from mlinterview.demos._worker import DemoTooLong
    from mlinterview.web.routes import demos as demo_routes

    def too_long(demo_id, params):
        raise DemoTooLong(demo_id, 120)

    monkeypatch.setattr(demo_routes, "run_demo", too_long)
    r = client.get(f"/demos/{SLUG}", params={"n_samples": "5000"})
    assert r.status_code == 422
    assert html.unescape(text_of(r.text, "demo-error")) == (
        "The demo was stopped after 120 s of computing: these settings ask for more. "
        "Lower the largest sizes, steps or rounds.")
    assert re.search(r'name="n_samples" value="5000"', r.text)


def test_unknown_demo_is_a_404_page_that_suggests_close_ids(client):
    message = html.unescape(assert_error_page(client.get("/demos/classification-metric"), 404))
    assert "classification-metric'" in message and SLUG in message
    assert_error_page(client.get("/demos/zzzz/yyyy"), 404)


# -- exercises ---------------------------------------------------------------------------


def test_exercise_index_lists_every_exercise(client):
    page = client.get("/exercises").text
    for exercise_id in exercises.registry():
        assert f'href="/exercises/{exercise_id}"' in page


def test_exercise_page_has_the_statement_and_the_starter_in_the_editor(client):
    exercise = exercises.get(EXERCISE)
    page = client.get(f"/exercises/{EXERCISE}").text
    title = exercise.statement.splitlines()[0].lstrip("# ").strip()
    assert title in html.unescape(page)
    assert textarea(page) == exercise.starter
    assert f'action="/exercises/{EXERCISE}"' in page and 'method="post"' in page


def test_a_wrong_then_a_right_solution_get_their_verdicts_and_are_stored(client, study):
    wrong = (EXERCISE_DIR / "wrong" / "micro_instead_of_macro.py").read_text()
    right = (EXERCISE_DIR / "solution.py").read_text()

    page = client.post(f"/exercises/{EXERCISE}", data={"source": wrong}).text
    assert text_of(page, "verdict-name") == "Wrong answer"
    failure = re.search(r'data-testid="first-failure">(.*?)</dl>', page, re.S)
    assert failure, "a wrong answer must show its first failing case"
    for label in ("Input", "Expected", "Received"):
        assert f"<dt>{label}</dt>" in failure.group(1)
    assert textarea(page) == wrong  # the editor keeps what was sent
    attempts = study.attempts(EXERCISE)
    assert [a["verdict"] for a in attempts] == ["wrong answer"]
    # A failed exercise makes its card due now.
    assert any(d.slug == SLUG and not d.new for d in study.due())

    page = client.post(f"/exercises/{EXERCISE}", data={"source": right}).text
    assert text_of(page, "verdict-name") == "Accepted"
    assert 'data-testid="first-failure"' not in page
    passed = re.search(r"(\d+) of (\d+) cases passed", page)
    assert passed and passed.group(1) == passed.group(2) and int(passed.group(1)) > 0
    assert [a["verdict"] for a in study.attempts(EXERCISE)] == ["accepted", "wrong answer"]
    # Both attempts are listed, and the index marks the exercise solved.
    assert page.count("<td>wrong answer</td>") == 1 and page.count("<td>accepted</td>") == 1
    row = re.search(rf'href="/exercises/{EXERCISE}">.*?</tr>', client.get("/exercises").text,
                    re.S)
    assert "<td>2</td>" in row.group(0) and "✓" in row.group(0)
    # Coming back, the editor holds the latest attempt.
    assert textarea(client.get(f"/exercises/{EXERCISE}").text) == right


def test_a_file_that_does_not_parse_gets_a_syntax_error_verdict(client, study):
    page = client.post(f"/exercises/{EXERCISE}", data={"source": "def broken(:\n"}).text
    assert text_of(page, "verdict-name") == "Syntax error"
    assert study.attempts(EXERCISE)[0]["verdict"] == "syntax error"


def test_an_empty_editor_is_a_400_page_and_stores_nothing(client, study):
    assert "source" in assert_error_page(
        client.post(f"/exercises/{EXERCISE}", data={"source": "   "}), 400)
    assert "source" in assert_error_page(client.post(f"/exercises/{EXERCISE}", data={}), 400)
    assert study.attempts(EXERCISE) == []


def test_uploaded_files_are_refused(client):
    r = client.post(f"/exercises/{EXERCISE}", files={"source": ("a.py", b"x = 1\n")})
    assert "file uploads" in assert_error_page(r, 400)


def test_solution_and_starter_download(client):
    exercise = exercises.get(EXERCISE)
    page = client.get(f"/exercises/{EXERCISE}/solution").text
    assert '<div class="highlight">' in page
    for wrong in exercise.wrong:
        assert wrong.mistake in html.unescape(page)
    r = client.get(f"/exercises/{EXERCISE}/starter.py")
    assert r.status_code == 200 and r.text == exercise.starter
    assert r.headers["content-disposition"] == 'attachment; filename="precision_recall_f1.py"'


def test_unknown_exercise_is_a_404_page_that_suggests_close_ids(client):
    message = html.unescape(assert_error_page(
        client.get(f"/exercises/{SLUG}/precision-recall"), 404))
    assert "did you mean" in message and EXERCISE in message
    assert_error_page(client.post("/exercises/no/such", data={"source": "x = 1"}), 404)
    assert_error_page(client.get("/exercises/no/such/solution"), 404)


# -- review, stats, search ---------------------------------------------------------------


def test_review_page_shows_the_next_card_and_answering_it_moves_on(client, study):
    page = client.get("/review").text
    title = text_of(page, "review-title")
    remaining = int(text_of(page, "review-remaining"))
    slug = next(d.slug for d in study.due())
    assert get_topic(slug).title in html.unescape(title)
    assert f'action="/review/{slug}"' in page
    page = client.post(f"/review/{slug}", data=right_answers(slug)).text
    assert 'data-testid="outcome"' in page
    assert int(text_of(page, "review-remaining")) == remaining - 1
    assert text_of(page, "review-total") == "1"
    assert len(study.reviews(slug)) == 1


def test_review_filtered_by_area(client):
    topic = get_topic(SLUG)
    page = client.get("/review", params={"area": topic.area}).text
    slugs = re.findall(r'action="/review/([\w-]+)"', page)
    assert slugs and all(get_topic(s).area == topic.area for s in slugs)
    assert 'name="area" value="' + topic.area + '"' in page  # kept for the post


def test_review_with_nothing_due_says_so(client, study):
    study.set_setting("new_per_day", 0)
    page = client.get("/review").text
    assert 'data-testid="nothing-due"' in page
    assert badge(page) is None


def test_review_of_an_unknown_area_or_slug_gets_error_pages(client):
    assert "area" in assert_error_page(client.get("/review", params={"area": "zzz"}), 400)
    assert_error_page(client.post("/review/no-such-topic", data={}), 404)


def test_stats_page_heatmap_and_progress_follow_the_reviews(client):
    page = client.get("/stats").text
    assert text_of(page, "stats-reviews-total") == "0"
    rows = re.findall(r"<tr><th>(Mon|Tue|Wed|Thu|Fri|Sat|Sun)</th>(.*?)</tr>", page, re.S)
    assert [r[0] for r in rows] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert all(r[1].count("<td") == 26 for r in rows)
    assert not re.search(r'class="l[1-4]', page)
    client.post(f"/topics/{SLUG}/check", data=right_answers(SLUG))
    page = client.get("/stats").text
    assert text_of(page, "stats-reviews-total") == "1"
    assert len(re.findall(r'class="l[1-4]', page)) == 1  # today's cell lights up
    assert re.search(r": 1 review\(s\)", page)
    assert "<progress" in page


def test_search_finds_topics_by_keyword(client):
    page = client.get("/search", params={"q": "precision"}).text
    results = re.search(r'data-testid="search-results">(.*?)</ul>', page, re.S).group(1)
    assert f'href="/topics/{SLUG}"' in results
    assert 'value="precision"' in page


def test_search_escapes_the_query_and_caps_its_length(client):
    page = client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "q" in assert_error_page(client.get("/search", params={"q": "a" * 5000}), 400)
    empty = client.get("/search", params={"q": ""})
    assert empty.status_code == 200 and 'data-testid="search-results"' not in empty.text


# -- library source, static assets --------------------------------------------------------


def test_source_page_shows_a_library_module_with_line_anchors(client):
    page = client.get("/source/mlinterview.ml.metrics._classification").text
    assert '<div class="highlight">' in page
    assert 'id="L-1"' in page
    assert "confusion_matrix" in page


@pytest.mark.parametrize("module", [
    "os", "mlinterview.web.app", "mlinterview.study.store", "mlinterview",
    "mlinterview.ml.no_such_module", "mlinterview.mlx", "mlinterview.ml..metrics",
    "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "mlinterview.ml%2F..%2Fweb.app",
])
def test_source_page_refuses_anything_but_the_library(client, module):
    r = client.get(f"/source/{module}")
    assert r.status_code == 404
    assert_error_page(r, 404)
    assert "root:" not in r.text and "create_app" not in r.text


def test_static_assets_and_pygments_css_are_served(client):
    css = client.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    js = client.get("/static/app.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    pyg = client.get("/assets/pygments.css")
    assert pyg.status_code == 200 and ".highlight" in pyg.text


def test_pages_load_nothing_from_the_internet(client):
    for url in ("/", f"/topics/{SLUG}", f"/demos/{SLUG}", f"/exercises/{EXERCISE}", "/stats"):
        page = client.get(url).text
        assert not re.search(r'(src|href)="(https?:)?//', page), url
        for ref in re.findall(r'<(?:link|script)[^>]+(?:src|href)="([^"]+)"', page):
            if not ref.startswith("data:"):  # the empty favicon is inline
                assert client.get(ref).status_code == 200, ref


# -- errors are pages --------------------------------------------------------------------


def test_unknown_paths_and_methods_get_error_pages(client):
    assert "/no/such/page" in assert_error_page(client.get("/no/such/page"), 404)
    assert_error_page(client.post("/", data={}), 405)
    assert_error_page(client.get("/static/no-such-file.css"), 404)


def test_an_unexpected_error_is_a_500_page_without_a_traceback(client, monkeypatch, caplog):
    import mlinterview.search

    def explode(q, **options):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(mlinterview.search, "find", explode)
    r = client.get("/search", params={"q": "x"})
    message = assert_error_page(r, 500)
    assert "secret internal detail" not in r.text
    assert "terminal" in message
    assert "secret internal detail" in caplog.text  # the details go to the log instead


# -- every page of the content -----------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(all_topics()))
def test_every_topic_page_renders_its_card_sections_and_quick_checks(client, slug):
    topic = get_topic(slug)
    r = client.get(f"/topics/{slug}")
    assert r.status_code == 200, r.text[:500]
    page = html.unescape(r.text)
    assert topic.title in page
    for section in ("In 30 seconds", "The answer", "Key points", "Common mistakes"):
        assert section in page, section
    for check in topic.quick_checks:
        assert f'name="{check.id}"' in r.text, check.id
    assert "math-error" not in r.text


@pytest.mark.parametrize("exercise_id", sorted(exercises.registry()))
def test_every_exercise_page_shows_its_statement_and_starter(client, exercise_id):
    exercise = exercises.get(exercise_id)
    r = client.get(f"/exercises/{exercise_id}")
    assert r.status_code == 200, r.text[:500]
    assert textarea(r.text) == exercise.starter
