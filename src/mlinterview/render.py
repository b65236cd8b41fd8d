"""Turning card Markdown into HTML (math as MathML) and into terminal-friendly Markdown.

Cards write math as ``$...$`` (inline) and ``$$...$$`` (display). The web app renders it
as MathML, which browsers draw natively: no JavaScript, nothing fetched. The terminal
cannot draw fractions, so :func:`latex_to_text` rewrites LaTeX into readable Unicode
(``\\frac{TP}{TP+FP}`` becomes ``TP/(TP+FP)``).

Rendering a card takes milliseconds (Markdown, MathML, Pygments) and its text never
changes while the program runs, so the HTML functions keep what they rendered in
:data:`STORE`, keyed by the function and the text: a card is rendered once per process
(the web app renders every card at start-up, see :mod:`mlinterview.web.catalog`), never
once per request, and :mod:`mlinterview.render_cache` keeps the store on disk for the next
start. Only the project's own content is rendered (cards, exercises, library code), so
the store holds a bounded set.

The HTML side's libraries (markdown-it, latex2mathml, Pygments: a tenth of a second to
import) are imported by the functions that use them, so ``mlinterview show``, which only
needs :func:`markdown_for_terminal`, does not pay for them.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# ---------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------


def _math_html(latex: str, options: dict) -> str:
    from latex2mathml.converter import convert as latex_to_mathml

    display = "block" if options.get("display_mode") else "inline"
    try:
        return latex_to_mathml(latex, display=display)
    except Exception:  # latex2mathml raises assorted errors on LaTeX it does not know
        # Show the source rather than fail the page; tests catch such cards.
        return f'<code class="math-error">{html.escape(latex)}</code>'


#: Every HTML rendered in this process, ``(function, arguments...) -> html``, and what an
#: earlier run left on disk: :mod:`mlinterview.render_cache` loads it before the web app
#: renders its pages and saves what was asked for (``USED``) after, so a second start
#: renders nothing it has seen.
STORE: dict[tuple, str] = {}
USED: set[tuple] = set()


def _kept(key: tuple, render: Callable[[], str]) -> str:
    """``STORE[key]``, rendered by ``render()`` the first time."""
    USED.add(key)
    html_ = STORE.get(key)
    if html_ is None:
        html_ = STORE[key] = render()
    return html_


def highlight(code: str, lexer, formatter) -> str:
    """Pygments' ``highlight`` (imported on first use)."""
    from pygments import highlight as pygments_highlight

    return pygments_highlight(code, lexer, formatter)


def highlight_code(code: str, language: str = "python", *, line_anchors: bool = False) -> str:
    """``<div class="highlight">...`` with Pygments classes (CSS from :func:`pygments_css`).

    With ``line_anchors`` every line is numbered and has an id ``L-<n>`` to link to.
    """
    return _kept(("highlight_code", code, language, line_anchors),
                 lambda: _highlight_code(code, language, line_anchors))


def _highlight_code(code: str, language: str, line_anchors: bool) -> str:
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import TextLexer, get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        lexer = get_lexer_by_name(language or "text")
    except ClassNotFound:
        lexer = TextLexer()
    options = {"linenos": "inline", "lineanchors": "L", "anchorlinenos": True} \
        if line_anchors else {}
    return highlight(code, lexer, HtmlFormatter(**options))


@functools.cache
def pygments_css() -> str:
    """The stylesheet for :func:`highlight_code`'s classes."""
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style="default").get_style_defs(".highlight")


@functools.cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    md = MarkdownIt("commonmark", {"html": False, "typographer": False,
                                   "highlight": lambda code, lang, attrs: highlight_code(code,
                                                                                         lang)})
    md.enable(["table", "strikethrough"])
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True,
           renderer=_math_html)
    return md


def markdown_to_html(text: str) -> str:
    """Card Markdown as HTML; math as MathML, code highlighted, raw HTML escaped."""
    return _kept(("markdown_to_html", text), lambda: _markdown().render(text))


def inline_markdown_to_html(text: str) -> str:
    """One line of Markdown (a quick-check prompt) without the surrounding ``<p>``."""
    return _kept(("inline_markdown_to_html", text), lambda: _markdown().renderInline(text))


# ---------------------------------------------------------------------------------------
# Terminal
# ---------------------------------------------------------------------------------------

