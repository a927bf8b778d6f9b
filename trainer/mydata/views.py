"""My data: download everything kept about you (JSON), or delete your account."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, flash, redirect, render_template, stream_with_context, url_for
from flask_babel import gettext as _
from flask_login import current_user

from trainer.auth.sessions import close_session
from trainer.core.access import Access, access
from trainer.core.clock import utcnow
from trainer.core.errors import DomainError
from trainer.extensions import db, limiter
from trainer.mydata.export import export_chunks
from trainer.mydata.forms import DeleteAccountForm
from trainer.mydata.service import delete_account as delete_my_account

bp = Blueprint("mydata", __name__)


def _address_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]  # a password is tried here as at sign-in


@bp.route("/account/export")
@access(Access.USER)
def export_data():
    """Download my data: profile, attempts with their questions, steps and results, progress, review cards."""
    user = current_user._get_current_object()
    now = utcnow()
    filename = f"aso-trainer-my-data-{now:%Y%m%d}.json"
    return Response(
        stream_with_context(export_chunks(db.session, user, now)),
        mimetype="application/json",
        # inline: opened, it shows the JSON; the page's link carries `download`, which saves it under this name
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )


@bp.route("/account/delete", methods=["GET", "POST"])
@access(Access.USER)
@limiter.limit(_address_limit, methods=["POST"])
def delete_account():
    """Delete my account after the password is given: personal data removed, answers kept anonymised."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            delete_my_account(db.session, current_user._get_current_object(), form.password.data, utcnow())
        except DomainError as exc:
            db.session.rollback()
            form.password.errors.append(_(str(exc)))  # the service's messages are in the catalogue (N_)
        else:
            db.session.commit()
            close_session()
            flash(
                _("Your account is deleted. Your answers are kept without your name for the questions' statistics."),
                "info",
            )
            return redirect(url_for("auth.login"))
    return render_template("mydata/delete_account.html", form=form), 422 if form.errors else 200
