"""One attempt: the exam screen, the step endpoint, submit, and the result."""

from __future__ import annotations

from datetime import datetime

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from trainer.core.access import Access, access, session_generation, session_user_id
from trainer.core.clock import utcnow
from trainer.core.errors import DomainError
from trainer.exam import page_markup, paper, review_sections, saving, screen, service, shown, step_input
from trainer.exam.blueprint import bp
from trainer.exam.forms import SubmitForm
from trainer.exam.models import Attempt
from trainer.exam.saving import ClientStep
from trainer.exam.screen_text import question_words, screen_text, shown_name
from trainer.extensions import db
from trainer.institute import livemocks
from trainer.reports import notices
from trainer.results.report import result_report

MAX_BODY_BYTES = 64 * 1024  # a full batch of 200 steps is about 30 KB


def _grace() -> float:
    return float(current_app.config["SAVE_GRACE_SECONDS"])


def _open_attempt(attempt_id: int, grace_seconds: float = 0, whole: bool = True):
    """The user's attempt, closed first if its time (and the grace) ran out while nobody was looking."""
    attempt = service.get_attempt(db.session, attempt_id, current_user, with_versions=whole, with_slots=whole)
    if service.overdue(attempt, utcnow(), grace_seconds):
        if not whole:  # grading reads every slot's version: in bulk now, not one statement per question
            service.get_attempt(db.session, attempt_id, current_user, reload=True)
        if service.close_if_expired(db.session, attempt, utcnow(), grace_seconds):
            db.session.commit()
    return attempt


@bp.route("/attempts/<id:attempt_id>")
@access(Access.USER)
def take_attempt(attempt_id: int):
    """The exam screen; a finished attempt goes to its result.

    During the grace after the deadline the screen still opens: it sends what its journal holds, then submits.
    The page reads the same few statements whatever the paper's length (the slots as plain values, without keys).
    """
    attempt = _open_attempt(attempt_id, _grace(), whole=False)
    if attempt.state != service.IN_PROGRESS:
        return redirect(url_for("exam.show_result", attempt_id=attempt.id))
    paper_html = shown.shown_paper(db.session, attempt.id, shown.fragment_cache(current_app))
    slots = paper_html.slots
    states = service.slot_states(db.session, attempt, slots)
    if attempt.mode == "practice" and any(s.answer is not None for s in states):
        service.get_attempt(db.session, attempt_id, current_user, reload=True)  # feedback reads keys: all at once
    questions = screen.screen_questions(attempt, slots, states)
    pattern = service.pattern_of(attempt)
    windows, now = service.windows(attempt), utcnow()
    first, words = screen.first_view(attempt, pattern, questions, windows, now, shown_name), question_words(pattern)
    articles = page_markup.question_articles(questions, first, words)
    page = render_template(
        "exam/take_attempt.html",
        attempt=attempt,
        pattern=pattern,
        questions=questions,
        passages=screen.passage_texts(paper_html.passages),
        data=screen.page_data(attempt, pattern, questions, windows, now, states, shown_name),
        first=first,
        articles=page_markup.ARTICLES_SLOT,
        palette=page_markup.palette_buttons(questions, first, words),
        text=screen_text(),
        shown_name=shown_name,
    )  # the submit form is only the page's CSRF token (base.html makes it): no form object is built for it
    # Never cached (trainer/headers.py): Back after Submit must not show a stale, still-open paper.
    return current_app.response_class(page_markup.spliced(page, articles), mimetype="text/html")


def _read_batch() -> step_input.ParsedBatch:
    """The request's steps, each judged alone; a body that is not a batch at all is a 400 (413 when too big)."""
    if (request.content_length or 0) > MAX_BODY_BYTES:
        raise RequestEntityTooLarge()
    try:
        return step_input.parse_batch(request.get_json(silent=True))  # None for a body that is not JSON
    except step_input.MalformedBatch as exc:
        raise DomainError(str(exc)) from exc


