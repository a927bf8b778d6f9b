"""Instructor pages: the bank list with filters, one question with its versions, the editor, the preview."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from trainer.authoring import diffing, health, health_service, service, workflow
from trainer.authoring.forms import QuestionForm, preview_label
from trainer.bank.rendering import render, render_inline
from trainer.bank.sections import section_name
from trainer.bank.service import latest_version
from trainer.bank.validation import DIFFICULTIES
from trainer.bank.validation.sanitising import dropped_message
from trainer.config import flag
from trainer.core.access import Access, access
from trainer.core.clock import utcnow
from trainer.core.errors import Conflict, Forbidden, NotFound
from trainer.extensions import db
from trainer.i18n import error_text, interface_wording, local_name, site_date, translated
from trainer.itemstats import service as itemstats
from trainer.reports import regrading
from trainer.reports import service as reports
from trainer.reports.forms import RegradeForm

bp = Blueprint("authoring", __name__, url_prefix="/authoring")
RENDERERS = {"render": render, "render_inline": render_inline}  # the candidates' renderer, for templates


@bp.route("/questions")
@access(Access.STAFF)
def list_questions():
    """The bank, filtered by section, topic, difficulty and text."""
    args = request.args
    page = args.get("page", "1")
    bank_filter = service.BankFilter(
        args.get("section", ""),
        args.get("topic", ""),
        args.get("difficulty", ""),
        args.get("q", "").strip(),
        int(page) if page.isdigit() else 1,
    )
    versions, total = service.search_questions(db.session, bank_filter)
    return render_template(
        "authoring/list_questions.html",
        versions=versions,
        total=total,
        f=bank_filter,
        topics=service.topics_by_section(db.session),
        difficulties=DIFFICULTIES,
        page_size=service.PAGE_SIZE,
    )


@bp.route("/questions/<uid>")
@access(Access.STAFF)
def show_question(uid: str):
    """A question's newest version, rendered as candidates see it, and its version history."""
    question = service.get_question(db.session, uid)
    return render_template(
        "authoring/show_question.html",
        question=question,
        version=latest_version(db.session, question),
        names=service.names_of(db.session, question),
        actions=workflow.actions_for(question.status),
        stats=itemstats.panel(db.session, question, current_app.config["ITEMSTATS_MIN_ATTEMPTS"]),
        render=render,
        render_inline=render_inline,
        open_reports=reports.open_count(db.session, question.id),
        pending_regrade=regrading.pending_key_regrade(db.session, question),
        regrade_form=RegradeForm(),
        wording=interface_wording(),
    )


@bp.route("/questions/<uid>/edit", methods=["GET", "POST"])
@access(Access.STAFF)
def edit_question(uid: str):
    """Edit with a live preview; saving a change creates a new version."""
    question = service.get_question(db.session, uid)
    current = latest_version(db.session, question)
    form = QuestionForm()
    form.topic.choices = topic_choices()
    duplicates = []
    if request.method == "GET":
        form.fill_from(current)
    elif form.validate_on_submit():
        content, note = form.content(current), form.change_note.data or ""
        changed = content.content_hash() != current.content_hash
        duplicates = unconfirmed_duplicates(form, content, question.id) if changed else []
        if not duplicates:
            version = service.save_edit(db.session, question, content, question.status, current_user.id, current, note)
            db.session.commit()
            flash(
                _("Saved as version %(number)s.", number=version.number) if version else _("No changes to save."),
                "success",
            )
            for message in form.dropped_text():
                flash(message, "warning")
            return redirect(url_for("authoring.show_question", uid=uid))
    page = render_template(
        "authoring/edit_question.html",
        question=question,
        current=current,
        form=form,
        duplicates=duplicates,
        **RENDERERS,
    )
    return page, (422 if form.errors or duplicates else 200)


def unconfirmed_duplicates(form: QuestionForm, content, question_id: int | None) -> list:
    """Near-duplicates of the content elsewhere in the bank, unless the instructor ticked "save anyway"."""
    if form.save_anyway.data:
        return []
    return service.near_duplicates_of(db.session, content, question_id)


def topic_choices() -> list[SelectChoice]:
    topics = service.topics_by_section(db.session)
    return [
        SelectChoice(f"{section}/{t.key}", local_name(t), optgroup=section_name(section))
        for section, items in topics.items()
        for t in items
    ]


