"""Fuzzing every route of the web app: malformed paths, query strings, forms, headers and
methods. Whatever comes, the answer is the normal page (2xx/3xx) or the app's HTML error
page with a 4xx status: never a 500, never a traceback.

Requests go straight to the ASGI app, built as uvicorn builds them from the bytes on the
wire (``raw_path`` as sent, ``path`` percent-decoded with invalid UTF-8 replaced), so no
HTTP client normalises ``..`` or re-encodes what hypothesis made. The client holds the
token cookie, so the routes themselves are reached (the security middleware has its own
tests in tests/web/test_security.py).

A valid exercise is only ever sent an empty editor and a valid demo only invalid
parameters: running the judge or a demo is what tests/exercises and tests/demos cover,
and hundreds of runs would not fit the time this suite may take.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, quote_from_bytes, unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlinterview import exercises
from mlinterview.demos import registry as demo_registry
from mlinterview.sources import locate
from mlinterview.study import Study
from mlinterview.study.store import Store
from mlinterview.topics import all_topics
from mlinterview.web.app import create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from web_helpers import COOKIE, HOST, TOKEN

SLUGS = sorted(all_topics())
EXERCISE_IDS = sorted(exercises.registry())
DEMO_IDS = sorted(demo_registry())
MODULES = sorted({w.module for t in all_topics().values() for s in t.library
                  if (w := locate(s)) is not None})

# Every route of the app as (method, path template), and the query parameters it reads.
ROUTES = {
    ("GET", "/"): (), ("GET", "/topics"): (), ("GET", "/topics/{slug}"): ("rated",),
    ("POST", "/topics/{slug}/check"): (), ("POST", "/reviews/{uid}/rating"): (),
    ("GET", "/search"): ("q",), ("GET", "/stats"): (),
    ("GET", "/source/{module}"): ("symbol",), ("GET", "/assets/pygments.css"): (),
    ("GET", "/review"): ("area",), ("POST", "/review/{slug}"): (),
    ("GET", "/demos"): (), ("GET", "/demos/{slug}"): ("seed",),
    ("GET", "/demos/{slug}/{name}"): ("seed",), ("GET", "/exercises"): ("starred",),
    ("GET", "/exercises/{slug}/{name}"): ("fresh",), ("POST", "/exercises/{slug}/{name}"): (),
    ("GET", "/exercises/{slug}/{name}/solution"): (),
    ("GET", "/exercises/{slug}/{name}/starter.py"): (),
    ("POST", "/exercises/{slug}/{name}/run"): (), ("POST", "/exercises/{slug}/{name}/hint"): (),
    ("POST", "/exercises/{slug}/{name}/notes"): (), ("POST", "/exercises/{slug}/{name}/star"): (),
    ("GET", "/static/{path}"): (),
    ("GET", "/answer"): (), ("GET", "/topics/{slug}/answer"): (),
    ("POST", "/topics/{slug}/answer"): (), ("GET", "/answers/{uid}"): ("already", "rated"),
    ("POST", "/answers/{uid}/grade"): (),
    ("GET", "/journal"): (), ("GET", "/journal/{slug}"): (), ("GET", "/journal/export.md"): (),
    ("GET", "/journal/export.json"): (), ("POST", "/journal/import"): (),
    ("GET", "/mock"): (), ("GET", "/mock/{uid}"): (), ("POST", "/mock/start"): (),
    ("POST", "/mock/answer"): (), ("POST", "/mock/grade"): (), ("POST", "/mock/exercise"): (),
    ("POST", "/mock/finish"): (), ("POST", "/mock/abandon"): (),
}
FORM_FIELDS = ("source", "rating", "next", "area", "q1", "q2", "token", "answer",
               "started_at", "suggested", "tick-0", "tick-7", "file", "action", "minutes",
               "uid", "position", "input", "notes", "star", "hint")
# fuzz_tally is meant to add up over the examples of a test, hence the health check off.
SETTINGS = settings(max_examples=400, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


# -- sending requests the way uvicorn delivers them ------------------------------------------


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Asgi:
    """Calls the app on one event loop, from raw request parts."""

    def __init__(self, app):
        self.app = app
        self.loop = asyncio.new_event_loop()

    def __call__(self, method: str, raw_path: bytes, query: bytes = b"",
                 headers: list[tuple[bytes, bytes]] | None = None,
                 body: bytes = b"") -> Answer:
        base = [(b"host", HOST.encode()), (b"cookie", f"{COOKIE}={TOKEN}".encode())]
        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
            "method": method, "scheme": "http", "root_path": "",
            # uvicorn: the path is the percent-decoded target, invalid UTF-8 replaced.
            "path": unquote(raw_path.decode("ascii")), "raw_path": raw_path,
            "query_string": query, "headers": base + (headers or []),
            "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8765),
        }
        chunks = [body]
        sent: list[dict] = []

        async def receive():
            if chunks:
                return {"type": "http.request", "body": chunks.pop(), "more_body": False}
            return {"type": "http.disconnect"}

        async def send(message):
            sent.append(message)

        self.loop.run_until_complete(self.app(scope, receive, send))
        start = sent[0]
        return Answer(start["status"],
                      {k.decode("latin-1").lower(): v.decode("latin-1")
                       for k, v in start["headers"]},
                      b"".join(m.get("body", b"") for m in sent[1:]))

    def close(self):
        self.loop.close()


@pytest.fixture(scope="module")
def send(tmp_path_factory):
    """One app for the module, over its own study database (a review stored by one
    example only changes what the next one sees, which is fine for fuzzing)."""
    store = Store(tmp_path_factory.mktemp("fuzz-web") / "study.sqlite3")
    study = Study(store)
    study.set_setting("fuzz", False)
    caller = Asgi(create_app(TOKEN, study=study))
    yield caller
    caller.close()
    store.close()


def assert_clean(answer: Answer, what: str) -> None:
    """A normal answer or a 4xx HTML page of the app (its error page, or a form shown
    again with the problem, as the demo page does); never a 5xx, never a traceback."""
    assert answer.status < 500, f"{what}: {answer.status}\n{answer.text[:800]}"
    assert "Traceback (most recent call last)" not in answer.text, what
    if answer.status >= 400:
        assert answer.headers.get("content-type", "").startswith("text/html"), what
        assert answer.text.startswith("<!doctype html>"), what
        assert 'File "' not in answer.text, what


# -- what hypothesis sends -----------------------------------------------------------------

# Text of every kind: control characters, surrogates are not valid UTF-8 so they are left
# to the bytes strategies, and long runs of one character.
hostile_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", ".", "..", "../..", "..\\..", "%2e%2e", "..%2f..%2fetc",
                     "....//", "/", "//", "\\", "\x00", "\r\n", "\u202e", "💥", "ﬁ", "İ",
                     "<script>alert(1)</script>", "' OR 1=1 --", "${jndi:x}", "{{7*7}}",
                     "%s%n", "NaN", "inf", "-1", "1e309", "0x10", "９"]),
    st.integers(1, 20_000).map(lambda n: "a" * n),
)
hostile_bytes = st.one_of(st.binary(max_size=40),
                          st.sampled_from([b"\xff\xfe", b"\xc0\xaf", b"\xed\xa0\x80", b"\x00"]))


def _encode(segment: str | bytes) -> bytes:
    """A path segment as a client puts it on the wire: every byte that is not unreserved
    percent-encoded (so '/', '?' and '%' inside a segment stay inside it)."""
    data = segment.encode("utf-8", "surrogatepass") if isinstance(segment, str) else segment
    return quote_from_bytes(data, safe="").encode("ascii")


def segment(valid: list[str]):
    """A path segment: a valid one (half the time) or anything."""
    return st.one_of(st.sampled_from(valid), hostile_text, hostile_bytes)


def query_strategy(known: tuple[str, ...]):
    """A query string: known and unknown names, duplicated, with odd values, as bytes."""
    name = st.one_of(st.sampled_from(known or ("x",)), hostile_text)
    value = st.one_of(hostile_text, hostile_bytes)
    pairs = st.lists(st.tuples(name, value), max_size=5)
    raw = st.one_of(hostile_bytes.map(lambda b: quote_from_bytes(b, safe="=&").encode()),
                    st.sampled_from([b"&&&", b"=", b"a=%", b"a=%zz", b"%ff=%fe", b"?"]))
    return st.one_of(pairs.map(_urlencode), raw)


def _urlencode(pairs) -> bytes:
    def enc(x):
        return quote_from_bytes(x if isinstance(x, bytes)
                                else x.encode("utf-8", "surrogatepass"), safe="")
    return "&".join(f"{enc(k)}={enc(v)}" for k, v in pairs).encode("ascii")


extra_headers = st.lists(st.tuples(
    st.sampled_from([b"accept", b"accept-language", b"user-agent", b"x-forwarded-for",
                     b"cookie", b"content-type", b"accept-encoding", b"range", b"if-none-match",
                     b"x-requested-with", b"content-length", b"transfer-encoding"]),
    st.one_of(st.binary(max_size=30).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b"")),
              st.sampled_from([b"", b"-1", b"99999999999999999999", b"bytes=0-1",
                               b"text/html;;;", b"chunked", b"gzip, br"]))),
    max_size=3)


# -- every route is fuzzed -------------------------------------------------------------------


def test_every_route_of_the_app_is_in_the_fuzz_list():
    from mlinterview.web.routes import demos, journal, mock, pages, practice, review
    from mlinterview.web.routes import exercises as ex_routes

    routes = {(method, route.path) for module in (pages, demos, ex_routes, review, practice,
                                                  journal, mock)
              for route in module.router.routes for method in route.methods}
    assert routes == {r for r in ROUTES if r[1] != "/static/{path}"}


def _fill(template: str, values: dict) -> bytes:
    raw = template.encode()
    for name, value in values.items():
        raw = raw.replace(f"{{{name}}}".encode(), _encode(value))
    return raw


def _path_values(template: str):
    """The path parameters of one route: valid ones and hostile ones, mixed."""
    slug = [s.split("/")[0] for s in EXERCISE_IDS] if "/exercises/" in template else SLUGS
    names = [s.split("/")[1] for s in EXERCISE_IDS] if "/exercises/" in template else \
        [d.split("/")[1] for d in DEMO_IDS if "/" in d]
    if template.startswith("/demos/"):
        slug = [d.split("/")[0] for d in DEMO_IDS]
    options = {"slug": segment(slug), "name": segment(names),
               "module": segment([*MODULES, "mlinterview.ml", "mlinterview.ml..x", "os",
                                  "mlinterview.algo.", "mlinterview.web.app",
                                  "mlinterview.ml.__main__"]),
               "uid": segment(["0" * 32]), "path": segment(["style.css", "app.js"])}
    wanted = [n for n in options if f"{{{n}}}" in template]
    return st.fixed_dictionaries({n: options[n] for n in wanted})


@st.composite
def get_requests(draw):
    method, template = draw(st.sampled_from(sorted(r for r in ROUTES if r[0] == "GET")))
    values = draw(_path_values(template))
    query = draw(query_strategy(ROUTES[(method, template)]))
    if template.startswith("/demos/{slug}"):
        # A valid demo is only sent parameters that cannot parse (a run takes seconds).
        demo_id = "/".join(str(values[k]) for k in ("slug", "name") if k in values)
        if demo_id in demo_registry():
            query = b"seed=~" + draw(st.binary(max_size=8).map(
                lambda b: quote_from_bytes(b, safe="").encode()))
    return method, template, _fill(template, values), query, draw(extra_headers)


@pytest.mark.slow  # 400 requests: a few seconds
@SETTINGS
@given(request=get_requests())
def test_get_routes_with_malformed_paths_queries_and_headers(send, fuzz_tally, request):
    method, template, raw_path, query, headers = request
    answer = send(method, raw_path, query, headers)
    assert_clean(answer, f"{method} {raw_path[:200]!r}?{query[:200]!r}")
    fuzz_tally("route", f"{method} {template}")


# -- forms ---------------------------------------------------------------------------------

FORM_TYPES = [b"application/x-www-form-urlencoded", b"multipart/form-data; boundary=xyz",
              b"multipart/form-data", b"application/json", b"text/plain", b"text/html",
              b"application/x-www-form-urlencoded; charset=latin-1", b"", b"*/*", b"\xff"]


@st.composite
def form_bodies(draw, *, blank_source: bool):
    """A form body (as bytes) and its content type: fields known and unknown, repeated,
    missing, with odd values; or bytes that are no form at all."""
    field = st.one_of(st.sampled_from(FORM_FIELDS), hostile_text)
    value = st.one_of(hostile_text, st.sampled_from(["0", "1", "2", "3", "4", "5", "/", "//x"]))
    pairs = draw(st.lists(st.tuples(field, value), max_size=6))
    if blank_source:  # never a program the judge would run
        pairs = [(k, "  " if k == "source" else v) for k, v in pairs]
    kind = draw(st.sampled_from(["form", "form", "multipart", "bytes", "huge"]))
    if kind == "form":
        return _urlencode(pairs), draw(st.sampled_from(FORM_TYPES))
    if kind == "multipart":
        parts = b"".join(
            b"--xyz\r\nContent-Disposition: form-data; name=\"" + quote(k).encode()
            + b"\"" + (b"; filename=\"a.py\"" if draw(st.booleans()) else b"") + b"\r\n\r\n"
            + v.encode("utf-8", "surrogatepass") + b"\r\n" for k, v in pairs)
        return parts + draw(st.sampled_from([b"--xyz--\r\n", b"", b"--xyz"])), \
            b"multipart/form-data; boundary=xyz"
    if kind == "huge":
        return b"a=" + b"x" * (600 * 1024), FORM_TYPES[0]
    return draw(hostile_bytes), draw(st.sampled_from(FORM_TYPES))


@st.composite
def post_requests(draw):
    method, template = draw(st.sampled_from(sorted(r for r in ROUTES if r[0] == "POST")))
    values = draw(_path_values(template))
    raw_path = _fill(template, values)
    exercise_id = f"{values.get('slug')}/{values.get('name')}"
    body, content_type = draw(form_bodies(
        blank_source=template.startswith("/exercises/") and exercise_id in EXERCISE_IDS))
    headers = [(b"content-type", content_type)] if content_type else []
    headers.append((b"content-length", str(len(body)).encode()))
    return method, template, raw_path, body, headers


@pytest.mark.slow  # 400 requests: a few seconds
@SETTINGS
@given(request=post_requests())
def test_post_routes_with_malformed_forms(send, fuzz_tally, request):
    method, template, raw_path, body, headers = request
    answer = send(method, raw_path, b"", headers, body)
    assert_clean(answer, f"{method} {raw_path[:200]!r} body {body[:200]!r} {headers!r}")
    fuzz_tally("route", f"{method} {template}")


@settings(SETTINGS, max_examples=150)
@given(method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD",
                               "TRACE", "CONNECT", "PROPFIND", "get", "X" * 300]),
       route=st.sampled_from(sorted(ROUTES)))
def test_wrong_methods_get_error_pages(send, fuzz_tally, method, route):
    if (method, route[1]) in ROUTES or (method == "HEAD" and route[1] == "/static/{path}"):
        return  # not a wrong method
    raw_path = _fill(route[1], {"slug": SLUGS[0], "name": "x", "module": MODULES[0],
                                "uid": "0" * 32, "path": "style.css"})
    answer = send(method, raw_path)
    assert_clean(answer, f"{method} {raw_path!r}")
    assert answer.status in (403, 404, 405), answer.status
    fuzz_tally("route", f"{route[0]} {route[1]}")  # an input of that route: its method


def test_a_form_of_another_content_type_is_refused_and_stores_nothing(send, fuzz_tally):
    slug = SLUGS[0]
    study = send.app.state.web.study
    before = len(study.reviews(slug, limit=10**6))
    for content_type in (b"application/json", b"text/plain", b"application/xml"):
        answer = send("POST", f"/topics/{slug}/check".encode(), b"",
                      [(b"content-type", content_type)], b'{"q1": "0"}')
        assert_clean(answer, content_type.decode())
        assert answer.status == 415
        fuzz_tally("route", "POST /topics/{slug}/check")
    assert len(study.reviews(slug, limit=10**6)) == before
