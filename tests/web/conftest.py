"""Fixtures for the web app: an app bound to the test's own study database (the root
conftest points MLINTERVIEW_HOME at a temporary folder), a client that holds the token
cookie and one that does not."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_helpers import BASE, COOKIE, TOKEN

from mlinterview.web.app import create_app


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
