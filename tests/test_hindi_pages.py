"""Every page a signed-in person can open without an id reads in Hindi on a Hindi interface: no English phrase left
in it, whether it came from a template, from Python or from data such as patterns.yaml (the marking tests only see
strings written in the code). English that is content (a typing passage's title, a command) is marked as such:
`lang="en"` (so a screen reader reads it as English), or <code>/<kbd>/<pre>."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

# Five or more words in a row, three of them in small letters: a phrase of English left untranslated. Names and
# abbreviations (UR OBC EWS, GIFT Moodle XML Aiken) and single words (the switch says "English") are not.
ENGLISH_RUN = re.compile(r"(?:[A-Za-z][A-Za-z'’-]*[ ,]+){4,}[A-Za-z][A-Za-z'’-]*")
SMALL_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")
UNREAD = {"script", "style", "template", "code", "kbd", "pre", "samp"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
NOT_PAGES = ("/logout", "/static", "/api/", "/healthz", ".csv", ".json", ".txt", ".xml", ".zip", "/export")


class ShownText(HTMLParser):
    """The text a Hindi reader is shown, without what is marked as English or as code."""

    def __init__(self):
        super().__init__()
        self.open: list[bool] = []  # per open element: is its content exempt?
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        inside_exempt = bool(self.open) and self.open[-1]
        self.open.append(inside_exempt or tag in UNREAD or (dict(attrs).get("lang") or "").startswith("en"))

    def handle_endtag(self, tag):
        if tag not in VOID and self.open:
            self.open.pop()

    def handle_data(self, data):
        if not (self.open and self.open[-1]):
            self.parts.append(data)


def english_left(page: str) -> list[str]:
    parser = ShownText()
    parser.feed(page)
    runs = ENGLISH_RUN.findall(" ".join(" ".join(parser.parts).split()))
    return [run for run in runs if len(SMALL_WORD.findall(run)) >= 3]


def pages(app) -> list[str]:
    """The GET routes that take no id: the pages reached from the header and from each other's links."""
    return sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and not rule.arguments and not any(n in rule.rule for n in NOT_PAGES)
    )


def test_the_check_finds_english_and_lets_marked_english_and_abbreviations_through():
    assert english_left("<p>परिणाम: Results are released at noon today.</p>") == ["Results are released at noon today"]
    assert english_left('<p>अनुच्छेद: <span lang="en">A short note on the value of water</span></p>') == []
    assert english_left("<p><code>flask --app trainer cutoffs load FILE</code> UR OBC EWS SC ST</p>") == []


@pytest.mark.parametrize("role", ["candidate", "instructor", "admin"])
def test_no_page_keeps_english_phrases_on_a_hindi_interface(app, client, auth, role):
    auth.login(role)
    client.set_cookie("lang", "hi")
    left = {}
    for path in pages(app):
        response = client.get(path)
        shown = response.status_code == 200 and response.mimetype == "text/html"
        if shown and (found := english_left(response.get_data(as_text=True))):
            left[path] = found
    assert left == {}
