"""Topic and section names are data (question_bank/taxonomy.yaml): each has its Hindi name, which Hindi pages show
where the name appears, while English pages keep the English name."""

from __future__ import annotations

import re

import pytest

from trainer.bank.service import sync_taxonomy
from trainer.bank.taxonomy import find_taxonomy, load_taxonomy, parse_taxonomy
from trainer.config import PROJECT_ROOT
from trainer.extensions import db

DEVANAGARI = re.compile(r"[\u0900-\u097f]")


def site_taxonomy():
    return load_taxonomy(find_taxonomy(PROJECT_ROOT / "question_bank"))


@pytest.fixture
def topics(app):
    """The site's topics in the database, as after the first start."""
    with app.app_context():
        sync_taxonomy(db.session, site_taxonomy())
        db.session.commit()


def test_every_section_and_topic_of_the_taxonomy_has_a_hindi_name():
    taxonomy = site_taxonomy()
    named = [*taxonomy.values(), *(t for s in taxonomy.values() for t in s.topics.values())]
    assert [n.name for n in named if not DEVANAGARI.search(n.name_hi)] == []
    assert taxonomy["reasoning"].topics["coding-decoding"].name_hi == "कूटलेखन-कूटवाचन"


def test_a_hindi_name_may_be_left_out_and_must_be_text_when_given():
    text = "sections:\n  s:\n    name: S\n    papers: [tier1]\n    topics:\n      t: {name: T, name_hi: %s}\n"
    assert parse_taxonomy(text % "त", "taxonomy.yaml")["s"].topics["t"].name_hi == "त"
    assert parse_taxonomy(text.replace(", name_hi: %s", ""), "taxonomy.yaml")["s"].topics["t"].name_hi == ""
    with pytest.raises(ValueError, match=r"taxonomy.yaml:6: topic s/t name_hi must be text"):
        parse_taxonomy(text % "[a, b]", "taxonomy.yaml")


@pytest.mark.usefixtures("topics")
def test_a_hindi_reader_chooses_the_topics_of_a_topic_test_by_their_hindi_names(client, auth):
    auth.login()
    english = client.get("/tests").text
    assert "> Analogy</label>" in english
    auth.choose_language("hi")
    client.delete_cookie("lang")
    page = client.get("/tests").text
    assert "सादृश्यता" in page and "कूटलेखन-कूटवाचन" in page and "रक्त संबंध" in page
    assert "Coding-decoding" not in page and "Blood relations" not in page


@pytest.mark.usefixtures("topics")
def test_the_topic_test_form_groups_topics_under_their_section_s_name_in_the_reader_s_language(client, auth):
    auth.login()
    english = client.get("/tests").text
    assert "<strong>General Intelligence &amp; Reasoning</strong>" in english
    assert "<strong>Quantitative Aptitude / Mathematical Abilities</strong>" in english
    assert "<strong>Reasoning</strong>" not in english and "<strong>Quant</strong>" not in english
    auth.choose_language("hi")

    page = client.get("/tests").text
    groups = re.findall(r'<div class="topic-group"><strong>([^<]*)</strong>', page)
    assert groups == [
        "सामान्य जागरूकता",
        "कंप्यूटर ज्ञान",
        "अंग्रेज़ी बोध / अंग्रेज़ी भाषा एवं बोध",
        "मात्रात्मक अभिक्षमता / गणितीय क्षमताएँ",
        "सामान्य बुद्धिमत्ता एवं तर्कशक्ति",
    ]  # ordered by key, as the checkboxes are: awareness, computer, english, quant, reasoning
