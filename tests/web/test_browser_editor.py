"""The code editor (static/editor.js, issue 13 §4) in a real browser (the system Chromium,
Playwright, a live uvicorn server; fixtures shared with test_browser.py): the keys
(Tab, Shift+Tab, Enter, Backspace, Escape then Tab, undo), the line numbers, the
highlighting and its tokenizer, Ctrl+Enter and Cmd+Enter sending the form with exactly the
code typed, the mock interview's editor, a phone, and the plain textarea without JavaScript.

The highlighting time for a 500-line file is measured here and printed (run with ``-s``),
never asserted."""

from __future__ import annotations

import pytest
from test_browser import (
    CHROMIUM,
    EXERCISE_DIR,
    browser,
    chromium,
    live_url,
    no_horizontal_scroll,
    open_page,
)
from web_helpers import EXERCISE, SLUG, TOKEN

__all__ = ["browser", "chromium", "live_url"]  # fixtures, imported for pytest to find

PHONE = {"width": 375, "height": 812}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="/usr/bin/chromium is missing (make test installs it with apt)"),
]


def exercise_page(browser, live_url, **context_options):
    page = open_page(browser, **context_options)
    page.goto(f"{live_url}/?token={TOKEN}")
    page.goto(f"{live_url}/exercises/{EXERCISE}")
    return page


def set_caret(editor, start: int, end: int | None = None) -> None:
    editor.evaluate("(a, [s, e]) => { a.focus(); a.setSelectionRange(s, e); }",
                    [start, start if end is None else end])


def selection(editor) -> tuple[int, int]:
    return tuple(editor.evaluate("a => [a.selectionStart, a.selectionEnd]"))


def test_the_keys_indent_like_a_python_editor(browser, live_url):
    page = exercise_page(browser, live_url)
    editor = page.get_by_test_id("editor")

    # Tab at a caret: spaces up to the next multiple of 4.
    editor.fill("")
    editor.press("Tab")
    assert editor.input_value() == "    "
    editor.fill("ab")
    editor.press("End")
    editor.press("Tab")
    assert editor.input_value() == "ab  "

    # Enter keeps the indentation, adds 4 after a colon, drops 4 after return.
    editor.fill("")
    page.keyboard.type("def f(x):\nif x:\nreturn 1\ny = [\n2,\n")
    assert editor.input_value() == ("def f(x):\n    if x:\n        return 1\n"
                                    "    y = [\n        2,\n        ")

    # A tab-indented line keeps its tabs (mixing tabs and spaces is a TabError).
    editor.fill("\tif x:")
    editor.press("End")
    editor.press("Enter")
    assert editor.input_value() == "\tif x:\n\t\t"

    # A colon inside a string or a comment does not indent.
    editor.fill("    s = 'a:'  # b:")
    editor.press("End")
    editor.press("Enter")
    assert editor.input_value() == "    s = 'a:'  # b:\n    "

    # Shift+Tab dedents every selected line by up to 4 spaces; the selection follows.
    text = "    a\n        b\n  c\nd"
    editor.fill(text)
    set_caret(editor, 0, len(text))
    editor.press("Shift+Tab")
    assert editor.input_value() == "a\n    b\nc\nd"
    assert selection(editor) == (0, len("a\n    b\nc\nd"))
    # ... and Tab indents them back.
    editor.press("Tab")
    assert editor.input_value() == "    a\n        b\n    c\n    d"
    # A selection ending at the start of a line leaves that line alone.
    editor.fill("x\ny\nz")
    set_caret(editor, 0, 2)
    editor.press("Tab")
    assert editor.input_value() == "    x\ny\nz"
    # Shift+Tab at a caret dedents its line, whatever the column.
    editor.fill("        value = 1")
    set_caret(editor, 12)
    editor.press("Shift+Tab")
    assert editor.input_value() == "    value = 1"
    assert selection(editor) == (8, 8)

    # Backspace in the indentation goes back to the previous multiple of 4.
    editor.fill("      x")
    set_caret(editor, 6)
    editor.press("Backspace")
    assert editor.input_value() == "    x"
    editor.press("Backspace")
    assert editor.input_value() == "x"
    editor.fill("ab    ")  # not indentation: one character at a time
    editor.press("End")
    editor.press("Backspace")
    assert editor.input_value() == "ab   "
    assert page.problems == []