def _store_steps(attempt_id: int, steps: list[ClientStep], now: datetime) -> saving.StepResult:
    """Store a batch outside a transaction: it is one read and one INSERT, each atomic alone, and on PostgreSQL this
    spares two round trips (BEGIN, COMMIT) on the request every candidate sends most. An attempt whose time (and
    the grace for saves in flight) ran out is closed at its deadline in a transaction of its own, and TestOver
    raised (409)."""
    if not db.session().in_transaction():  # only a test calling in with its own transaction open has one here
        db.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    try:
        signed_in = (session_user_id(), session_generation())
        result = saving.save_steps(db.session, attempt_id, signed_in, steps, now, _grace())
    except saving.TestOver:
        db.session.commit()  # hand back the autocommit connection
        _open_attempt(attempt_id, _grace(), whole=False)  # closes it, if nobody has yet
        raise
    db.session.commit()
    return result


@bp.route("/attempts/<id:attempt_id>/steps", methods=["POST"])
@access(Access.SESSION)  # every click of every candidate: the account row is not read, ownership is checked below
def save_steps(attempt_id: int):
    """Store the page's actions (idempotent by step id) and answer with what the server now holds."""
    now = utcnow()
    batch = _read_batch()
    result = _store_steps(attempt_id, batch.steps, now)
    feedback = []
    if result.checked:  # practice mode: answers just saved are checked at once
        feedback = screen.practice_feedback(db.session.get(Attempt, attempt_id), result.states, result.checked)
    # The state of the questions this batch touched: cheap whatever the attempt's length, and enough for a second
    # tab to learn what the first one saved whenever it touches the same question.
    return jsonify(
        acked=result.acked,
        refused={**batch.refused, **{step: _(reason) for step, reason in result.refused.items()}},
        malformed=batch.malformed,  # steps without a usable id, by their place in the batch
        deferred=batch.deferred,  # past the per-request maximum: not judged, to be sent again
        server_now=now.isoformat(),
        state=screen.client_state_for(result.slots, result.states),
        feedback=feedback,
    )


@bp.route("/attempts/<id:attempt_id>/submit", methods=["POST"])
@access(Access.USER)
def submit_attempt(attempt_id: int):
    """Submit (or let the clock submit); submitting twice is harmless."""
    attempt = service.get_attempt(db.session, attempt_id, current_user)
    if SubmitForm().validate_on_submit():
        was_open = attempt.state == service.IN_PROGRESS
        service.submit(db.session, attempt, utcnow(), _grace())
        db.session.commit()
        if not was_open:
            flash(_("This test had already been submitted; nothing was changed."), "info")
        elif attempt.state == service.EXPIRED:
            flash(
                _("The time was already over: the test was submitted at its deadline with the answers saved then."),
                "info",
            )
    return redirect(url_for("exam.show_result", attempt_id=attempt.id))


@bp.route("/attempts/<id:attempt_id>/result")
@access(Access.USER)
def show_result(attempt_id: int):
    """Score, rank and cut-offs, where the marks went, pace, then the answer, key and explanation of every question
    of one section (`?section=KEY`, the first by default, or `all`)."""
    attempt = _open_attempt(attempt_id)
    if attempt.state == service.IN_PROGRESS:
        return redirect(url_for("exam.take_attempt", attempt_id=attempt.id))
    held = livemocks.held_until(db.session, attempt.id, utcnow())
    if held is not None:  # a live mock's key and solutions wait for its release
        return render_template("institute/held_result.html", attempt=attempt, mock=held)
    pattern = service.pattern_of(attempt)
    keys = [s.key for s in pattern.ordered_sections()]
    shown_key = review_sections.shown_section(keys, request.args.get("section"))
    if shown_key is None:
        abort(404)
    states = service.graded_states(db.session, attempt)
    review = screen.review_questions(attempt, states, None if shown_key == review_sections.ALL else shown_key)
    return render_template(
        "exam/show_result.html",
        attempt=attempt,
        pattern=pattern,
        review=review,
        shown=shown_key,
        around=review_sections.neighbours(keys, shown_key),
        passages=screen.passages(paper.group_passages(db.session, attempt)),
        summary=screen.result_summary(pattern, attempt.result, current_user.category),
        report=result_report(db.session, attempt, pattern, states, current_user.category),
        **notices.result_extras(
            db.session, attempt, current_user.id, {s.key: s.name for s in pattern.ordered_sections()}
        ),
    )
