"""Markdown and math rendering for the web (MathML) and the terminal (Unicode)."""

import pytest

from mlinterview.render import latex_to_text, markdown_for_terminal, markdown_to_html


@pytest.mark.parametrize("latex, text", [
    (r"\frac{TP}{TP + FP}", "TP/(TP + FP)"),
    (r"\sum_i x_i^2", "Σᵢ xᵢ²"),
    (r"\hat{y} = \sigma(w^\top x + b)", "ŷ = σ(wᵀ x + b)"),
    (r"\text{AP} = \sum_k (R_k - R_{k-1}) P_k", "AP = Σₖ (Rₖ - Rₖ₋₁) Pₖ"),
    (r"\alpha \le \beta", "α ≤ β"),
    (r"\sqrt{x}", "√x"),
    (r"\left(\frac{a}{b}\right)", "(a/b)"),
    (r"e^{-E(x)}", "e^(-E(x))"),              # no superscript form for E: spelled out
    (r"y^{n+1}", "yⁿ⁺¹"),
    (r"p(x)\,dx", "p(x) dx"),                 # a thin space before a letter
    (r"x \in S, \infty", "x ∈ S, ∞"),
])
def test_latex_to_text(latex, text):
    assert latex_to_text(latex) == text


def test_math_becomes_mathml_and_code_is_highlighted():
    html = markdown_to_html("Precision $\\frac{TP}{TP+FP}$.\n\n$$F_1$$\n\n```python\nx = 1\n```")
    assert html.count("<math") == 2 and 'display="block"' in html
    assert 'class="highlight"' in html


def test_raw_html_in_markdown_is_escaped():
    assert "<script>" not in markdown_to_html("<script>alert(1)</script>")


def test_terminal_markdown_replaces_math_but_not_code():
    out = markdown_for_terminal("a $\\frac{1}{2}$ b `$x$` c\n\n$$y^2$$\n")
    assert "`1/2`" in out and "`$x$`" in out and "    y²" in out