def test_edits_by_the_keys_can_be_undone(browser, live_url):
    page = exercise_page(browser, live_url)
    editor = page.get_by_test_id("editor")
    editor.fill("def f():")
    editor.press("End")
    editor.press("Enter")
    assert editor.input_value() == "def f():\n    "
    editor.press("Control+z")
    assert editor.input_value() == "def f():"
    editor.fill("a\nb")
    set_caret(editor, 0, 3)
    editor.press("Tab")
    assert editor.input_value() == "    a\n    b"
    editor.press("Control+z")
    assert editor.input_value() == "a\nb"
    editor.press("Control+Shift+z")
    assert editor.input_value() == "    a\n    b"
    assert page.problems == []


def test_escape_then_tab_leaves_the_editor(browser, live_url):
    page = exercise_page(browser, live_url)
    editor = page.get_by_test_id("editor")
    focused = "() => document.activeElement && document.activeElement.dataset.testid"
    editor.fill("x = 1")
    editor.press("Tab")  # Tab alone stays in the editor
    assert page.evaluate(focused) == "editor"
    assert editor.input_value() == "x = 1   "
    editor.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "run-input"  # the next field: the input for Run
    assert editor.input_value() == "x = 1   "
    # Backwards too: Escape, then Shift+Tab.
    editor.focus()
    page.keyboard.press("Escape")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(focused) != "editor"
    # The way out is written under the editor and read out with it.
    hint = page.locator(".code-hint")
    assert hint.is_visible() and "Esc, then Tab" in hint.inner_text()
    assert "Ctrl+Enter: Run." in hint.inner_text()  # what Ctrl+Enter presses
    described = editor.get_attribute("aria-describedby").split()
    assert hint.get_attribute("id") in described
    assert page.problems == []


def test_line_numbers_follow_the_lines_and_the_scroll(browser, live_url):
    page = exercise_page(browser, live_url)
    editor = page.get_by_test_id("editor")
    lines = page.locator(".code-gutter .code-lines")
    for text in ("", "a", "a\n", "\n".join(f"x{i} = {i}" if i % 3 else "" for i in range(80))):
        editor.fill(text)
        assert lines.text_content().split("\n") == [str(k) for k in
                                                    range(1, text.count("\n") + 2)]
    # The coloured lines are as tall as the numbered ones, blank lines included.
    heights = page.evaluate("""() => [
        document.querySelector('.code-highlight code').getBoundingClientRect().height,
        document.querySelector('.code-lines').scrollHeight]""")
    assert heights[0] == pytest.approx(heights[1], abs=1)
    # Scrolled to the bottom, the numbers and the coloured text move together.
    editor.evaluate("a => { a.scrollTop = a.scrollHeight; a.dispatchEvent(new Event('scroll')); }")
    tops = page.evaluate("""() => ({
        lines: document.querySelector('.code-lines').getBoundingClientRect().top,
        code: document.querySelector('.code-highlight code').getBoundingClientRect().top,
        gutter: document.querySelector('.code-gutter').getBoundingClientRect().top,
        scrolled: document.querySelector('[data-testid=editor]').scrollTop})""")
    assert tops["scrolled"] > 0
    assert tops["lines"] == pytest.approx(tops["code"], abs=0.5)
    assert tops["lines"] < tops["gutter"] - tops["scrolled"] / 2
    assert page.problems == []


