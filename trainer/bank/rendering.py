"""The one renderer: Markdown with $LaTeX$ → HTML with MathML, sanitised by nh3."""

from __future__ import annotations

import re
import threading
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache
from html.parser import HTMLParser

import latex2mathml.converter
import markdown
import nh3

from trainer.bank.allowlist import ATTRIBUTE_VALUES, ATTRIBUTES, HTML_TAGS, MATHML_TAGS, ROLES, SVG_TAGS
from trainer.core.wording import N_

# $$ display $$ first, then $inline$; `\$` is a literal dollar.
MATH = re.compile(r"(?<!\\)\$\$(.+?)(?<!\\)\$\$|(?<!\\)\$(.+?)(?<!\\)\$", re.DOTALL)
UNKNOWN_COMMAND = re.compile(r">\\([A-Za-z]+)<")
_local = threading.local()

# Images load only from our own site (a relative path) or from the text itself (a data: image): a bank question
# must not make every candidate's browser call a third party.
DATA_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp|svg\+xml)[;,]", re.IGNORECASE)
URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
CSS_URL = re.compile(r"url\s*\(\s*['\"]?\s*(?![\s'\"#])", re.IGNORECASE)  # url(…) that is not a #fragment
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)")
URL_EDGE = "".join(map(chr, range(0x21)))  # control characters and space, which browsers trim from a URL


class MathError(ValueError):
    """LaTeX that cannot be turned into MathML."""


def latex_to_mathml(latex: str, display: bool = False) -> str:
    """Convert one LaTeX fragment to MathML, or raise MathError saying what is wrong."""
    depth = 0
    for char in latex.replace(r"\{", "").replace(r"\}", ""):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            raise MathError(N_("unbalanced braces in $%(latex)s$: a '}' has no '{'", latex=latex))
    if depth:
        raise MathError(N_("unbalanced braces in $%(latex)s$: a '{' is not closed", latex=latex))
    try:
        mathml = latex2mathml.converter.convert(latex, display="block" if display else "inline")
    except Exception as exc:  # latex2mathml raises many types; all mean "cannot convert"
        raise MathError(
            N_("cannot convert $%(latex)s$: %(reason)s", latex=latex, reason=f"{type(exc).__name__} {exc}".strip())
        ) from exc
    unknown = UNKNOWN_COMMAND.search(mathml)
    if unknown:
        raise MathError(N_("unknown LaTeX command \\%(command)s in $%(latex)s$", command=unknown.group(1), latex=latex))
    return mathml


def math_problems(text: str) -> list[str]:
    """Every maths problem in a Markdown text (empty when all of it converts)."""
    problems: list[str] = []
    for match in MATH.finditer(text):
        try:
            latex_to_mathml(match.group(1) or match.group(2), display=match.group(1) is not None)
        except MathError as exc:
            problems.append(exc.args[0])  # the Message itself, not str(exc)'s plain copy
    rest = MATH.sub("", text).replace(r"\$", "")
    if "$" in rest:
        problems.append(N_("unbalanced '$': maths must be closed by a second '$' (write \\$ for a dollar sign)"))
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
    return sanitise(_to_html(text))


def _markdown() -> markdown.Markdown:
    """This thread's Markdown converter (building one per text costs more than converting it)."""
    if not hasattr(_local, "markdown"):
        # Column alignment as `align`, not `style`: the Content-Security-Policy refuses inline styles.
        _local.markdown = markdown.Markdown(
            extensions=["tables", "sane_lists"], extension_configs={"tables": {"use_align_attribute": True}}
        )
    return _local.markdown


def _to_html(text: str) -> str:
    """Markdown with maths as MathML, not yet sanitised."""
    protected, pieces = _protect_math(text or "")
    html = _markdown().reset().convert(protected.replace(r"\$", "&#36;"))
    for key, mathml in pieces.items():
        html = html.replace(key, mathml)
    return html


