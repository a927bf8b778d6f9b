"""The report pages through the client: who may see what, CSRF, the queue, resolving with a regrade, the notice,
the audit page and the `audit list` command."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from tests.factories import CSRF_META, PASSWORD, count_queries, make_user
from tests.reports.conftest import correct_key, make_sitting
from trainer.audit.service import record
from trainer.auth.models import User
from trainer.auth.service import change_role
from trainer.bank.models import Question
from trainer.extensions import db


@pytest.fixture
def world(app):
    """The sitting as plain values, made in an app context of its own: requests get theirs (and their own `g`)."""
    with app.app_context():
        s = make_sitting(db.session)
        staff = make_user(db.session, role="instructor", name="Ines")
        admin = make_user(db.session, role="admin", name="Ada")
        values = {
            "a": s.a.email, "b": s.b.email, "staff": staff.email, "admin": admin.email, "uid": s.question.uid,
            "attempt_a": s.attempt_a.id, "attempt_b": s.attempt_b.id, "position": s.position, "b_answer": s.b_answer,
        }  # fmt: skip
        db.session.commit()
    return values


def fix_key(app, world) -> None:
    """An instructor's edit that moves the key to B's answer."""
    with app.app_context():
        question = db.session.scalar(select(Question).where(Question.uid == world["uid"]))
        correct_key(db.session, question, world["b_answer"])
        db.session.commit()


def app_engine(app):
    with app.app_context():
        return db.engine


def sign_in(client, email):
    token = CSRF_META.search(client.get("/login").get_data(as_text=True)).group(1)
    response = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)[-600:]


def token_of(client, url="/tests") -> str:
    return CSRF_META.search(client.get(url).get_data(as_text=True)).group(1)


def report(client, attempt_id, position, reason="wrong_key", text="", token=None):
    data = {"position": position, "reason": reason, "text": text}
    if token is not False:
        data["csrf_token"] = token or token_of(client)
    return client.post(f"/attempts/{attempt_id}/report", data=data)


def test_a_candidate_reports_from_the_result_page_and_sees_the_report_there(client, world):
    sign_in(client, world["a"])
    result = f"/attempts/{world['attempt_a']}/result"
    page = client.get(f"{result}?section=all").get_data(as_text=True)
    assert page.count("Report a problem with this question") == 100
    form_link = f"/attempts/{world['attempt_a']}/report?position={world['position']}"
    assert f'href="{form_link}"' in page

    response = report(client, world["attempt_a"], world["position"], text="It should be C")
    assert response.status_code == 302  # back to the question, on the review of its section
    assert response.headers["Location"].endswith(f"{result}?section=quant#report-{world['position']}")
    page = client.get(f"{result}?section=quant").get_data(as_text=True)
    assert "Your report: The answer key is wrong (open)" in page and "Update the report" in page
    form = client.get(form_link).get_data(as_text=True)  # updating starts from what was sent
    assert "It should be C</textarea>" in form and '<option selected value="wrong_key">' in form
    mine = client.get("/reports").get_data(as_text=True)
    assert world["uid"] in mine


def test_a_report_without_the_security_token_is_refused(client, world):
    sign_in(client, world["a"])
    assert report(client, world["attempt_a"], 0, token=False).status_code == 400


def test_bad_input_is_answered_with_what_is_wrong(client, world):
    sign_in(client, world["a"])
    too_long = report(client, world["attempt_a"], 0, text="x" * 1001)
    assert too_long.status_code == 422 and "under 1000 characters" in too_long.get_data(as_text=True)
    assert report(client, world["attempt_a"], 0, reason="spam").status_code == 422
    assert (
        client.post(f"/attempts/{world['attempt_a']}/report", data={"csrf_token": token_of(client)}).status_code == 400
    )


def test_candidates_see_neither_the_queue_nor_anyone_elses_report(client, world, app):
    sign_in(client, world["a"])
    report(client, world["attempt_a"], 0)
    report_id = int(re.search(r"/reports/(\d+)", client.get("/reports").get_data(as_text=True)).group(1))
    assert client.get(f"/reports/{report_id}").status_code == 200
    assert client.get("/authoring/reports").status_code == 403
    assert client.get(f"/authoring/reports/{world['uid']}").status_code == 403

    other = app.test_client()
    sign_in(other, world["b"])
    assert other.get(f"/reports/{report_id}").status_code == 404
    assert report(other, world["attempt_a"], 0).status_code == 404  # someone else's attempt
    assert other.get(f"/attempts/{world['attempt_a']}/report?position=0").status_code == 404


def test_staff_resolve_by_a_new_version_with_a_regrade_and_the_candidates_see_the_notice(client, world, app):
    sign_in(client, world["a"])
    report(client, world["attempt_a"], world["position"], text="B is right")

    staff = app.test_client()
    sign_in(staff, world["staff"])
    queue = staff.get("/authoring/reports").get_data(as_text=True)
    assert world["uid"] in queue and "The answer key is wrong: <strong>1</strong>" in queue and "B is right" in queue
    health = staff.get("/authoring/health").get_data(as_text=True)
    assert "1 open problem report(s)" in health
    assert "1 open problem report(s)" in staff.get(f"/authoring/questions/{world['uid']}").get_data(as_text=True)

    fix_key(app, world)
    form = staff.get(f"/authoring/reports/{world['uid']}").get_data(as_text=True)
    assert "2 graded attempt(s) were graded against key" in form
    token = CSRF_META.search(form).group(1)
    no_note = staff.post(f"/authoring/reports/{world['uid']}", data={"csrf_token": token, "kind": "dismissed"})
    assert no_note.status_code == 422 and "Say why nothing needs to change" in no_note.get_data(as_text=True)
    done = staff.post(
        f"/authoring/reports/{world['uid']}",
        data={"csrf_token": token, "kind": "fixed", "note": "Key corrected.", "regrade": "y"},
        follow_redirects=True,
    )
    assert "2 attempt(s) regraded, 2 score(s) changed" in done.get_data(as_text=True)

    page = client.get(f"/attempts/{world['attempt_a']}/result").get_data(as_text=True)
    assert re.search(r"was regraded on \d\d \w{3} \d{4}: key corrected from [A-D] to [A-D]; your score changed from "
                     r"50\.00 to 47\.50\.", page)  # fmt: skip
    assert '<strong id="total-score">47.50</strong>' in page
    assert "Fixed by the newest version" in client.get("/reports").get_data(as_text=True)


def test_an_instructor_regrades_after_changing_a_key_from_the_question_page(client, world, app):
    fix_key(app, world)
    sign_in(client, world["staff"])
    page = client.get(f"/authoring/questions/{world['uid']}").get_data(as_text=True)
    assert "Regrade them against key" in page
    token = CSRF_META.search(page).group(1)
    refused = client.post(f"/authoring/questions/{world['uid']}/regrade", data={"csrf_token": token},
                          follow_redirects=True)  # fmt: skip
    assert "Say why the key changed." in refused.get_data(as_text=True)
    done = client.post(f"/authoring/questions/{world['uid']}/regrade",
                       data={"csrf_token": token, "reason": "typo in the key"}, follow_redirects=True)  # fmt: skip
    assert "Regraded 2 attempt(s); 2 score(s) changed." in done.get_data(as_text=True)
    assert "Regrade them against key" not in done.get_data(as_text=True)


def test_the_audit_page_is_the_admins_filtered_and_paged_in_a_fixed_number_of_queries(client, world, app):
    with app.app_context():
        admin_id = db.session.scalar(select(User.id).where(User.email == world["admin"]))
        b = db.session.scalar(select(User).where(User.email == world["b"]))
        change_role(db.session, b, "instructor", by=db.session.get(User, admin_id))
        db.session.commit()
    sign_in(client, world["staff"])
    assert client.get("/admin/audit").status_code == 403

    admin_client = app.test_client()
    sign_in(admin_client, world["admin"])
    with count_queries(app_engine(app)) as few:
        page = admin_client.get("/admin/audit?kind=role").get_data(as_text=True)
    assert f"{world['b']}: candidate → instructor" in page and world["admin"] in page
    with app.app_context():
        for n in range(60):
            record(db.session, admin_id, "publish", ("question", f"q{n}"), f"q{n}: draft → published")
        db.session.commit()
    with count_queries(app_engine(app)) as many:
        page = admin_client.get("/admin/audit").get_data(as_text=True)
    assert len(many) == len(few)
    assert page.count('data-kind="publish"') == 50 and "Older events" in page
    older = re.search(r'href="(/admin/audit\?before=\d+)"', page).group(1)
    rest = admin_client.get(older).get_data(as_text=True)
    assert rest.count('data-kind="publish"') == 10 and 'data-kind="role"' in rest
    assert 'data-kind="publish"' not in admin_client.get("/admin/audit?kind=role").get_data(as_text=True)


def test_audit_list_prints_the_newest_events(app, runner, tmp_path):
    (tmp_path / "q.gift").write_text("$CATEGORY: quant/percentage\n\n::pct-one:: What is 10% of 200? "
                                     "{=20 ~2 ~200 ~0.2 ####10% of 200 is 20.}\n")  # fmt: skip
    assert runner.invoke(args=["bank", "import", str(tmp_path / "q.gift")]).exit_code == 0
    runner.invoke(args=["users", "create", "t@example.com", "--password", PASSWORD])
    assert runner.invoke(args=["users", "set-role", "t@example.com", "instructor"]).exit_code == 0

    listed = runner.invoke(args=["audit", "list"])
    assert listed.exit_code == 0, listed.output
    lines = listed.output.splitlines()
    assert "role" in lines[0] and "t@example.com: candidate → instructor" in lines[0] and "command line" in lines[0]
    assert "import" in lines[1] and "1 new question(s)" in lines[1]
    only = runner.invoke(args=["audit", "list", "--kind", "import", "--limit", "1", "--json"])
    event = json.loads(only.output)
    assert event["kind"] == "import" and event["detail"]["created"] == ["pct-one"]
    assert runner.invoke(args=["audit", "list", "--kind", "regrade"]).output == "No regrade events.\n"
    assert runner.invoke(args=["audit", "list", "--limit", "0"]).exit_code == 2
