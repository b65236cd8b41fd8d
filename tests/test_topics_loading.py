"""get_topic parses the one card it is asked for (``mlinterview show`` needs no other)."""

from __future__ import annotations

import json
import subprocess
import sys

from mlinterview import topics


def test_one_card_is_the_card_all_topics_has():
    for slug, card in topics.all_topics().items():
        assert topics.get_topic(slug) is card


def test_get_topic_parses_only_its_card():
    code = ("import json\n"
            "from mlinterview import topics\n"
            "parsed = []\n"
            "parse = topics.parse_card\n"
            "topics.parse_card = lambda text, path: parsed.append(path.stem) or parse(text, path)\n"
            "topic = topics.get_topic('svm')\n"
            "print(json.dumps([topic.slug, parsed]))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert json.loads(out) == ["svm", ["svm"]]


def test_a_slug_that_is_not_a_file_name_loads_them_all_and_suggests():
    for slug in ("sv", "../svm", "svm*", "*"):
        try:
            topics.get_topic(slug)
        except topics.UnknownTopicError as exc:
            assert exc.slug == slug
        else:
            raise AssertionError(f"{slug!r} found a card")


def test_a_slug_too_long_for_a_file_name_is_unknown():
    slug = "a" * 300
    try:
        topics.get_topic(slug)
    except topics.UnknownTopicError as exc:
        assert exc.slug == slug
    else:
        raise AssertionError("a card was found")
