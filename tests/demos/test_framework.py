"""The demo framework: typed, bounded parameters shared by the CLI and the web form."""

import pytest

from mlinterview.demos import DemoResult, Param, ParamError, ParamSpec, Rule, Table, demo


def spec(ptype, default, **kw):
    return ParamSpec("x", default, Param(ptype, **kw))


@pytest.mark.parametrize("raw, value", [("3", 3), (3, 3), (" 7 ", 7), (5.0, 5)])
def test_int_parse(raw, value):
    assert spec(int, 1, lo=0, hi=10).parse(raw) == value


@pytest.mark.parametrize("raw", ["3.5", "11", "-1", "abc", "", None, True, 2.5])
def test_int_refuses(raw):
    with pytest.raises(ParamError, match="parameter 'x'"):
        spec(int, 1, lo=0, hi=10).parse(raw)


@pytest.mark.parametrize("raw", ["nan", "inf", "2", "-0.1"])
def test_float_refuses_non_finite_and_out_of_range(raw):
    with pytest.raises(ParamError, match=r"float in \[0, 1\]"):
        spec(float, 0.5, lo=0.0, hi=1.0).parse(raw)


def test_bool_and_choice():
    b = spec(bool, False)
    assert b.parse("true") is True and b.parse("off") is False and b.parse(True) is True
    with pytest.raises(ParamError):
        b.parse("maybe")
    c = spec(str, "relu", choices=("relu", "tanh"))
    assert c.parse("tanh") == "tanh"
    with pytest.raises(ParamError, match="one of relu, tanh"):
        c.parse("gelu")


def test_free_text_params_are_not_allowed():
    with pytest.raises(TypeError):
        Param(str)


def test_registering_checks_annotations_and_defaults():
    with pytest.raises(TypeError, match="annotated"):
        @demo("t1", title="x")
        def bad(n: int = 3):
            return None
    with pytest.raises(TypeError, match="needs a default"):
        @demo("t2", title="x")
        def bad2(n: Param(int, lo=0, hi=3)):
            return None
    with pytest.raises(ParamError):
        @demo("t3", title="x")
        def bad3(n: Param(int, lo=0, hi=3) = 9):
            return None


def test_unknown_parameter_names_are_refused_and_defaults_filled():
    @demo("framework-test", title="x")
    def f(n: Param(int, lo=0, hi=3) = 1, seed: int = 0) -> DemoResult:
        t = Table(["n", "seed"])
        t.add(n, seed)
        return DemoResult(figures={}, table=t)

    from mlinterview.demos import _REGISTRY

    s = _REGISTRY.pop("framework-test")
    assert s.parse({"n": "2"}) == {"n": 2, "seed": 0}
    with pytest.raises(ParamError, match="unknown parameter"):
        s.parse({"m": "2"})
    assert s.run(n="3").result.table.rows == [[3, 0]]


def test_a_demo_that_returns_something_else_is_refused_when_run():
    @demo("framework-test-returns-a-dict", title="x")
    def f(seed: int = 0) -> DemoResult:
        return {"table": [[seed]]}

    from mlinterview.demos import _REGISTRY

    s = _REGISTRY.pop("framework-test-returns-a-dict")
    with pytest.raises(TypeError, match="returned dict, expected DemoResult"):
        s.run()


def test_table_rows_must_match_columns():
    t = Table(["a", "b"])
    with pytest.raises(ValueError):
        t.add(1)
    t.add(1, 2)
    assert t.row(1) == {"a": 1, "b": 2} and t.column("b") == [2]


def test_measured_columns_are_left_out_of_the_reproducible_rows():
    t = Table(["n", "seconds", "answer"], measured=("seconds",))
    t.add(10, 0.123, 7)
    assert t.reproducible_rows() == [[10, 7]]
    with pytest.raises(ValueError, match="measured"):
        Table(["n"], measured=("seconds",))


def test_rules_between_parameters_are_checked_by_parse():
    @demo("framework-test-rule", title="x",
          rules=(Rule("groups must divide channels",
                      lambda groups, channels: channels % groups == 0),))
    def f(channels: Param(int, lo=1, hi=64) = 16,
          groups: Param(int, lo=1, hi=64) = 1) -> DemoResult:
        t = Table(["channels / groups"])
        t.add(channels // groups)
        return DemoResult(figures={}, table=t)

    from mlinterview.demos import _REGISTRY

    s = _REGISTRY.pop("framework-test-rule")
    assert s.rules[0].names == ("groups", "channels")
    assert s.parse({"groups": "4"}) == {"channels": 16, "groups": 4}
    with pytest.raises(ParamError) as caught:
        s.parse({"groups": "3"})
    assert str(caught.value) == "groups must divide channels; got groups=3, channels=16"
    with pytest.raises(ParamError, match="groups=5, channels=16"):
        s.run(groups=5)
    assert s.run(groups=8).result.table.rows == [[2]]


def test_a_rule_must_read_parameters_of_the_demo_and_hold_at_the_defaults():
    with pytest.raises(TypeError, match=r"reads \['width'\]"):
        @demo("framework-test-rule-unknown", title="x",
              rules=(Rule("width is even", lambda width: width % 2 == 0),))
        def f(n: Param(int, lo=1, hi=4) = 2) -> DemoResult:
            return None
    with pytest.raises(ParamError, match="n must be even; got n=3"):
        @demo("framework-test-rule-default", title="x",
              rules=(Rule("n must be even", lambda n: n % 2 == 0),))
        def g(n: Param(int, lo=1, hi=4) = 3) -> DemoResult:
            return None
    from mlinterview.demos import _REGISTRY

    assert not {"framework-test-rule-unknown", "framework-test-rule-default"} & set(_REGISTRY)
