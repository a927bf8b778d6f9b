"""The home page."""

from flask import Blueprint, current_app, redirect, render_template, send_from_directory, url_for
from flask_login import current_user

from trainer.core.access import Access, access

bp = Blueprint("main", __name__)


@bp.route("/")
@access(Access.PUBLIC)
def home():
    """Signed-in users go to their tests; visitors see what the site offers."""
    if current_user.is_authenticated:
        return redirect(url_for("exam.list_tests"))
    return render_template("main/home.html")


@bp.route("/favicon.ico")
@access(Access.PUBLIC)
def show_favicon():
    """The site's icon where every browser looks for it (a missing one is an error in each page's console)."""
    return send_from_directory(
        current_app.static_folder, "favicon.ico", mimetype="image/vnd.microsoft.icon", max_age=7 * 24 * 3600
    )
