"""The sandbox probe's answer is kept on disk for the same boot and code, successes only."""

from __future__ import annotations

import json

import pytest

from mlinterview.exercises import sandbox as S

pytestmark = pytest.mark.skipif(not S.isolation().isolated,
                                reason="no namespaces here: nothing is probed successfully")


@pytest.fixture
def probes(monkeypatch):
    """Count probe runs; each test starts as a new process would (nothing chosen yet)."""
    calls = []
    real = S._probe

    def counting(kind):
        calls.append(kind)
        return real(kind)

    monkeypatch.setattr(S, "_probe", counting)
    monkeypatch.setattr(S, "_CHOSEN", [])
    return calls


def fresh_process(monkeypatch) -> S.Isolation:
    monkeypatch.setattr(S, "_CHOSEN", [])
    return S.isolation()


def test_a_passed_probe_is_not_run_again_by_the_next_process(probes, monkeypatch):
    first = S.isolation()
    assert first.isolated and probes == [first.kind]
    again = fresh_process(monkeypatch)
    assert again == first and probes == [first.kind]  # read from disk, not probed


def test_another_boot_or_changed_sandbox_code_probes_again(probes, monkeypatch):
    kind = S.isolation().kind
    real_key = S._probe_key
    monkeypatch.setattr(S, "_probe_key", lambda k: "another-boot-" + real_key(k))
    fresh_process(monkeypatch)
    assert probes == [kind, kind]


def test_a_damaged_or_foreign_answer_is_ignored(probes, monkeypatch):
    kind = S.isolation().kind
    path = S._probe_file(kind)
    for text in ("{not json", json.dumps({"kind": kind, "hidden": False}), "[]"):
        path.write_text(text, encoding="utf-8")
        fresh_process(monkeypatch)
    assert probes == [kind] * 4
    assert S._proven(path, kind)  # the last probe passed and was kept again


def test_a_failed_probe_is_never_kept(monkeypatch):
    monkeypatch.setattr(S, "_CHOSEN", [])
    monkeypatch.setattr(S, "_probe", lambda kind: "a file outside the sandbox was readable")
    chosen = S.isolation()
    assert not chosen.isolated and "readable" in chosen.reason
    assert not any(S._proven(S._probe_file(k), k)
                   for k in (S.NAMESPACES_ROOT, S.NAMESPACES_USER))
