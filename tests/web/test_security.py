"""The guard in front of the app: token, Host, Origin, body size, security headers and
static files. Each refusal is the app's own HTML error page, never a traceback."""

from __future__ import annotations

import html
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_helpers import BASE, COOKIE, HOST, SLUG, TOKEN, assert_error_page, call_asgi

from mlinterview.web import security
from mlinterview.web.app import create_app

FORM = {"content-type": "application/x-www-form-urlencoded"}


# -- the token ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", f"/topics/{SLUG}", "/stats", "/static/style.css",
                                  "/source/mlinterview.ml.metrics", "/no/such/page"])
def test_without_the_token_every_url_is_a_403_page(anon, path):
    message = assert_error_page(anon.get(path), 403)
    assert "token" in message


def test_a_wrong_token_is_refused_in_the_cookie_the_header_and_the_url(anon):
    assert_error_page(anon.get("/", headers={"cookie": f"{COOKIE}={TOKEN}x"}), 403)
    assert_error_page(anon.get("/", headers={"cookie": f"{COOKIE}="}), 403)
    assert_error_page(anon.get("/", headers={"cookie": f"other={TOKEN}"}), 403)
    assert_error_page(anon.get("/", headers={"authorization": "Bearer nope"}), 403)
    r = anon.get("/", params={"token": "nope"}, follow_redirects=False)
    assert "token in the URL" in assert_error_page(r, 403)
    assert "set-cookie" not in r.headers


def test_a_post_without_the_token_changes_nothing(anon, study):
    r = anon.post(f"/topics/{SLUG}/check", data={"recall-value": "0.6"})
    assert_error_page(r, 403)
    # The token in the URL only logs in a GET: a form cannot carry it past the check.
    r = anon.post(f"/topics/{SLUG}/check", params={"token": TOKEN}, data={"recall-value": "1"},
                  follow_redirects=False)
    assert_error_page(r, 403)
    assert study.reviews() == []


def test_a_bearer_header_is_accepted(anon):
    assert anon.get("/", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_the_token_in_the_url_sets_the_cookie_and_redirects_to_the_clean_url(anon):
    r = anon.get(f"/topics/{SLUG}", params={"token": TOKEN, "x": "1"}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == f"/topics/{SLUG}?x=1"
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}={TOKEN};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert r.headers["cache-control"] == "no-store"
    # The client now holds the cookie: the clean URL opens without the token.
    page = anon.get(r.headers["location"])
    assert page.status_code == 200 and "token" not in str(page.url)


def test_the_login_redirect_keeps_encoded_paths_and_never_leaves_the_site():
    app = create_app(TOKEN)
    headers = [("host", HOST)]
    r = call_asgi(app, "/topics/caf€", raw_path=b"/topics/caf%E2%82%AC",
                  query=f"token={TOKEN}", headers=headers)
    assert r.status == 303 and r.headers["location"] == "/topics/caf%E2%82%AC"
    for path in ("//evil.example", "///evil.example/x", "/\\evil.example"):
        r = call_asgi(app, path, query=f"token={TOKEN}", headers=headers)
        assert r.status == 303
        location = r.headers["location"]
        assert location.startswith("/") and not location.startswith(("//", "/\\")), location


# -- Host: DNS rebinding -----------------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.com", "evil.com:8765", "127.0.0.1.evil.com",
                                  "localhost.evil.com:8765", "127.0.0.2", "0.0.0.0:8765",
                                  "[::2]:8765", "127.0.0.1:8765:evil", ""])
def test_a_foreign_host_is_a_400_page_even_with_the_token(client, host):
    message = assert_error_page(client.get("/", headers={"host": host}), 400)
    assert "host name" in message


def test_a_missing_host_header_is_refused(app):
    r = call_asgi(app, "/", headers=[("cookie", f"{COOKIE}={TOKEN}")])
    assert_error_page(r, 400)


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "LOCALHOST", "[::1]:8765",
                                  "127.0.0.1"])
def test_loopback_names_are_served(client, host):
    assert client.get("/", headers={"host": host}).status_code == 200


def test_a_host_given_to_serve_is_allowed(study):
    app = create_app(TOKEN, study=study, allowed_hosts=security.LOOPBACK | {"lab.internal"})
    with TestClient(app, base_url="http://lab.internal:9000") as c:
        c.cookies.set(COOKIE, TOKEN)
        assert c.get("/").status_code == 200
        assert_error_page(c.get("/", headers={"host": "evil.com"}), 400)


def test_host_name_parsing():
    assert security.host_name("[::1]:8000") == "::1"
    assert security.host_name("LocalHost:80") == "localhost"
    assert security.host_name("::1") == "::1"
    assert security.host_name("a:b:c") == "a:b:c"  # not a name this server answers to


# -- Origin: cross-site form posts --------------------------------------------------------


