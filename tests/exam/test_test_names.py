"""A sectional or topic test is named from its paper's and section's names in the reader's language; the stored
English name is shown only for a code no pattern knows any more."""

from __future__ import annotations

import pytest

from tests.exam.test_views import bank  # noqa: F401 (a fixture)
from trainer.core.wording import Wording
from trainer.exam.patterns import test_name as name_of
from trainer.i18n import interface_wording


def test_names_in_english_are_the_derived_patterns_own():
    assert name_of("tier1-2025:quant", "") == "Quantitative Aptitude — sectional test (SSC CGL Tier-I (2025 pattern))"
    assert name_of("topic:tier1-2025:quant", "") == "Topic test — Quantitative Aptitude"
    assert name_of("tier9:quant", "Old stored name") == "Old stored name"


def test_a_sectional_test_is_named_in_hindi(app):
    with app.test_request_context(headers={"Accept-Language": "hi"}):
        words: Wording = interface_wording()
        assert (
            name_of("tier1-2025:quant", "stored", words)
            == "मात्रात्मक अभिक्षमता — खंडवार टेस्ट (" + words.gettext("SSC CGL Tier-I (2025 pattern)") + ")"
        )
        assert name_of("topic:tier1-2025:quant", "stored", words) == "विषय टेस्ट — मात्रात्मक अभिक्षमता"


@pytest.mark.usefixtures("bank")
def test_the_sectional_test_page_is_titled_in_hindi(client, auth):
    auth.login()
    client.set_cookie("lang", "hi")
    page = client.get("/tests/tier1-2025:quant").get_data(as_text=True)
    assert "खंडवार टेस्ट" in page and "sectional test" not in page
