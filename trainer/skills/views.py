"""The typing test: choose a passage, the typing screen, the text endpoint, submit and the result."""

from __future__ import annotations

import random

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from trainer.core.access import Access, access
from trainer.core.clock import utcnow
from trainer.core.errors import DomainError
from trainer.extensions import db
from trainer.i18n import interface_wording
from trainer.skills import computer, report, service
from trainer.skills.charts import progress_charts
from trainer.skills.evaluation import Rules
from trainer.skills.forms import DrillForm, StartTypingForm, SubmitTypingForm
from trainer.skills.history import DRILL_WORDS, summarise
from trainer.skills.passages import library
from trainer.skills.snapshot_input import MalformedSnapshot, parse_snapshot

bp = Blueprint("skills", __name__, url_prefix="/typing")
MAX_BODY_BYTES = 128 * 1024  # a full 20,000-character text, escaped, fits
HISTORY = 30  # scored attempts the progress page and the drill read


def _grace() -> float:
    return float(current_app.config["SAVE_GRACE_SECONDS"])


def _attempt(typing_id: int):
    """The candidate's own attempt, closed first if its time ran out while nobody was looking."""
    attempt = service.get_attempt(db.session, typing_id, current_user.id)
    if service.close_if_expired(db.session, attempt, utcnow(), _grace(), current_user.category):
        db.session.commit()
    return attempt


@bp.route("")
@access(Access.USER)
def list_passages():
    """Test passages, warm-ups, and the candidate's recent typing tests."""
    passages = list(library().values())
    return render_template(
        "skills/list_passages.html",
        tests=[p for p in passages if p.kind == "test"],
        warmups=[p for p in passages if p.kind == "warmup"],
        recent=service.recent(db.session, current_user.id, 10),
        form=StartTypingForm(),
        drill_form=DrillForm(),
    )


@bp.route("/start", methods=["POST"])
@access(Access.USER)
def start_typing():
    """Start a typing test or warm-up on the chosen passage ("random" for a test passage not typed lately)."""
    form = StartTypingForm()
    if not form.validate_on_submit():
        flash(_("Choose a passage to type."), "error")
        return redirect(url_for("skills.list_passages"))
    passage = service.choose_passage(db.session, current_user.id, form.passage.data)
    attempt = service.start(db.session, current_user, passage, utcnow())
    db.session.commit()
    return redirect(url_for("skills.take_typing", typing_id=attempt.id))


@bp.route("/<id:typing_id>")
@access(Access.USER)
def take_typing(typing_id: int):
    """The typing screen; a finished attempt goes to its result."""
    attempt = _attempt(typing_id)
    if attempt.state != service.IN_PROGRESS:
        return redirect(url_for("skills.show_typing_result", typing_id=attempt.id))
    data = {
        "attempt": attempt.id,
        "kind": attempt.kind,
        "deadline": attempt.deadline.isoformat(),
        "serverNow": utcnow().isoformat(),
        "words": len(attempt.passage_text.split()),
        "text": attempt.text,
        "textAt": attempt.text_at.isoformat() if attempt.text_at else None,
        "keys": attempt.keys,
        "pastes": attempt.pastes,
    }
    return render_template("skills/take_typing.html", attempt=attempt, data=data, form=SubmitTypingForm())


@bp.route("/<id:typing_id>/text", methods=["POST"])
@access(Access.USER)
def save_text(typing_id: int):
    """Keep the typing box's latest text (idempotent by the page's id); JSON in, JSON out."""
    now = utcnow()
    attempt = service.get_attempt(db.session, typing_id, current_user.id)  # someone else's: 404 before anything
    if (request.content_length or 0) > MAX_BODY_BYTES:
        raise RequestEntityTooLarge()
    try:
        snapshot = parse_snapshot(request.get_json(silent=True))
    except MalformedSnapshot as exc:
        raise DomainError(_("Not saved: %(problem)s.", problem=exc)) from exc
    try:
        reason = service.save_text(db.session, attempt, snapshot, now, _grace())
    except service.TestOver:
        db.session.commit()  # the attempt was closed at its deadline
        raise
    db.session.commit()
    refused = {snapshot.step_id: reason} if reason else {}
    return jsonify(acked=[] if reason else [snapshot.step_id], refused=refused, server_now=now.isoformat())


