"""Rendering bank text for the exam screen: maths as MathML, tables, and nothing that can run script."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.bank.allowlist import ATTRIBUTE_VALUES, ATTRIBUTES, HTML_TAGS, MATHML_TAGS, ROLES, SVG_TAGS
from trainer.bank.rendering import local_url, math_problems, removed_text, render, render_inline, sanitise


def test_inline_maths_becomes_mathml():
    html = render(r"What is $\frac{3}{4}$ of 20?")
    assert html.startswith("<p>What is <math")
    assert 'display="inline"' in html
    assert "<mfrac><mrow><mn>3</mn></mrow><mrow><mn>4</mn></mrow></mfrac>" in html
    assert "$" not in html and "\\frac" not in html


def test_display_maths_becomes_a_block():
    html = render(r"$$x^2 + \sqrt{y}$$")
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in html
    assert "<msup><mi>x</mi><mn>2</mn></msup>" in html and "<msqrt>" in html


def test_an_option_renders_without_a_paragraph():
    assert render_inline(r"$x^2$ and **bold**").endswith(" and <strong>bold</strong>")
    assert not render_inline("plain").startswith("<p>")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Hi <script>alert(1)</script>there", "Hi there"),
        ('<b onclick="steal()">bold</b>', "<b>bold</b>"),
        ('<img src="figure.png" onerror="steal()">', '<img src="figure.png">'),
        ('<div onmouseover="steal()" class="note">note</div>', "<div>note</div>"),
        ("[click](javascript:alert(1))", "click"),
        ('<a href="javascript:alert(1)">click</a>', "click"),
        ('<img src="javascript:alert(1)">', "<img>"),
        ('<iframe src="https://example.com"></iframe>ok', "ok"),
        (r"$\text{<script>alert(1)</script>}$", "<math"),
    ],
)
def test_nothing_that_can_run_script_survives(text, kept):
    html = render(text)
    assert kept in html
    for dangerous in ("<script", "alert(", "javascript:", "onclick", "onerror", "onmouseover", "<iframe"):
        assert dangerous not in html


def test_tables_render_as_tables():
    html = render("Sales by year:\n\n| year | units |\n|---|---|\n| 2023 | 40 |\n| 2024 | 55 |\n")
    assert "<table>" in html
    assert "<th>year</th>" in html and "<th>units</th>" in html
    assert "<td>2024</td>\n<td>55</td>" in html


def test_an_escaped_dollar_is_a_literal_dollar():
    text = r"A pen costs \$5 and a book \$12."
    assert render(text) == "<p>A pen costs $5 and a book $12.</p>"
    assert math_problems(text) == []


def test_broken_maths_is_shown_as_code_not_as_markup():
    assert render(r"half is $\frac{1}{2$ here") == r"<p>half is <code>$\frac{1}{2$</code> here</p>"


def test_no_style_survives_and_tables_keep_their_alignment():
    html = render('<table><tr><td style="position:fixed;inset:0;z-index:9999">cover</td></tr></table>')
    assert "style" not in html and "<td>cover</td>" in html
    aligned = render("| year | units |\n|:-:|--:|\n| 2024 | 55 |\n")
    assert '<th align="center">year</th>' in aligned and '<td align="right">55</td>' in aligned
    assert render('<td align="javascript">x</td>') == "x"  # a cell outside a table is unwrapped; values are fixed


def test_no_class_can_borrow_the_sites_own_rules():
    assert render('<div class="palette">fixed bar</div>') == "<div>fixed bar</div>"


@pytest.mark.parametrize(
    "src",
    [
        "https://tracker.example/pixel.png",
        "http://tracker.example/pixel.png",
        "//tracker.example/pixel.png",
        "/\\tracker.example/pixel.png",
        "\\\\tracker.example/pixel.png",
        " \t//tracker.example/pixel.png",
        "data:text/html,<script>alert(1)</script>",
        "ftp://tracker.example/x.png",
    ],
)
def test_an_image_from_another_site_does_not_load(src):
    html = render(f'<img src="{src}" alt="figure">')
    assert "src=" not in html and "tracker" not in html and 'alt="figure"' in html


def test_a_url_is_local_only_as_the_browser_reads_it():
    # Browsers drop tabs and newlines inside a URL and read a backslash as a slash.
    assert not any(local_url(u) for u in ("/\t/evil.example", "/\n\\evil.example", "\x01//evil.example", "HTTPS:x"))
    assert all(local_url(u) for u in ("a.png", "/static/a.png", "./a b.png", "?x=1"))


@pytest.mark.parametrize(
    "src", ["figures/circle.png", "/static/figures/circle.png", "data:image/png;base64,iVBORw0KGgo="]
)
def test_an_image_stored_with_the_bank_or_in_the_text_loads(src):
    assert f'src="{src}"' in render(f'<img src="{src}">')


@pytest.mark.parametrize(
    "fill",
    ["url(https://tracker.example/p.svg#a)", "URL( 'https://tracker.example/a' )", r"u\72l(//tracker.example/a)"],
)
def test_a_figure_cannot_paint_from_another_site(fill):
    html = render(f'<svg viewBox="0 0 10 10"><rect width="5" height="5" fill="{fill}"/></svg>')
    assert "tracker" not in html and "<rect" in html


def test_a_figure_keeps_its_own_paint_and_its_image_role():
    html = render('<svg role="img" aria-label="a dot"><circle r="2" fill="url(#grey)"/></svg>')
    assert 'role="img"' in html and 'fill="url(#grey)"' in html
    assert "role" not in render('<svg role="button"><circle r="2"/></svg>')


def test_text_the_sanitiser_drops_is_reported():
    text = 'Find x. <math><mtext><table><mglyph><style><!--</style><img title="--&gt;"> Options follow below.'
    assert "Options follow below." not in render(text)
    assert removed_text(text) == ["Options follow below."]


@pytest.mark.parametrize(
    "text",
    [
        "Plain text with $x^2$ and **bold**.",
        "Hi <script>alert(1)</script>there",  # a script is not visible text: dropping it loses nothing
        "<iframe src='https://example.com'></iframe>kept",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        '<svg viewBox="0 0 60 60" role="img" aria-label="x"><text x="1" y="9">A</text></svg> after',
    ],
)
def test_nothing_is_reported_when_every_word_survives(text):
    assert removed_text(text) == []


CORPUS = yaml.safe_load((Path(__file__).parents[1] / "data" / "injection_corpus.yaml").read_text(encoding="utf-8"))


class _Markup(HTMLParser):
    """Every start tag with its attributes, as a browser would read them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def test_the_corpus_is_large_and_covers_every_kind_of_attack():
    assert len(CORPUS) >= 50
    text = " ".join(item["payload"] for item in CORPUS)
    for needle in (
        "<script",
        "onerror=",
        "javascript:",
        "<svg",
        "<math",
        "position:fixed",
        "https://evil",
        "url(",
        "@import",
        "<base",
        "http-equiv",
        "<iframe",
        "<form",
        "<link",
        "srcset",
        "data:text/html",
    ):
        assert needle in text, needle


