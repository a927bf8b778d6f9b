"""A figure question in Hindi: the exam page describes its figures to a screen reader in Hindi."""

from __future__ import annotations

import re

from tests.exam.test_exam_page import TIER1, open_paper
from tests.factories import write_bank
from trainer.bank.service import import_bank
from trainer.bank.taxonomy import find_taxonomy, load_taxonomy
from trainer.bank.validation import check_bank
from trainer.config import PROJECT_ROOT
from trainer.exam.patterns import topic_pattern
from trainer.extensions import db

FIGURES = PROJECT_ROOT / "question_bank" / "reasoning" / "embedded-figures.md"
HINDI_PART = re.compile(r'<(div|span) class="(?:stem )?lang-hi" lang="hi">(.*?)</\1>', re.S)
ENGLISH_PART = re.compile(r'<(div|span) class="(?:stem )?lang-en" lang="en">(.*?)</\1>', re.S)
LABEL = re.compile(r'aria-label="([^"]*)"')


def labels(parts: list[tuple[str, str]]) -> list[str]:
    return [label for _tag, html in parts for label in LABEL.findall(html)]


def test_a_figure_question_shown_in_hindi_describes_its_figures_in_hindi(app, client, auth, tmp_path):
    user = auth.login()
    root = write_bank(tmp_path / "bank", {"reasoning/embedded-figures.md": FIGURES.read_text(encoding="utf-8")})
    with app.app_context():
        import_bank(db.session, check_bank(root), load_taxonomy(find_taxonomy(root)))
        db.session.commit()
    attempt = open_paper(app, user.id, topic_pattern(TIER1, "reasoning", ("embedded-figures",), 1), "practice")
    page = client.get(f"/attempts/{attempt}").get_data(as_text=True)

    hindi = labels(HINDI_PART.findall(page))
    assert len(hindi) == 5  # the question figure and the four option figures
    assert hindi[0].startswith("प्रश्न आकृति: ")
    assert all(label.startswith("विकल्प आकृति: ") for label in hindi[1:])
    english = labels(ENGLISH_PART.findall(page))
    assert english[0].startswith("Question figure: ") and len(english) == 5
