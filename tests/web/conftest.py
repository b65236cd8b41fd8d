"""Fixtures for the web app: an app bound to the test's own study database (the root
conftest points MLINTERVIEW_HOME at a temporary folder), a client that holds the token
cookie and one that does not."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from jinja2.bccache import BytecodeCache
from web_helpers import BASE, COOKIE, TOKEN

from mlinterview.web import app as web_app
from mlinterview.web import catalog
from mlinterview.web.app import create_app


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory for the whole test session. Jinja checks each
    entry against a checksum of the template's source before using it, so a changed
    template is compiled again."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _MemoryBytecodeCache()
_LIBRARY_LINKS: dict[str, catalog.LibraryLink] = {}
_library_link = catalog._library_link
_templates = web_app._templates


def _shared_library_link(symbol: str) -> catalog.LibraryLink:
    # The library's source files do not change during a test session, and the link (its
    # location and highlighted source) depends on nothing else.
    if symbol not in _LIBRARY_LINKS:
        _LIBRARY_LINKS[symbol] = _library_link(symbol)
    return _LIBRARY_LINKS[symbol]


def _templates_sharing_bytecode():
    templates = _templates()  # a new environment, its filters and globals, as in the app
    templates.env.bytecode_cache = _BYTECODE
    return templates


@pytest.fixture(autouse=True)
def _share_app_parts(request, monkeypatch):
    """Every app a test here makes shares two parts of ``create_app`` across the session.

    A server makes its app once; these tests make one per test (~600 of them), and two
    parts of ``create_app`` cost ~0.4 s each time and give the same result every time: the
    library links of the cards (each symbol's source cut out by tokenising its module) and
    the compiled templates (Jinja bytecode). The cards, the catalog, the filters and the
    render caches are still built per app. A module that tests ``create_app`` itself sets
    ``SHARE_APP_PARTS = False`` (test_caching.py).
    """
    if getattr(request.module, "SHARE_APP_PARTS", True):
        monkeypatch.setattr(catalog, "_library_link", _shared_library_link)
        monkeypatch.setattr(web_app, "_templates", _templates_sharing_bytecode)


@pytest.fixture
def app(study):
    """The app over the test's temporary study database, with a known token."""
    return create_app(TOKEN, study=study)


@pytest.fixture
def client(app):
    """A client that already holds the token cookie (as after opening the printed URL).
    Server errors come back as the app's 500 page instead of being re-raised, as a browser
    would see them."""
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as c:
        c.cookies.set(COOKIE, TOKEN)
        yield c


@pytest.fixture
def anon(app):
    """A client without the token."""
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as c:
        yield c
