"""The study tests run on six made-up topics (see ``study_helpers.FAKE``)."""

from __future__ import annotations

import pytest
from study_helpers import FAKE, fake_topic

from mlinterview import topics as topics_module
from mlinterview.topics import UnknownTopicError


@pytest.fixture(autouse=True)
def fake_topics(request, monkeypatch):
    """Replace the card set with :data:`FAKE` for the whole study test suite (except in
    modules that set ``REAL_TOPICS = True``: the soak test reviews the real cards)."""
    if getattr(request.module, "REAL_TOPICS", False):
        return None
    table = {slug: fake_topic(slug, area) for slug, area in FAKE.items()}

    def get_topic(slug):
        if slug not in table:
            raise UnknownTopicError(slug, [])
        return table[slug]

    monkeypatch.setattr(topics_module, "all_topics", lambda: dict(table))
    monkeypatch.setattr(topics_module, "get_topic", get_topic)
    return table
