"""Guarding the local server: it runs submitted code, so it must only answer its owner.

The rules, checked on every request before any route runs (as Jupyter does):

1. **Host**: the ``Host`` header must name this server (loopback names, or the host given
   to ``serve --host``). Stops DNS rebinding: a web page cannot reach the app through a
   name that resolves to 127.0.0.1.
2. **Token**: a per-run random token, given once in the URL printed by ``serve``. A valid
   ``?token=`` sets an HttpOnly, SameSite=Strict cookie and redirects to the same URL
   without it; afterwards the cookie (or an ``Authorization: Bearer`` header) carries it.
3. **Origin**: a state-changing request (POST and friends) whose ``Origin`` (or, lacking
   that, ``Referer``) is another site is refused: with SameSite=Strict cookies this is
   the second lock against cross-site request forgery.
4. **Size**: request bodies above ``max_body`` bytes get 413, whether or not they
   declare a ``Content-Length``.

Refusals are rendered by the app's error pages (``on_refuse``), never as tracebacks.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class SecurityConfig:
    token: str
    allowed_hosts: frozenset[str] = LOOPBACK
    max_body: int = 512 * 1024
    cookie_name: str = "mlinterview_token"
    extra_headers: dict[str, str] = field(default_factory=lambda: {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        # "no-referrer" would make browsers send `Origin: null` on our own form posts
        # (Fetch spec), which the Origin check refuses; same-origin keeps the real origin.
        "Referrer-Policy": "same-origin",
        # Inline SVG figures carry style attributes, hence 'unsafe-inline' for styles only.
        "Content-Security-Policy": ("default-src 'self'; img-src 'self' data:; "
                                    "style-src 'self' 'unsafe-inline'; script-src 'self'; "
                                    "form-action 'self'; frame-ancestors 'none'"),
    })


class BodyTooLarge(Exception):
    pass


def host_name(value: str) -> str:
    """The host part of a Host header: ``[::1]:8000`` -> ``::1``, ``a:80`` -> ``a``."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1: value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def clean_location(scope: dict, query: dict[str, str]) -> str:
    """The URL to redirect to once the token is in a cookie: this request's path, still
    percent-encoded as it came (so any character survives the ``Location`` header), with
    the remaining query. Leading slashes are folded into one: ``//evil.com`` would be read
    by the browser as another site."""
    raw = scope.get("raw_path") or quote(scope.get("path", "/")).encode("ascii")
    path = "/" + raw.decode("latin-1").split("?", 1)[0].lstrip("/\\")
    return path + (f"?{urlencode(query)}" if query else "")


Refuse = Callable[[dict, int, str], Awaitable[tuple[int, list[tuple[bytes, bytes]], bytes]]]


class SecurityMiddleware:
    """ASGI middleware enforcing :class:`SecurityConfig` on HTTP requests."""

    def __init__(self, app, config: SecurityConfig, on_refuse: Refuse):
        self.app = app
        self.config = config
        self.on_refuse = on_refuse

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        method = scope.get("method", "GET").upper()

        host = host_name(headers.get("host", ""))
        if host not in self.config.allowed_hosts:
            await self._refuse(scope, send, 400, f"This server does not answer to the host "
                               f"name {host or '(none)'!r}. Use the address printed by "
                               "`mlinterview serve`.")
            return

        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        given = query.get("token")
        if given is not None and method in SAFE_METHODS:
            if not self._valid(given):
                await self._refuse(scope, send, 403, "The token in the URL is not the one "
                                   "printed by `mlinterview serve`.")
                return
            await self._set_cookie_and_redirect(scope, send, query)
            return
        if not self._valid(self._presented_token(headers)):
            await self._refuse(scope, send, 403, "Open the URL with the token printed by "
                               "`mlinterview serve` (it sets a cookie for this browser).")
            return

        if method not in SAFE_METHODS and not self._same_origin(headers):
            await self._refuse(scope, send, 403, "Cross-site request refused: the form was "
                               "not sent from this app.")
            return

        declared = headers.get("content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.config.max_body
            except ValueError:
                await self._refuse(scope, send, 400, "Malformed Content-Length header.")
                return
            if too_big:
                await self._refuse(scope, send, 413, self._too_big_message())
                return

        received = 0
        started = False

        async def counting_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.config.max_body:
                    raise BodyTooLarge
            return message

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                extra = [(k.lower().encode(), v.encode())
                         for k, v in self.config.extra_headers.items()]
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        try:
            await self.app(scope, counting_receive, send_with_headers)
        except BodyTooLarge:
            if not started:
                await self._refuse(scope, send, 413, self._too_big_message())

    # -- helpers -----------------------------------------------------------------------

    def _too_big_message(self) -> str:
        cap = self.config.max_body
        size = f"{cap // 1024} KB" if cap >= 1024 else f"{cap} bytes"
        return f"The request is larger than {size}."

    def _valid(self, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(token.encode(), self.config.token.encode())

    def _presented_token(self, headers: dict[str, str]) -> str | None:
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip()
        for part in headers.get("cookie", "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == self.config.cookie_name:
                return value
        return None

    def _same_origin(self, headers: dict[str, str]) -> bool:
        source = headers.get("origin") or headers.get("referer")
        if source is None:
            return True  # not a browser form post (curl, a test client): the token suffices
        if source == "null":
            return False
        parts = urlsplit(source)
        # Same scheme-less origin: host *and* port must be this server's.
        return (parts.hostname or "") in self.config.allowed_hosts and \
            parts.netloc.lower() == headers.get("host", "").lower()

    async def _set_cookie_and_redirect(self, scope, send, query):
        query.pop("token", None)
        location = clean_location(scope, query)
        cookie = (f"{self.config.cookie_name}={self.config.token}; Path=/; HttpOnly; "
                  "SameSite=Strict")
        await send({"type": "http.response.start", "status": 303, "headers": [
            (b"location", location.encode("latin-1")),
            (b"set-cookie", cookie.encode("latin-1")),
            (b"cache-control", b"no-store"),
            (b"content-length", b"0"),
        ]})
        await send({"type": "http.response.body", "body": b""})

    async def _refuse(self, scope, send, status: int, message: str):
        status, headers, body = await self.on_refuse(scope, status, message)
        extra = [(k.lower().encode(), v.encode()) for k, v in self.config.extra_headers.items()]
        await send({"type": "http.response.start", "status": status,
                    "headers": headers + extra + [(b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
