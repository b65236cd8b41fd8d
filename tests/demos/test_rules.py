"""Conditions between demo parameters (:class:`~mlinterview.demos.Rule`): each one can be
broken inside the parameters' own bounds (else it says nothing), and a combination that
breaks it is refused by ``parse`` and by ``run`` with the rule's words and the values, as
a :class:`ParamError` (the CLI's one-line message, the web's 400 page), before any work.

Found by running every demo at its parameters' bounds and at random combinations: six
demos raised a bare ValueError from inside the run, which the web served as a 500 and
the CLI as a traceback."""

from __future__ import annotations

import pytest

from demo_rules import breaking
from mlinterview.demos import ParamError, registry

RULES = [(demo_id, i) for demo_id, spec in sorted(registry().items())
         for i in range(len(spec.rules))]


def test_the_demos_that_need_rules_declare_them():
    assert {demo_id for demo_id, _ in RULES} == {
        "conv-parameters", "convolutions", "imbalanced-data", "rag-assistant",
        "recommender-system", "transposed-conv"}


@pytest.mark.parametrize(("demo_id", "index"), RULES)
def test_a_broken_rule_is_a_param_error_naming_the_rule_and_the_values(demo_id, index):
    spec = registry()[demo_id]
    rule = spec.rules[index]
    values = breaking(spec, rule)
    for call in (spec.parse, lambda raw: spec.run(**raw)):
        with pytest.raises(ParamError) as caught:
            call({k: str(v) for k, v in values.items()})   # as a form sends them
        message = str(caught.value)
        assert message.startswith(rule.text + "; got ")
        for name in rule.names:
            assert f"{name}={values[name]}" in message
