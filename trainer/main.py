"""The home page, and the header's switch of interface language."""

from flask import Blueprint, current_app, redirect, render_template, request, send_from_directory, url_for
from flask_login import current_user

from trainer.core.access import Access, access, same_site_path
from trainer.extensions import db
from trainer.i18n import COOKIE, LANGUAGES

bp = Blueprint("main", __name__)
YEAR = 365 * 24 * 3600


@bp.route("/")
@access(Access.PUBLIC)
def home():
    """Signed-in users go to their tests; visitors see what the site offers."""
    if current_user.is_authenticated:
        return redirect(url_for("exam.list_tests"))
    return render_template("main/home.html")


@bp.route("/language", methods=["POST"])
@access(Access.PUBLIC)
def choose_language():
    """Show the site in English or Hindi from now on: kept in a cookie, and in the account when signed in."""
    language = request.form.get("language", "")
    back = same_site_path(request.form.get("next", ""), url_for("main.home"))
    response = redirect(back)
    if language not in LANGUAGES:
        return response
    if current_user.is_authenticated:
        current_user.locale = language
        db.session.commit()
    response.set_cookie(COOKIE, language, max_age=YEAR, samesite="Lax", httponly=True,
                        secure=request.is_secure)  # fmt: skip
    return response


@bp.route("/favicon.ico")
@access(Access.PUBLIC)
def show_favicon():
    """The site's icon where every browser looks for it (a missing one is an error in each page's console)."""
    return send_from_directory(
        current_app.static_folder, "favicon.ico", mimetype="image/vnd.microsoft.icon", max_age=7 * 24 * 3600
    )
