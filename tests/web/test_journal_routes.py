"""The journal pages: first vs latest side by side, one topic in full, the Markdown and
JSON downloads, the upload form (preview, import, twice) and a 4xx page, never a 500,
for every bad request. The last test drives the page in a real browser."""

from __future__ import annotations

import gc
import html
import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from test_browser import CHROMIUM, browser, chromium, live_url, open_page
from web_helpers import TOKEN, assert_error_page

from mlinterview.practice import Practice
from mlinterview.practice.journal import parse_markdown
from mlinterview.topics import get_topic

__all__ = ["browser", "chromium", "live_url"]  # fixtures, imported for pytest to find

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
JOURNAL = ("# How to check overfitting? How to deal with it?\n\n## My initial answer:\n"
           "Train well, test badly.\n\n## My final answer:\nA train/validation gap.\n\n"
           "# What is your greatest weakness?\nInterviews.\n\n"
           "# Explain RandomForests\nMany deep trees.\n")
# A file part the body ends in the middle of (no closing boundary).
CUT_SHORT = (b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.md"\r\n\r\n'
             b"# What are SVM?\nMax-margin")


@pytest.fixture
def practice(study):
    return Practice(study)


@pytest.fixture
def answered(practice):
    """Overfitting answered three times (the last graded, with a script in it), SVMs once."""
    practice.write("overfitting", "Memorising the training set.", seconds=40, now=T0)
    practice.write("overfitting", "Middle attempt.", now=T0 + timedelta(days=1))
    last = practice.write("overfitting", "A gap <script>alert('x')</script> & k-fold CV.",
                          seconds=75, now=T0 + timedelta(days=2))
    practice.grade(last.uid, [0, 1], now=T0 + timedelta(days=2))
    practice.write("svm", "Max-margin classifiers.", now=T0)
    return practice


def upload(client, text: str | bytes, action: str = "import", **kwargs):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return client.post("/journal/import", data={"action": action},
                       files={"file": ("mine.md", data, "text/markdown")}, **kwargs)


def sections(page: str) -> list[str]:
    return re.findall(r'data-testid="journal-question" data-slug="([^"]+)"', page)


def test_empty_journal_and_the_menu_link(client):
    page = client.get("/journal")
    assert page.status_code == 200
    assert 'data-testid="journal-empty"' in page.text
    assert 'href="/journal" data-testid="nav-journal"' in page.text
    assert 'action="/journal/import"' in page.text and 'enctype="multipart/form-data"' in \
        page.text


def test_first_and_latest_side_by_side_with_coverage(client, answered):
    page = client.get("/journal").text
    assert sections(page) == ["overfitting", "svm"]
    over = page.split('data-slug="overfitting"')[1].split('data-slug="svm"')[0]
    assert 'data-testid="journal-first"' in over and 'data-testid="journal-latest"' in over
    assert "Memorising the training set." in over and "Middle attempt." not in over
    n = len(get_topic("overfitting").key_points)
    assert f"2/{n} key points ticked" in over  # the user's ticks on the latest
    assert "(suggested)" in over  # the first was never graded
    svm = page.split('data-slug="svm"')[1]
    assert 'data-testid="journal-only-answer"' in svm
    assert 'data-testid="journal-count">4 answer(s) to 2 question(s)' in page


def test_user_text_is_escaped(client, answered):
    for url in ("/journal", "/journal/overfitting"):
        page = client.get(url).text
        assert "<script>alert" not in page
        assert "A gap &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; k-fold CV." in page


def test_one_topic_in_full(client, answered):
    page = client.get("/journal/overfitting")
    assert page.status_code == 200
    assert sections(page.text) == ["overfitting"]
    points = get_topic("overfitting").key_points
    marks = re.findall(r'<li class="(hit|miss)[^"]*"><span class="mark"', page.text)
    # First (never graded: suggestions), then latest (ticked 0 and 1).
    assert marks[len(points):] == ["hit", "hit"] + ["miss"] * (len(points) - 2)
    rows = re.findall(r"<tr><td>2026-03-0\d 09:30</td>", page.text)
    assert len(rows) == 3  # every answer listed when there are more than two
    assert client.get("/journal/svm").status_code == 200
    assert 'data-testid="journal-empty"' in client.get("/journal/pca").text


def test_unknown_topic_is_a_404_page(client):
    assert_error_page(client.get("/journal/no-such-topic"), 404)


def test_markdown_download_reads_back(client, answered):
    response = client.get("/journal/export.md")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/markdown")
    assert response.headers["content-disposition"] == \
        'attachment; filename="mlinterview-journal.md"'
    parsed = parse_markdown(response.text)
    assert [q.heading for q in parsed.questions] == [get_topic("overfitting").question,
                                                     get_topic("svm").question]
    first, latest = parsed.questions[0].answers
    assert (first.text, latest.text) == ("Memorising the training set.",
                                        "A gap <script>alert('x')</script> & k-fold CV.")


