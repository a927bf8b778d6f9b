"""The progress page in Hindi: headings, the study-next reasons built in Python, and dates with Hindi month names."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from tests.progress.test_progress import bank, take_graded_mock  # noqa: F401 (the bank fixture)
from trainer.bank.models import Topic
from trainer.core.clock import utcnow
from trainer.extensions import db


def text_of(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</p>', html, re.S)
    assert match, element_id
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def test_a_candidate_with_the_hindi_interface_reads_the_progress_page_in_hindi(app, client, auth, bank):  # noqa: F811
    user = auth.login()
    take_graded_mock(app, user.id)  # sat on 1 Feb 2026, 10:00 UTC: 15:30 IST
    auth.choose_language("hi")
    exam_day = (utcnow() + timedelta(days=40)).date()
    saved = client.post(
        "/progress/target",
        data={"paper": "tier1", "exam_date": exam_day.isoformat(), "csrf_token": auth.token("/progress")},
        follow_redirects=True,
    ).text

    assert "आपका लक्ष्य सेव हो गया है।" in saved  # the flash message
    for heading in ("आपकी प्रगति", "लक्ष्य और योजना", "आगे क्या पढ़ें", "गलतियों की नोटबुक", "अंकों का इतिहास"):
        assert heading in saved, heading
    assert "Study next" not in saved and "Your progress" not in saved
    # the reason is written in Python: its Hindi, with the paper's Hindi name
    assert "हर टियर-I प्रश्न-पत्र में लगभग" in saved and "अंक पाने की संभावना" in saved
    written = exam_day.strftime("%d")
    assert re.fullmatch(
        rf"{written} \S+ {exam_day.year} को होने वाली आपकी टियर-I परीक्षा में \d+ दिन शेष हैं।", text_of(saved, "days-left")
    )
    assert exam_day.strftime("%b") not in text_of(saved, "days-left")  # the month in Hindi
    # dates with Hindi month names and Western digits: the score history and the chart's table
    assert "01 फ़र॰ 2026, 15:30" in saved
    assert re.search(r"<td>01 फ़र॰</td>", saved)
    assert "01 Feb" not in saved


def test_the_json_twin_stays_in_english_for_programs(app, client, auth, bank):  # noqa: F811
    user = auth.login()
    take_graded_mock(app, user.id)
    auth.choose_language("hi")

    data = client.get("/api/v1/progress").get_json()

    assert data["study_next"][0]["reason"].startswith("About ")
    assert data["trends"]["scores"][0]["points"][0]["date"] == "01 Feb"


def test_a_hindi_reader_sees_each_topic_by_its_hindi_name_on_the_progress_page(app, client, auth, bank):  # noqa: F811
    with app.app_context():
        for topic in db.session.scalars(select(Topic).where(Topic.key == "quant-t0")):
            topic.name_hi = "प्रतिशतता"
        db.session.commit()
    user = auth.login()
    take_graded_mock(app, user.id)
    assert "Quant topic 0" in client.get("/progress").text
    auth.choose_language("hi")

    page = client.get("/progress").text
    assert "प्रतिशतता" in page and "Quant topic 0" not in page
    assert "Reasoning topic 0" in page  # a topic without a Hindi name keeps its English one


def test_a_hindi_reader_sees_sections_and_the_weekly_plan_s_drills_by_their_hindi_names(app, client, auth, bank):  # noqa: F811
    with app.app_context():
        for topic in db.session.scalars(select(Topic).where(Topic.section == "reasoning")):
            topic.name_hi = f"तर्कशक्ति विषय {topic.key[-1]}"
        db.session.commit()
    user = auth.login()
    take_graded_mock(app, user.id)
    auth.choose_language("hi")
    exam_day = (utcnow() + timedelta(days=40)).date()
    data = {"paper": "tier1", "exam_date": exam_day.isoformat(), "csrf_token": auth.token("/progress")}

    page = client.post("/progress/target", data=data, follow_redirects=True).text

    mastery = page[page.index('id="topic-progress"') :]
    assert '<td>सामान्य बुद्धिमत्ता एवं तर्कशक्ति</td><th scope="row">तर्कशक्ति विषय 0</th>' in mastery
    assert "<td>मात्रात्मक अभिक्षमता / गणितीय क्षमताएँ</td>" in mastery
    assert "<td>reasoning</td>" not in page and "<td>quant</td>" not in page
    plan = page[page.index('id="weekly-plan"') : page.index("</ol>", page.index('id="weekly-plan"'))]
    assert "तर्कशक्ति विषय 0" in plan and "Reasoning topic" not in plan
    study = page[page.index('class="study-next"') :]
    assert '<span class="muted">(सामान्य बुद्धिमत्ता एवं तर्कशक्ति)</span>' in study
    assert client.get("/api/v1/progress").get_json()["target"]["plan"][0]["drills"][0] == "Reasoning topic 0"