def test_the_code_is_highlighted_under_the_text(browser, live_url):
    page = exercise_page(browser, live_url)
    editor = page.get_by_test_id("editor")
    source = ('@decorator\ndef f(x):\n    """Doc."""\n    return f"{x!r}" + 0x1F  # done\n')
    editor.fill(source)
    code = page.locator(".code-highlight code")
    # The overlay shows exactly the text, and the textarea's own text is invisible.
    assert code.text_content() == source
    assert editor.evaluate("a => getComputedStyle(a).color") == "rgba(0, 0, 0, 0)"
    found = {cls: code.locator(f".tok-{cls}").all_text_contents()
             for cls in ("keyword", "name", "string", "comment", "decorator", "number", "interp")}
    assert found == {"keyword": ["def", "return"], "name": ["f"],
                     "string": ['"""Doc."""', 'f"', '!r', '"'], "comment": ["# done"],
                     "decorator": ["@decorator"], "number": ["0x1F"], "interp": ["{", "}"]}
    # Typing redraws: the new keyword is coloured at once.
    editor.press("Control+End")
    page.keyboard.type("pass")
    assert code.locator(".tok-keyword").all_text_contents() == ["def", "return", "pass"]
    assert page.problems == []


def test_the_overlay_follows_every_kind_of_edit(browser, live_url):
    """The overlay redraws only the lines an edit changed: after each edit its text is the
    textarea's and its coloured spans are the tokenizer's tokens for the whole text."""
    page = exercise_page(browser, live_url)
    editor = page.get_by_test_id("editor")
    in_step = """() => {
        const area = document.querySelector('[data-testid=editor]');
        const code = document.querySelector('.code-highlight code');
        const expected = window.mlinterviewEditor.tokenize(area.value)
            .filter(t => t.type)
            .flatMap(t => t.text.split('\\n').filter(Boolean).map(p => 'tok-' + t.type + ' ' + p));
        const shown = [...code.querySelectorAll('span[class^=tok-]')]
            .map(s => s.className + ' ' + s.textContent);
        return code.textContent === area.value &&
            JSON.stringify(shown) === JSON.stringify(expected);
    }"""
    editor.fill("\n".join(f"def f{i}(x):\n    return x + {i}  # {i}" for i in range(6)))
    assert page.evaluate(in_step)
    set_caret(editor, editor.input_value().index("def f2"))
    page.keyboard.type('"""')  # every line after it becomes a string
    assert page.evaluate(in_step)
    assert page.locator(".code-highlight .tok-keyword").count() == 4
    page.keyboard.press("Control+End")
    page.keyboard.type('\n"""')
    assert page.evaluate(in_step)
    text = editor.input_value()
    set_caret(editor, text.index("def f1"), text.index("def f4"))
    page.keyboard.press("Delete")  # several lines at once
    assert page.evaluate(in_step)
    page.keyboard.type("x = 1\ny = 2\n")  # lines added in the middle
    assert page.evaluate(in_step)
    set_caret(editor, 0, len(editor.input_value()))
    page.keyboard.press("Tab")
    assert page.evaluate(in_step)
    # Repeated lines: the unchanged head and tail of the old lines must not overlap.
    editor.fill("a = 1\n\n\na = 1")
    page.keyboard.press("Control+End")
    page.keyboard.type("\na = 1")
    assert page.evaluate(in_step)
    set_caret(editor, len("a = 1\n"))
    page.keyboard.press("Enter")
    assert page.evaluate(in_step)
    editor.fill("")
    assert page.evaluate(in_step)
    assert page.locator(".code-highlight .code-line").count() == 1
    assert page.problems == []