@pytest.mark.parametrize("item", CORPUS, ids=[item["name"] for item in CORPUS])
@pytest.mark.parametrize("renderer", [render, render_inline])
def test_nothing_in_the_corpus_survives_the_sanitiser(item, renderer):
    """Only allowed tags and attributes come out; no handler, style, class, id, link or remote URL."""
    html = renderer(item["payload"])
    assert sanitise(html) == html  # parsed again (as the browser will), it is the same markup: no mutation
    for tag, attrs in _Markup(html).tags:
        assert tag in HTML_TAGS | MATHML_TAGS | SVG_TAGS, tag
        allowed = ATTRIBUTES.get(tag, set()) | set(ATTRIBUTE_VALUES.get(tag, {}))
        assert set(attrs) <= allowed, (tag, set(attrs) - allowed)
        assert "src" not in attrs or local_url(attrs["src"]) or attrs["src"].startswith("data:image/"), attrs
        assert attrs.get("role", "img") in ROLES
        assert not any("url(" in value.replace(" ", "") and "url(#" not in value for value in attrs.values()), attrs
        assert not any("javascript:" in value.lower() for value in attrs.values()), attrs


PIECES = [
    *"<>/!-[]\"'= abpx&#;",
    "<style>",
    "<math>",
    "<mtext>",
    "<table>",
    "<svg>",
    "<!--",
    "-->",
    "<mglyph>",
    "<select>",
    "<p>",
    "</p>",
    "<td>",
    "word",
]
MARKUP = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@given(MARKUP)
@settings(max_examples=300, deadline=None)
def test_any_markup_renders_stably_and_is_read_without_raising(text):
    assert all(isinstance(run, str) and run for run in removed_text(text))
    assert sanitise(render(text)) == render(text)
