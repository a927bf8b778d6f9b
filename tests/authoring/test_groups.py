"""Instructors write passage groups on the web: the shared text with its questions, in English and Hindi, as
versioned drafts that are published, retired, restored, duplicated, compared and discarded as a whole."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.authoring.test_views import token
from tests.authoring.test_writing import new_form
from tests.authoring.writing_factories import make_group
from tests.factories import PASSWORD, count_queries, make_topic, make_user
from trainer.audit.models import AuditEvent
from trainer.authoring import groups
from trainer.bank.models import ItemGroup, ItemGroupVersion, Question
from trainer.extensions import db

PASSAGE = "Rivers carry 2 kinds of load: silt and sand."
HINDI_PASSAGE = "नदियाँ 2 प्रकार का भार ढोती हैं: गाद और रेत।"


def member_fields(n: int, hindi: bool = True) -> dict:
    fields = {
        "difficulty": "medium",
        "stem": f"What does the passage say in sentence {n}?",
        "option_a": "silt",
        "option_b": "sand",
        "option_c": "both",
        "option_d": "neither",
        "answer": "C",
        "explanation": f"Sentence {n} names both.",
    }
    if hindi:
        fields |= {
            "hindi_stem": f"वाक्य {n} में अनुच्छेद क्या कहता है?",
            "hindi_option_a": "गाद",
            "hindi_option_b": "रेत",
            "hindi_option_c": "दोनों",
            "hindi_option_d": "कोई नहीं",
            "hindi_explanation": f"वाक्य {n} दोनों का नाम लेता है।",
        }
    return {f"members-{n - 1}-{name}": value for name, value in fields.items()}


def group_form(client, page="/authoring/groups/new", members=2, hindi=True, **changes) -> dict:
    form = {
        "csrf_token": token(client, page),
        "topic": "english/reading-comprehension",
        "source": "Written for the trainer",
        "passage": PASSAGE,
        "hindi_passage": HINDI_PASSAGE if hindi else "",
    }
    for n in range(1, members + 1):
        form |= member_fields(n, hindi)
    return form | changes


@pytest.fixture
def topics(app):
    with app.app_context():
        make_topic(db.session, "english", "reading-comprehension", name="Reading comprehension")
        db.session.commit()


@pytest.fixture
def instructor(auth, topics):
    return auth.login(role="instructor", name="Meera Rao")


def state(app, uid: str):
    """(group status, [group versions], [(question uid, status, version number, group version number, position,
    has Hindi)]) of the group, read fresh."""
    with app.app_context():
        group = db.session.scalar(select(ItemGroup).where(ItemGroup.uid == uid))
        if group is None:
            return None
        versions = [(v.number, v.author_id, v.change_note, v.passage) for v in groups.versions_of(db.session, group)]
        members = [
            (m.question.uid, m.question.status, m.version.number, m.version.group_version.number,
             m.version.group_position, bool(m.version.hindi))
            for m in groups.members_of(db.session, group)
        ]  # fmt: skip
        return group.status, versions, members


def test_a_new_group_with_hindi_is_a_draft_group_of_draft_questions_in_order(app, client, instructor):
    response = client.post("/authoring/groups/new", data=group_form(client, change_note="First passage"))

    uid = "english-reading-comprehension-group-web-0001"
    assert response.status_code == 302 and response.headers["Location"] == f"/authoring/groups/{uid}"
    status, versions, members = state(app, uid)
    assert status == "draft" and versions == [(1, instructor.id, "First passage", PASSAGE)]
    assert members == [
        ("english-reading-comprehension-web-0001", "draft", 1, 1, 0, True),
        ("english-reading-comprehension-web-0002", "draft", 1, 1, 1, True),
    ]
    page = client.get(f"/authoring/groups/{uid}").text
    assert "Saved english-reading-comprehension-group-web-0001 as a draft with 2 questions" in page
    assert PASSAGE in page and HINDI_PASSAGE in page and "Meera Rao" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"members-1-option_d": "silt"}, "members-1-option_d", "Same text as Option A."),
        ({"members-0-hindi_stem": ""}, "members-0-hindi_stem", "Fill in every Hindi field, or none."),
        ({"members-1-hindi_stem": "वाक्य 9 में?"}, "members-1-hindi_stem", "Numbers differ from the English"),
        ({"passage": ""}, "passage", "The group needs its shared text."),
        ({"members-0-explanation": ""}, "members-0-explanation", "Every question needs a worked explanation."),
    ],
)
def test_an_invalid_group_is_refused_at_the_field_and_nothing_saved(app, client, instructor, changes, field, message):
    response = client.post("/authoring/groups/new", data=group_form(client, **changes))

    assert response.status_code == 422
    error = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', response.text, re.S)
    assert error and message in error.group(1)
    assert state(app, "english-reading-comprehension-group-web-0001") is None


def test_hindi_is_all_there_or_not_at_all(app, client, instructor):
    without_members = group_form(client, hindi=False, hindi_passage=HINDI_PASSAGE)
    response = client.post("/authoring/groups/new", data=without_members)
    assert response.status_code == 422 and "Give every question its Hindi text too" in response.text

    without_passage = group_form(client, hindi_passage="")
    response = client.post("/authoring/groups/new", data=without_passage)
    assert response.status_code == 422 and "give the shared text in Hindi too" in response.text

    english_only = client.post("/authoring/groups/new", data=group_form(client, hindi=False))
    assert english_only.status_code == 302


def test_add_a_question_shows_one_more_empty_question_and_saves_nothing(app, client, instructor):
    response = client.post("/authoring/groups/new", data=group_form(client, add_member="1"))

    assert response.status_code == 200
    assert 'id="member-3"' in response.text and 'name="members-2-stem"' in response.text
    assert "What does the passage say in sentence 2?" in response.text  # what was typed is kept
    assert state(app, "english-reading-comprehension-group-web-0001") is None


def test_editing_the_passage_makes_a_group_version_and_new_question_versions_pointing_at_it(app, client, instructor):
    client.post("/authoring/groups/new", data=group_form(client))
    uid = "english-reading-comprehension-group-web-0001"
    edit = f"/authoring/groups/{uid}/edit"
    assert "Rivers carry 2 kinds of load" in client.get(edit).text

    changed = group_form(client, edit, members=3, passage="Rivers carry 2 kinds of load: fine silt and sand.")
    changed |= {"change_note": "Finer wording", "members-2-stem": "A third question about the 2 loads?"}
    changed["members-2-hindi_stem"] = "2 भारों के बारे में तीसरा प्रश्न?"
    response = client.post(edit, data=changed)

    assert response.status_code == 302
    status, versions, members = state(app, uid)
    assert [(n, note) for n, _a, note, _p in versions] == [(1, "Written on the web."), (2, "Finer wording")]
    assert [m[2:5] for m in members] == [(2, 2, 0), (2, 2, 1), (1, 2, 2)]  # the third is new, asked third
    assert "Saved as version 2; 3 question(s) changed or added." in client.get(f"/authoring/groups/{uid}").text

    diff = client.get(f"/authoring/groups/{uid}/diff?old=1&new=2").text
    assert "<ins>{+fine +}</ins>" in diff or "<ins>{+fine+}</ins>" in diff


def test_a_question_cannot_be_removed_by_leaving_it_out(app, client, instructor):
    client.post("/authoring/groups/new", data=group_form(client, members=3))
    uid = "english-reading-comprehension-group-web-0001"
    response = client.post(f"/authoring/groups/{uid}/edit", data=group_form(client, f"/authoring/groups/{uid}/edit"))

    assert response.status_code == 200 and "removed one at a time with Remove on the group&#39;s page" in response.text
    assert len(state(app, uid)[2]) == 3


def test_removing_a_question_makes_a_group_version_without_it_and_keeps_it_as_a_standalone_draft(
    app, client, instructor
):
    client.post("/authoring/groups/new", data=group_form(client, members=3))
    uid = "english-reading-comprehension-group-web-0001"
    client.post(f"/authoring/groups/{uid}/status", data={"csrf_token": token(client), "action": "publish"})
    first, second, third = (f"english-reading-comprehension-web-000{n}" for n in (1, 2, 3))
    shown_before = versions_of_questions(app, [first, second, third])
    confirm = client.get(f"/authoring/groups/{uid}/remove?question={second}").text
    assert re.search(rf'value="{second}" required checked', confirm) and "Yes, remove it from the group" in confirm

    response = client.post(f"/authoring/groups/{uid}/remove", data={"csrf_token": token(client), "question": second})

    assert response.status_code == 302 and response.headers["Location"] == f"/authoring/groups/{uid}"
    status, versions, members = state(app, uid)
    assert status == "published" and versions[-1][:3] == (
        2,
        instructor.id,
        f"Removed {second} (now a standalone draft).",
    )
    assert members == [(first, "published", 2, 2, 0, True), (third, "published", 2, 2, 1, True)]
    with app.app_context():
        question = db.session.scalar(select(Question).where(Question.uid == second))
        newest = question.versions[-1]
        assert (question.status, newest.number, newest.group_version_id, newest.hindi is not None) == (
            "draft",
            2,
            None,
            True,
        )
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.object_id == uid))
        assert (event.actor_id, event.kind, event.detail["question"]) == (instructor.id, "edit", second)
    # what an attempt pinned is untouched: every first version still asks the question with group version 1
    assert versions_of_questions(app, [first, second, third], number=1) == shown_before
    page = client.get(f"/authoring/groups/{uid}").text
    assert f"Removed {second} from {uid} (version 2)" in page and f">{second}</a>" not in page
    assert "Asked with the passage group" not in client.get(f"/authoring/questions/{second}").text


def versions_of_questions(app, uids, number=None):
    """(question uid, version number, group version number, position, stem) of each question's first version
    (or the one numbered `number`)."""
    with app.app_context():
        rows = []
        for question in db.session.scalars(select(Question).where(Question.uid.in_(uids)).order_by(Question.uid)):
            v = next(v for v in question.versions if v.number == (number or 1))
            rows.append((question.uid, v.number, v.group_version.number, v.group_position, v.stem))
        return rows


def test_a_group_keeps_two_questions_and_removal_needs_the_form_token(app, client, instructor):
    client.post("/authoring/groups/new", data=group_form(client, members=2))
    uid = "english-reading-comprehension-group-web-0001"
    assert 'id="too-few"' in client.get(f"/authoring/groups/{uid}/remove").text
    question = "english-reading-comprehension-web-0001"
    without_token = client.post(f"/authoring/groups/{uid}/remove", data={"question": question})
    response = client.post(f"/authoring/groups/{uid}/remove", data={"csrf_token": token(client), "question": question})

    assert without_token.status_code == 400
    assert "has only 2 questions: retire the group instead" in client.get(response.headers["Location"]).text
    unknown = client.post(f"/authoring/groups/{uid}/remove", data={"csrf_token": token(client), "question": "nope"})
    assert "nope is not a question of" in client.get(unknown.headers["Location"]).text
    assert len(state(app, uid)[1]) == 1 and len(state(app, uid)[2]) == 2


def test_restoring_an_old_version_brings_its_text_back_as_the_newest(app, client, instructor):
    client.post("/authoring/groups/new", data=group_form(client))
    uid = "english-reading-comprehension-group-web-0001"
    edit = f"/authoring/groups/{uid}/edit"
    client.post(edit, data=group_form(client, edit, passage="A different passage with 2 loads."))

    response = client.post(f"/authoring/groups/{uid}/restore", data={"csrf_token": token(client), "version": "1"})

    assert response.status_code == 302
    _status, versions, members = state(app, uid)
    assert [(n, note, text) for n, _a, note, text in versions][-1] == (3, "Restored version 1.", PASSAGE)
    assert [m[3] for m in members] == [3, 3]
    again = client.post(f"/authoring/groups/{uid}/restore", data={"csrf_token": token(client), "version": "3"})
    assert "nothing to restore" in client.get(again.headers["Location"]).text


def test_publish_retire_and_restore_move_the_group_and_its_questions_together(app, client, instructor):
    client.post("/authoring/groups/new", data=group_form(client))
    uid = "english-reading-comprehension-group-web-0001"
    for action, expected in (("publish", "published"), ("retire", "retired"), ("restore", "draft")):
        client.post(f"/authoring/groups/{uid}/status", data={"csrf_token": token(client), "action": action})
        status, _versions, members = state(app, uid)
        assert status == expected and {m[1] for m in members} == {expected}
    response = client.post(f"/authoring/groups/{uid}/status", data={"csrf_token": token(client), "action": "restore"})
    assert "is draft: it cannot be restored" in client.get(response.headers["Location"]).text


def test_with_a_second_reader_the_author_cannot_publish_the_group(app, client, auth, instructor):
    app.config["REQUIRE_SECOND_READER"] = True
    client.post("/authoring/groups/new", data=group_form(client))
    uid = "english-reading-comprehension-group-web-0001"
    client.post(f"/authoring/groups/{uid}/status", data={"csrf_token": token(client), "action": "publish"})
    assert state(app, uid)[0] == "draft"

    reader = auth.login(role="instructor")
    client.post(f"/authoring/groups/{uid}/status", data={"csrf_token": token(client), "action": "publish"})
    assert state(app, uid)[0] == "published"
    with app.app_context():
        approvers = {q.approved_by_id for q in db.session.scalars(select(Question))}
    assert approvers == {reader.id}


def test_duplicating_copies_the_text_and_every_question_into_a_new_draft(app, client, instructor):
    client.post("/authoring/groups/new", data=group_form(client))
    uid = "english-reading-comprehension-group-web-0001"
    client.post(f"/authoring/groups/{uid}/status", data={"csrf_token": token(client), "action": "publish"})

    response = client.post(f"/authoring/groups/{uid}/duplicate", data={"csrf_token": token(client)})

    copy = "english-reading-comprehension-group-web-0002"
    assert response.headers["Location"] == f"/authoring/groups/{copy}"
    status, versions, members = state(app, copy)
    assert status == "draft" and versions[0][2] == f"Duplicated from {uid}." and versions[0][3] == PASSAGE
    assert [(m[1], m[5]) for m in members] == [("draft", True), ("draft", True)]
    assert state(app, uid)[0] == "published"


def test_only_the_author_or_an_admin_discards_a_draft_group(app, client, auth, topics):
    with app.app_context():
        author = make_user(db.session, role="instructor")
        group = make_group(db.session, author.id)
        db.session.commit()
        uid = group.uid
    auth.login(role="instructor")
    response = client.post(f"/authoring/groups/{uid}/discard", data={"csrf_token": token(client)})
    assert "Only the author of" in client.get(response.headers["Location"]).text
    assert state(app, uid) is not None

    auth.login(role="admin")
    client.post(f"/authoring/groups/{uid}/discard", data={"csrf_token": token(client)})
    assert state(app, uid) is None
    with app.app_context():
        assert db.session.scalars(select(Question)).all() == []
        assert db.session.scalars(select(ItemGroupVersion)).all() == []


def test_a_published_group_is_retired_not_discarded(app, client, instructor):
    client.post("/authoring/groups/new", data=group_form(client))
    uid = "english-reading-comprehension-group-web-0001"
    client.post(f"/authoring/groups/{uid}/status", data={"csrf_token": token(client), "action": "publish"})

    response = client.post(f"/authoring/groups/{uid}/discard", data={"csrf_token": token(client)})

    assert "only a draft can be discarded" in client.get(response.headers["Location"]).text
    assert state(app, uid)[0] == "published"


def test_a_draft_question_is_discarded_by_its_author_only(app, client, auth, topics):
    first = auth.login(role="instructor")
    with app.app_context():
        make_topic(db.session, "quant", "percentage")
        db.session.commit()
    client.post("/authoring/questions/new", data=new_form(client))
    uid = "quant-percentage-web-0001"
    assert "Discard this draft" in client.get(f"/authoring/questions/{uid}").text

    auth.login(role="instructor")
    client.post(f"/authoring/questions/{uid}/discard", data={"csrf_token": token(client)})
    with app.app_context():
        assert db.session.scalar(select(Question).where(Question.uid == uid)) is not None
        author = db.session.merge(first)
        email = author.email
    auth.client.post("/logout", data={"csrf_token": token(client)})
    client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": auth.token()})
    response = client.post(f"/authoring/questions/{uid}/discard", data={"csrf_token": token(client)})
    assert response.headers["Location"] == "/authoring/questions"
    with app.app_context():
        assert db.session.scalar(select(Question).where(Question.uid == uid)) is None


def test_the_preview_names_a_groups_fields_by_question_number(client, instructor):
    response = client.post(
        "/authoring/preview",
        json={"members-1-stem": "Find x. <math><mtext><table><mglyph><style><!--</style> Use it.", "passage": "A *b*"},
        headers={"X-CSRFToken": token(client)},
    )
    assert response.json["html"]["passage"] == "<p>A <em>b</em></p>"
    assert response.json["warnings"][0].startswith("Question 2, Question: candidates would not see")


def test_the_group_page_takes_the_same_queries_whatever_the_number_of_questions(app, client, instructor):
    counts = []
    for members in (2, 6):
        with app.app_context():
            uid = make_group(db.session, instructor.id, members=members).uid
            db.session.commit()
        client.get(f"/authoring/groups/{uid}")
        with app.app_context(), count_queries() as statements:
            assert client.get(f"/authoring/groups/{uid}").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1]
