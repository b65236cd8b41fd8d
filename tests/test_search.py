from mlinterview.search import search


def test_finds_a_card_by_words_in_its_body():
    hits = search("harmonic mean")
    assert hits and hits[0].slug == "classification-metrics"
    assert "harmonic" in hits[0].snippet.lower()


def test_every_word_must_match_and_empty_query_finds_nothing():
    assert search("precision zzzzzz") == []
    assert search("   ") == []


def test_title_match_ranks_first():
    assert search("classification")[0].slug == "classification-metrics"
