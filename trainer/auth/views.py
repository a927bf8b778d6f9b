"""Register, sign in, sign out."""

from urllib.parse import urlsplit

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_login import login_user, logout_user
from flask_wtf.csrf import generate_csrf

from trainer.auth import service
from trainer.auth.forms import LoginForm, RegisterForm
from trainer.core.access import Access, access
from trainer.core.errors import Conflict
from trainer.extensions import db, limiter

bp = Blueprint("auth", __name__)


def _safe_next(default: str) -> str:
    target = request.args.get("next", "")
    # Read it as a browser does (backslash as slash, tabs and newlines dropped): only a path on this site.
    parts = urlsplit(target.replace("\\", "/"))
    return target if target.startswith("/") and not parts.scheme and not parts.netloc else default


@bp.route("/register", methods=["GET", "POST"])
@access(Access.PUBLIC)
@limiter.limit(lambda: __import__("flask").current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def register():
    """Create a candidate account and sign in."""
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = service.create_user(
                db.session,
                form.email.data,
                form.password.data,
                form.name.data,
                category=form.category.data,
                scribe_eligible=form.scribe_eligible.data,
            )
        except Conflict as exc:
            form.email.errors.append(str(exc))
        else:
            db.session.commit()
            login_user(user)
            flash("Welcome! Your account is ready.", "success")
            return redirect(url_for("exam.list_tests"))
    return render_template("auth/register.html", form=form), 422 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
@access(Access.PUBLIC)
@limiter.limit(lambda: __import__("flask").current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    """Sign in with e-mail and password."""
    form = LoginForm()
    if form.validate_on_submit():
        user = service.authenticate(db.session, form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(_safe_next(url_for("main.home")))
        form.password.errors.append("Wrong e-mail or password.")
    return render_template("auth/login.html", form=form), 422 if form.errors else 200


@bp.route("/logout", methods=["POST"])
@access(Access.PUBLIC)
def logout():
    """Sign out (POST only, so a link elsewhere cannot sign you out)."""
    logout_user()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/auth/token")
@access(Access.USER)
def refresh_token():
    """A fresh CSRF token for a page that stays open long (the exam), as JSON; never cached."""
    return jsonify(csrf_token=generate_csrf()), 200, {"Cache-Control": "no-store"}
