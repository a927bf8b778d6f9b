"""The exam screen in the interface language: a Hindi reader gets Hindi instructions, legend, buttons and script
words, while the questions stay in the language chosen on the screen itself."""

from __future__ import annotations

import json
import re

import pytest

from tests.exam.test_views import TIER1, bank, exam_data, post_steps, start_mock, token_of  # noqa: F401 (bank: a fixture)
from tests.test_i18n import hindi_catalogue
from trainer.exam.patterns import all_patterns
from trainer.exam.screen_text import PAPER_DESCRIPTIONS, PAPER_NAMES

pytestmark = pytest.mark.usefixtures("bank")

EXAM_TEXT = re.compile(r'<script id="exam-text" type="application/json">(.*?)</script>', re.S)
STATES = ["not_visited", "not_answered", "answered", "marked", "answered_marked"]
HINDI_LEGEND = ["नहीं देखा", "उत्तर नहीं दिया", "उत्तर दिया", "समीक्षा के लिए चिह्नित", "उत्तर दिया और समीक्षा के लिए चिह्नित"]


def exam_text(html: str) -> dict:
    return json.loads(EXAM_TEXT.search(html).group(1))


def test_the_instructions_and_legend_are_in_hindi_for_a_hindi_interface(client, auth):
    auth.login()
    client.set_cookie("lang", "hi")
    page = client.get(f"/tests/{TIER1}").get_data(as_text=True)
    assert "निर्देश" in page and "मैं शुरू करने के लिए तैयार हूँ" in page
    assert all(f"{term}:" in page for term in HINDI_LEGEND)
    assert "Not Visited" not in page and "I am ready to begin" not in page
    refused = client.post(f"/tests/{TIER1}", data={"csrf_token": token_of(page)})
    assert refused.status_code == 422
    assert "शुरू करने के लिए कृपया घोषणा पर सही का निशान लगाएँ।" in refused.get_data(as_text=True)


def test_the_exam_page_and_its_script_words_are_hindi_but_the_questions_stay_english(client, auth):
    auth.login()
    client.set_cookie("lang", "hi")
    _attempt_id, page = start_mock(client)
    for button in ["सेव करें और आगे बढ़ें", "समीक्षा के लिए चिह्नित करें और आगे बढ़ें", "उत्तर मिटाएँ", "सबमिट करें"]:
        assert f">{button}</button>" in page
    assert "शेष समय" in page and "क्या टेस्ट सबमिट करें?" in page
    for english in ["Save &amp; Next", "Save & Next", "Clear Response", "Time left", "Submit the test?"]:
        assert english not in page
    text = exam_text(page)
    # In the legend's order, which the palette counts and the submit summary's columns follow.
    assert text["palette"] == [[state, term] for state, term in zip(STATES, HINDI_LEGEND)]
    assert text["section"] == "खंड" and text["timeOver"] == "समय समाप्त। आपके उत्तर सबमिट किए जा रहे हैं।"
    assert text["questionState"] == "प्रश्न %(number)s: %(state)s"  # the script fills in the placeholders
    # Paper and section names are shown in Hindi too, on the tabs and in the script's data.
    assert "SSC CGL टियर-I (2025 पैटर्न)" in page
    assert 'data-section="quant" aria-pressed="false">मात्रात्मक अभिक्षमता' in page
    assert {"id": "quant", "name": "मात्रात्मक अभिक्षमता"} in exam_data(page)["sections"]
    # The questions are shown in English until the candidate switches the screen's own question language.
    assert "Stem of " in page and '<option value="en">English</option>' in page
    assert "show-hi" not in page
    # ... and marked as English, so a screen reader reading a Hindi page reads them with an English voice
    stems, options = page.count('<div class="stem lang-en" lang="en">'), page.count('<span class="lang-en" lang="en">')
    assert stems == 100 and options == 400


def test_an_english_interface_gets_english_script_words(client, auth):
    auth.login()
    _attempt_id, page = start_mock(client)
    assert ">Save & Next</button>" in page
    assert exam_text(page)["palette"][-1] == ["answered_marked", "Answered & Marked for Review"]


def test_a_refused_save_says_why_in_hindi(client, auth):
    auth.login()
    client.set_cookie("lang", "hi")
    attempt_id, page = start_mock(client)
    step = {"id": "s-1", "kind": "save", "position": 0, "choice": 7}
    refused = post_steps(client, attempt_id, [step], token_of(page)).get_json()["refused"]
    assert refused == {"s-1": "यह विकल्प इस प्रश्न में नहीं है"}


def test_every_paper_section_and_part_name_has_its_hindi():
    catalogue = hindi_catalogue()
    names = {p.name for p in all_patterns().values()}
    names |= {item.name for p in all_patterns().values() for item in (*p.sections, *p.parts)}
    assert names == set(PAPER_NAMES)  # a name added to patterns.yaml must be added to the catalogue's list
    assert [name for name in sorted(names) if not (catalogue.get(name) and catalogue.get(name).string)] == []


def test_every_paper_description_has_its_hindi_and_the_tests_page_shows_it(client, auth):
    catalogue = hindi_catalogue()
    descriptions = {p.description for p in all_patterns().values()}
    assert descriptions == set(PAPER_DESCRIPTIONS)  # a description changed in patterns.yaml must change here too
    assert [d for d in sorted(descriptions) if not (catalogue.get(d) and catalogue.get(d).string)] == []

    auth.login()
    client.set_cookie("lang", "hi")
    page = client.get("/tests").text
    assert "सही उत्तर पर +2, गलत उत्तर पर −0.50।" in page
    assert not [d for d in descriptions if d in page]
