"""The typing test over HTTP: start, the text journal on the server, deadlines, bad input, ownership, the result."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.factories import count_queries
from trainer.core.clock import utcnow
from trainer.extensions import db
from trainer.skills.models import TypingAttempt
from trainer.skills.passages import library

DATA = re.compile(r'<script id="typing-data" type="application/json">(.*?)</script>', re.S)


@pytest.fixture
def candidate(auth):
    return auth.login()


def start(client, auth, passage: str = "warmup-2-01") -> int:
    response = client.post("/typing/start", data={"passage": passage, "csrf_token": auth.token("/typing")})
    assert response.status_code == 302, response.text
    return int(response.headers["Location"].rsplit("/", 1)[1])


def send(client, auth, typing_id: int, text: str, step: str, at=None, **extra):
    body = {"id": step, "text": text, "at": (at or utcnow()).isoformat(), **extra}
    return client.post(f"/typing/{typing_id}/text", json=body, headers={"X-CSRFToken": auth.token("/typing")})


def held(app, typing_id: int) -> TypingAttempt:
    with app.app_context():
        attempt = db.session.get(TypingAttempt, typing_id)
        db.session.expunge(attempt)
        return attempt


def move_start_back(app, typing_id: int, minutes: float) -> None:
    """As if the attempt had started `minutes` earlier (its deadline moves with it)."""
    with app.app_context():
        attempt = db.session.get(TypingAttempt, typing_id)
        attempt.started_at -= timedelta(minutes=minutes)
        attempt.deadline -= timedelta(minutes=minutes)
        if attempt.text_at:
            attempt.text_at -= timedelta(minutes=minutes)
        db.session.commit()


def test_the_list_offers_test_passages_and_warm_ups(client, candidate):
    page = client.get("/typing").text

    assert "Start a test passage" in page
    assert page.count('name="passage" value="dest-') >= 30
    assert "Office hours notice (2 minutes)" in page and "5 minutes" in page
    assert "no physical keyboard" in page  # the explanation shown (by script) on a touch-only device


def test_a_test_passage_runs_15_minutes_and_a_scribe_eligible_candidate_gets_5_more(app, client, auth):
    auth.login(scribe_eligible=True)
    typing_id = start(client, auth, "random")
    attempt = held(app, typing_id)

    assert attempt.kind == "test" and attempt.minutes == 15 and attempt.extra_minutes == 5
    assert attempt.deadline - attempt.started_at == timedelta(minutes=20)
    page = client.get(f"/typing/{typing_id}").text
    assert attempt.passage_text in page
    assert 'spellcheck="false"' in page and 'autocorrect="off"' in page and 'autocomplete="off"' in page
    assert "5 extra minutes" in page


def test_the_server_keeps_the_newest_text_and_a_resent_or_older_one_changes_nothing(app, client, auth, candidate):
    typing_id = start(client, auth)
    move_start_back(app, typing_id, 1)
    now = utcnow()

    first = send(client, auth, typing_id, "All staff", "s1", now - timedelta(seconds=20), keys=9)
    newer = send(client, auth, typing_id, "All staff are informed", "s2", now - timedelta(seconds=5), keys=24)
    again = send(client, auth, typing_id, "All staff", "s1", now - timedelta(seconds=20))
    older = send(client, auth, typing_id, "All", "s0", now - timedelta(seconds=30))

    for response, step in ((first, "s1"), (newer, "s2"), (again, "s1"), (older, "s0")):
        assert response.status_code == 200 and response.json["acked"] == [step] and response.json["refused"] == {}
    attempt = held(app, typing_id)
    assert (attempt.text, attempt.text_step, attempt.keys) == ("All staff are informed", "s2", 24)
    # A reload (or another device) gets the server's text and its time back, to compare with its own journal.
    data = DATA.search(client.get(f"/typing/{typing_id}").text).group(1)
    assert '"text": "All staff are informed"' in data and '"textAt": "' in data


def test_text_that_appears_faster_than_anyone_types_is_refused_as_pasted(app, client, auth, candidate):
    typing_id = start(client, auth)
    passage = held(app, typing_id).passage_text

    response = send(client, auth, typing_id, passage[:200], "paste", utcnow())

    assert response.status_code == 200 and response.json["acked"] == []
    assert "pasted text is not accepted" in response.json["refused"]["paste"]
    assert held(app, typing_id).text == ""


def test_more_words_than_the_passage_are_refused(app, client, auth, candidate):
    typing_id = start(client, auth)
    move_start_back(app, typing_id, 1)
    words = len(held(app, typing_id).passage_text.split())

    response = send(client, auth, typing_id, "a " * (words + 1), "long")

    assert "more words than the passage" in response.json["refused"]["long"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"text": "x", "at": None}, "`id` must be a non-empty string"),
        ({"id": "a", "text": 5}, "`text` must be a string"),
        ({"id": "a", "text": "x", "at": "yesterday"}, "`at` must be an ISO 8601 time"),
        ({"id": "a", "text": "x", "keys": True}, "`keys` must be a whole number"),
        ([1, 2], "must be a JSON object"),
    ],
)
def test_a_malformed_snapshot_is_a_400_saying_which_field(client, auth, candidate, body, message):
    typing_id = start(client, auth)
    response = client.post(f"/typing/{typing_id}/text", json=body, headers={"X-CSRFToken": auth.token("/typing")})

    assert response.status_code == 400 and message in response.json["error"]


def test_a_one_megabyte_body_is_refused(client, auth, candidate):
    typing_id = start(client, auth)
    body = '{"id": "big", "text": "' + "a" * 1_000_000 + '"}'

    response = client.post(
        f"/typing/{typing_id}/text",
        data=body,
        headers={"X-CSRFToken": auth.token("/typing"), "Content-Type": "application/json"},
    )

    assert response.status_code == 413 and response.json == {"error": "The request is too large."}


def test_after_the_deadline_and_grace_text_and_submission_are_refused_with_the_reason(app, client, auth, candidate):
    typing_id = start(client, auth)
    send(client, auth, typing_id, "All staff", "early", utcnow())
    move_start_back(app, typing_id, 2.5)  # a 2-minute warm-up: the deadline was 30 s ago, beyond the 10 s grace

    late = send(client, auth, typing_id, "All staff are informed", "late")
    assert late.status_code == 409
    assert "text sent after that is not accepted" in late.json["error"]

    response = client.post(
        f"/typing/{typing_id}/submit",
        data={"csrf_token": auth.token("/typing"), "step_id": "last", "text": "All staff are informed that"},
        follow_redirects=True,
    )
    assert "already been submitted" in response.text  # it was closed at its deadline by the refused save
    attempt = held(app, typing_id)
    assert attempt.state == "expired" and attempt.text == "All staff" and attempt.finished_at == attempt.deadline


def test_a_late_submission_of_an_attempt_still_open_is_refused_and_scored_at_the_deadline(app, client, auth, candidate):
    typing_id = start(client, auth)
    send(client, auth, typing_id, "All staff", "early", utcnow())
    move_start_back(app, typing_id, 3)

    response = client.post(
        f"/typing/{typing_id}/submit",
        data={"csrf_token": auth.token("/typing"), "step_id": "last", "text": "All staff are informed that"},
        follow_redirects=True,
    )

    assert "text sent after that is not accepted" in response.text
    assert held(app, typing_id).text == "All staff"


def test_submitting_scores_the_text_sent_with_the_form(app, client, auth, candidate):
    typing_id = start(client, auth)
    passage = held(app, typing_id).passage_text
    move_start_back(app, typing_id, 1)  # a minute of typing
    typed = passage.replace(" office ", " ofice ").replace("Urgent", "urgent")

    response = client.post(
        f"/typing/{typing_id}/submit",
        data={"csrf_token": auth.token("/typing"), "step_id": "final", "text": typed, "at": utcnow().isoformat()},
        follow_redirects=True,
    )

    page = response.text
    attempt = held(app, typing_id)
    assert attempt.state == "submitted" and attempt.text == typed
    assert attempt.result["full"] == 1 and attempt.result["half"] == 1
    assert "Qualified" in page and "Full mistakes" in page
    assert "<del>office</del> <ins>ofice</ins>" in page and "[full: misspelt]" in page and "[half: case]" in page
    assert "How this test is scored" in page and "half a mistake" in page


def test_another_candidates_typing_attempt_is_404_everywhere(app, client, auth):
    auth.login()
    typing_id = start(client, auth)
    auth.logout()
    auth.login()
    token = auth.token("/typing")

    assert client.get(f"/typing/{typing_id}").status_code == 404
    assert client.get(f"/typing/{typing_id}/result").status_code == 404
    snapshot = {"id": "x", "text": "hi", "at": utcnow().isoformat()}
    assert client.post(f"/typing/{typing_id}/text", json=snapshot, headers={"X-CSRFToken": token}).status_code == 404
    assert client.post(f"/typing/{typing_id}/submit", data={"csrf_token": token}).status_code == 404
    assert held(app, typing_id).text == ""


def test_the_progress_page_charts_speed_and_errors_and_drills_the_error_words(app, client, auth, candidate):
    for typed in ("All staff are informd that", "All staff are informd that the ofice"):
        typing_id = start(client, auth)
        move_start_back(app, typing_id, 1)
        form = {"csrf_token": auth.token("/typing"), "step_id": "f", "text": typed}
        client.post(f"/typing/{typing_id}/submit", data=form)

    with count_queries() as statements:
        page = client.get("/typing/progress").text
    assert 'id="chart-speed"' in page and 'id="chart-errors"' in page
    assert "<li>misspelt: 3</li>" in page and "<li>informed: 2</li>" in page and "<li>office: 1</li>" in page
    assert len(statements) <= 6

    response = client.post("/typing/drill", data={"csrf_token": auth.token("/typing/progress")})
    drill = held(app, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert drill.kind == "drill" and drill.minutes == 5
    assert sorted(drill.passage_text.split()) == ["informed"] * 3 + ["office"] * 3


def test_every_bundled_passage_file_is_valid(runner):
    result = runner.invoke(args=["skills", "validate"])

    assert result.exit_code == 0, result.output
    assert sum(p.kind == "test" for p in library().values()) >= 30


def test_typing_tests_nobody_submitted_are_closed_by_the_cron_command(app, client, auth, candidate, runner):
    typing_id = start(client, auth)
    send(client, auth, typing_id, "Office", "s", utcnow())
    move_start_back(app, typing_id, 3)

    first = runner.invoke(args=["attempts", "close-expired"])
    second = runner.invoke(args=["attempts", "close-expired"])

    assert "Closed 1 expired typing test(s)." in first.output and "Closed 0 expired typing test(s)." in second.output
    attempt = held(app, typing_id)
    assert attempt.state == "expired" and attempt.finished_at == attempt.deadline and attempt.result["typed_words"] == 1


def test_download_my_data_holds_the_typing_tests(app, client, auth, candidate):
    typing_id = start(client, auth)
    send(client, auth, typing_id, "All staff", "s", utcnow())

    data = client.get("/account/export").get_json(force=True)

    assert [(t["id"], t["text"], t["state"]) for t in data["typing_tests"]] == [(typing_id, "All staff", "in_progress")]