# Hand-written expectations for the tokenizer: the typed tokens of each source, in order
# (plain text, type null, left out).
TOKEN_CASES = [
    ("def f(x):\n    return x  # done\n",
     [("keyword", "def"), ("name", "f"), ("keyword", "return"), ("comment", "# done")]),
    ('@app.route("/")\nclass A: pass',
     [("decorator", "@app.route"), ("string", '"/"'), ("keyword", "class"), ("name", "A"),
      ("keyword", "pass")]),
    ('s = """a\n"b" # not a comment\n""" + 1',
     [("string", '"""a\n"b" # not a comment\n"""'), ("number", "1")]),
    ("b = rb'\\x00\\'' + u'é'", [("string", "rb'\\x00\\''"), ("string", "u'é'")]),
    ('f"{x!r:>5} {{y}} {d[\'k\']}"',
     [("string", 'f"'), ("interp", "{"), ("string", "!r:>5"), ("interp", "}"),
      ("string", " {{y}} "), ("interp", "{"), ("string", "'k'"), ("interp", "}"),
      ("string", '"')]),
    ("n = 0x_ff + 1_000.5e-3j + .5 + 0b101 + 7",
     [("number", "0x_ff"), ("number", "1_000.5e-3j"), ("number", ".5"), ("number", "0b101"),
      ("number", "7")]),
    ("y = np.sum(a @ b) + sum(c)", [("builtin", "sum")]),
    ("'open\nx = len", [("string", "'open"), ("builtin", "len")]),
    ("print('#no')  # yes", [("builtin", "print"), ("string", "'#no'"), ("comment", "# yes")]),
    ("x = True if é is not None else ValueError",
     [("keyword", "True"), ("keyword", "if"), ("keyword", "is"), ("keyword", "not"),
      ("keyword", "None"), ("keyword", "else"), ("builtin", "ValueError")]),
    ("s = '''never closed\nstill = 1", [("string", "'''never closed\nstill = 1")]),
]


def test_the_tokenizer_on_hand_worked_cases(browser, live_url):
    page = exercise_page(browser, live_url)
    got = page.evaluate("""cases => cases.map(src => {
        const tokens = window.mlinterviewEditor.tokenize(src);
        return {joined: tokens.map(t => t.text).join(""),
                typed: tokens.filter(t => t.type).map(t => [t.type, t.text])};
    })""", [src for src, _ in TOKEN_CASES])
    for (src, expected), result in zip(TOKEN_CASES, got, strict=True):
        assert result["joined"] == src  # nothing lost, nothing added
        assert [tuple(t) for t in result["typed"]] == expected, src
    assert page.problems == []


def _five_hundred_lines() -> str:
    solution = (EXERCISE_DIR / "solution.py").read_text()
    lines = []
    while len(lines) < 500:
        lines.extend(solution.splitlines())
    return "\n".join(lines[:500]) + "\n"


def test_highlighting_a_500_line_file_is_measured(browser, live_url):
    """Per keystroke in a 500-line file: the tokenizer alone, and the whole input handler
    (tokenize, rebuild the overlay, lay it out) from keydown to after the redraw. Printed."""
    page = exercise_page(browser, live_url)
    editor = page.get_by_test_id("editor")
    source = _five_hundred_lines()
    editor.fill(source)
    assert page.locator(".code-lines").text_content().split("\n")[-1] == "501"
    tokenize_ms = page.evaluate("""src => {
        const t0 = performance.now();
        for (let k = 0; k < 20; k++) window.mlinterviewEditor.tokenize(src);
        return (performance.now() - t0) / 20;
    }""", source)
    # Listeners added now run after the editor's own: keydown starts the clock, the input
    # listener forces layout of the redrawn overlay, then stops it.
    page.evaluate("""() => {
        const area = document.querySelector('[data-testid=editor]');
        const code = document.querySelector('.code-highlight code');
        window.keystrokes = [];
        area.addEventListener('keydown', () => { window.t0 = performance.now(); });
        area.addEventListener('input', () => {
            code.getBoundingClientRect();
            window.keystrokes.push(performance.now() - window.t0);
        });
    }""")
    editor.press("Control+End")
    page.keyboard.type("x = 1  # typed")
    times = page.evaluate("window.keystrokes")
    assert len(times) == len("x = 1  # typed")
    assert page.locator(".code-highlight code").text_content() == source + "x = 1  # typed"
    times.sort()
    print(f"\neditor, 500 lines ({len(source)} characters): tokenize {tokenize_ms:.2f} ms, "
          f"keystroke median {times[len(times) // 2]:.2f} ms, max {times[-1]:.2f} ms")
    assert page.problems == []


