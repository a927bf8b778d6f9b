"""Staff pages for passage groups (write, edit, publish / retire / restore, duplicate, history, diff) and for
discarding a draft question or group."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from trainer.auth.models import User
from trainer.authoring import discarding, groups, service, workflow
from trainer.authoring.group_forms import MAX_MEMBERS, GroupForm
from trainer.authoring.views import RENDERERS, _number, bp, commit_or_refuse, topic_choices
from trainer.core.access import Access, access
from trainer.core.errors import Conflict, NotFound
from trainer.extensions import db
from trainer.i18n import N_, error_text


def _form() -> GroupForm:
    form = GroupForm()
    form.topic.choices = topic_choices()
    return form


def _added_member(form: GroupForm) -> bool:
    """The editor's "Add a question" button: one more empty question, nothing saved."""
    if request.form.get("add_member") and len(form.members) < MAX_MEMBERS:
        form.members.append_entry()
        return True
    return False


@bp.route("/groups/new", methods=["GET", "POST"])
@access(Access.STAFF)
def new_group():
    """Write a passage, cloze text or data set with its questions; saved as a draft group of draft questions."""
    form = _form()
    if request.method == "POST" and not _added_member(form) and form.validate_on_submit():
        content = form.group_content()
        group = groups.create_group(
            db.session, content, form.member_contents(""), current_user.id, form.change_note.data or ""
        )
        db.session.commit()
        saved = _("Saved %(uid)s as a draft with %(count)s questions (version 1).", uid=group.uid,
                  count=len(form.members))  # fmt: skip
        flash(saved, "success")
        for message in form.dropped_text():
            flash(message, "warning")
        return redirect(url_for("authoring.show_group", group_uid=group.uid))
    page = render_template("authoring/new_group.html", form=form, max_members=MAX_MEMBERS, **RENDERERS)
    return page, (422 if form.errors else 200)


@bp.route("/groups/<group_uid>")
@access(Access.STAFF)
def show_group(group_uid: str):
    """The group as candidates see it (shared text, then its questions) with its version history."""
    group = groups.get_group(db.session, group_uid)
    versions = groups.versions_of(db.session, group)
    return render_template(
        "authoring/show_group.html", group=group, versions=versions, version=versions[-1],
        members=groups.members_of(db.session, group), names=_names(versions),
        actions=workflow.actions_for(group.status),
        **RENDERERS,
    )  # fmt: skip


def _names(versions) -> dict[int, str]:
    ids = {v.author_id for v in versions} - {None}
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all())


@bp.route("/groups/<group_uid>/edit", methods=["GET", "POST"])
@access(Access.STAFF)
def edit_group(group_uid: str):
    """Edit the shared text and its questions; a changed text is a new group version and new question versions."""
    group = groups.get_group(db.session, group_uid)
    members = groups.members_of(db.session, group)
    form = _form()
    if request.method == "GET":
        form.fill_from(groups.versions_of(db.session, group)[-1], [m.version for m in members])
    elif not _added_member(form) and form.validate_on_submit():
        contents = form.member_contents(group.uid)
        try:
            made, changed = groups.save_group(
                db.session, group, form.group_content(), contents, current_user.id, form.change_note.data or ""
            )
        except Conflict as exc:
            db.session.rollback()
            flash(error_text(exc), "error")
        else:
            db.session.commit()
            text = _("Saved as version %(number)s", number=made) if made else _("The shared text is unchanged")
            flash(_("%(text)s; %(count)s question(s) changed or added.", text=text, count=changed), "success")
            for message in form.dropped_text():
                flash(message, "warning")
            return redirect(url_for("authoring.show_group", group_uid=group_uid))
    page = render_template(
        "authoring/edit_group.html", form=form, group=group, existing=len(members), max_members=MAX_MEMBERS,
        **RENDERERS,
    )  # fmt: skip
    return page, (422 if form.errors else 200)


