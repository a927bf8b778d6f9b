"""Instructors browse, edit and preview the bank; every change is a new version and old attempts keep theirs."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.factories import PASSWORD, make_bank, make_question, make_topic, make_user
from trainer.bank.models import Question, QuestionVersion
from trainer.exam import paper, saving, service
from trainer.exam.patterns import get_pattern
from trainer.exam.saving import ClientStep
from trainer.extensions import db

CSRF_META = re.compile(r'name="csrf-token" content="([^"]+)"')
T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
BANK = [
    # uid, section, topic, difficulty, stem
    ("pct-easy", "quant", "percentage", "easy", "What is 20% of 150?"),
    ("pct-hard", "quant", "percentage", "hard", "A price rises by 10% and then falls by 10%. The net change is?"),
    ("geo-medium", "quant", "geometry", "medium", "The angles of a triangle are in the ratio 1:2:3. The largest is?"),
    ("syn-easy", "english", "synonyms", "easy", "Choose the synonym of BRAVE."),
    ("syn-hard", "english", "synonyms", "hard", "Choose the synonym of CANDID."),
]


@pytest.fixture
def bank(app):
    with app.app_context():
        topics = {}
        for uid, section, topic, difficulty, stem in BANK:
            if (section, topic) not in topics:
                topics[section, topic] = make_topic(db.session, section, topic)
            make_question(
                db.session,
                topics[section, topic],
                uid,
                difficulty=difficulty,
                stem=stem,
                options=("10", "20", "30", "40"),
                answer=2,
                explanation="Worked: $\\frac{20}{100} \\times 150 = 30$.",
            )
        db.session.commit()


@pytest.fixture
def instructor(auth):
    return auth.login(role="instructor")


def token(client, url: str = "/authoring/questions") -> str:
    return CSRF_META.search(client.get(url).text).group(1)


def listed(html: str) -> list[str]:
    return re.findall(r'<a href="/authoring/questions/([\w-]+)">', html)


def versions_of(app, uid: str) -> list[QuestionVersion]:
    with app.app_context():
        question = db.session.scalar(select(Question).where(Question.uid == uid))
        return list(question.versions)


def edit_form(app, client, uid: str, **changes) -> dict:
    """The editor's fields as they are filled for the newest version, with some changed."""
    with app.app_context():
        version = db.session.scalar(select(Question).where(Question.uid == uid)).versions[-1]
        fields = {
            "csrf_token": token(client, f"/authoring/questions/{uid}/edit"),
            "topic": f"{version.topic.section}/{version.topic.key}",
            "subtopic": version.subtopic,
            "difficulty": version.difficulty,
            "status": "published",
            "stem": version.stem,
            "option_a": version.options[0],
            "option_b": version.options[1],
            "option_c": version.options[2],
            "option_d": version.options[3],
            "answer": "ABCD"[version.answer],
            "explanation": version.explanation,
            "source": version.source,
        }
        if version.shuffle:
            fields["shuffle"] = "y"
    return fields | changes


FILTERS = [
    ("", ["geo-medium", "pct-easy", "pct-hard", "syn-easy", "syn-hard"]),
    ("?section=quant", ["geo-medium", "pct-easy", "pct-hard"]),
    ("?topic=percentage", ["pct-easy", "pct-hard"]),
    ("?difficulty=hard", ["pct-hard", "syn-hard"]),
    ("?q=SYNONYM", ["syn-easy", "syn-hard"]),
    ("?q=geo-med", ["geo-medium"]),
    ("?section=quant&difficulty=hard", ["pct-hard"]),
    ("?section=english&q=triangle", []),
]


def test_the_bank_list_filters_and_counts(client, bank, instructor):
    for query, uids in FILTERS:
        page = client.get(f"/authoring/questions{query}").text

        count = re.search(r'<p id="result-count">(.*?)</p>', page).group(1)
        assert count == f"{len(uids)} question{'' if len(uids) == 1 else 's'}", query
        assert listed(page) == uids, query


def test_a_question_page_shows_the_key_the_explanation_and_the_versions(client, bank, instructor):
    page = client.get("/authoring/questions/pct-easy").text

    assert "What is 20% of 150?" in page and "version 1" in page
    assert re.search(r'<li class="key">30\s*<strong class="tag good">correct answer</strong>', page)
    assert "<mfrac>" in page  # the explanation's maths is MathML
    versions = re.search(r'<table class="table" id="versions">.*?</table>', page, re.S).group(0)
    assert re.findall(r"<tr><td>(\d+)</td>", versions) == ["1"]
    assert client.get("/authoring/questions/no-such-question").status_code == 404


