"""Constants and helpers shared by the web tests: a raw ASGI call for requests no HTTP
client would send (``..`` in a path, hand-made headers) and readers of the error page."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

TOKEN = "test-token-0123456789abcdef"
HOST = "127.0.0.1:8765"
BASE = f"http://{HOST}"
COOKIE = "mlinterview_token"
SLUG = "classification-metrics"
EXERCISE = "classification-metrics/precision-recall-f1"


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def call_asgi(app, path: str, *, method: str = "GET", query: str = "",
              headers: list[tuple[str, str]] | None = None,
              chunks: tuple[bytes, ...] = (b"",), raw_path: bytes | None = None) -> RawResponse:
    """Send one request straight to the ASGI app, exactly as given: no client in between
    normalises ``..`` away or fills in headers. ``chunks`` arrive as separate body
    messages (a streamed upload without Content-Length)."""
    base = [("host", HOST), ("cookie", f"{COOKIE}={TOKEN}")]
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
        "method": method, "scheme": "http", "path": path,
        "raw_path": raw_path if raw_path is not None else path.encode("utf-8"),
        "query_string": query.encode(), "root_path": "",
        "headers": [(k.lower().encode("latin-1"), v.encode("latin-1"))
                    for k, v in (base if headers is None else headers)],
        "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8765),
    }
    pending = list(chunks)
    sent: list[dict] = []

    async def receive():
        if pending:
            body = pending.pop(0)
            return {"type": "http.request", "body": body, "more_body": bool(pending)}
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = sent[0]
    assert start["type"] == "http.response.start"
    return RawResponse(
        status=start["status"],
        headers={k.decode("latin-1").lower(): v.decode("latin-1") for k, v in start["headers"]},
        body=b"".join(m.get("body", b"") for m in sent[1:]))


def error_message(html: str) -> str:
    """The message paragraph of the app's error page (fails if the page is not one)."""
    found = re.search(r'data-testid="error">\s*<h1>(\d+) · [^<]*</h1>\s*<p>(.*?)</p>', html,
                      re.S)
    assert found, f"not the app's error page:\n{html[:500]}"
    return found.group(2)


def assert_error_page(response, status: int) -> str:
    """``response`` is the app's HTML error page for ``status``; returns its message."""
    got = getattr(response, "status_code", None) or response.status
    assert got == status, f"expected {status}, got {got}"
    headers = response.headers
    assert headers["content-type"].startswith("text/html")
    html = response.text
    assert html.startswith("<!doctype html>")
    assert f"<h1>{status} · " in html
    assert "Traceback" not in html and 'File "' not in html
    return error_message(html)