@bp.route("/<id:typing_id>/submit", methods=["POST"])
@access(Access.USER)
def submit_typing(typing_id: int):
    """Submit (or let the clock submit) with the box's last text; after the deadline and grace it is refused."""
    now = utcnow()
    attempt = service.get_attempt(db.session, typing_id, current_user.id)
    form = SubmitTypingForm()
    if not form.validate_on_submit():
        flash(_("The submission could not be read; your text saved so far is kept. Submit again."), "error")
        return redirect(url_for("skills.take_typing", typing_id=attempt.id))
    was_open = attempt.state == service.IN_PROGRESS
    try:
        if form.step_id.data:
            snapshot = parse_snapshot(
                {
                    "id": form.step_id.data,
                    "text": form.text.data or "",
                    "at": form.at.data or None,
                    "keys": form.keys.data,
                    "pastes": form.pastes.data,
                }
            )
            reason = service.save_text(db.session, attempt, snapshot, now, _grace())
            if reason:
                flash(_("The last text was not accepted: %(reason)s.", reason=reason), "error")
        service.submit(db.session, attempt, now, _grace(), current_user.category)
    except service.TestOver as exc:
        flash(str(exc), "error")
    except MalformedSnapshot as exc:
        flash(
            _("The last text could not be read (%(problem)s); the text saved before it was scored.", problem=exc),
            "error",
        )
        service.submit(db.session, attempt, now, _grace(), current_user.category)
    db.session.commit()
    if not was_open:
        flash(_("This typing test had already been submitted; nothing was changed."), "info")
    return redirect(url_for("skills.show_typing_result", typing_id=attempt.id))


@bp.route("/<id:typing_id>/result")
@access(Access.USER)
def show_typing_result(typing_id: int):
    """Figures, qualified or not, the rules applied, and the passage with every error marked."""
    attempt = _attempt(typing_id)
    if attempt.state == service.IN_PROGRESS:
        return redirect(url_for("skills.take_typing", typing_id=attempt.id))
    marked, not_reached = report.segments(attempt.passage_text, attempt.result)
    return render_template(
        "skills/show_typing_result.html",
        attempt=attempt,
        result=attempt.result,
        marked=marked,
        not_reached=not_reached,
        rules=Rules(),
    )


@bp.route("/progress")
@access(Access.USER)
def show_typing_progress():
    """Speed and errors over time, the most frequent error kinds and words, and Computer Knowledge's standing."""
    scored = service.history(db.session, current_user.id, HISTORY)
    summary = summarise([(a.passage_text, a.result) for a in scored])
    return render_template(
        "skills/show_typing_progress.html",
        scored=scored,
        charts=progress_charts(scored, interface_wording(), lambda when: format_date(when, "dd MMM")),
        summary=summary,
        drill_words=[word for word, _count in summary.words[:DRILL_WORDS]],
        computer=computer.standing(db.session, current_user),
        drill_form=DrillForm(),
    )


@bp.route("/drill", methods=["POST"])
@access(Access.USER)
def start_typing_drill():
    """A 5-minute passage of the candidate's most frequent error words."""
    if not DrillForm().validate_on_submit():
        return redirect(url_for("skills.show_typing_progress"))
    scored = service.history(db.session, current_user.id, HISTORY)
    words = [word for word, _count in summarise([(a.passage_text, a.result) for a in scored]).words[:DRILL_WORDS]]
    attempt = service.start_drill(db.session, current_user, words, utcnow(), random.Random())
    db.session.commit()
    return redirect(url_for("skills.take_typing", typing_id=attempt.id))


@bp.route("/shortcuts", methods=["GET", "POST"])
@access(Access.USER)
def show_shortcut_drill():
    """The Computer Knowledge shortcut drill: flash questions on keyboard shortcuts and MS Office (practice mode)."""
    form = DrillForm()
    if form.validate_on_submit():
        attempt = computer.start_drill(db.session, current_user, utcnow(), random.Random())
        db.session.commit()
        return redirect(url_for("exam.take_attempt", attempt_id=attempt.id))
    pattern = computer.drill_pattern()
    return render_template(
        "skills/show_shortcut_drill.html",
        pattern=pattern,
        form=form,
        computer=computer.standing(db.session, current_user),
    )
