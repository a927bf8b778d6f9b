"""The admin's page for accounts: search, change a role, disable or enable, issue a password-reset link."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from trainer.auth import mail, reset, service
from trainer.auth.forms import UserActionForm
from trainer.core.access import Access, Role, access
from trainer.core.errors import DomainError
from trainer.extensions import db
from trainer.i18n import N_, error_text, speaking_to, translated

# Role names are English keys, translated where shown.
ROLE_WORDS = (N_("candidate"), N_("instructor"), N_("admin"))

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _back():
    """Back to the list, keeping the search the admin was looking at."""
    return redirect(url_for("admin.list_users", q=request.form.get("q") or None))


@bp.route("/users")
@access(Access.ADMIN)
def list_users():
    """Accounts matching the search (e-mail or name), newest first, with what an admin can do to each."""
    text = request.args.get("q", "")[:254]
    users = service.search_users(db.session, text)
    return render_template("admin/list_users.html", users=users, q=text, roles=[r.value for r in Role])


@bp.route("/users/<id:user_id>", methods=["POST"])
@access(Access.ADMIN)
def update_user(user_id: int):
    """Change the role of an account, or disable or enable it (disabling signs it out everywhere)."""
    form = UserActionForm()
    user = service.get_user(db.session, user_id)
    if not form.validate_on_submit() or form.action.data not in ("role", "disable", "enable"):
        flash(_("Choose what to do with the account."), "error")
        return _back()
    me = current_user._get_current_object()
    try:
        if form.action.data == "role":
            service.change_role(db.session, user, form.role.data, by=me)
            message = _("%(email)s is now %(role)s.", email=user.email, role=_(user.role))
        elif form.action.data == "disable":
            service.disable_user(db.session, user, by=me)
            message = _("%(email)s is disabled and signed out everywhere.", email=user.email)
        else:
            service.enable_user(db.session, user)
            message = _("%(email)s may sign in again.", email=user.email)
    except DomainError as exc:
        db.session.rollback()
        flash(error_text(exc), "error")
        return _back()
    db.session.commit()
    flash(message, "success")
    return _back()


@bp.route("/users/<id:user_id>/reset-link", methods=["POST"])
@access(Access.ADMIN)
def issue_reset_link(user_id: int):
    """Make a one-time password-reset link, show it once, and e-mail it to the account when SMTP is set up."""
    user = service.get_user(db.session, user_id)
    if not user.is_active:
        flash(_("%(email)s is disabled: enable the account before resetting its password.", email=user.email), "error")
        return _back()
    config = current_app.config
    link = url_for("auth.reset_password", token=reset.reset_token(user, config["SECRET_KEY"]), _external=True)
    mailed, mail_error = False, None
    if mail.mail_configured(config):
        try:
            mail.send_mail(config, user.email, *reset_mail(user, link, config))
            mailed = True
        except mail.MailError as exc:
            mail_error = translated(exc.message)
    shown = {"user": user, "link": link, "mailed": mailed, "mail_error": mail_error, "q": request.form.get("q")}
    return render_template("admin/show_reset_link.html", **shown), 200, {"Cache-Control": "no-store"}


def reset_mail(user, link: str, config) -> tuple[str, str]:
    """The subject and text of the e-mail that carries a reset link, in the account's language (else the request's)."""
    with speaking_to(user):
        subject = _("Set a new ASO Trainer password")
        paragraphs = (
            _("An administrator of ASO Trainer has issued a link for you to set a new password:"),
            link,
            _("It works once, within %(hours)s hours. If you did not ask for it, tell the administrator; your current "
              "password keeps working until the link is used.", hours=config["RESET_LINK_HOURS"]),
        )  # fmt: skip
    return subject, "\n\n".join(paragraphs) + "\n"
