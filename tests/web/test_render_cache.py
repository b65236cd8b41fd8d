"""The rendered HTML kept between starts of the web app: a second start serves what the
first rendered, byte for byte, without rendering it; a changed text, a damaged file or a
different fingerprint is rendered again; a start with nothing new writes nothing."""

from pathlib import Path

import pytest

from mlinterview import render, render_cache

TEXTS = ["A card with $x^2$ and `code`.", "```python\ndef f(x):\n    return x + 1\n```"]


def new_process(monkeypatch):
    """What a new process starts with: nothing rendered, nothing loaded."""
    monkeypatch.setattr(render, "STORE", {})
    monkeypatch.setattr(render, "USED", set())
    monkeypatch.setattr(render_cache, "_on_disk", frozenset())


@pytest.fixture(autouse=True)
def fresh_process(monkeypatch):
    new_process(monkeypatch)


def refuse_to_render(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(render, "_markdown", refuse)
    monkeypatch.setattr(render, "_highlight_code", refuse)


def test_a_second_start_serves_the_first_starts_html_without_rendering(monkeypatch):
    first = [render.markdown_to_html(t) for t in TEXTS]
    code = render.highlight_code("x = 1", "python", line_anchors=True)
    asked = len(render.USED)   # the two texts, the code, and the code block inside one
    assert asked == 4 and render_cache.save()
    new_process(monkeypatch)
    assert render_cache.load() == asked
    refuse_to_render(monkeypatch)
    assert [render.markdown_to_html(t) for t in TEXTS] == first
    assert render.highlight_code("x = 1", "python", line_anchors=True) == code


def test_a_changed_text_is_rendered_and_the_old_one_dropped(monkeypatch):
    render.markdown_to_html("old text")
    render_cache.save()
    new_process(monkeypatch)
    render_cache.load()
    assert render.markdown_to_html("new *text*") == "<p>new <em>text</em></p>\n"
    assert render_cache.save()
    new_process(monkeypatch)
    render_cache.load()
    assert ("markdown_to_html", "new *text*") in render.STORE
    assert ("markdown_to_html", "old text") not in render.STORE


def test_nothing_new_writes_nothing(monkeypatch):
    render.markdown_to_html(TEXTS[0])
    assert render_cache.save()
    new_process(monkeypatch)
    render_cache.load()
    render.markdown_to_html(TEXTS[0])
    assert not render_cache.save()


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05N.", b"\x80\x05K\x01."])
def test_a_damaged_file_is_ignored_and_written_again(monkeypatch, damage):
    render.markdown_to_html(TEXTS[0])
    render_cache.save()
    path = render_cache.folder() / f"{render_cache.fingerprint()}.pickle"
    path.write_bytes(damage)
    new_process(monkeypatch)
    assert render_cache.load() == 0
    assert render.markdown_to_html(TEXTS[0]).startswith("<p>A card")
    assert render_cache.save() and render_cache.load() == 1


def test_another_fingerprint_is_not_loaded_and_its_file_is_removed(monkeypatch):
    render.markdown_to_html(TEXTS[0])
    render_cache.save()
    old = render_cache.folder() / f"{render_cache.fingerprint()}.pickle"
    new_process(monkeypatch)
    monkeypatch.setattr(render_cache, "fingerprint", lambda: "another-version")
    assert render_cache.load() == 0
    render.markdown_to_html(TEXTS[0])
    assert render_cache.save()
    assert not old.exists()


def test_the_fingerprint_follows_the_rendering_code(monkeypatch, tmp_path):
    before = render_cache.fingerprint()
    changed = tmp_path / "render.py"
    changed.write_bytes(Path(render.__file__).read_bytes() + b"\n# changed\n")
    monkeypatch.setattr(render, "__file__", str(changed))
    assert render_cache.fingerprint() != before


def test_an_unwritable_cache_folder_is_only_a_missed_speed_up(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setattr(render_cache, "folder", lambda: blocker / "render")
    render.markdown_to_html(TEXTS[0])
    assert render_cache.save() is False
