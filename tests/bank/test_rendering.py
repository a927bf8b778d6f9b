"""Rendering bank text for the exam screen: maths as MathML, tables, and nothing that can run script."""

import pytest

from trainer.bank.rendering import math_problems, render, render_inline


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
        ('<div onmouseover="steal()" class="note">note</div>', '<div class="note">note</div>'),
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
