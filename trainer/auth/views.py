"""Register, sign in and out, the account page, password changes and resets, and a fresh CSRF token."""

from contextlib import suppress

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from trainer.auth import mail, reset, service
from trainer.auth.forms import ChangePasswordForm, LoginForm, RegisterForm, ResetPasswordForm
from trainer.auth.sessions import close_session, keep_session, open_session
from trainer.core.access import Access, access, same_site_path
from trainer.core.errors import DomainError
from trainer.extensions import db, limiter
from trainer.i18n import speaking_to

bp = Blueprint("auth", __name__)


def _address_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _account_limit() -> str:
    return current_app.config["ACCOUNT_LOGIN_RATE_LIMIT"]


def _submitted_email() -> str:
    """The key of the per-account limit: the e-mail typed in, whoever (from whatever address) types it."""
    return "account:" + service.normalise_email(request.form.get("email", ""))


def _me():
    """The signed-in account itself (not the proxy), for services and for signing in again."""
    return current_user._get_current_object()


def _safe_next(default: str) -> str:
    return same_site_path(request.args.get("next", ""), default)


@bp.route("/register", methods=["GET", "POST"])
@access(Access.PUBLIC)
@limiter.limit(_address_limit, methods=["POST"])
def register():
    """Create a candidate account; the answer is the same whether or not the e-mail already had one."""
    form = RegisterForm()
    if form.validate_on_submit():
        details = {"name": form.name.data, "category": form.category.data, "scribe_eligible": form.scribe_eligible.data}
        user = service.register(db.session, form.email.data, form.password.data, **details)
        db.session.commit()
        _tell_registrant(service.normalise_email(form.email.data), created=user is not None)
        flash(_("Your account is ready: sign in with your e-mail and password."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/register.html", form=form), 422 if form.errors else 200


def _tell_registrant(email: str, created: bool) -> None:
    """When e-mail is configured: a welcome to a new account, a notice to the owner of a taken address."""
    if not mail.mail_configured(current_app.config):
        return
    login = url_for("auth.login", _external=True)
    with speaking_to(service.find_user(db.session, email)):  # the owner of a taken address in their language
        if created:
            subject, body = _("Your ASO Trainer account"), _("Your account is ready. Sign in at %(login)s", login=login)
        else:
            subject = _("Someone tried to register with your e-mail")
            body = _(
                "Someone tried to create an ASO Trainer account with this e-mail address, which already has one. "
                "If it was you, sign in at %(login)s; if you forgot the password, ask an administrator for a reset "
                "link. If it was not you, you need do nothing.",
                login=login,
            )
    with suppress(mail.MailError):  # logged; the registrant's answer must not depend on it
        mail.send_mail(current_app.config, email, subject, body)


@bp.route("/login", methods=["GET", "POST"])
@access(Access.PUBLIC)
@limiter.limit(_address_limit, methods=["POST"])
@limiter.limit(_account_limit, key_func=_submitted_email, methods=["POST"], deduct_when=lambda r: r.status_code != 302)
def login():
    """Sign in with e-mail and password."""
    form = LoginForm()
    if form.validate_on_submit():
        user = service.authenticate(db.session, form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(_("Wrong e-mail or password."))
        elif not open_session(user):
            form.email.errors.append(_("This account is disabled. Ask an administrator."))
        else:
            return redirect(_safe_next(url_for("main.home")))
    return render_template("auth/login.html", form=form), 422 if form.errors else 200


@bp.route("/logout", methods=["POST"])
@access(Access.PUBLIC)
def logout():
    """Sign out (POST only, so a link elsewhere cannot sign you out); every saved copy of the cookie ends too."""
    if current_user.is_authenticated:
        service.end_sessions(db.session, _me())
        db.session.commit()
    close_session()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account")
@access(Access.USER)
def show_account():
    """The account page: details, change password, sign out everywhere."""
    return render_template("auth/show_account.html")


@bp.route("/account/password", methods=["GET", "POST"])
@access(Access.USER)
@limiter.limit(_address_limit, methods=["POST"])
def change_password():
    """Change the password (the current one is required); other devices are signed out, this one stays."""
    form = ChangePasswordForm(_me())
    if form.validate_on_submit():
        try:
            service.change_password(db.session, _me(), form.current.data, form.password.data)
        except DomainError as exc:
            form.current.errors.append(str(exc))
        else:
            db.session.commit()
            keep_session(_me())
            flash(_("Your password is changed. Every other device was signed out."), "success")
            return redirect(url_for("auth.show_account"))
    return render_template("auth/change_password.html", form=form), 422 if form.errors else 200


@bp.route("/account/sign-out-everywhere", methods=["POST"])
@access(Access.USER)
def logout_everywhere():
    """End every session of this account on every other device (a lost phone, a shared computer)."""
    service.end_sessions(db.session, _me())
    db.session.commit()
    keep_session(_me())
    flash(_("You are signed out on every other device."), "success")
    return redirect(url_for("auth.show_account"))


@bp.route("/auth/token")
@access(Access.USER)
def refresh_token():
    """A fresh CSRF token for an open page whose token was refused (JSON 401 when signed out)."""
    return jsonify(csrf_token=generate_csrf())  # never cached: trainer/headers.py


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@access(Access.PUBLIC)
@limiter.limit(_address_limit, methods=["POST"])
def reset_password(token: str):
    """Set a new password through a one-time link an administrator issued."""
    config = current_app.config
    user = reset.user_for_token(db.session, token, config["SECRET_KEY"], config["RESET_LINK_HOURS"])
    form = ResetPasswordForm(user)
    if form.validate_on_submit():
        service.set_password(db.session, user, form.password.data)
        db.session.commit()
        close_session()
        flash(_("Your new password is set. Sign in with it."), "success")
        return redirect(url_for("auth.login"))
    response = render_template("auth/reset_password.html", form=form, user=user), 422 if form.errors else 200
    # The link must not leak to other sites in a Referer; "no-referrer" would also make the browser send
    # "Origin: null" with the form, which the Origin check refuses.
    return (*response, {"Cache-Control": "no-store", "Referrer-Policy": "same-origin"})