@pytest.mark.parametrize("headers", [
    {"origin": "http://evil.com"},
    {"origin": "null"},
    {"origin": "http://127.0.0.1:9999"},          # another local app on another port
    {"origin": "http://localhost.evil.com:8765"},
    {"origin": "https://127.0.0.1.evil.com"},
    {"referer": "http://evil.com/page"},
    {"referer": "http://127.0.0.1:9999/"},
])
def test_a_post_from_another_origin_is_a_403_page(client, study, headers):
    r = client.post(f"/topics/{SLUG}/check", data={"recall-value": "0.6"}, headers=headers)
    assert "Cross-site" in assert_error_page(r, 403)
    assert study.reviews() == []


@pytest.mark.parametrize("headers", [{"origin": BASE}, {"referer": f"{BASE}/topics/{SLUG}"},
                                     {}])
def test_a_post_from_this_app_or_from_no_browser_is_accepted(client, study, headers):
    r = client.post(f"/topics/{SLUG}/check", data={"recall-value": "0.6"}, headers=headers)
    assert r.status_code == 200
    assert len(study.reviews()) == 1


def test_the_origin_check_guards_every_state_changing_route(client, study):
    evil = {"origin": "http://evil.com"}
    for path in ("/exercises/classification-metrics/precision-recall-f1", "/review/" + SLUG,
                 "/reviews/abc/rating"):
        assert_error_page(client.post(path, data={"source": "x = 1"}, headers=evil), 403)
    assert_error_page(client.request("PUT", "/", headers=evil), 403)
    assert_error_page(client.request("DELETE", "/", headers=evil), 403)
    assert study.attempts() == [] and study.reviews() == []


# -- request size ------------------------------------------------------------------------


def small_app(study, cap=1000):
    return create_app(TOKEN, study=study, max_body=cap)


def test_a_body_over_the_cap_is_a_413_page(study):
    with TestClient(small_app(study), base_url=BASE) as c:
        c.cookies.set(COOKIE, TOKEN)
        r = c.post(f"/topics/{SLUG}/check", content=b"a=" + b"x" * 2000, headers=FORM)
        assert "1000 bytes" in assert_error_page(r, 413)
        ok = c.post(f"/topics/{SLUG}/check", content=b"a=" + b"x" * 900, headers=FORM)
        assert ok.status_code == 200
    assert len(study.reviews()) == 1


def test_the_default_cap_is_stated_in_kilobytes(client):
    r = client.post(f"/topics/{SLUG}/check", content=b"a=" + b"x" * (600 * 1024), headers=FORM)
    assert "512 KB" in assert_error_page(r, 413)


def test_a_streamed_body_without_content_length_is_cut_at_the_cap(study):
    app = small_app(study)
    chunks = (b"source=", b"x" * 600, b"x" * 600, b"x" * 600)
    r = call_asgi(app, "/exercises/classification-metrics/precision-recall-f1", method="POST",
                  headers=[("host", HOST), ("cookie", f"{COOKIE}={TOKEN}"),
                           ("content-type", FORM["content-type"])], chunks=chunks)
    assert_error_page(r, 413)
    assert study.attempts() == []  # the judge never ran


def test_a_streamed_body_through_the_client_is_cut_too(study):
    def body():
        for _ in range(5):
            yield b"a=" + b"x" * 500 + b"&"

    with TestClient(small_app(study), base_url=BASE) as c:
        c.cookies.set(COOKIE, TOKEN)
        r = c.post(f"/topics/{SLUG}/check", content=body(), headers=FORM)
        assert_error_page(r, 413)
    assert study.reviews() == []


def test_a_malformed_content_length_is_a_400_page(app):
    r = call_asgi(app, f"/topics/{SLUG}/check", method="POST",
                  headers=[("host", HOST), ("cookie", f"{COOKIE}={TOKEN}"),
                           ("content-length", "lots")])
    assert "Content-Length" in assert_error_page(r, 400)


# -- headers -----------------------------------------------------------------------------


def assert_security_headers(headers):
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "form-action 'self'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    # Not "no-referrer": browsers would then send `Origin: null` on the app's own forms.
    assert headers["referrer-policy"] == "same-origin"


def test_security_headers_on_pages_assets_errors_and_refusals(client, anon):
    responses = [client.get("/"), client.get("/static/style.css"), client.get("/nope"),
                 client.get(f"/demos/{SLUG}", params={"threshold": "9"}),
                 anon.get("/"), client.get("/", headers={"host": "evil.com"}),
                 client.post("/", headers={"origin": "http://evil.com"})]
    for r in responses:
        assert_security_headers(r.headers)


# -- static files ------------------------------------------------------------------------


STATIC = Path(security.__file__).parent / "static"


@pytest.mark.parametrize("raw", [
    b"/static/../app.py", b"/static/../../web/app.py", b"/static/../templates/base.html",
    b"/static/../../../../../../etc/passwd", b"/static//etc/passwd",
    b"/static/%2e%2e/app.py", b"/static/%2E%2E%2Fapp.py", b"/static/..%2fapp.py",
    b"/static/%2fetc%2fpasswd", b"/static/..%5capp.py", b"/static/%252e%252e/app.py",
])
def test_no_file_outside_the_static_folder_is_served(app, raw):
    from urllib.parse import unquote

    path = unquote(raw.decode())  # what a server puts in scope["path"]
    r = call_asgi(app, path, raw_path=raw)
    assert_error_page(r, 404)
    assert "root:" not in r.text and "def create_app" not in r.text and "{% block" not in r.text