_SYMBOLS = {
    r"\alpha": "α", r"\beta": "β", r"\gamma": "γ", r"\delta": "δ", r"\epsilon": "ε",
    r"\varepsilon": "ε", r"\eta": "η", r"\theta": "θ", r"\lambda": "λ", r"\mu": "μ",
    r"\nu": "ν", r"\pi": "π", r"\rho": "ρ", r"\sigma": "σ", r"\tau": "τ", r"\phi": "φ",
    r"\varphi": "φ", r"\chi": "χ", r"\psi": "ψ", r"\omega": "ω", r"\Delta": "Δ",
    r"\Gamma": "Γ", r"\Lambda": "Λ", r"\Sigma": "Σ", r"\Phi": "Φ", r"\Omega": "Ω",
    r"\nabla": "∇", r"\partial": "∂", r"\sum": "Σ", r"\prod": "Π", r"\int": "∫",
    r"\infty": "∞", r"\cdot": "·", r"\times": "×", r"\div": "÷", r"\pm": "±",
    r"\leq": "≤", r"\le": "≤", r"\geq": "≥", r"\ge": "≥", r"\neq": "≠", r"\ne": "≠",
    r"\approx": "≈", r"\sim": "~", r"\propto": "∝", r"\in": "∈", r"\notin": "∉",
    r"\subset": "⊂", r"\cup": "∪", r"\cap": "∩", r"\to": "→", r"\rightarrow": "→",
    r"\leftarrow": "←", r"\Rightarrow": "⇒", r"\iff": "⇔", r"\mid": "|", r"\ldots": "…",
    r"\cdots": "⋯", r"\dots": "…", r"\log": "log", r"\ln": "ln", r"\exp": "exp",
    r"\max": "max", r"\min": "min", r"\arg": "arg", r"\lVert": "‖", r"\rVert": "‖",
    r"\|": "‖", r"\top": "ᵀ", r"\forall": "∀", r"\exists": "∃", r"\quad": "  ",
    r"\qquad": "    ", r"\,": " ", r"\;": " ", r"\!": "", r"\{": "{", r"\}": "}",
    r"\%": "%", r"\lfloor": "⌊", r"\rfloor": "⌋", r"\lceil": "⌈", r"\rceil": "⌉",
    r"\langle": "⟨", r"\rangle": "⟩", r"\odot": "⊙", r"\circ": "∘", r"\star": "⋆",
    r"\mathbb{E}": "𝔼", r"\mathbb{R}": "ℝ", r"\mathbb{P}": "ℙ",
}
_SUPERSCRIPT = str.maketrans("0123456789+-=()nixTᵀ", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱˣᵀᵀ")
_SUBSCRIPT = str.maketrans("0123456789+-=()aeijknmotx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₙₘₒₜₓ")
_GROUP = r"\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}"  # braces nested up to 3 deep
# Every symbol in one pass, longest name first. A command named by letters must not eat
# the start of a longer one (\in vs \infty); a punctuation command (\, \; \|) ends by
# itself, so letters may follow it.
_SYMBOL_RE = re.compile("|".join(
    re.escape(name) + (r"(?![A-Za-z])" if name[-1].isalpha() else "")
    for name in sorted(_SYMBOLS, key=len, reverse=True)))


def _script(body: str, table: dict, mark: str) -> str:
    """Super/subscript ``body`` with Unicode when every character has a form, else ``^(..)``."""
    body = body.strip()
    if body and all(ord(ch) in table for ch in body):
        return body.translate(table)
    return f"{mark}{body}" if len(body) == 1 else f"{mark}({body})"


def _wrap(term: str) -> str:
    term = term.strip()
    return term if re.fullmatch(r"[\w.′·ᵀ²³]+", term) else f"({term})"


def latex_to_text(latex: str) -> str:
    """Readable Unicode for a LaTeX formula, for terminals.

    >>> latex_to_text(r"\\frac{TP}{TP + FP}")
    'TP/(TP + FP)'
    >>> latex_to_text(r"\\sum_i x_i^2")
    'Σᵢ xᵢ²'
    """
    s = latex
    s = re.sub(r"\\(left|right|big|Big|bigg|Bigg)\b\s*", "", s)
    s = re.sub(r"\\(text|mathrm|textrm|mathit|mathbf|boldsymbol|operatorname)" + _GROUP,
               r"\2", s)
    s = re.sub(r"\\mathbb\{(\w)\}", lambda m: _SYMBOLS.get(rf"\mathbb{{{m.group(1)}}}",
                                                            m.group(1)), s)
    for _ in range(4):  # nested fractions and roots, innermost first
        s = re.sub(r"\\[dt]?frac" + _GROUP + _GROUP,
                   lambda m: f" {_wrap(m.group(1))}/{_wrap(m.group(2))} ", s)
        s = re.sub(r"\\sqrt" + _GROUP, lambda m: f"√{_wrap(m.group(1))}", s)
        s = re.sub(r"\\hat" + _GROUP, lambda m: m.group(1) + "\u0302", s)
        s = re.sub(r"\\(bar|overline)" + _GROUP, lambda m: m.group(2) + "\u0304", s)
        s = re.sub(r"\\tilde" + _GROUP, lambda m: m.group(1) + "\u0303", s)
        s = re.sub(r"\\vec" + _GROUP, lambda m: m.group(1) + "\u20d7", s)
    s = _SYMBOL_RE.sub(lambda m: _SYMBOLS[m.group(0)], s)
    # One pass for both forms, so the "^(...)" written for a group is not read again.
    s = re.sub(r"\^(?:" + _GROUP + r"|(\\?\w|.))",
               lambda m: _script(m.group(1) if m.group(1) is not None else m.group(2),
                                 _SUPERSCRIPT, "^"), s)
    s = re.sub(r"_" + _GROUP, lambda m: _script(m.group(1), _SUBSCRIPT, "_"), s)
    s = re.sub(r"_(\w)", lambda m: _script(m.group(1), _SUBSCRIPT, "_"), s)
    s = re.sub(r"\\([A-Za-z]+)", r"\1", s)  # unknown commands: keep the name
    s = s.replace("{", "").replace("}", "").replace("&", " ").replace("\\\\", "; ")
    s = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", s))
    # NFC: "y" + combining circumflex becomes the single character "ŷ" where one exists.
    return unicodedata.normalize("NFC", re.sub(r"[ \t]+", " ", s).strip())


_CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.S)
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE = re.compile(r"(?<![\\$\w])\$(?![\s$])([^$\n]+?)(?<![\s\\])\$(?![\w$])")


def markdown_for_terminal(text: str) -> str:
    """Card Markdown with each formula replaced by its Unicode text (code untouched).

    Inline math becomes an inline code span and display math an indented line, so the
    terminal's Markdown renderer shows formulas apart from prose.
    """
    parts = _CODE.split(text)
    for i in range(0, len(parts), 2):  # even parts are outside code
        chunk = _DISPLAY.sub(lambda m: f"\n\n    {latex_to_text(m.group(1))}\n\n", parts[i])
        parts[i] = _INLINE.sub(lambda m: f"`{latex_to_text(m.group(1))}`", chunk)
    return "".join(parts)