@pytest.mark.slow
def test_ctrl_enter_and_cmd_enter_run_exactly_the_typed_code(browser, live_url):
    # On the exercise page Ctrl+Enter presses Run (the button marked data-editor-run).
    page = exercise_page(browser, live_url)
    editor = page.get_by_test_id("editor")
    editor.fill("def precision_recall_f1(y_true, y_pred, average='binary'):\n"
                "    return (0.0, 0.0, 0.0)")
    editor.press("Meta+Enter")  # Cmd+Enter on a Mac
    page.get_by_test_id("run-result").wait_for()
    assert page.get_by_test_id("run-outcome").inner_text() == "failed"

    solution = (EXERCISE_DIR / "solution.py").read_text().rstrip("\n")
    editor.fill(solution)
    editor.press("Control+End")
    page.keyboard.type("\n\ndef helper(values):\nreturn sorted(values)")
    typed = solution + "\n\ndef helper(values):\n    return sorted(values)"
    assert editor.input_value() == typed
    with page.expect_request(lambda r: r.method == "POST") as posted:
        editor.press("Control+Enter")
    page.get_by_test_id("run-result").wait_for()
    assert page.get_by_test_id("run-outcome").inner_text() == "passed"
    assert posted.value.url.endswith(f"/exercises/{EXERCISE}/run")
    assert posted.value.post_data_json["source"] == typed.replace("\n", "\r\n")
    # The page comes back with the code as sent, in the editor.
    assert page.get_by_test_id("editor").input_value() == typed
    assert page.problems == []


@pytest.mark.slow
def test_the_mock_interview_exercise_has_the_editor(browser, live_url):
    page = open_page(browser)
    page.goto(f"{live_url}/?token={TOKEN}")
    page.goto(f"{live_url}/mock")
    page.get_by_test_id("mock-minutes").fill("10")
    page.get_by_test_id("mock-topics").fill(SLUG)
    page.get_by_test_id("mock-seed").fill("1")
    page.get_by_test_id("mock-start").click()
    page.get_by_test_id("answer-text").fill("Precision and recall.")
    page.get_by_test_id("answer-submit").click()
    page.get_by_test_id("grade-submit").click()
    editor = page.locator(".code-editor [data-testid=editor]")
    editor.wait_for()
    editor.fill("def f():")
    editor.press("End")
    editor.press("Enter")
    assert editor.input_value() == "def f():\n    "
    assert page.locator(".code-highlight .tok-keyword").all_text_contents() == ["def"]
    editor.fill((EXERCISE_DIR / "solution.py").read_text())
    editor.press("Control+Enter")
    page.get_by_test_id("verdict").wait_for()
    assert page.get_by_test_id("verdict-name").inner_text() == "Accepted"
    assert page.problems == []


def test_on_a_phone_the_editor_scrolls_inside_itself(browser, live_url):
    page = exercise_page(browser, live_url, viewport=PHONE, is_mobile=True, has_touch=True)
    editor = page.get_by_test_id("editor")
    editor.fill("\n".join(["x = '" + "a very long line " * 12 + "'"] * 40))
    assert no_horizontal_scroll(page, PHONE["width"])
    assert editor.evaluate("a => a.scrollWidth > a.clientWidth")  # no wrapping: it scrolls
    box = page.locator(".code-editor").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.locator(".code-hint").is_visible()
    assert page.problems == []


def test_without_javascript_the_plain_textarea_submits(browser, live_url):
    page = exercise_page(browser, live_url, java_script_enabled=False)
    assert page.locator(".code-editor, .code-hint").count() == 0
    editor = page.get_by_test_id("editor")
    assert editor.get_attribute("data-editor") == "python"
    editor.fill((EXERCISE_DIR / "solution.py").read_text())
    page.get_by_test_id("exercise-submit").click()
    page.get_by_test_id("verdict").wait_for()
    assert page.get_by_test_id("verdict-name").inner_text() == "Accepted"
    assert page.problems == []