def test_the_encoded_dot_dot_through_an_http_client_is_refused(client):
    for url in ("/static/%2e%2e/app.py", "/static/%2e%2e%2f%2e%2e%2fsources.py",
                "/static/%2fetc%2fpasswd"):
        r = client.get(url)
        assert_error_page(r, 404)
        assert "def " not in r.text and "root:" not in r.text


def test_every_static_file_is_served_and_nothing_else(client):
    for file in STATIC.iterdir():
        r = client.get(f"/static/{file.name}")
        assert r.status_code == 200
        assert r.content == file.read_bytes()
    assert_error_page(client.get("/static/"), 404)


# -- a real server -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def raw_http(port: int, request: bytes) -> bytes:
    """Send bytes as they are (no client normalises the path) and read the whole answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=120) as s:
        s.sendall(request)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def non_loopback_address() -> str | None:
    """An address of this machine other than 127.x, to prove the server is not on it."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # TEST-NET: nothing is sent, it only picks a route
        except OSError:
            return None
        address = s.getsockname()[0]
    return None if address.startswith("127.") else address


@pytest.mark.slow
def test_serve_binds_loopback_and_prints_the_url_with_its_token(tmp_path):
    env = {**os.environ, "MLINTERVIEW_HOME": str(tmp_path), "NO_COLOR": "1",
           "COLUMNS": "200", "PYTHONUNBUFFERED": "1"}
    cli = Path(sys.executable).with_name("mlinterview")
    proc = subprocess.Popen([str(cli), "serve", "--port", "0"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        # Read its output in a thread, so a server that prints nothing cannot hang the test.
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True).start()
        # serve listens before it prints the URL, so the URL is the signal that it is
        # ready. Building every page first takes seconds, more on a busy machine: the
        # timeout per line only stops a hung server from hanging the test.
        url, seen = None, []
        while url is None:
            try:
                line = lines.get(timeout=300)
            except queue.Empty:
                pytest.fail(f"serve printed no URL with a token: {''.join(seen)}")
            seen.append(line)
            found = re.search(r"(http://\S+/\?token=(\S+))", line)
            if found:
                url, token = found.group(1), found.group(2)
        # --port 0: the system picks a free port (no race with another test for one).
        found = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/\?token=\S+", url)
        assert found, url
        port = int(found.group(1))
        assert len(token) >= 16
        while not any("Exercises are judged" in x or "exercises are judged" in x
                      for x in seen):  # how submissions are isolated, said after the URL
            seen.append(lines.get(timeout=300))

        # Logging in with the printed URL sets the cookie and redirects to "/".
        answer = raw_http(port, f"GET /?token={token} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                                "Connection: close\r\n\r\n".encode())
        head = answer.split(b"\r\n\r\n")[0].decode()
        assert head.startswith("HTTP/1.1 303")
        assert "location: /\r\n" in head.lower() + "\r\n"
        cookie_name = f"mlinterview_{port}"
        assert f"set-cookie: {cookie_name}={token};" in head.lower().replace(
            token.lower(), token)

        def get(raw_path: str, host: str = f"127.0.0.1:{port}") -> tuple[str, str]:
            answer = raw_http(port, f"GET {raw_path} HTTP/1.1\r\nHost: {host}\r\n"
                                    f"Cookie: {cookie_name}={token}\r\n"
                                    "Connection: close\r\n\r\n".encode())
            head, _, body = answer.decode("utf-8", "replace").partition("\r\n\r\n")
            return head.split("\r\n")[0], body

        status, body = get("/")
        assert " 200 " in status and "Classification metrics" in body
        status, body = get("/", host="evil.com")
        assert " 400 " in status and "<!doctype html>" in body
        for raw in ("/static/../app.py", "/static/../../sources.py", "/static/%2e%2e/app.py",
                    "/static//etc/passwd"):
            status, body = get(raw)
            assert " 404 " in status, (raw, status)
            assert "def " not in body and "root:" not in body

        # Only loopback: the machine's other address does not answer.
        other = non_loopback_address()
        if other is not None:
            with pytest.raises(OSError), socket.create_connection((other, port), timeout=2):
                pass
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        proc.stdout.close()
    assert proc.returncode is not None


def test_serve_refuses_a_short_token():
    from mlinterview.web.server import run

    with pytest.raises(ValueError, match="--token"):
        run(port=free_port(), token="short")


def test_html_escape_of_error_messages(client):
    r = client.get("/topics/<b>bold</b>")
    message = assert_error_page(r, 404)
    assert "<b>" not in message and html.escape("<b>") in message