def test_the_editor_opens_filled_with_the_newest_version(client, bank, instructor):
    page = client.get("/authoring/questions/pct-hard/edit").text

    assert "now version 1" in page
    assert re.search(r'<textarea[^>]*name="stem"[^>]*>\s*A price rises by 10%', page)
    assert re.search(r'<option selected value="quant/percentage">', page)
    assert re.search(r'<option selected value="C">', page)


def test_an_edit_becomes_version_2_and_leaves_version_1_alone(app, client, bank, instructor):
    form = edit_form(app, client, "pct-easy", stem="What is 30% of 150?", answer="D", option_d="45")

    response = client.post("/authoring/questions/pct-easy/edit", data=form)

    assert response.status_code == 302 and response.headers["Location"] == "/authoring/questions/pct-easy"
    page = client.get(response.headers["Location"]).text
    assert "Saved as version 2." in page and "version 2" in page and "What is 30% of 150?" in page
    first, second = versions_of(app, "pct-easy")
    assert (first.number, first.stem, first.answer, first.options[3]) == (1, "What is 20% of 150?", 2, "40")
    assert (second.number, second.stem, second.answer, second.options[3]) == (2, "What is 30% of 150?", 3, "45")
    assert second.author_id == instructor.id
    rows = re.findall(r"<tr><td>.*?</tr>", client.get("/authoring/questions?q=pct-easy").text, re.S)
    assert len(rows) == 1 and "<td>2</td>" in rows[0] and "What is 30% of 150?" in rows[0]


def test_an_edit_without_the_csrf_token_is_refused(app, client, bank, instructor):
    form = edit_form(app, client, "pct-hard", stem="Changed behind your back")
    del form["csrf_token"]

    assert client.post("/authoring/questions/pct-hard/edit", data=form).status_code == 400
    assert [v.number for v in versions_of(app, "pct-hard")] == [1]


def test_saving_without_changes_makes_no_version(app, client, bank, instructor):
    response = client.post("/authoring/questions/syn-easy/edit", data=edit_form(app, client, "syn-easy"))

    assert response.status_code == 302
    assert "No changes to save." in client.get(response.headers["Location"]).text
    assert [v.number for v in versions_of(app, "syn-easy")] == [1]


INVALID_EDITS = [
    ({"option_b": "  "}, "option_b", "Option B is empty."),
    ({"option_c": " 10 "}, "option_c", "Same text as Option A."),
    ({"stem": "Simplify $\\frac{1}{$ now."}, "stem", "unbalanced braces"),
    ({"explanation": "Because $x^{2$."}, "explanation", "unbalanced braces"),
    ({"explanation": ""}, "explanation", "Every question needs a worked explanation."),
]


def test_invalid_edits_are_refused_at_the_field(app, client, bank, instructor):
    for changes, field, message in INVALID_EDITS:
        form = edit_form(app, client, "geo-medium", **changes)

        response = client.post("/authoring/questions/geo-medium/edit", data=form)

        assert response.status_code == 422, field
        html = response.text
        assert "Please correct the fields marked below." in html
        error = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', html, re.S)
        assert error and message in error.group(1), (field, error)
        assert len(re.findall(r'<p class="error"', html)) == 1, field
    assert [v.number for v in versions_of(app, "geo-medium")] == [1]


def test_the_preview_renders_sanitised_html_with_mathml(client, instructor):
    payload = {
        "stem": "Evaluate $\\frac{1}{2} + x^2$ <script>alert(1)</script> <img src=x onerror=alert(2)>",
        "option_a": "$\\sqrt{2}$",
    }

    response = client.post("/authoring/preview", json=payload, headers={"X-CSRFToken": token(client)})

    assert response.status_code == 200
    stem = response.json["html"]["stem"]
    assert "<math" in stem and "<mfrac>" in stem and "<msup>" in stem
    assert "<script" not in stem and "onerror" not in stem
    assert "<msqrt>" in response.json["html"]["option_a"]
    assert client.post("/authoring/preview", json=payload).status_code == 400  # no CSRF token