@bp.route("/groups/<group_uid>/status", methods=["POST"])
@access(Access.STAFF)
def change_group_status(group_uid: str):
    """Publish, retire or restore the group with all its questions (the button's `action`)."""
    group = groups.get_group(db.session, group_uid)
    action, second_reader = request.form.get("action", ""), current_app.config["REQUIRE_SECOND_READER"]
    return commit_or_refuse(
        lambda: groups.change_status(db.session, group, action, current_user.id, second_reader),
        lambda status: _("%(uid)s and its questions are now %(status)s.", uid=group_uid, status=_(status)),
        url_for("authoring.show_group", group_uid=group_uid),
    )


@bp.route("/groups/<group_uid>/remove", methods=["GET", "POST"])
@access(Access.STAFF)
def remove_member(group_uid: str):
    """Ask which question to take out of the group (`?question=` preselects one), then remove it on confirming."""
    group = groups.get_group(db.session, group_uid)
    if request.method == "GET":
        members = groups.members_of(db.session, group)
        chosen = request.args.get("question", "")
        return render_template("authoring/remove_member.html", group=group, members=members, chosen=chosen)
    uid = request.form.get("question", "")
    return commit_or_refuse(
        lambda: groups.remove_member(db.session, group, uid, current_user.id),
        lambda version: _(
            "Removed %(uid)s from %(group)s (version %(number)s); it is now a standalone draft.",
            uid=uid,
            group=group_uid,
            number=version.number,
        ),  # fmt: skip
        url_for("authoring.show_group", group_uid=group_uid),
    )


@bp.route("/groups/<group_uid>/duplicate", methods=["POST"])
@access(Access.STAFF)
def duplicate_group(group_uid: str):
    """A copy of the group and its questions as a new draft group."""
    copy = groups.duplicate(db.session, groups.get_group(db.session, group_uid), current_user.id)
    db.session.commit()
    flash(_("Duplicated %(uid)s as %(copy)s (a draft).", uid=group_uid, copy=copy.uid), "success")
    return redirect(url_for("authoring.show_group", group_uid=copy.uid))


@bp.route("/groups/<group_uid>/restore", methods=["POST"])
@access(Access.STAFF)
def restore_group_version(group_uid: str):
    """Bring back an old version's shared text as the newest version."""
    group, number = groups.get_group(db.session, group_uid), _number(request.form.get("version"), 0)
    return commit_or_refuse(
        lambda: groups.restore_version(db.session, group, number, current_user.id),
        lambda made: _("Restored as version %(number)s.", number=made),
        url_for("authoring.show_group", group_uid=group_uid),
    )


@bp.route("/groups/<group_uid>/diff")
@access(Access.STAFF)
def diff_group(group_uid: str):
    """Word-level differences between two versions of the shared text (`?old=N&new=M`)."""
    group = groups.get_group(db.session, group_uid)
    versions = {v.number: v for v in groups.versions_of(db.session, group)}
    new = _number(request.args.get("new"), max(versions))
    old = _number(request.args.get("old"), max(new - 1, 1))
    if old not in versions or new not in versions:
        raise NotFound(
            N_("%(uid)s has no version %(number)s."), uid=group_uid, number=old if old not in versions else new
        )
    before, after = versions[old], versions[new]
    fields = groups.diff(before, after)
    return render_template("authoring/diff_group.html", group=group, before=before, after=after, fields=fields)


@bp.route("/groups/<group_uid>/discard", methods=["POST"])
@access(Access.STAFF)
def discard_group(group_uid: str):
    """Delete a draft group and its questions (its author or an admin; never one an attempt showed)."""
    group = groups.get_group(db.session, group_uid)
    return commit_or_refuse(
        lambda: discarding.discard_group(db.session, group, current_user),
        lambda _none: _("Discarded the draft %(uid)s and its questions.", uid=group_uid),
        url_for("authoring.show_group", group_uid=group_uid),
        after=url_for("authoring.list_questions"),
    )


@bp.route("/questions/<uid>/discard", methods=["POST"])
@access(Access.STAFF)
def discard_question(uid: str):
    """Delete a draft question (its author or an admin; never one an attempt showed)."""
    question = service.get_question(db.session, uid)
    return commit_or_refuse(
        lambda: discarding.discard_question(db.session, question, current_user),
        lambda _none: _("Discarded the draft %(uid)s.", uid=uid),
        url_for("authoring.show_question", uid=uid),
        after=url_for("authoring.list_questions"),
    )
