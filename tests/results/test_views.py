"""The result page (rank out of N, topper and average, cut-offs, where the marks went, pace), the downloads and the
admin's cut-off pages, through the client."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from sqlalchemy import select

from tests.factories import TIER1_SECTIONS, count_queries, make_bank, make_user
from tests.results.sitting import by_section, sit
from trainer.auth.models import User
from trainer.exam import grading
from trainer.extensions import db
from trainer.results import cutoffs
from trainer.results.models import Cutoff

TIER1 = "tier1-2025"


@pytest.fixture
def bank(app):
    with app.app_context():
        make_bank(db.session)
        cutoffs.load_bundled_if_empty(db.session)
        db.session.commit()


REASONING_RIGHT = by_section(reasoning="R")


def graded(app, email=None, plan=REASONING_RIGHT, **kwargs) -> int:
    """A graded attempt of the account with this e-mail (a new candidate's if None); returns its id."""
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email)) if email else make_user(db.session)
        attempt = sit(db.session, user, plan, **kwargs)
        db.session.commit()
        return attempt.id


def text_of(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</(?:p|table|ul|section)>', html, re.S)
    assert match, element_id
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def lost_in(html: str, section: str) -> str:
    """The text of "where the marks went" for one section."""
    match = re.search(rf'data-lost="{section}">(.*?)</ul>', html, re.S)
    assert match, section
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def test_the_result_places_the_candidate_among_first_attempts_with_topper_and_average(app, client, auth, bank):
    for plan in ("R", "W", "-"):  # three others: 50, -12.5 and 0 in quant
        graded(app, plan=by_section(quant=plan))
    auth.login(email="me@example.com", category="OBC")
    mine = graded(app, "me@example.com", by_section(quant="R", english="R"))  # 100

    page = client.get(f"/attempts/{mine}/result").text

    assert text_of(page, "rank-line") == "Rank 1 out of 4 candidates, percentile 100.0 ."
    rows = {
        row.group(1): re.findall(r"<td[^>]*>([^<]*)</td>", row.group(2))
        for row in re.finditer(r'<tr data-standing="(\w*)">(.*?)</tr>', page, re.S)
    }
    assert rows[""] == ["100.00", "1 of 4", "100.0", "100.00", "34.38"]  # (50 − 12.5 + 0 + 100) / 4
    assert rows["quant"] == ["50.00", "1 of 4", "100.0", "50.00", "21.88"]  # two at 50: a shared first place
    assert rows["english"] == ["50.00", "1 of 4", "100.0", "50.00", "12.50"]
    assert "P = m / N" in page and 'id="not-counted"' not in page


def test_a_repeat_attempt_is_placed_but_said_not_to_count(app, client, auth, bank):
    auth.login(email="me@example.com")
    graded(app, "me@example.com", by_section(quant="R"))
    repeat = graded(app, "me@example.com", by_section(quant="W"), seed=2)

    page = client.get(f"/attempts/{repeat}/result").text

    # placed below its own first attempt, which is the one that counts, as if it were a second candidate's
    assert text_of(page, "rank-line").startswith("This score would rank 2 out of 2 candidates, percentile 50.0")
    assert "Only each candidate's first strict attempt" in text_of(page, "not-counted")


def test_the_result_compares_the_score_with_each_years_cutoff_for_the_category(app, client, auth, bank):
    auth.login(email="me@example.com", category="SC")
    plan = by_section(reasoning="R", awareness="R", quant="W", english="-")  # 100 − 12.5 = 87.5
    mine = graded(app, "me@example.com", plan)

    page = client.get(f"/attempts/{mine}/result").text

    years = {
        int(m.group(1)): " ".join(re.sub(r"<[^>]+>", " ", m.group(2)).split())
        for m in re.finditer(r'<tr data-year="(\d+)">(.*?)</tr>', page, re.S)
    }
    assert sorted(years) == [2021, 2022, 2023, 2024]  # SC: no 2025 figure is known
    assert "94.59 / 200" in years[2021] and "would not have cleared" in years[2021]
    assert "77.58" not in years[2022] and "89.09 / 200" in years[2022]
    assert "would not have cleared" in years[2023]
    mine_ur = graded(app, "me@example.com", by_section(reasoning="R", awareness="R", quant="R"), seed=2)
    with app.app_context():
        db.session.execute(User.__table__.update().values(category="UR"))
        db.session.commit()
    page = client.get(f"/attempts/{mine_ur}/result").text  # 150 for UR
    cleared = dict(re.findall(r'<tr data-year="(\d+)">.*?<strong class="\w+">([^<]+)</strong>', page, re.S))
    assert cleared == {
        "2025": "would have cleared",
        "2024": "would not have cleared",
        "2023": "would not have cleared",
        "2022": "would have cleared",
        "2021": "would have cleared",
    }


def test_tier2_has_no_cutoffs_until_an_admin_adds_them(app, client, auth):
    with app.app_context():
        make_bank(db.session, per_section=45, sections=(*TIER1_SECTIONS, "computer"))
        cutoffs.load_bundled_if_empty(db.session)
        db.session.commit()
    auth.login(email="me@example.com")
    mine = graded(app, "me@example.com", by_section(maths="R"), code="tier2-paper1")

    page = client.get(f"/attempts/{mine}/result").text

    assert text_of(page, "no-cutoffs") == "No tier2 cut-offs for category UR have been entered yet."


def test_where_the_marks_went_and_the_pace(app, client, auth, bank):
    auth.login(email="me@example.com")
    seconds = lambda slot: 80 if slot.section == "quant" else 5  # noqa: E731  (slow quant, quick guesses elsewhere)
    mine = graded(app, "me@example.com", by_section(awareness="W", quant="R"), seconds=seconds)

    page = client.get(f"/attempts/{mine}/result").text

    awareness = lost_in(page, "awareness")
    assert awareness.startswith("25 wrong answers cost 12.5 marks")
    assert "25 of them were given in under 15 seconds (likely guesses), costing 12.5 marks" in awareness
    assert (
        page.count(
            "Attempt or skip: On a 4-option question at +2/−0.5, attempting pays when you are more than 20% sure"
        )
        == 1
    )
    quant = lost_in(page, "quant")
    assert "No wrong answers." in quant and "Took more than twice the paper's time per question: 1 (1:20)" in quant
    pace = dict(re.findall(r'<tr data-pace="(\w+)"><th scope="row">[^<]*</th><td>([^<]*)', page))
    assert pace["quant"].strip() == "33:20" and pace["awareness"].strip() == "2:05"


def test_a_blank_in_a_topic_the_candidate_usually_gets_right_is_named(app, client, auth, bank):
    auth.login(email="me@example.com")
    graded(app, "me@example.com", by_section(quant="R"))  # 5 right answers in each quant topic
    second = graded(app, "me@example.com", by_section(), seed=2)  # everything blank

    lost = lost_in(client.get(f"/attempts/{second}/result").text, "quant")

    assert "Left blank in topics you usually get right, worth 50 marks" in lost
    assert "Quant-T0" in lost


def test_the_json_download_regrades_to_the_same_totals_and_the_csv_has_a_row_per_question(app, client, auth, bank):
    auth.login(email="me@example.com")
    mine = graded(app, "me@example.com", by_section(reasoning="R", awareness="W", quant="R", english="W"))

    response = client.get(f"/attempts/{mine}/result.json")
    assert response.headers["Content-Disposition"] == f'attachment; filename="attempt-{mine}.json"'
    record = json.loads(response.data)
    keys = [grading.SlotKey(q["section"], q["key"], q["marks_right"], q["marks_wrong"]) for q in record["questions"]]
    regraded = grading.grade(keys, [q["answer"] for q in record["questions"]])

    assert regraded.total == record["totals"]["total"] == 75.0
    assert {k: vars(s) for k, s in regraded.sections.items()} == record["totals"]["sections"]
    assert record["pattern"]["sections"][0]["marks_right"] == 2.0
    assert all(len(q["content_hash"]) == 64 and q["version_id"] for q in record["questions"])
    assert [s["kind"] for s in record["steps"]].count("view") == 100 and record["steps"][-1]["kind"] == "submit"

    rows = list(csv.DictReader(io.StringIO(client.get(f"/attempts/{mine}/result.csv").text)))
    assert len(rows) == 100
    assert sum(float(r["marks"]) for r in rows) == 75.0
    assert {r["outcome"] for r in rows if r["section"] == "awareness"} == {"wrong"}


def test_downloads_of_another_candidates_attempt_are_missing(app, client, auth, bank):
    theirs = graded(app)
    auth.login()

    for suffix in ("result", "result.json", "result.csv"):
        assert client.get(f"/attempts/{theirs}/{suffix}").status_code == 404


def test_the_result_page_runs_as_many_queries_with_3_and_with_30_graded_attempts(app, client, auth, bank):
    auth.login(email="me@example.com")
    mine = graded(app, "me@example.com", by_section(quant="R"))
    counts = []
    for others, total in ((2, 3), (27, 30)):
        for n in range(others):
            graded(app, plan=by_section(quant="RW-"[n % 3]), seed=n)
        with app.app_context(), count_queries(db.engine) as statements:
            page = client.get(f"/attempts/{mine}/result").text
        assert f"out of {total} candidates" in text_of(page, "rank-line")
        counts.append(len(statements))

    assert counts[0] == counts[1]


def test_candidates_cannot_open_the_cutoff_pages(app, client, auth, bank):
    auth.login()

    assert client.get("/admin/cutoffs").status_code == 403
    assert client.post("/admin/cutoffs", data={"csrf_token": auth.token("/tests")}).status_code == 403


def test_an_admin_adds_edits_and_deletes_a_cutoff(app, client, auth, bank):
    auth.login(role="admin")
    token = auth.token("/admin/cutoffs")
    form = {"paper": "tier2", "stage": "Final, ASO (CSS)", "year": "2024", "category": "UR", "marks": "301.5"}
    form |= {"out_of": "390", "source": "SSC final result notice", "note": "", "csrf_token": token}

    assert client.post("/admin/cutoffs", data=form).status_code == 302
    with app.app_context():
        cutoff_id = db.session.scalar(select(Cutoff.id).where(Cutoff.paper == "tier2"))
    page = client.get("/admin/cutoffs").text
    assert "Final, ASO (CSS)" in page and "301.5 / 390" in page

    again = client.post("/admin/cutoffs", data=form)
    assert again.status_code == 422 and "There is already a 2024 UR cut-off for Final, ASO (CSS)" in again.text
    too_high = client.post(f"/admin/cutoffs/{cutoff_id}", data=form | {"marks": "400"})
    assert too_high.status_code == 422 and "marks 400 must be between 0 and out_of 390" in too_high.text
    assert client.post(f"/admin/cutoffs/{cutoff_id}", data=form | {"marks": "299"}).status_code == 302
    with app.app_context():
        assert db.session.get(Cutoff, cutoff_id).marks == 299
    assert client.post(f"/admin/cutoffs/{cutoff_id}/delete", data={"csrf_token": token}).status_code == 302
    with app.app_context():
        assert db.session.get(Cutoff, cutoff_id) is None


def test_a_practice_attempt_is_placed_and_a_topic_test_is_not_ranked(app, client, auth, bank):
    graded(app, plan=by_section(quant="R"))
    auth.login(email="me@example.com")
    practice = graded(app, "me@example.com", by_section(quant="W"), mode="practice")
    topic = graded(app, "me@example.com", by_section(quant="R"), code="topic-test")

    page = client.get(f"/attempts/{practice}/result").text
    assert text_of(page, "rank-line").startswith("This score would rank 2 out of 2 candidates")
    assert 'id="not-counted"' in page
    assert "Topic tests are not ranked" in client.get(f"/attempts/{topic}/result").text


def test_a_cutoff_row_problem_is_told_in_hindi(app, client, auth):
    auth.login(role="admin")
    client.set_cookie("lang", "hi")
    form = {"csrf_token": auth.token("/admin/cutoffs"), "paper": "tier1", "stage": "Tier-I", "year": "2024"}
    form |= {"category": "UR", "marks": "250", "out_of": "200"}

    refused = client.post("/admin/cutoffs", data=form)

    assert refused.status_code == 422
    assert "अंक 250, 0 और out_of 200 के बीच होने चाहिए" in refused.text and "must be between" not in refused.text
