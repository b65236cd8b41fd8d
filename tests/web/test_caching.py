"""What a page costs: the web app computes what it shows once, when it is created, and a
request only reads the user's state. Counted, never timed: no page reads a file under
tests/ (an installed wheel has none), no request renders Markdown or highlights code, and
pages answered in parallel threads all succeed. Also the server's start-up order: the port
refuses connections until the app is built."""

from __future__ import annotations

import builtins
import io
import pathlib
import socket
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from web_helpers import BASE, COOKIE, SLUG, TOKEN

from mlinterview import coverage, render
from mlinterview.topics import all_topics
from mlinterview.web.app import create_app
from mlinterview.web.server import bind

TESTS_DIR = coverage.REPO_ROOT / "tests"
# tests/web/conftest.py: these tests count what create_app itself reads and renders, so
# its apps share nothing across tests.
SHARE_APP_PARTS = False
PAGES = ["/", f"/topics/{SLUG}", "/topics/svm", "/search?q=gradient", "/review", "/stats",
         "/exercises", "/demos"]


@pytest.fixture
def opened(monkeypatch):
    """Every path opened through open(), io.open or pathlib while the test runs."""
    paths: list[pathlib.Path] = []

    def recording(original, path_of):
        def wrapper(*args, **kwargs):
            path = path_of(*args)
            if isinstance(path, (str, pathlib.PurePath)):
                paths.append(pathlib.Path(path).resolve())
            return original(*args, **kwargs)
        return wrapper

    first = lambda path, *rest: path  # noqa: E731
    monkeypatch.setattr(builtins, "open", recording(builtins.open, first))
    monkeypatch.setattr(io, "open", recording(io.open, first))
    for name in ("open", "read_text", "read_bytes"):
        monkeypatch.setattr(pathlib.Path, name, recording(getattr(pathlib.Path, name), first))
    return paths


def _client(app) -> TestClient:
    client = TestClient(app, base_url=BASE, raise_server_exceptions=False)
    client.cookies.set(COOKIE, TOKEN)
    return client


def _under_tests(paths: list[pathlib.Path]) -> list[pathlib.Path]:
    return [p for p in paths if p == TESTS_DIR or TESTS_DIR in p.parents]


def test_the_recorder_sees_a_read_under_tests(opened):
    # The check below would pass vacuously if the patching missed pathlib's reads.
    (TESTS_DIR / "web" / "web_helpers.py").read_text(encoding="utf-8")
    assert _under_tests(opened)


def test_building_the_app_and_its_pages_read_nothing_under_tests(study, opened):
    app = create_app(TOKEN, study=study)
    with _client(app) as client:
        for path in PAGES:
            assert client.get(path).status_code == 200, path
    assert _under_tests(opened) == []


def test_coverage_without_parity_reads_no_test_file(opened):
    report = coverage.report(parity=False)
    assert _under_tests(opened) == []
    assert all(t.parity is None for t in report.topics)
    # The command-line report still counts the parity tests (in a checkout).
    assert any(t.parity for t in coverage.report().topics)
    assert _under_tests(opened)


class _Counter:
    """Counts the calls of a function it stands in for."""

    def __init__(self, function):
        self.function = function
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.function(*args, **kwargs)


@pytest.fixture
def render_calls(monkeypatch):
    """Markdown renders and Pygments highlights from now on, with the store of rendered
    HTML emptied (as in a process that loaded no render cache) so that everything is
    rendered afresh at least once."""
    monkeypatch.setattr(render, "STORE", {})
    monkeypatch.setattr(render, "USED", set())
    markdown = _Counter(render._markdown().render)
    inline = _Counter(render._markdown().renderInline)
    highlight = _Counter(render.highlight)
    monkeypatch.setattr(render._markdown(), "render", markdown)
    monkeypatch.setattr(render._markdown(), "renderInline", inline)
    monkeypatch.setattr(render, "highlight", highlight)
    yield lambda: markdown.calls + inline.calls + highlight.calls


@pytest.mark.slow  # renders every card afresh: a few seconds on a busy core
def test_the_app_renders_every_card_when_created_and_never_per_request(study, render_calls):
    app = create_app(TOKEN, study=study)
    at_creation = render_calls()
    # Every section of every card at least (the counters do see renders).
    assert at_creation >= sum(len(t.sections) for t in all_topics().values())
    with _client(app) as client:
        for path in PAGES + ["/?order=path"] + [f"/topics/{slug}" for slug in all_topics()]:
            assert client.get(path).status_code == 200, path
        assert render_calls() == at_creation
        # A library module's page is not built at start-up: rendered once, then kept.
        client.get("/source/mlinterview.ml.metrics")
        after_first = render_calls()
        assert after_first > at_creation
        assert client.get("/source/mlinterview.ml.metrics").status_code == 200
    assert render_calls() == after_first


def test_no_request_parses_python(study, monkeypatch):
    """ast.parse is not safe in parallel threads on CPython 3.11 (the home page's parity
    count raised SystemError under load), and inspect.getsource of a class calls it: the
    library code on topic pages is looked up when the app is built, not per request."""
    import ast

    app = create_app(TOKEN, study=study)
    parses = _Counter(ast.parse)
    monkeypatch.setattr(ast, "parse", parses)
    with _client(app) as client:
        for path in PAGES + ["/?order=path"] + [f"/topics/{slug}" for slug in all_topics()]:
            assert client.get(path).status_code == 200, path
    assert parses.calls == 0


def test_parallel_requests_all_succeed(client):
    """Many threads at once on the pages that used to fail under load (the home page
    parsed test files per request, and ast.parse is not safe in parallel threads)."""
    workers = 16
    start = threading.Barrier(workers)

    def visit(i: int) -> list[int]:
        start.wait()  # all threads send their first request together
        return [client.get(PAGES[(i + k) % len(PAGES)]).status_code for k in range(6)]

    with ThreadPoolExecutor(workers) as pool:
        statuses = [s for batch in pool.map(visit, range(workers)) for s in batch]
    assert statuses == [200] * (workers * 6)


def test_the_port_refuses_connections_until_it_listens():
    sock = bind("127.0.0.1", 0)
    with sock:
        port = sock.getsockname()[1]
        # Bound, so no one else takes the port while the app is built, but not accepting.
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
        sock.listen()
        socket.create_connection(("127.0.0.1", port), timeout=5).close()


def test_the_server_socket_is_tcp_so_asyncio_turns_nagle_off():
    # asyncio sets TCP_NODELAY only on sockets whose proto is IPPROTO_TCP; with Nagle on,
    # a small response waits for the client's delayed ACK.
    with bind("127.0.0.1", 0) as sock:
        assert sock.proto == socket.IPPROTO_TCP
