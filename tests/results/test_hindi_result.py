"""The result page in Hindi: a candidate who chose the Hindi interface reads headings, tables and dates in Hindi."""

from __future__ import annotations

import re

import pytest

from tests.factories import make_bank
from tests.results.sitting import by_section
from tests.results.test_views import graded, lost_in, text_of
from trainer.extensions import db


@pytest.fixture
def bank(app):
    with app.app_context():
        make_bank(db.session)
        db.session.commit()


def test_a_candidate_with_the_hindi_interface_reads_the_result_in_hindi(app, client, auth, bank):
    graded(app, plan=by_section(quant="W"))  # someone to be ranked against
    auth.login(email="me@example.com")
    auth.choose_language("hi")
    mine = graded(app, "me@example.com", by_section(quant="R", reasoning="W"))

    page = client.get(f"/attempts/{mine}/result").text

    assert '<html lang="hi">' in page
    for heading in ("आपका परिणाम", "आपकी स्थिति", "अंक कहाँ गए", "गति", "प्रश्न और हल"):
        assert heading in page, heading
    sections = page[page.index('id="section-scores"') :]
    headers = re.findall(r'<th scope="col">([^<]*)</th>', sections)
    assert headers[:6] == ["खंड", "सही", "गलत", "अनुत्तरित", "अंक", "अधिकतम अंक"]
    assert text_of(page, "rank-line") == "2 उम्मीदवारों में रैंक 1 , प्रतिशतक 100.0 ।"  # Western digits
    assert "गलत उत्तरों से" in lost_in(page, "reasoning") and "wrong answer" not in page
    # the sitting's date with the Hindi month name, digits as in SSC's papers (0-9)
    assert re.search(
        r'id="taken-on">[^<]*\d{2} (जनवरी|फ़रवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|अक्तूबर|नवंबर|दिसंबर) \d{4}', page
    )


def test_the_same_result_stays_in_english_for_an_english_reader(app, client, auth, bank):
    auth.login(email="me@example.com")
    mine = graded(app, "me@example.com", by_section(quant="R"))

    page = client.get(f"/attempts/{mine}/result", headers={"Accept-Language": "en-IN"}).text

    assert "Where the marks went" in page and "अंक कहाँ गए" not in page
    assert re.search(r'id="taken-on">Taken on \d{2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} \(IST\)', page)
