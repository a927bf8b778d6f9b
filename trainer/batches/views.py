"""Batch pages: the list, creating one, joining by code or link, the dashboard and its CSV, assignments."""

from __future__ import annotations

import random
import secrets

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from trainer.batches import assignments, export, invites, service
from trainer.batches.dashboard import dashboard
from trainer.batches.forms import ActionForm, AssignmentForm, BatchForm, InviteForm, JoinForm, StaffForm, end_of_day
from trainer.batches.paging import member_page
from trainer.core.access import Access, access
from trainer.core.clock import utcnow
from trainer.core.errors import DomainError
from trainer.extensions import db, limiter
from trainer.i18n import error_text, interface_wording, site_date, site_zone
from trainer.progress.dashboard import progress, target_paper

bp = Blueprint("batches", __name__)
# Any page listing assignments (the tests list too): assignment_title(a) in the reader's language.
bp.add_app_template_global(lambda a: assignments.shown_title(a, interface_wording()), "assignment_title")
SYSTEM_RANDOM = random.SystemRandom()  # invite codes must not be predictable


def _join_limit() -> str:
    # Guessing codes is as much an attack as guessing passwords: the same per-address limit as signing in.
    return current_app.config["LOGIN_RATE_LIMIT"]


def _form_errors(form) -> str:
    # str(): the labels and validator messages are lazy (translated when shown)
    return " ".join(f"{form[name].label.text}: {' '.join(map(str, errors))}" for name, errors in form.errors.items())


@bp.route("/batches")
@access(Access.USER)
def list_batches():
    """Staff: the batches they follow (an admin: all). Candidates: the batches they are in, and joining by code."""
    rows = service.visible_batches(db.session, current_user)
    return render_template("batches/list_batches.html", rows=rows, join_form=JoinForm(), shown=invites.shown)


@bp.route("/batches/new", methods=["GET", "POST"])
@access(Access.STAFF)
def new_batch():
    """Create a batch; its invite code and link are shown on its page."""
    form = BatchForm()
    if form.validate_on_submit():
        expires = end_of_day(form.expires_on.data)
        now = utcnow()
        if expires is not None and expires <= now:
            form.expires_on.errors = [_("Choose a date from today on, or leave it empty.")]
        else:
            batch = service.create_batch(
                db.session, current_user, form.name.data, form.description.data or "", expires, now, SYSTEM_RANDOM
            )
            db.session.commit()
            flash(_("Batch “%(batch)s” created. Share its invite code or link with your candidates.", batch=batch.name),
                  "success")  # fmt: skip
            return redirect(url_for("batches.show_batch", batch_id=batch.id))
    return render_template("batches/new_batch.html", form=form), 422 if form.errors else 200


@bp.route("/batches/join", methods=["POST"])
@access(Access.USER)
@limiter.limit(_join_limit, methods=["POST"])
def join_batch():
    """Join the batch whose invite code was typed (or carried by a link)."""
    form = JoinForm()
    if form.validate_on_submit():
        try:
            batch = service.batch_by_code(db.session, form.code.data, utcnow())
            joined = service.join(db.session, current_user, batch, utcnow())
        except DomainError as exc:
            form.code.errors = [error_text(exc)]
        else:
            db.session.commit()
            done = _("You joined %(batch)s.") if joined else _("You are already in %(batch)s.")
            flash(done % {"batch": batch.name}, "success")
            return redirect(url_for("batches.show_batch", batch_id=batch.id))
    rows = service.visible_batches(db.session, current_user)
    return render_template("batches/list_batches.html", rows=rows, join_form=form, shown=invites.shown), 422


@bp.route("/join/<invite>")
@access(Access.USER)
def show_invite(invite: str):
    """An invite link: which batch it is, and a button to join it (a GET never changes anything)."""
    try:
        batch = service.batch_by_code(db.session, invite, utcnow())
    except service.InviteRefused as exc:
        return render_template("batches/show_invite.html", batch=None, problem=error_text(exc), form=JoinForm()), 404
    member = service.is_member(db.session, batch, current_user)
    form = JoinForm(code=batch.invite_code)
    return render_template("batches/show_invite.html", batch=batch, member=member, form=form, problem=None)


