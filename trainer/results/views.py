"""Downloads of a graded attempt (JSON, CSV) and the admin's cut-off pages."""

from __future__ import annotations

import json

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from trainer.core.access import Access, access
from trainer.core.clock import utcnow
from trainer.core.errors import DomainError
from trainer.exam import service as exam
from trainer.extensions import db
from trainer.i18n import error_text
from trainer.results import audit, cutoffs
from trainer.results.forms import CutoffForm, DeleteCutoffForm

bp = Blueprint("results", __name__)


def _graded(attempt_id: int):
    """The user's own finished attempt and its graded states; None while it is still open."""
    attempt = exam.get_attempt(db.session, attempt_id, current_user)
    if exam.close_if_expired(db.session, attempt, utcnow()):
        db.session.commit()
    if attempt.state == exam.IN_PROGRESS:
        return attempt, None
    return attempt, exam.graded_states(db.session, attempt)


def _download(body: str, mimetype: str, name: str) -> Response:
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/attempts/<id:attempt_id>/result.json")
@access(Access.USER)
def download_attempt_json(attempt_id: int):
    """The whole graded attempt as JSON: steps, versions and keys, each question's grade, the totals."""
    attempt, states = _graded(attempt_id)
    if states is None:  # the key must not leave the server while the test is open
        return redirect(url_for("exam.take_attempt", attempt_id=attempt.id))
    body = json.dumps(audit.attempt_record(db.session, attempt, states), ensure_ascii=False, indent=1)
    return _download(body, "application/json", f"attempt-{attempt.id}.json")


@bp.route("/attempts/<id:attempt_id>/result.csv")
@access(Access.USER)
def download_attempt_csv(attempt_id: int):
    """One row per question: section, topic, version, key, answer, outcome, marks, seconds."""
    attempt, states = _graded(attempt_id)
    if states is None:
        return redirect(url_for("exam.take_attempt", attempt_id=attempt.id))
    return _download(audit.attempt_csv(attempt, states), "text/csv", f"attempt-{attempt.id}.csv")


@bp.route("/admin/cutoffs", methods=["GET", "POST"])
@access(Access.ADMIN)
def list_cutoffs():
    """Every cut-off with its source, and a form to add one."""
    form = CutoffForm()
    if form.validate_on_submit() and (row := form.row()) is not None:
        try:
            cutoffs.save_cutoff(db.session, row)
        except DomainError as exc:
            db.session.rollback()
            form.year.errors = [*form.year.errors, error_text(exc)]
        else:
            db.session.commit()
            added = _("Added the %(year)s %(category)s cut-off for %(stage)s.", year=row.year, category=row.category,
                      stage=row.stage)  # fmt: skip
            flash(added, "success")
            return redirect(url_for("results.list_cutoffs"))
    page = render_template("results/list_cutoffs.html", cutoffs=cutoffs.list_cutoffs(db.session), form=form)
    return page, 422 if form.errors else 200


@bp.route("/admin/cutoffs/<id:cutoff_id>", methods=["GET", "POST"])
@access(Access.ADMIN)
def edit_cutoff(cutoff_id: int):
    """Change one cut-off."""
    cutoff = cutoffs.get_cutoff(db.session, cutoff_id)
    form = CutoffForm(obj=cutoff)
    if form.validate_on_submit() and (row := form.row()) is not None:
        try:
            cutoffs.save_cutoff(db.session, row, cutoff)
        except DomainError as exc:
            db.session.rollback()
            form.year.errors = [*form.year.errors, error_text(exc)]
        else:
            db.session.commit()
            saved = _("Saved the %(year)s %(category)s cut-off for %(stage)s.", year=row.year, category=row.category,
                      stage=row.stage)  # fmt: skip
            flash(saved, "success")
            return redirect(url_for("results.list_cutoffs"))
    return render_template("results/edit_cutoff.html", cutoff=cutoff, form=form), 422 if form.errors else 200


@bp.route("/admin/cutoffs/<id:cutoff_id>/delete", methods=["POST"])
@access(Access.ADMIN)
def delete_cutoff(cutoff_id: int):
    """Delete one cut-off."""
    cutoff = cutoffs.get_cutoff(db.session, cutoff_id)
    if not DeleteCutoffForm().validate_on_submit():
        flash(_("The cut-off was not deleted: reload the page and try again."), "error")
        return redirect(url_for("results.list_cutoffs"))
    cutoffs.delete_cutoff(db.session, cutoff)
    db.session.commit()
    flash(_("Deleted the %(year)s %(category)s cut-off for %(stage)s.", year=cutoff.year, category=cutoff.category,
            stage=cutoff.stage), "success")  # fmt: skip
    return redirect(url_for("results.list_cutoffs"))