def local_url(value: str) -> bool:
    """True for a URL the browser resolves against our own site: a relative path, never `//host` or a scheme."""
    # Browsers drop tabs and newlines inside a URL and read a backslash as a slash: `/\t\\evil.com` is `//evil.com`.
    url = re.sub(r"[\t\n\r]", "", value).strip(URL_EDGE).replace("\\", "/")
    return not url.startswith("//") and not URL_SCHEME.match(url)


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "role":
        return value if value in ROLES else None
    if name == "src":
        return value if local_url(value) or DATA_IMAGE.match(value.strip()) else None
    if CSS_URL.search(_css_unescape(value)):  # e.g. an SVG fill="url(https://…)" paint server
        return None
    return value


def _css_unescape(value: str) -> str:
    """`u\\72l(` is `url(` to CSS."""
    return CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), value)


CLEANER = nh3.Cleaner(
    tags=HTML_TAGS | MATHML_TAGS | SVG_TAGS,
    attributes=ATTRIBUTES,
    tag_attribute_values=ATTRIBUTE_VALUES,
    attribute_filter=_keep_attribute,
    url_schemes={"data"},
    link_rel=None,
)


def sanitise(html: str) -> str:
    """HTML with only what the allowlist keeps, cleaned until cleaning again changes nothing.

    The cleaner writes out the tree it built, and a tree the parser would never build (`<p>` inside `<p>`, from
    `<select>`) reads differently when parsed again: a browser must get exactly the markup that was checked.
    """
    for _ in range(3):
        cleaned = CLEANER.clean(html)
        if cleaned == html:
            break
        html = cleaned
    return html


def render_inline(text: str) -> str:
    """Render a one-line text (an option) without the wrapping paragraph."""
    html = render(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def render_version(stem: str, options, explanation: str, hindi: dict | None) -> dict:
    """Every text of a question version as sanitised HTML, made once and stored with the version.

    Options keep their written order (the exam page picks them in the order it shows them); `hindi` is None for a
    version without a Hindi text.
    """
    return {
        "stem": render(stem),
        "options": [render_inline(text) for text in options],
        "explanation": render(explanation),
        "hindi": {
            "stem": render(hindi["stem"]),
            "options": [render_inline(text) for text in hindi["options"]],
            "explanation": render(hindi["explanation"]),
        }
        if hindi
        else None,
    }


def render_passage(passage: str, hindi_passage: str) -> dict:
    """A group's shared text as stored HTML: English, and Hindi ("" when there is none)."""
    return {"passage": render(passage), "hindi_passage": render(hindi_passage) if hindi_passage else ""}


class _VisibleText(HTMLParser):
    """Collects the text a reader would see: text nodes, not script or style bodies, comments or attributes."""

    HIDDEN = {"script", "style"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in self.HIDDEN and self.hidden > 0

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.chunks.append(data)


def _words(html: str) -> list[str]:
    reader = _VisibleText()
    reader.feed(html)
    reader.close()
    # Joined without spaces so that a tag the sanitiser unwraps does not split or join words differently.
    return "".join(reader.chunks).split()


def removed_text(text: str) -> list[str]:
    """The runs of visible text that sanitising drops from a bank text (empty when every word survives).

    Malformed markup can make the sanitiser's HTML parser read the rest of a text as a comment or a style body;
    an author must hear about it, since candidates would not see those words.
    """
    if "<" not in (text or ""):
        return []  # Markdown alone makes only markup the sanitiser keeps the words of
    html = _to_html(text)
    before, after = _words(html), _words(sanitise(html))
    lost = Counter(before) - Counter(after)
    if not lost:
        return []  # the same words, perhaps moved (a table's stray text is put before it): nothing is lost
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    runs = [before[i1:i2] for op, i1, i2, _, _ in matcher.get_opcodes() if op in ("delete", "replace")]
    return [" ".join(run) for run in runs if any(word in lost for word in run)]
