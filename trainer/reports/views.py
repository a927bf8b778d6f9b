"""Report a problem (candidates), the reports queue and its resolution, and a regrade after a key edit (staff)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from trainer.authoring.service import get_question
from trainer.bank.rendering import render, render_inline
from trainer.bank.service import latest_version
from trainer.core.access import Access, access
from trainer.core.clock import utcnow
from trainer.exam.service import IN_PROGRESS
from trainer.extensions import db
from trainer.i18n import N_
from trainer.reports import regrading, service
from trainer.reports.forms import RegradeForm, ReportForm, ResolveForm
from trainer.reports.models import OUTCOMES, REASONS
from trainer.reports.regrade import letter
from trainer.reports.service import RESOLUTIONS

bp = Blueprint("reports", __name__)
WORDS = {"reasons": REASONS, "resolutions": RESOLUTIONS, "outcomes": OUTCOMES, "letter": letter}


def _position() -> int | None:
    raw = request.values.get("position", "")
    return int(raw) if raw.isdigit() and len(raw) < 6 else None


@bp.route("/attempts/<id:attempt_id>/report", methods=["GET", "POST"])
@access(Access.USER)
def new_report(attempt_id: int):
    """Report a problem with one question of one's own attempt (`?position=N`), once its answer is shown."""
    attempt, slot = service.reportable_slot(db.session, current_user, attempt_id, _position())
    mine = service.open_report_on(db.session, current_user, slot)  # reporting again updates it: start from it
    form = ReportForm(position=slot.position, reason=mine and mine.reason, text=mine and mine.text)
    if form.validate_on_submit():
        report, created = service.file_report(
            db.session, current_user, attempt, slot, form.reason.data, form.text.data or "", utcnow()
        )
        db.session.commit()
        flash(_("Thank you: your report was sent to the instructors.") if created else _("Your report was updated."),
              "success")  # fmt: skip
        if attempt.state != IN_PROGRESS:
            anchor = f"report-{slot.position}"  # back to the question, on the review of its section
            return redirect(url_for("exam.show_result", attempt_id=attempt.id, section=slot.section, _anchor=anchor))
        return redirect(url_for("reports.show_report", report_id=report.id))
    page = render_template("reports/new_report.html", attempt=attempt, slot=slot, form=form, render=render,
                           render_inline=render_inline)  # fmt: skip
    return page, (422 if form.errors else 200)


@bp.route("/reports")
@access(Access.USER)
def list_reports():
    """The reports the signed-in user filed, and what became of them."""
    return render_template("reports/list_reports.html", rows=service.reports_of(db.session, current_user.id), **WORDS)


@bp.route("/reports/<id:report_id>")
@access(Access.USER)
def show_report(report_id: int):
    """One report: its author (or staff) sees the reason, the text and the resolution."""
    report = service.get_report(db.session, report_id, current_user)
    return render_template("reports/show_report.html", report=report, **WORDS)


@bp.route("/authoring/reports")
@access(Access.STAFF)
def list_queue():
    """Open reports grouped by question, most recently reported first, with counts per reason."""
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and len(page) < 6 else 1
    entries, total = service.queue(db.session, page)
    return render_template("reports/list_queue.html", entries=entries, total=total, page=page,
                           page_size=service.QUEUE_PAGE, **WORDS)  # fmt: skip


@bp.route("/authoring/reports/<uid>", methods=["GET", "POST"])
@access(Access.STAFF)
def resolve_reports(uid: str):
    """A question's open reports and the form that resolves them all (with a regrade where the key changed)."""
    question = get_question(db.session, uid)
    form = ResolveForm()
    if form.validate_on_submit():
        resolution, done = service.resolve(db.session, question, form.kind.data, form.note.data or "",
                                           current_user, form.regrade.data, utcnow())  # fmt: skip
        db.session.commit()
        flash(_resolved_message(resolution.kind, done), "success")
        return redirect(url_for("reports.list_queue"))
    page = render_template(
        "reports/resolve_reports.html", question=question, form=form, newest=latest_version(db.session, question),
        reports=service.open_reports(db.session, question), pending=regrading.pending_key_regrade(db.session, question),
        **WORDS,
    )  # fmt: skip
    return page, (422 if form.errors else 200)


RESOLVED = {
    "dismissed": N_("Reports resolved: no change needed."),
    "fixed": N_("Reports resolved: fixed by the newest version."),
    "dropped": N_("Reports resolved: dropped as ambiguous."),
}


def _resolved_message(kind: str, done) -> str:
    if not done:
        return _(RESOLVED[kind])
    regraded = _("%(attempts)s attempt(s) regraded, %(changed)s score(s) changed.", attempts=done.attempts,
                 changed=done.changed)  # fmt: skip
    return f"{_(RESOLVED[kind])} {regraded}"


@bp.route("/authoring/questions/<uid>/regrade", methods=["POST"])
@access(Access.STAFF)
def regrade_question(uid: str):
    """Regrade the attempts graded against an older key of the question, against its newest version's key."""
    question = get_question(db.session, uid)
    form = RegradeForm()
    if not form.validate_on_submit():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "error")
        return redirect(url_for("authoring.show_question", uid=uid))
    done = regrading.regrade_question(db.session, question, "key", current_user.id, form.reason.data, utcnow())
    db.session.commit()
    flash(_("Regraded %(attempts)s attempt(s); %(changed)s score(s) changed.", attempts=done.attempts,
            changed=done.changed) if done else
          _("No graded attempt was graded against another key: nothing to regrade."), "success")  # fmt: skip
    return redirect(url_for("authoring.show_question", uid=uid))
