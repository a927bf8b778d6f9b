"""Test list, instructions, the exam screen, the step endpoint, submit and result."""

from __future__ import annotations

import random
import secrets
from datetime import datetime

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from trainer.core.access import Access, access
from trainer.core.clock import utcnow
from trainer.core.errors import DomainError
from trainer.exam import service, timing
from trainer.exam.forms import StartForm, SubmitForm
from trainer.exam.patterns import all_patterns
from trainer.exam.screen import client_state, qualifying, review_questions, screen_questions
from trainer.exam.service import ClientStep
from trainer.extensions import db

bp = Blueprint("exam", __name__)


def _grace() -> float:
    return float(current_app.config["SAVE_GRACE_SECONDS"])


@bp.route("/tests")
@access(Access.USER)
def list_tests():
    """The tests a candidate can take, and their own attempts (resume or review)."""
    attempts = service.attempts_of(db.session, current_user)
    closed = [a for a in attempts if service.close_if_expired(db.session, a, utcnow())]
    if closed:
        db.session.commit()
    return render_template("exam/list_tests.html", patterns=all_patterns(), attempts=attempts)


@bp.route("/tests/<code>", methods=["GET", "POST"])
@access(Access.USER)
def show_instructions(code: str):
    """Instructions and the declaration; ticking it and pressing "I am ready to begin" draws the paper."""
    pattern = service.pattern_or_404(code)
    form = StartForm()
    if form.validate_on_submit():
        attempt = service.start_attempt(
            db.session, current_user, pattern, utcnow(), random.Random(secrets.randbits(64))
        )
        db.session.commit()
        return redirect(url_for("exam.take_attempt", attempt_id=attempt.id))
    extra = timing.extra_minutes(pattern.minutes, current_user.scribe_eligible)
    page = render_template("exam/show_instructions.html", pattern=pattern, form=form, extra=extra)
    return page, 422 if form.errors else 200


@bp.route("/attempts/<int:attempt_id>")
@access(Access.USER)
def take_attempt(attempt_id: int):
    """The exam screen; a finished attempt goes to its result."""
    attempt = service.get_attempt(db.session, attempt_id, current_user)
    if service.close_if_expired(db.session, attempt, utcnow()):
        db.session.commit()
    if attempt.state != service.IN_PROGRESS:
        return redirect(url_for("exam.show_result", attempt_id=attempt.id))
    questions = screen_questions(attempt, service.slot_states(db.session, attempt))
    return render_template(
        "exam/take_attempt.html",
        attempt=attempt,
        pattern=service.pattern_or_404(attempt.pattern_code),
        questions=questions,
        state=client_state(questions),
        server_now=utcnow(),
        form=SubmitForm(),
    )


def _parse_steps(payload) -> list[ClientStep]:
    if not isinstance(payload, dict) or not isinstance(payload.get("steps"), list):
        raise DomainError("Expected a JSON object with a list of steps.")
    steps = []
    for raw in payload["steps"][:200]:
        try:
            steps.append(
                ClientStep(
                    client_id=str(raw["id"]),
                    kind=str(raw["kind"]),
                    position=raw.get("position"),
                    choice=raw.get("choice"),
                    client_time=datetime.fromisoformat(raw["at"]) if raw.get("at") else None,
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DomainError(f"Malformed step: {exc}") from exc
    return steps


@bp.route("/attempts/<int:attempt_id>/steps", methods=["POST"])
@access(Access.USER)
def save_steps(attempt_id: int):
    """Store the page's actions (idempotent by step id) and answer with what the server holds."""
    attempt = service.get_attempt(db.session, attempt_id, current_user)
    now = utcnow()
    if service.close_if_expired(db.session, attempt, now, _grace()):
        db.session.commit()  # the refusal below rolls back; closing the attempt at its deadline must stay
    acked = service.record_steps(db.session, attempt, _parse_steps(request.get_json(silent=True)), now, _grace())
    db.session.commit()
    return jsonify(acked=acked, server_now=now.isoformat(), deadline=attempt.deadline.isoformat())


@bp.route("/attempts/<int:attempt_id>/submit", methods=["POST"])
@access(Access.USER)
def submit_attempt(attempt_id: int):
    """Submit (or let the clock submit); submitting twice is harmless."""
    attempt = service.get_attempt(db.session, attempt_id, current_user)
    if SubmitForm().validate_on_submit():
        service.submit(db.session, attempt, utcnow(), _grace())
        db.session.commit()
    return redirect(url_for("exam.show_result", attempt_id=attempt.id))


@bp.route("/attempts/<int:attempt_id>/result")
@access(Access.USER)
def show_result(attempt_id: int):
    """Score, section scores, and every question with the answer given, the key and the explanation."""
    attempt = service.get_attempt(db.session, attempt_id, current_user)
    if service.close_if_expired(db.session, attempt, utcnow()):
        db.session.commit()
    if attempt.state == service.IN_PROGRESS:
        return redirect(url_for("exam.take_attempt", attempt_id=attempt.id))
    pattern = service.pattern_or_404(attempt.pattern_code)
    review = review_questions(attempt, service.slot_states(db.session, attempt))
    return render_template(
        "exam/show_result.html",
        attempt=attempt,
        pattern=pattern,
        review=review,
        qualifying=qualifying(pattern, current_user.category, attempt.score or 0.0),
    )
