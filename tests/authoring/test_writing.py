"""Instructors write new questions on the web: drafts through the bank's own versioning, refused at the field."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.authoring.test_views import token
from tests.factories import make_question, make_topic
from trainer.bank.models import Question
from trainer.bank.service import hindi_tuple
from trainer.extensions import db

HINDI = {
    "hindi_stem": "150 का 20% कितना है?",
    "hindi_option_a": "10",
    "hindi_option_b": "20",
    "hindi_option_c": "30",
    "hindi_option_d": "40",
    "hindi_explanation": "$\\frac{20}{100} \\times 150 = 30$।",
}


@pytest.fixture
def topics(app):
    with app.app_context():
        percentage = make_topic(db.session, "quant", "percentage")
        make_topic(db.session, "english", "synonyms")
        make_question(db.session, percentage, "quant-percentage-web-0001", stem="Taken already: what is 5% of 60?")
        db.session.commit()


@pytest.fixture
def instructor(auth):
    return auth.login(role="instructor")


def new_form(client, page: str = "/authoring/questions/new", **changes) -> dict:
    fields = {
        "csrf_token": token(client, page),
        "topic": "quant/percentage",
        "difficulty": "easy",
        "stem": "What is 20% of 150?",
        "option_a": "10",
        "option_b": "20",
        "option_c": "30",
        "option_d": "40",
        "answer": "C",
        "explanation": "$\\frac{20}{100} \\times 150 = 30$.",
        "source": "Written for the trainer",
    }
    return fields | changes


def question(app, uid: str) -> tuple[str, list] | None:
    """The question's status and its versions (detached, columns loaded), or None if there is none."""
    with app.app_context():
        found = db.session.scalar(select(Question).where(Question.uid == uid))
        if found is None:
            return None
        versions = list(found.versions)
        db.session.expunge_all()
        return found.status, versions


def test_the_new_question_form_offers_the_taxonomy_and_no_status(client, topics, instructor):
    page = client.get("/authoring/questions/new").text

    quant = "Quantitative Aptitude / Mathematical Abilities"  # the section's name in taxonomy.yaml, not its key
    assert re.search(rf'<optgroup label="{quant}">\s*<option value="quant/percentage">', page)
    assert 'value="english/synonyms"' in page
    assert 'name="status"' not in page and "Save as a draft" in page
    assert 'id="question-form"' in page and "js/preview.js" in page


def test_a_new_question_with_hindi_is_a_draft_with_version_1_by_its_author(app, client, topics, instructor):
    response = client.post("/authoring/questions/new", data=new_form(client, **HINDI))

    assert response.status_code == 302
    assert response.headers["Location"] == "/authoring/questions/quant-percentage-web-0002"
    assert "Saved quant-percentage-web-0002 as a draft (version 1)." in client.get(response.headers["Location"]).text
    status, (version,) = question(app, "quant-percentage-web-0002")
    assert status == "draft" and version.number == 1 and version.author_id == instructor.id
    assert (version.stem, version.options, version.answer) == ("What is 20% of 150?", ["10", "20", "30", "40"], 2)
    assert hindi_tuple(version) == (HINDI["hindi_stem"], ("10", "20", "30", "40"), HINDI["hindi_explanation"])


def test_each_new_question_gets_its_own_uid(app, client, topics, instructor):
    client.post("/authoring/questions/new", data=new_form(client, topic="english/synonyms", stem="Synonym of BRAVE?"))
    client.post("/authoring/questions/new", data=new_form(client, topic="english/synonyms", stem="Synonym of BOLD?"))

    assert question(app, "english-synonyms-web-0001")[1][0].stem == "Synonym of BRAVE?"
    assert question(app, "english-synonyms-web-0002")[1][0].stem == "Synonym of BOLD?"


INVALID = [
    ({"option_d": "10"}, "option_d", "Same text as Option A."),
    ({"explanation": ""}, "explanation", "Every question needs a worked explanation."),
    ({"topic": "quant/nowhere"}, "topic", "Not a valid choice"),
    ({**HINDI, "hindi_stem": "150 का 25% कितना है?"}, "hindi_stem", "Numbers differ from the English"),
    ({**HINDI, "hindi_option_b": ""}, "hindi_option_b", "Fill in every Hindi field, or none."),
    (
        {"option_a": '![a square](a.svg)', "option_b": '![a square, missing a side](b.svg)',
         "option_c": '![a square](c.svg)', "option_d": '![a square](d.svg)'},
        "option_a", "give options away",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "field", "message"), INVALID)
