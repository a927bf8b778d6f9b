"""The one renderer: Markdown with $LaTeX$ → HTML with MathML, sanitised by nh3."""

from __future__ import annotations

import re
from functools import lru_cache

import latex2mathml.converter
import markdown
import nh3

# $$ display $$ first, then $inline$; `\$` is a literal dollar.
MATH = re.compile(r"(?<!\\)\$\$(.+?)(?<!\\)\$\$|(?<!\\)\$(.+?)(?<!\\)\$", re.DOTALL)
UNKNOWN_COMMAND = re.compile(r">\\([A-Za-z]+)<")

MATHML_TAGS = {
    "math",
    "mrow",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "msub",
    "msup",
    "msubsup",
    "mfrac",
    "msqrt",
    "mroot",
    "mover",
    "munder",
    "munderover",
    "mtable",
    "mtr",
    "mtd",
    "mstyle",
    "mpadded",
    "mphantom",
    "menclose",
    "semantics",
    "annotation",
    "mlabeledtr",
    "maligngroup",
    "malignmark",
}
HTML_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "sub",
    "sup",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "h3",
    "h4",
    "span",
    "div",
    "img",
    "figure",
    "figcaption",
}
MATHML_ATTRIBUTES = {
    "xmlns",
    "display",
    "mathvariant",
    "stretchy",
    "fence",
    "separator",
    "lspace",
    "rspace",
    "accent",
    "accentunder",
    "linethickness",
    "columnalign",
    "rowspacing",
    "columnspacing",
    "notation",
    "width",
    "height",
    "depth",
    "minsize",
    "maxsize",
    "movablelimits",
    "symmetric",
    "encoding",
    "form",
    "largeop",
}
# Figures drawn by generators (mirror images, paper folding, counting figures) are inline SVG.
SVG_TAGS = {"svg", "g", "line", "rect", "circle", "ellipse", "polygon", "polyline", "path", "text", "tspan", "title"}
SVG_ATTRIBUTES = {
    "viewBox",
    "viewbox",
    "width",
    "height",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "points",
    "d",
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "transform",
    "font-size",
    "text-anchor",
    "role",
    "aria-label",
    "xmlns",
    "class",
    "font-family",
    "font-weight",
    "dominant-baseline",
    "opacity",
}
ATTRIBUTES = (
    {tag: MATHML_ATTRIBUTES for tag in MATHML_TAGS}
    | {
        "img": {"src", "alt", "width", "height"},
        "th": {"align", "style"},
        "td": {"align", "style"},
        "span": {"class"},
        "div": {"class"},
    }
    | {tag: SVG_ATTRIBUTES for tag in SVG_TAGS}
)


class MathError(ValueError):
    """LaTeX that cannot be turned into MathML."""


def latex_to_mathml(latex: str, display: bool = False) -> str:
    """Convert one LaTeX fragment to MathML, or raise MathError saying what is wrong."""
    depth = 0
    for char in latex.replace(r"\{", "").replace(r"\}", ""):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            raise MathError(f"unbalanced braces in ${latex}$: a '}}' has no '{{'")
    if depth:
        raise MathError(f"unbalanced braces in ${latex}$: a '{{' is not closed")
    try:
        mathml = latex2mathml.converter.convert(latex, display="block" if display else "inline")
    except Exception as exc:  # latex2mathml raises many types; all mean "cannot convert"
        raise MathError(f"cannot convert ${latex}$: {type(exc).__name__} {exc}".strip()) from exc
    unknown = UNKNOWN_COMMAND.search(mathml)
    if unknown:
        raise MathError(f"unknown LaTeX command \\{unknown.group(1)} in ${latex}$")
    return mathml


def math_problems(text: str) -> list[str]:
    """Every maths problem in a Markdown text (empty when all of it converts)."""
    problems: list[str] = []
    for match in MATH.finditer(text):
        try:
            latex_to_mathml(match.group(1) or match.group(2), display=match.group(1) is not None)
        except MathError as exc:
            problems.append(str(exc))
    rest = MATH.sub("", text).replace(r"\$", "")
    if "$" in rest:
        problems.append("unbalanced '$': maths must be closed by a second '$' (write \\$ for a dollar sign)")
    return problems


def _protect_math(text: str) -> tuple[str, dict[str, str]]:
    """Swap maths for placeholders so Markdown leaves it alone."""
    pieces: dict[str, str] = {}

    def swap(match: re.Match) -> str:
        key = f"%%MATH{len(pieces)}%%"
        display = match.group(1) is not None
        try:
            pieces[key] = latex_to_mathml(match.group(1) or match.group(2), display=display)
        except MathError:
            pieces[key] = f"<code>{nh3.clean_text(match.group(0))}</code>"
        return key

    return MATH.sub(swap, text), pieces


@lru_cache(maxsize=4096)
def render(text: str) -> str:
    """Render bank Markdown (with maths) to safe HTML; broken maths is shown as code, never as raw HTML."""
    protected, pieces = _protect_math(text or "")
    # Column alignment as `align`, not `style`: the Content-Security-Policy refuses inline styles.
    html = markdown.markdown(
        protected.replace(r"\$", "&#36;"),
        extensions=["tables", "sane_lists"],
        extension_configs={"tables": {"use_align_attribute": True}},
    )
    for key, mathml in pieces.items():
        html = html.replace(key, mathml)
    return nh3.clean(
        html,
        tags=HTML_TAGS | MATHML_TAGS | SVG_TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"https", "data"},
        link_rel=None,
    )


def render_inline(text: str) -> str:
    """Render a one-line text (an option) without the wrapping paragraph."""
    html = render(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html