def test_an_attempt_keeps_showing_the_version_it_used_after_an_edit(app, client, instructor):
    with app.app_context():
        make_bank(db.session)
        candidate = make_user(db.session, email="candidate@example.com")
        attempt = paper.start_attempt(db.session, candidate, get_pattern("tier1-2025"), T0, random.Random(2))
        slot = attempt.slots[0]
        uid, old_stem, old_key = slot.version.question.uid, slot.version.stem, slot.version.answer
        chosen = slot.option_order.index(old_key)
        saving.save_steps(db.session, attempt.id, (attempt.user_id, 0), [ClientStep("s", "save", 0, chosen)], T0, 10)
        service.submit(db.session, attempt, T0 + timedelta(minutes=20), 10)
        db.session.commit()
        attempt_id = attempt.id
    new_key = "ABCD"[(old_key + 1) % 4]
    form = edit_form(app, client, uid, stem="REVISED-STEM", explanation="REVISED-EXPLANATION", answer=new_key)
    assert client.post(f"/authoring/questions/{uid}/edit", data=form).status_code == 302
    assert [v.number for v in versions_of(app, uid)] == [1, 2]

    candidate_client = app.test_client()
    login = {"csrf_token": token(candidate_client, "/login"), "email": "candidate@example.com", "password": PASSWORD}
    assert candidate_client.post("/login", data=login).status_code == 302
    result = candidate_client.get(f"/attempts/{attempt_id}/result").text

    assert old_stem in result and "Because one." in result
    assert "REVISED" not in result
    assert '<strong id="total-score">2.00</strong>' in result


def test_generated_items_stay_out_of_the_bank_list(app, client, auth):
    from trainer.bank.models import Question

    with app.app_context():
        topic = make_topic(db.session, "quant", "percentage")
        make_question(db.session, topic, "quant-pct-hand")
        generated = make_question(db.session, topic, "gen-quant-percentage-of-1-easy")
        generated.kind = "generator"
        db.session.commit()
        assert len(db.session.scalars(select(Question)).all()) == 2
    auth.login(role="instructor")
    page = client.get("/authoring/questions").text
    assert "quant-pct-hand" in page and "gen-quant-percentage-of" not in page


MXSS = 'What is 20% of 150? <math><mtext><table><mglyph><style><!--</style><img title="--&gt;"> Use the table above.'


def test_a_save_that_loses_words_to_the_sanitiser_warns_naming_them(app, client, bank, instructor):
    form = edit_form(
        app, client, "pct-easy", stem=MXSS, option_d="40 <math><mtext><table><mglyph><style><!--</style> or 45"
    )

    response = client.post("/authoring/questions/pct-easy/edit", data=form)

    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    warnings = re.findall(r'<p class="flash flash-warning" role="status">(.*?)</p>', page, re.S)
    assert warnings == [
        "Question: candidates would not see &#39;Use the table above.&#39;: the sanitiser drops it"
        " (look for malformed or unsafe markup just before it)",
        "Option D: candidates would not see &#39;or 45&#39;: the sanitiser drops it"
        " (look for malformed or unsafe markup just before it)",
    ]
    assert (
        "Saved as version 2." in page
        and "Use the table above." not in page.split("</h1>", 1)[1].split("<h2>Versions")[0]
    )


def test_a_save_that_loses_nothing_shows_no_warning(app, client, bank, instructor):
    form = edit_form(app, client, "pct-easy", stem="What is <b>20%</b> of 150? <script>alert(1)</script>")
    page = client.get(client.post("/authoring/questions/pct-easy/edit", data=form).headers["Location"]).text
    assert "Saved as version 2." in page and "flash-warning" not in page


def test_the_preview_warns_of_words_the_sanitiser_drops(client, instructor):
    headers = {"X-CSRFToken": token(client)}

    response = client.post("/authoring/preview", json={"stem": MXSS, "option_a": "30"}, headers=headers)

    assert response.status_code == 200 and "Use the table above." not in response.json["html"]["stem"]
    assert response.json["warnings"] == [
        "Question: candidates would not see 'Use the table above.': the sanitiser drops it"
        " (look for malformed or unsafe markup just before it)"
    ]
    hindi = client.post("/authoring/preview", json={"hindi_explanation": f"क्योंकि {MXSS}"}, headers=headers)
    assert [w.split(":")[0] for w in hindi.json["warnings"]] == ["Explanation (Hindi)"]
    clean = client.post("/authoring/preview", json={"stem": "What is $x^2$?"}, headers=headers)
    assert clean.json["warnings"] == []
    assert client.post("/authoring/preview", json=["not", "fields"], headers=headers).json == {
        "html": {},
        "warnings": [],
    }
