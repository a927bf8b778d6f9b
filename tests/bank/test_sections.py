"""Section names on pages: the taxonomy's, in the reader's language, as the exam screen names the same sections."""

from __future__ import annotations

from flask_babel import force_locale, gettext

from trainer.bank.sections import bank_sections, section_name
from trainer.config import PROJECT_ROOT


def test_hindi_section_names_are_the_exam_screen_s_own_words(app):
    """A section named after two papers' sections ("Quantitative Aptitude / Mathematical Abilities") reads in Hindi
    as the exam screen's Hindi names of both, so a candidate meets one term for one section everywhere."""
    sections = bank_sections(str(PROJECT_ROOT / "question_bank")).values()
    with app.test_request_context(), force_locale("hi"):
        catalogue = [" / ".join(gettext(part) for part in s.name.split(" / ")) for s in sections]
    assert catalogue == [s.name_hi for s in sections]


def test_a_section_the_taxonomy_does_not_know_is_shown_by_its_key(app):
    with app.test_request_context():
        assert section_name("awareness") == "General Awareness"
        assert section_name("typing") == "Typing"
    with app.test_request_context(), force_locale("hi"):
        assert section_name("awareness") == "सामान्य जागरूकता"


def test_a_bank_without_a_readable_taxonomy_names_sections_by_their_keys(app, tmp_path):
    (tmp_path / "taxonomy.yaml").write_text("sections: [", encoding="utf-8")
    app.config["BANK_PATH"] = str(tmp_path)
    with app.test_request_context():
        assert section_name("quant") == "Quant"