@bp.route("/questions/new", methods=["GET", "POST"])
@access(Access.STAFF)
def new_question():
    """Write a question from scratch, with the live preview; it is saved as a draft with its first version."""
    form = QuestionForm()
    form.topic.choices = topic_choices()
    duplicates = []
    if form.validate_on_submit():
        content = form.content()
        duplicates = unconfirmed_duplicates(form, content, None)
        if not duplicates:
            question = service.create_question(db.session, content, current_user.id, form.change_note.data or "")
            db.session.commit()
            flash(_("Saved %(uid)s as a draft (version 1).", uid=question.uid), "success")
            for message in form.dropped_text():
                flash(message, "warning")
            return redirect(url_for("authoring.show_question", uid=question.uid))
    page = render_template("authoring/new_question.html", form=form, duplicates=duplicates, **RENDERERS)
    return page, (422 if form.errors or duplicates else 200)


@bp.route("/preview", methods=["POST"])
@access(Access.STAFF)
def preview():
    """Render Markdown with maths exactly as candidates will see it (used by the editor's live preview)."""
    payload = request.get_json(silent=True)
    texts = {key: text for key, text in payload.items() if isinstance(text, str)} if isinstance(payload, dict) else {}
    found = (dropped_message(preview_label(key), text) for key, text in texts.items())
    return jsonify(
        html={key: render(text) for key, text in texts.items()}, warnings=[translated(m) for m in found if m]
    )


@bp.record_once
def _read_settings(state) -> None:
    """TRAINER_REQUIRE_SECOND_READER (off by default): publishing needs an instructor other than the last editor."""
    state.app.config["REQUIRE_SECOND_READER"] = flag(state.app.config, "REQUIRE_SECOND_READER")


def commit_or_refuse(change, done, back: str, after: str | None = None):
    """Run `change()` (one service call): commit it and flash `done(its result)`, then go to `after` (or `back`);
    or, if the service refused (conflict, missing version, not allowed), roll back, flash why and go `back`."""
    try:
        result = change()
    except (Conflict, NotFound, Forbidden) as exc:
        db.session.rollback()
        flash(error_text(exc), "error")
        return redirect(back)
    db.session.commit()
    flash(done(result), "success")
    return redirect(after or back)


@bp.route("/questions/<uid>/status", methods=["POST"])
@access(Access.STAFF)
def change_status(uid: str):
    """Publish, retire or restore a question (the button's `action`)."""
    question = service.get_question(db.session, uid)
    action = request.form.get("action", "")
    second_reader = current_app.config["REQUIRE_SECOND_READER"]
    return commit_or_refuse(
        lambda: workflow.change_status(db.session, question, action, current_user.id, second_reader),
        lambda status: _("%(uid)s is now %(status)s.", uid=uid, status=_(status)),
        url_for("authoring.show_question", uid=uid),
    )


@bp.route("/questions/<uid>/duplicate", methods=["POST"])
@access(Access.STAFF)
def duplicate_question(uid: str):
    """A copy of the newest version as a new draft question, to be edited into a variant."""
    copy = service.duplicate(db.session, service.get_question(db.session, uid), current_user.id)
    db.session.commit()
    flash(_("Duplicated %(uid)s as %(copy)s (a draft).", uid=uid, copy=copy.uid), "success")
    return redirect(url_for("authoring.show_question", uid=copy.uid))


@bp.route("/questions/<uid>/diff")
@access(Access.STAFF)
def diff_versions(uid: str):
    """Word-level differences between two versions (`?old=N&new=M`; by default the newest and the one before)."""
    question = service.get_question(db.session, uid)
    newest = question.versions[-1].number
    new = _number(request.args.get("new"), newest)
    old = _number(request.args.get("old"), max(new - 1, 1))
    before, after = service.get_version(question, old), service.get_version(question, new)
    return render_template(
        "authoring/diff_versions.html",
        question=question,
        before=before,
        after=after,
        fields=diffing.version_diff(before, after),
        names=service.names_of(db.session, question),
    )


def _number(raw: str | None, default: int) -> int:
    return int(raw) if raw and raw.isdigit() and len(raw) < 10 else default


@bp.route("/questions/<uid>/restore", methods=["POST"])
@access(Access.STAFF)
def restore_version(uid: str):
    """Make an old version's content the newest version again (history keeps every version)."""
    question = service.get_question(db.session, uid)
    number = _number(request.form.get("version"), 0)
    return commit_or_refuse(  # no such version: said on the question page
        lambda: service.restore_version(db.session, question, number, current_user.id),
        lambda version: _("Restored as version %(number)s.", number=version.number),
        url_for("authoring.show_question", uid=uid),
    )


@bp.route("/health")
@access(Access.STAFF)
def show_health():
    """The bank's health: papers each topic fills without a repeat, missing Hindi, stale facts, near-duplicates."""
    found = health_service.bank_health(db.session, site_date(utcnow()))
    open_reports = reports.open_count(db.session)
    sentence = partial(health.supply_sentence, wording=interface_wording(), name=local_name)
    words = health.health_words | {"supply_sentence": sentence}
    return render_template("authoring/show_health.html", health=found, open_reports=open_reports, **words)