def test_json_download(client, answered):
    response = client.get("/journal/export.json")
    assert response.headers["content-disposition"].startswith("attachment;")
    data = json.loads(response.text)
    assert [len(q["answers"]) for q in data["questions"]] == [3, 1]


def test_upload_preview_then_import_then_again(client, practice):
    preview = upload(client, JOURNAL, action="preview")
    assert preview.status_code == 200
    summary = re.sub(r"\s+", " ", html.unescape(
        re.search(r'data-testid="import-summary">(.*?)</p>', preview.text, re.S).group(1)))
    assert "<strong>3</strong> answer(s) would be added; 0 already in your journal" in summary
    assert "What is your greatest weakness?" in preview.text
    assert practice.answers() == []

    imported = upload(client, JOURNAL)
    assert "<strong>3</strong> answer(s) were added" in imported.text
    assert sorted((a.slug, a.answer) for a in practice.answers()) == [
        ("overfitting", "A train/validation gap."), ("overfitting", "Train well, test badly."),
        ("random-forests", "Many deep trees.")]
    again = upload(client, JOURNAL)
    assert "<strong>0</strong> answer(s) were added; 3 already in your journal" in \
        re.sub(r"\s+", " ", again.text)
    assert len(practice.answers()) == 3


@pytest.mark.parametrize("make, status", [
    (lambda c: c.post("/journal/import", data={"action": "import"}), 415),
    (lambda c: c.post("/journal/import", json={"file": "x"}), 415),
    (lambda c: c.post("/journal/import", data={"action": "import"},
                      files={"other": ("x.md", b"# Q\n", "text/markdown")}), 400),
    (lambda c: c.post("/journal/import", data={"action": "import"},
                      files={"file": ("", b"", "application/octet-stream")}), 400),
    (lambda c: upload(c, "# Qué?\nsí\n".encode("latin-1")), 400),
    (lambda c: upload(c, "no heading at all\n"), 400),
    (lambda c: c.post("/journal/import", files=[("file", ("a.md", b"# Q\n", "text/plain")),
                                                ("file", ("b.md", b"# Q\n", "text/plain"))]),
     400),
    (lambda c: upload(c, "# What are SVM?\n" + "x" * (600 * 1024)), 413),
    (lambda c: c.post("/journal/import", content=CUT_SHORT,
                      headers={"content-type": "multipart/form-data; boundary=xyz"}), 400),
    (lambda c: c.post("/journal/import", content=CUT_SHORT,
                      headers={"content-type": "multipart/form-data"}), 400),
    (lambda c: upload(c, JOURNAL, headers={"origin": "http://evil.example"}), 403),
])
def test_bad_uploads_get_a_4xx_page_and_store_nothing(client, practice, make, status):
    assert_error_page(make(client), status)
    assert practice.answers() == []
    gc.collect()  # a temporary file left open by the upload would warn now, and fail


def test_without_the_token_nothing_is_shown_or_imported(anon, practice):
    assert_error_page(anon.get("/journal"), 403)
    assert_error_page(anon.get("/journal/export.md"), 403)
    assert_error_page(upload(anon, JOURNAL), 403)
    assert practice.answers() == []


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing")
def test_import_and_export_in_a_browser(browser, live_url, study, tmp_path):
    """The upload form works as a browser sends it (multipart, its own Origin), and the
    export link downloads the journal."""
    source = tmp_path / "mine.md"
    source.write_text(JOURNAL, encoding="utf-8")
    page = open_page(browser, accept_downloads=True)
    page.goto(f"{live_url}/?token={TOKEN}")
    page.get_by_test_id("nav-journal").click()
    page.get_by_test_id("journal-empty").wait_for()
    page.set_input_files("input[name=file]", str(source))
    page.click("button[value=import]")
    summary = page.get_by_test_id("import-summary")
    summary.wait_for()
    assert " ".join(summary.inner_text().split()).startswith("3 answer(s) were added")
    assert len(Practice(study).answers()) == 3

    page.goto(f"{live_url}/journal")
    assert [page.get_by_test_id("journal-question").nth(i).get_attribute("data-slug")
            for i in range(2)] == ["overfitting", "random-forests"]
    with page.expect_download() as info:
        page.get_by_test_id("export-md").click()
    saved = tmp_path / "export.md"
    info.value.save_as(saved)
    parsed = parse_markdown(saved.read_text(encoding="utf-8"))
    assert [[a.text for a in q.answers] for q in parsed.questions] == [
        ["Train well, test badly.", "A train/validation gap."], ["Many deep trees."]]
    assert page.problems == []