@bp.route("/batches/<id:batch_id>")
@access(Access.USER)
def show_batch(batch_id: int):
    """Staff: the batch dashboard. A member: the batch, its staff and their assignments. Anyone else: 404."""
    batch, as_staff = service.viewable_batch(db.session, batch_id, current_user)
    if not as_staff:
        mine = [row for row in assignments.mine(db.session, current_user, utcnow()) if row[1].id == batch.id]
        staff = service.staff_of(db.session, batch)
        return render_template(
            "batches/show_membership.html", batch=batch, mine=mine, staff=staff, form=ActionForm(), now=utcnow()
        )
    data = dashboard(db.session, batch, request.args.get("paper", "tier1"), utcnow(), interface_wording(), site_zone())
    return render_template(
        "batches/show_batch.html",
        data=data,
        page=member_page(len(data.members), request.args.get("page")),
        staff=service.staff_of(db.session, batch),
        shown=invites.shown,
        expired=invites.expired(batch.invite_expires_at, utcnow()),
        invite_form=InviteForm(),
        staff_form=StaffForm(),
        assignment_form=assignments_form(batch),
        form=ActionForm(),
    )


def assignments_form(batch, form: AssignmentForm | None = None) -> AssignmentForm:
    form = form or AssignmentForm()
    form.topic.choices = [("", _("Choose a topic"))] + assignments.topic_choices(db.session)
    form.test.choices = [("", _("Choose a test"))] + assignments.test_choices(interface_wording())
    form.paper.choices = [("", _("Choose a frozen paper"))] + assignments.paper_choices(db.session)
    form.live_mock.choices = [("", _("Choose a live mock"))] + assignments.live_mock_choices(
        db.session, batch, utcnow()
    )
    return form