def test_an_invalid_new_question_is_refused_at_the_field(app, client, topics, instructor, changes, field, message):
    response = client.post("/authoring/questions/new", data=new_form(client, **changes))

    assert response.status_code == 422
    error = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', response.text, re.S)
    assert error and message in error.group(1), error
    assert question(app, "quant-percentage-web-0002") is None


def test_a_new_question_without_the_csrf_token_is_refused(app, client, topics, instructor):
    form = new_form(client)
    del form["csrf_token"]

    assert client.post("/authoring/questions/new", data=form).status_code == 400
    assert question(app, "quant-percentage-web-0002") is None


def test_candidates_cannot_write_questions(app, client, auth, topics):
    auth.login(role="candidate")

    assert client.get("/authoring/questions/new").status_code == 403
    form = new_form(client, page="/tests")
    assert client.post("/authoring/questions/new", data=form).status_code == 403
    assert question(app, "quant-percentage-web-0002") is None


def test_publish_retire_and_restore_from_the_question_page(app, client, topics, instructor):
    client.post("/authoring/questions/new", data=new_form(client, change_note="Drafted from the 2024 paper"))
    url = "/authoring/questions/quant-percentage-web-0002"
    page = client.get(url).text
    assert re.search(r'<strong id="status">draft</strong>', page)
    assert 'value="publish"' in page and 'value="retire"' in page and 'value="restore"' not in page
    assert "Drafted from the 2024 paper" in page and instructor.name in page

    for action, status in [("publish", "published"), ("retire", "retired"), ("restore", "draft")]:
        response = client.post(f"{url}/status", data={"csrf_token": token(client, url), "action": action})

        assert response.status_code == 302 and response.headers["Location"] == url
        assert f"quant-percentage-web-0002 is now {status}." in client.get(url).text
        assert question(app, "quant-percentage-web-0002")[0] == status


def test_an_action_that_does_not_apply_is_explained(app, client, topics, instructor):
    url = "/authoring/questions/quant-percentage-web-0001"

    client.post(f"{url}/status", data={"csrf_token": token(client, url), "action": "restore"})

    assert "quant-percentage-web-0001 is published: it cannot be restored." in client.get(url).text


def test_the_second_reader_rule_stops_the_author_publishing(app, client, auth, topics, instructor):
    app.config["REQUIRE_SECOND_READER"] = True
    client.post("/authoring/questions/new", data=new_form(client))
    url = "/authoring/questions/quant-percentage-web-0002"

    client.post(f"{url}/status", data={"csrf_token": token(client, url), "action": "publish"})

    assert "another instructor must read and publish it" in client.get(url).text
    assert question(app, "quant-percentage-web-0002")[0] == "draft"
    second = app.test_client()
    auth.client = second
    auth.login(role="instructor")
    second.post(f"{url}/status", data={"csrf_token": token(second, url), "action": "publish"})
    assert question(app, "quant-percentage-web-0002")[0] == "published"


def test_duplicate_from_the_question_page(app, client, topics, instructor):
    url = "/authoring/questions/quant-percentage-web-0001"

    response = client.post(f"{url}/duplicate", data={"csrf_token": token(client, url)})

    assert response.headers["Location"] == "/authoring/questions/quant-percentage-web-0002"
    status, (version,) = question(app, "quant-percentage-web-0002")
    assert status == "draft" and version.stem == "Taken already: what is 5% of 60?"


@pytest.mark.parametrize("action", ["status", "duplicate"])
def test_workflow_buttons_need_the_csrf_token_and_staff(app, client, auth, topics, action):
    url = "/authoring/questions/quant-percentage-web-0001"
    auth.login(role="instructor")
    assert client.post(f"{url}/{action}", data={"action": "retire"}).status_code == 400
    auth.logout()
    auth.login(role="candidate")
    response = client.post(f"{url}/{action}", data={"csrf_token": token(client, "/tests"), "action": "retire"})
    assert response.status_code == 403
    assert question(app, "quant-percentage-web-0001")[0] == "published"
    assert question(app, "quant-percentage-web-0002") is None


def edit_and_note(client, uid: str, note: str, **changes):
    url = f"/authoring/questions/{uid}/edit"
    return client.post(url, data=new_form(client, page=url, change_note=note, **changes))


