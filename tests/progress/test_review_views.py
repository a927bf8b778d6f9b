"""The mistake notebook through the app: mistakes in a mock make "Review today (N)", which starts a review session
whose grading reschedules the cards."""

from __future__ import annotations

from sqlalchemy import select

from tests.exam.test_views import bank as bank  # noqa: F401 (fixture)
from tests.exam.test_views import exam_data, post_steps, shown_keys, start_mock, token_of
from trainer.exam.models import Attempt
from trainer.extensions import db
from trainer.progress.review_models import ReviewCard


def answer_and_submit(client, attempt_id: int, page: str, wrong: set[int], right: set[int]) -> None:
    """View every question; answer those in `wrong` wrongly and those in `right` rightly; submit."""
    keys = shown_keys(client.application, attempt_id)
    steps = []
    for position, key in enumerate(keys):
        steps.append({"id": f"v{position}", "kind": "view", "position": position})
        if position in wrong | right:
            choice = key if position in right else (key + 1) % 4
            steps.append({"id": f"s{position}", "kind": "save", "position": position, "choice": choice})
    token = token_of(page)
    assert post_steps(client, attempt_id, steps, token).status_code == 200
    assert client.post(f"/attempts/{attempt_id}/submit", data={"csrf_token": token}).status_code == 302


def quant_positions(page: str) -> set[int]:
    return {q["position"] for q in exam_data(page)["questions"] if q["section"] == "quant"}


def test_mistakes_make_review_today_which_starts_a_session_that_reschedules_them(app, client, auth, bank):
    user = auth.login()
    assert "Your notebook is empty" in client.get("/progress").text
    attempt_id, page = start_mock(client)
    quant = quant_positions(page)
    answer_and_submit(client, attempt_id, page, wrong=quant, right=set(range(100)) - quant)

    progress = client.get("/progress").text
    assert "Review today (25)" in progress

    response = client.post("/progress/reviews", data={"csrf_token": token_of(progress)})
    assert response.status_code == 302
    review_page = client.get(response.headers["Location"]).text
    review_id = exam_data(review_page)["attempt"]
    with app.app_context():
        review = db.session.get(Attempt, review_id)
        assert review.mode == "practice" and review.user_id == user.id
        mock = db.session.get(Attempt, attempt_id)
        wrong_questions = {mock.slots[p].version.question_id for p in quant}
        assert {slot.version.question_id for slot in review.slots} == wrong_questions

    answer_and_submit(client, review_id, review_page, wrong={0}, right=set(range(1, 25)))

    progress = client.get("/progress").text
    assert "Review today (1)" in progress
    with app.app_context():
        cards = db.session.scalars(select(ReviewCard).where(ReviewCard.user_id == user.id)).all()
        assert len(cards) == 25
        assert sorted(card.reviews for card in cards) == [2] * 25
        assert sum(card.lapses == 2 for card in cards) == 1


def test_review_today_with_nothing_due_says_so(client, auth, bank):
    auth.login()
    progress = client.get("/progress").text

    response = client.post("/progress/reviews", data={"csrf_token": token_of(progress)}, follow_redirects=True)

    assert response.request.path == "/progress"
    assert "Nothing is due for review now" in response.text


def test_review_today_needs_the_csrf_token(client, auth, bank):
    auth.login()
    assert client.post("/progress/reviews").status_code == 400