@bp.route("/batches/<id:batch_id>/dashboard.csv")
@access(Access.STAFF)
def export_batch(batch_id: int):
    """The dashboard as CSV: one row per member, their mastery per topic, behind or not, assignments done."""
    batch = service.staff_batch(db.session, batch_id, current_user)
    data = dashboard(db.session, batch, request.args.get("paper", "tier1"), utcnow(), zone=site_zone())
    name = f"batch-{batch.id}-{data.paper}-{site_date(utcnow()):%Y%m%d}.csv"
    return Response(
        export.dashboard_csv(data),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.route("/batches/<id:batch_id>/invite", methods=["POST"])
@access(Access.STAFF)
def renew_invite(batch_id: int):
    """Make a new invite code (the old code and link stop working), with a new expiry or none."""
    batch = service.staff_batch(db.session, batch_id, current_user)
    form = InviteForm()
    expires = end_of_day(form.expires_on.data) if form.validate_on_submit() else None
    if form.errors or (expires is not None and expires <= utcnow()):
        flash(_form_errors(form) or _("The new code's date must be today or later."), "error")
    else:
        service.regenerate_invite(db.session, batch, expires, SYSTEM_RANDOM)
        db.session.commit()
        code = invites.shown(batch.invite_code)
        flash(_("New invite code: %(code)s. The old one no longer works.", code=code), "success")
    return redirect(url_for("batches.show_batch", batch_id=batch.id, _anchor="invite"))


@bp.route("/batches/<id:batch_id>/staff", methods=["POST"])
@access(Access.STAFF)
def add_staff(batch_id: int):
    """Add a co-instructor by e-mail: they see and manage the batch too."""
    batch = service.staff_batch(db.session, batch_id, current_user)
    form = StaffForm()
    try:
        if not form.validate_on_submit():
            raise DomainError(_form_errors(form))
        user = service.add_staff(db.session, batch, form.email.data, utcnow())
    except DomainError as exc:
        flash(error_text(exc), "error")
    else:
        db.session.commit()
        flash(_("%(user)s now follows %(batch)s.", user=user.name, batch=batch.name), "success")
    return redirect(url_for("batches.show_batch", batch_id=batch.id, _anchor="staff"))


@bp.route("/batches/<id:batch_id>/staff/<id:staff_id>/remove", methods=["POST"])
@access(Access.STAFF)
def remove_staff(batch_id: int, staff_id: int):
    """Take a co-instructor off the batch (the owner stays)."""
    batch = service.staff_batch(db.session, batch_id, current_user)
    try:
        user = service.remove_staff(db.session, batch, current_user, staff_id)
    except DomainError as exc:
        flash(error_text(exc), "error")
        return redirect(url_for("batches.show_batch", batch_id=batch.id, _anchor="staff"))
    db.session.commit()
    flash(_("%(user)s no longer follows %(batch)s.", user=user.name, batch=batch.name), "success")
    if user.id == current_user.id and current_user.role != "admin":
        return redirect(url_for("batches.list_batches"))
    return redirect(url_for("batches.show_batch", batch_id=batch.id, _anchor="staff"))


@bp.route("/batches/<id:batch_id>/assignments", methods=["POST"])
@access(Access.STAFF)
def create_assignment(batch_id: int):
    """Set a topic drill, a test, a frozen paper or a live mock for the batch with a due date."""
    batch = service.staff_batch(db.session, batch_id, current_user)
    form = assignments_form(batch, AssignmentForm())
    target = form.target() if form.validate_on_submit() else None
    try:
        if target is None:
            raise DomainError(_form_errors(form) or _("Choose what to assign."))
        due = end_of_day(form.due_on.data)
        made = assignments.assign(
            db.session, batch, current_user, form.kind.data, target, due, form.note.data or "", utcnow()
        )
    except DomainError as exc:
        flash(error_text(exc), "error")
    else:
        db.session.commit()
        due, title = format_date(made.due_at, "dd MMM y"), assignments.shown_title(made, interface_wording())
        flash(_("Assigned “%(title)s”, due %(day)s.", title=title, day=due), "success")
    return redirect(url_for("batches.show_batch", batch_id=batch.id, _anchor="assignments"))


@bp.route("/batches/<id:batch_id>/leave", methods=["POST"])
@access(Access.USER)
def leave_batch(batch_id: int):
    """A candidate leaves the batch (its staff no longer see their progress)."""
    batch, as_staff = service.viewable_batch(db.session, batch_id, current_user)
    if as_staff:
        flash(_("You follow this batch as staff; only candidates leave a batch."), "error")
        return redirect(url_for("batches.show_batch", batch_id=batch.id))
    service.leave(db.session, current_user, batch)
    db.session.commit()
    flash(_("You left %(batch)s.", batch=batch.name), "success")
    return redirect(url_for("batches.list_batches"))


@bp.route("/batches/<id:batch_id>/members/<id:member_id>")
@access(Access.STAFF)
def show_member(batch_id: int, member_id: int):
    """A member's progress as the batch's staff see it: mastery, study next, trends, prediction, history."""
    batch = service.staff_batch(db.session, batch_id, current_user)
    member = service.member_of(db.session, batch, member_id)
    today = site_date(utcnow())
    data = progress(
        db.session, member, today, interface_wording(), lambda when: format_date(when, "dd MMM"), site_zone()
    )
    return render_template("batches/show_member.html", batch=batch, member=member, data=data)


@bp.route("/batches/<id:batch_id>/members/<id:member_id>/remove", methods=["POST"])
@access(Access.STAFF)
def remove_member(batch_id: int, member_id: int):
    """Take a candidate out of the batch."""
    batch = service.staff_batch(db.session, batch_id, current_user)
    member = service.member_of(db.session, batch, member_id)
    if ActionForm().validate_on_submit():
        service.remove_member(db.session, batch, member.id)
        db.session.commit()
        flash(_("%(member)s is no longer in %(batch)s.", member=member.name, batch=batch.name), "success")
    return redirect(url_for("batches.show_batch", batch_id=batch.id, _anchor="members"))


@bp.route("/assignments/<id:assignment_id>/start", methods=["POST"])
@access(Access.USER)
def start_assignment(assignment_id: int):
    """Start an assigned drill (a test's link opens its instructions instead)."""
    assignment = assignments.visible_assignment(db.session, assignment_id, current_user)
    if service.is_staff_role(current_user):
        flash(_("Assignments are taken by the batch's candidates."), "error")
        return redirect(url_for("batches.show_batch", batch_id=assignment.batch_id, _anchor="assignments"))
    paper = target_paper(db.session, current_user.id)
    rng = random.Random(secrets.randbits(64))
    attempt = assignments.start_drill_for(db.session, assignment, current_user, paper, utcnow(), rng)
    db.session.commit()
    return redirect(url_for("exam.take_attempt", attempt_id=attempt.id))