def test_the_diff_shows_changed_words_with_markers_and_who_changed_them(app, client, topics, instructor):
    client.post("/authoring/questions/new", data=new_form(client))
    uid = "quant-percentage-web-0002"
    edit_and_note(client, uid, "Harder: 30% now", stem="What is 30% of 150?", answer="D", option_d="45")
    assert "Harder: 30% now" in client.get(f"/authoring/questions/{uid}").text

    page = client.get(f"/authoring/questions/{uid}/diff?old=1&new=2").text

    table = re.search(r'<table class="table" id="diff">.*?</table>', page, re.S).group(0)
    assert re.findall(r'<th scope="row">(.*?)</th>', table) == ["Question", "Option D", "Correct option"]
    assert "What is <del>[-20%-]</del><ins>{+30%+}</ins> of 150?" in table
    assert "<del>[-C-]</del><ins>{+D+}</ins>" in table
    assert "Harder: 30% now" in page and instructor.name in page
    assert re.search(r'id="unchanged">Unchanged: Topic, Difficulty, Option A', page)
    default = client.get(f"/authoring/questions/{uid}/diff").text  # the newest and the one before by default
    assert re.search(r'<table class="table" id="diff">.*?</table>', default, re.S).group(0) == table
    assert client.get(f"/authoring/questions/{uid}/diff?old=1&new=7").status_code == 404


def test_an_old_version_is_restored_from_the_page(app, client, topics, instructor):
    uid = "quant-percentage-web-0001"
    edit_and_note(client, uid, "Typo", stem="Taken already: what is 6% of 60?")
    url = f"/authoring/questions/{uid}"

    response = client.post(f"{url}/restore", data={"csrf_token": token(client, url), "version": "1"})

    assert response.status_code == 302 and "Restored as version 3." in client.get(url).text
    _status, versions = question(app, uid)
    assert [v.stem for v in versions] == [versions[0].stem, "Taken already: what is 6% of 60?", versions[0].stem]
    assert versions[2].change_note == "Restored version 1."
    assert client.post(f"{url}/restore", data={"version": "1"}).status_code == 400


def test_candidates_cannot_see_diffs_or_restore(app, client, auth, topics):
    auth.login(role="candidate")
    url = "/authoring/questions/quant-percentage-web-0001"

    assert client.get(f"{url}/diff").status_code == 403
    assert (
        client.post(f"{url}/restore", data={"csrf_token": token(client, "/tests"), "version": "1"}).status_code == 403
    )


def test_restoring_a_version_that_does_not_exist_is_explained(app, client, topics, instructor):
    url = "/authoring/questions/quant-percentage-web-0001"

    for version in ("7", "", "x"):
        response = client.post(f"{url}/restore", data={"csrf_token": token(client, url), "version": version})

        assert response.status_code == 302
        assert "has no version" in client.get(url).text


COPY = {
    "stem": "Taken already: what is 5% of 60?",
    "option_a": "one",
    "option_b": "two",
    "option_c": "three",
    "option_d": "four",
}


def test_a_near_duplicate_is_refused_showing_both_until_confirmed(app, client, topics, instructor):
    response = client.post("/authoring/questions/new", data=new_form(client, **COPY))

    assert response.status_code == 422
    shown = re.search(r'<section class="flash flash-error" id="near-duplicates".*?</section>', response.text, re.S)
    assert shown and 'href="/authoring/questions/quant-percentage-web-0001"' in shown.group(0)
    assert shown.group(0).count("Taken already: what is 5% of 60?") == 2 and "100% of word runs shared" in shown.group(
        0
    )
    assert 'name="save_anyway"' in shown.group(0)
    assert question(app, "quant-percentage-web-0002") is None

    confirmed = client.post("/authoring/questions/new", data=new_form(client, save_anyway="y", **COPY))

    assert confirmed.status_code == 302 and question(app, "quant-percentage-web-0002")[0] == "draft"


def test_an_edit_into_a_near_duplicate_is_refused(app, client, topics, instructor):
    client.post("/authoring/questions/new", data=new_form(client))
    uid = "quant-percentage-web-0002"

    response = edit_and_note(client, uid, "Oops", **COPY)

    assert response.status_code == 422 and 'id="near-duplicates"' in response.text
    assert len(question(app, uid)[1]) == 1
    assert edit_and_note(client, uid, "Sure", save_anyway="y", **COPY).status_code == 302
    assert len(question(app, uid)[1]) == 2
    # an edit that changes nothing is not refused for a likeness already in the bank
    assert edit_and_note(client, uid, "", **COPY).status_code == 302


def test_a_question_is_not_its_own_near_duplicate(app, client, topics, instructor):
    uid = "quant-percentage-web-0001"

    response = edit_and_note(client, uid, "Reworded", **(COPY | {"stem": "Taken already: what is 5% of sixty?"}))

    assert response.status_code == 302 and len(question(app, uid)[1]) == 2
