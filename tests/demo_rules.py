"""Combinations of demo parameters that break a demo's :class:`~mlinterview.demos.Rule`,
for the demo, web and CLI tests (a module at the top of tests/, like fuzz_tally, so every
test folder can import it)."""

from __future__ import annotations

import itertools

EVERY_VALUE_UP_TO = 64  # an int range this wide is tried value by value


def candidates(param_spec) -> list:
    """Values of one parameter worth trying: every int of a narrow range, else the bounds
    and the default."""
    p = param_spec.param
    if p.choices:
        return list(p.choices)
    if p.type is bool:
        return [False, True]
    if p.type is int and p.hi - p.lo <= EVERY_VALUE_UP_TO:
        return list(range(int(p.lo), int(p.hi) + 1))
    return [p.lo, param_spec.default, p.hi]


def breaking(spec, rule) -> dict:
    """The parameters at their defaults except the rule's own, set to the first
    combination of their candidate values that breaks the rule."""
    params = {p.name: p for p in spec.params}
    for combo in itertools.product(*(candidates(params[n]) for n in rule.names)):
        args = dict(zip(rule.names, combo, strict=True))
        if not rule.holds(**args):
            return {**spec.defaults(), **args}
    raise AssertionError(f"{spec.id}: rule {rule.text!r} holds for every value in bounds")
