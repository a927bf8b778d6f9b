"""Batch pages over HTTP: creating, joining by code and link, the dashboard, CSV, assignments, and who gets 404."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.batches.helpers import add_history, make_batch, make_member
from tests.factories import PASSWORD, count_queries, make_topic, make_user
from trainer.batches import invites
from trainer.batches.models import Assignment, Batch, BatchMember
from trainer.core.clock import utcnow
from trainer.extensions import db


def staff_batch(app, auth, **kwargs) -> int:
    """Sign in as an instructor who owns a batch; its id."""
    owner = auth.login(role="instructor", name="Owner")
    with app.app_context():
        batch = make_batch(db.session, db.session.get(type(owner), owner.id), **kwargs)
        db.session.commit()
        return batch.id


def sign_in_as(client, auth, user_email: str) -> None:
    auth.logout()
    client.post("/login", data={"email": user_email, "password": PASSWORD, "csrf_token": auth.token()})


def test_an_instructor_creates_a_batch_and_gets_its_code_and_link(client, auth, app):
    auth.login(role="instructor")
    token = auth.token("/batches/new")

    page = client.post("/batches/new", data={"name": "Morning CGL", "description": "Mon–Fri", "csrf_token": token})

    assert page.status_code == 302
    dashboard = client.get(page.headers["Location"])
    with app.app_context():
        batch = db.session.query(Batch).one()
        code = batch.invite_code
    assert invites.shown(code) in dashboard.text
    assert f"/join/{code}" in dashboard.text
    assert "The code works until you make a new one." in dashboard.text
    assert "Morning CGL" in client.get("/batches").text


def test_a_batch_form_sent_without_its_description_field_still_makes_the_batch(client, auth, app):
    auth.login(role="instructor")
    token = auth.token("/batches/new")

    page = client.post("/batches/new", data={"name": "Scripted", "csrf_token": token})  # no description at all

    assert page.status_code == 302
    with app.app_context():
        assert db.session.query(Batch).one().description == ""


def test_bad_batch_forms_say_what_is_wrong(client, auth):
    auth.login(role="instructor")
    token = auth.token("/batches/new")

    empty = client.post("/batches/new", data={"name": "", "csrf_token": token})
    past = client.post("/batches/new", data={"name": "B", "expires_on": "2020-01-01", "csrf_token": token})
    long = client.post("/batches/new", data={"name": "x" * 121, "csrf_token": token})

    assert empty.status_code == past.status_code == long.status_code == 422
    assert "Give the batch a name." in empty.text
    assert "Choose a date from today on" in past.text
    assert "Field cannot be longer than 120 characters." in long.text


def test_a_candidate_joins_by_link_and_by_code_and_leaves(client, auth, app):
    batch_id = staff_batch(app, auth, name="Evening")
    with app.app_context():
        code = db.session.get(Batch, batch_id).invite_code
    auth.logout()
    auth.login()

    link = client.get(f"/join/{code}")
    assert link.status_code == 200 and "You were invited to" in link.text and "Evening" in link.text
    joined = client.post("/batches/join", data={"code": code, "csrf_token": auth.token("/batches")})
    assert joined.status_code == 302 and joined.headers["Location"] == f"/batches/{batch_id}"
    page = client.get(f"/batches/{batch_id}")
    assert "You joined Evening." in page.text and "Leave Evening" in page.text
    assert "You are already in" in client.get(f"/join/{code}").text

    left = client.post(f"/batches/{batch_id}/leave", data={"csrf_token": auth.token("/batches")})
    assert left.status_code == 302
    assert client.get(f"/batches/{batch_id}").status_code == 404
    typed = client.post(
        "/batches/join", data={"code": invites.shown(code).lower(), "csrf_token": auth.token("/batches")}
    )
    assert typed.status_code == 302


def test_a_wrong_or_expired_code_is_refused_with_a_clear_message(client, auth, app):
    batch_id = staff_batch(app, auth, name="Old batch", expires_at=utcnow() + timedelta(hours=1))
    with app.app_context():
        batch = db.session.get(Batch, batch_id)
        batch.invite_expires_at = utcnow() - timedelta(minutes=1)
        code = batch.invite_code
        db.session.commit()
    auth.logout()
    auth.login()
    token = auth.token("/batches")

    wrong = client.post("/batches/join", data={"code": "ABCD-EFGH-JKMN", "csrf_token": token})
    expired = client.post("/batches/join", data={"code": code, "csrf_token": token})
    expired_link = client.get(f"/join/{code}")
    wrong_link = client.get("/join/nothing-like-a-code")

    assert wrong.status_code == expired.status_code == 422
    assert "That is not a batch&#39;s invite code." in wrong.text
    assert "The invite code of Old batch expired on" in expired.text
    assert expired_link.status_code == wrong_link.status_code == 404
    assert "Ask your instructor for a new one." in expired_link.text
    assert "That is not a batch&#39;s invite code." in wrong_link.text
    with app.app_context():
        assert db.session.query(BatchMember).count() == 0


def test_a_new_code_stops_the_old_link(client, auth, app):
    batch_id = staff_batch(app, auth)
    with app.app_context():
        old = db.session.get(Batch, batch_id).invite_code

    answer = client.post(f"/batches/{batch_id}/invite", data={"csrf_token": auth.token("/batches")})

    assert answer.status_code == 302
    with app.app_context():
        new = db.session.get(Batch, batch_id).invite_code
    assert new != old
    assert f"New invite code: {invites.shown(new)}" in client.get(answer.headers["Location"]).text
    assert client.get(f"/join/{old}").status_code == 404


def test_only_the_batch_staff_and_admins_see_it_others_get_404(client, auth, app):
    batch_id = staff_batch(app, auth)
    with app.app_context():
        member = make_member(db.session, db.session.get(Batch, batch_id), utcnow(), name="Member")
        db.session.commit()
        member_id, member_email = member.id, member.email
    member_page = f"/batches/{batch_id}/members/{member_id}"
    urls = [f"/batches/{batch_id}", f"/batches/{batch_id}/dashboard.csv", member_page]
    assert all(client.get(url).status_code == 200 for url in urls)

    auth.logout()
    auth.login(role="instructor")  # another instructor
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    token = auth.token("/batches")
    for url in ("invite", "staff", "assignments", f"members/{member_id}/remove"):
        assert client.post(f"/batches/{batch_id}/{url}", data={"csrf_token": token}).status_code == 404

    auth.logout()
    auth.login()  # a candidate not in the batch
    assert client.get(f"/batches/{batch_id}").status_code == 404
    assert client.post(f"/batches/{batch_id}/leave", data={"csrf_token": auth.token("/batches")}).status_code == 404

    sign_in_as(client, auth, member_email)  # the member: their membership page, not the dashboard
    page = client.get(f"/batches/{batch_id}")
    assert page.status_code == 200 and "heatmap-table" not in page.text
    assert client.get(member_page).status_code == 403  # staff pages: candidates are refused by role

    auth.logout()
    auth.login(role="admin")
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]


def test_a_staff_member_sees_a_members_progress_but_not_a_stranger_s(client, auth, app):
    batch_id = staff_batch(app, auth)
    with app.app_context():
        batch = db.session.get(Batch, batch_id)
        topic = make_topic(db.session, "quant", "percentage", name="Percentage")
        member = make_member(db.session, batch, utcnow(), name="Meera")
        add_history(db.session, member, [topic], utcnow(), percents=(55, 60))
        stranger = make_user(db.session, name="Stranger")
        db.session.commit()
        member_id, stranger_id = member.id, stranger.id

    page = client.get(f"/batches/{batch_id}/members/{member_id}")

    assert page.status_code == 200
    assert "Meera: progress" in page.text and "Percentage" in page.text and "Study next" in page.text
    assert "csrf_token" not in page.text.split("<main")[1]  # read-only: no forms of the member's own page
    assert client.get(f"/batches/{batch_id}/members/{stranger_id}").status_code == 404


def test_every_state_change_needs_the_csrf_token(client, auth, app):
    batch_id = staff_batch(app, auth)
    for url in ("/batches/new", f"/batches/{batch_id}/invite", f"/batches/{batch_id}/assignments", "/batches/join"):
        answer = client.post(url, data={"name": "x", "code": "x"})
        assert answer.status_code == 400 and "refused for your safety" in answer.text, url


def test_assignments_appear_on_the_members_tests_page_and_bad_input_is_named(client, auth, app):
    batch_id = staff_batch(app, auth, name="Weekend")
    with app.app_context():
        make_topic(db.session, "quant", "percentage", name="Percentage")
        member = make_member(db.session, db.session.get(Batch, batch_id), utcnow())
        db.session.commit()
        member_email = member.email
    token = auth.token("/batches")
    due = (utcnow() + timedelta(days=3)).date().isoformat()
    url = f"/batches/{batch_id}/assignments"

    no_topic = client.post(url, data={"kind": "drill", "due_on": due, "csrf_token": token}, follow_redirects=True)
    past = client.post(
        url,
        data={"kind": "drill", "topic": "quant/percentage", "due_on": "2020-01-01", "csrf_token": token},
        follow_redirects=True,
    )
    bad_test = client.post(url, data={"kind": "test", "test": "nope", "due_on": due, "csrf_token": token})
    made = client.post(
        url,
        data={
            "kind": "drill",
            "topic": "quant/percentage",
            "due_on": due,
            "note": "Before Monday",
            "csrf_token": token,
        },
        follow_redirects=True,
    )

    assert "Topic (for a drill): Choose one." in no_topic.text
    assert "The due date must be in the future." in past.text
    assert bad_test.status_code == 302  # flashed: "Not a valid choice"
    assert "Assigned “Drill: Percentage”" in made.text
    with app.app_context():
        assert db.session.query(Assignment).count() == 1
    sign_in_as(client, auth, member_email)
    tests = client.get("/tests").text
    assert "Assigned to you" in tests and "Drill: Percentage" in tests and "Before Monday" in tests
    assert re.search(r"Weekend</td>\s*<td>\d\d \w{3} \d{4}</td>\s*<td>Not done", tests)


def test_the_dashboard_page_takes_the_same_queries_for_2_and_20_members(client, auth, app):
    batch_id = staff_batch(app, auth)
    with app.app_context():
        topics = [make_topic(db.session, "quant", f"t{i}", name=f"T{i}") for i in range(4)]
        db.session.commit()

    def grow_to(n: int) -> int:
        with app.app_context():
            batch = db.session.get(Batch, batch_id)
            while db.session.query(BatchMember).filter_by(batch_id=batch_id).count() < n:
                add_history(db.session, make_member(db.session, batch, utcnow()), topics[:2], utcnow(), (50, 40))
            db.session.commit()
        with app.app_context(), count_queries() as statements:
            assert client.get(f"/batches/{batch_id}").status_code == 200
        return len(statements)

    small, large = grow_to(2), grow_to(20)
    assert small == large and small > 5


def test_adding_a_co_instructor_by_e_mail(client, auth, app):
    batch_id = staff_batch(app, auth, name="Shared")
    with app.app_context():
        co = make_user(db.session, role="instructor", name="Mr Iyer")
        db.session.commit()
        co_email = co.email
    token = auth.token("/batches")

    unknown = client.post(f"/batches/{batch_id}/staff", data={"email": "x@example.com", "csrf_token": token})
    added = client.post(f"/batches/{batch_id}/staff", data={"email": co_email, "csrf_token": token})

    assert unknown.status_code == added.status_code == 302
    page = client.get(f"/batches/{batch_id}").text
    assert "No instructor account has the e-mail &#39;x@example.com&#39;." in page
    assert "Mr Iyer now follows Shared." in page and 'Mr Iyer <span class="muted">(co-instructor)' in page
    sign_in_as(client, auth, co_email)
    assert client.get(f"/batches/{batch_id}").status_code == 200
    assert "Shared" in client.get("/batches").text


def test_a_big_batch_s_tables_show_a_page_of_members_and_the_csv_everyone(client, auth, app, monkeypatch):
    monkeypatch.setattr("trainer.batches.paging.PAGE_SIZE", 3)
    batch_id = staff_batch(app, auth)
    with app.app_context():
        topic = make_topic(db.session, "quant", "t0", name="T0")
        batch = db.session.get(Batch, batch_id)
        for n in range(7):
            add_history(db.session, make_member(db.session, batch, utcnow(), name=f"Member {n:02}"), [topic], utcnow())
        db.session.commit()

    def heatmap_rows(html: str) -> list[str]:
        table = html.split('id="heatmap-table"')[1].split("</tbody>")[0]
        return re.findall(r'<th scope="row"><a href="[^"]+">(Member \d\d)</a>', table)

    first = client.get(f"/batches/{batch_id}").text
    assert heatmap_rows(first) == ["Member 00", "Member 01", "Member 02"]
    assert "7 members" in first and "Members 1–3 of 7" in first
    assert f'href="/batches/{batch_id}?paper=tier1&amp;page=2#heatmap" rel="next"' in first
    with app.app_context(), count_queries() as on_first:
        client.get(f"/batches/{batch_id}")
    with app.app_context(), count_queries() as on_last:
        last = client.get(f"/batches/{batch_id}?page=3").text
    assert len(on_first) == len(on_last)
    assert heatmap_rows(last) == ["Member 06"] and "Members 7–7 of 7" in last
    assert re.search(r'aria-current="page" aria-label="Page 3 of 3"', last) and 'rel="next"' not in last
    members_table = last.split('id="members-table"')[1].split("</table>")[0]
    assert "Member 06" in members_table and "Member 00" not in members_table
    assert heatmap_rows(client.get(f"/batches/{batch_id}?page=99").text) == ["Member 06"]
    assert heatmap_rows(client.get(f"/batches/{batch_id}?page=x").text) == ["Member 00", "Member 01", "Member 02"]

    csv = client.get(f"/batches/{batch_id}/dashboard.csv").text
    assert [line.split(",")[0] for line in csv.splitlines()[1:]] == [f"Member {n:02}" for n in range(7)]
