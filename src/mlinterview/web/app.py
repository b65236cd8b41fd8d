"""The web app: server-rendered pages over the same services as the CLI.

``create_app`` builds a FastAPI app with Jinja2 templates, static files served from the
package (nothing from the internet), the security middleware (token, Host, Origin,
request size) and proper error pages for 400, 403, 404, 413 and 500.

Everything a page shows that is the same for every visitor (the cards rendered to HTML,
the library code, the home page's tags, the search index) is built by ``create_app``
itself (:mod:`mlinterview.web.catalog`), so the app is ready when it returns and the
server starts listening only then: no request, not even the first, waits for it.
Routes are plain functions run in Starlette's thread pool; the study store gives each
thread its own SQLite connection.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from mlinterview import __version__
from mlinterview.figures import Shelf
from mlinterview.study import Study
from mlinterview.web import catalog
from mlinterview.web.catalog import Catalog
from mlinterview.web.security import LOOPBACK, SecurityConfig, SecurityMiddleware

HERE = Path(__file__).parent
log = logging.getLogger("mlinterview.web")

TITLES = {400: "Bad request", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
          409: "Out of date",
          413: "Request too large", 415: "Unsupported media type",
          500: "Something went wrong"}


@dataclass
class WebState:
    """What the routes share: the study service, the templates and the catalog."""

    study: Study
    templates: Jinja2Templates
    config: SecurityConfig
    catalog: Catalog
    figures: Shelf  # the cards' inline figures, drawn at start-up, never per request


def _templates() -> Jinja2Templates:
    from mlinterview import render

    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    # The templates are package data: compile each once, never stat the file per request.
    env.auto_reload = False
    env.globals["version"] = __version__
    env.filters["markdown"] = render.markdown_to_html
    env.filters["inline_markdown"] = render.inline_markdown_to_html
    env.filters["pct"] = lambda x: "n/a" if x is None else f"{x:.0%}"
    return templates


def create_app(token: str | None = None, *, allowed_hosts: frozenset[str] = LOOPBACK,
               max_body: int = 512 * 1024, study: Study | None = None,
               cookie_name: str = "mlinterview_token") -> FastAPI:
    """The app. ``token`` defaults to a new random one (read it from ``app.state.web``)."""
    from mlinterview.web.routes import demos, exercises, journal, mock, pages, practice, review

    config = SecurityConfig(token=token or secrets.token_urlsafe(24),
                            allowed_hosts=frozenset(allowed_hosts), max_body=max_body,
                            cookie_name=cookie_name)
    app = FastAPI(title="mlinterview", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url=None)
    templates = _templates()
    pages_catalog = catalog.build()
    catalog.warm(pages_catalog, templates)
    shelf = Shelf(view.topic for view in pages_catalog.topics.values())
    app.state.web = WebState(study=study or Study(), templates=templates, config=config,
                             catalog=pages_catalog, figures=shelf)

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for module in (pages, demos, exercises, review, practice, journal, mock):
        app.include_router(module.router)

    def error_page(request: Request | None, status: int, message: str) -> HTMLResponse:
        context = {"status": status, "title": TITLES.get(status, "Error"),
                   "message": message, "due_count": None}
        html = templates.env.get_template("error.html").render(request=request, **context)
        return HTMLResponse(html, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "")
        if exc.status_code == 404 and message == "Not Found":
            message = f"There is no page at {request.url.path}."
        return error_page(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                             for e in exc.errors())
        return error_page(request, 400, f"The request is malformed: {problems}")

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return error_page(request, 500, "The server hit an unexpected error; the details "
                          "are in the terminal running `mlinterview serve`.")

    async def on_refuse(scope, status: int, message: str):
        response = error_page(None, status, message)
        headers = [(b"content-type", b"text/html; charset=utf-8"),
                   (b"cache-control", b"no-store")]
        return status, headers, response.body

    app.add_middleware(SecurityMiddleware, config=config, on_refuse=on_refuse)
    return app
