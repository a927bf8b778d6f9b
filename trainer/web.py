"""Wiring of the web layer: blueprints, the user loader, and domain errors turned into HTTP answers."""

from __future__ import annotations

from flask import Flask, jsonify, render_template
from flask.globals import request_ctx
from flask.json.provider import DefaultJSONProvider
from flask_babel import force_locale, gettext
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.routing import IntegerConverter

from trainer import memory
from trainer.bank import drawindex
from trainer.bank.generators import all_generators
from trainer.core.access import session_generation, wants_json
from trainer.core.errors import DomainError
from trainer.exam import shown
from trainer.extensions import db, login_manager
from trainer.i18n import LANGUAGES, N_, error_text

# Flask-WTF's reasons for refusing a form's CSRF token (its own English), for the catalogue: shown translated.
CSRF_REASONS = (
    N_("The CSRF token is missing."),
    N_("The CSRF session token is missing."),
    N_("The CSRF token has expired."),
    N_("The CSRF token is invalid."),
    N_("The CSRF tokens do not match."),
    N_("The referrer header is missing."),
    N_("The referrer does not match the host."),
)
MAX_ID = 2**31 - 1  # the largest INTEGER primary key on PostgreSQL
# The pages a crowd of candidates asks for at one moment (a live mock's start, the evening rush, its submits).
BURST_TEMPLATES = ("base.html", "exam/take_attempt.html", "exam/show_result.html", "institute/show_live_mock.html")


class IdConverter(IntegerConverter):
    """`<id:name>`: a database id, 1..MAX_ID; any other number matches no route, so it is a 404, never a 500."""

    regex = r"\d{1,10}"  # no more digits than MAX_ID has: a longer number is not even converted

    def __init__(self, map, *args, **kwargs) -> None:
        super().__init__(map, min=1, max=MAX_ID)


class BoundedJSONProvider(DefaultJSONProvider):
    """JSON bodies nested too deep to decode are invalid JSON (a 400), not a RecursionError (a 500)."""

    def loads(self, s, **kwargs):
        try:
            return super().loads(s, **kwargs)
        except RecursionError as exc:
            raise ValueError("JSON nested too deeply") from exc


def register(app: Flask) -> None:
    app.json = BoundedJSONProvider(app)
    # Before any blueprint is registered: rules are compiled against the converters known at that moment.
    app.url_map.converters["id"] = IdConverter

    from trainer.audit.views import bp as audit_bp
    from trainer.auth.admin import bp as admin_bp
    from trainer.auth.service import session_user
    from trainer.auth.views import bp as auth_bp
    from trainer.authoring import group_views, import_views  # noqa: F401  (groups, import, export: authoring's)
    from trainer.authoring.views import bp as authoring_bp
    from trainer.bank.sections import section_name
    from trainer.batches.views import bp as batches_bp
    from trainer.exam import attempt_views, views  # noqa: F401  (both add their routes to the exam blueprint)
    from trainer.exam.blueprint import bp as exam_bp
    from trainer.institute.views import bp as institute_bp
    from trainer.itemstats.views import bp as itemstats_bp
    from trainer.main import bp as main_bp
    from trainer.mydata.views import bp as mydata_bp
    from trainer.ops.views import bp as ops_bp
    from trainer.progress import review_views  # noqa: F401  (adds its route to the progress blueprint)
    from trainer.progress.views import bp as progress_bp
    from trainer.reports.views import bp as reports_bp
    from trainer.results.views import bp as results_bp
    from trainer.skills.views import bp as skills_bp

    for blueprint in (
        *(main_bp, auth_bp, admin_bp, exam_bp, progress_bp, authoring_bp, mydata_bp, results_bp),
        *(ops_bp, skills_bp, itemstats_bp, batches_bp, institute_bp, reports_bp, audit_bp),
    ):
        app.register_blueprint(blueprint)
    app.add_template_global(section_name)  # sections by their taxonomy name in the page's language

    login_manager.login_view = "auth.login"
    login_manager.login_message = N_("Please sign in to continue.")
    login_manager.localize_callback = gettext
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(user_id: str):
        # A revoked session (older generation) or a disabled account counts as signed out.
        return session_user(db.session, user_id, session_generation())

    @app.errorhandler(DomainError)
    def domain_error(exc: DomainError):
        db.session.rollback()
        if wants_json():
            return jsonify(error=str(exc)), exc.status
        return render_template("error.html", message=error_text(exc), status=exc.status), exc.status

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        # The exam page tells this from a network failure by `code`: it fetches a fresh token and sends again.
        text = gettext("This form was refused for your safety: %(reason)s Reload the page and try again.",
                       reason=gettext(exc.description))  # fmt: skip
        if wants_json():
            return jsonify(error=text, code="csrf"), 400
        return render_template("error.html", message=text, status=400), 400

    for status, text in (
        (400, N_("The request could not be understood.")),
        (403, N_("You do not have access to this page.")),
        (404, N_("This page does not exist.")),
        (405, N_("This address does not take that kind of request.")),
        (413, N_("The request is too large.")),
        (429, N_("Too many attempts. Please wait a minute and try again.")),
        (500, N_("Something went wrong on our side. Your answers saved so far are kept; please try again.")),
    ):
        app.register_error_handler(status, _http_error(status, text))


def _http_error(status: int, text: str):
    def handler(exc):
        db.session.rollback()  # an error mid-request must not leave the session's transaction half-done
        message = gettext(text)
        if request_ctx.url_adapter is None:  # the request never reached routing (e.g. a host not trusted)
            return message, status, {"Content-Type": "text/plain; charset=utf-8"}
        if wants_json():
            return jsonify(error=message), status
        return render_template("error.html", message=message, status=status), status

    return handler


def warm_up(app: Flask) -> None:
    """Tune the C allocator for the pages' large strings (trainer/memory.py), compile the templates a burst asks
    for and load every interface language's catalogue, once per process.

    Left to the first requests, each worker would spend about 25 ms compiling the exam page on the first candidate
    of a live mock, while the others queue behind it.
    """
    memory.keep_large_blocks()  # an exam page's half-megabyte strings from the heap, not fresh pages each time
    for name in BURST_TEMPLATES:
        app.jinja_env.get_template(name)
    with app.test_request_context():
        for language in LANGUAGES:
            with force_locale(language):
                gettext("Question")
    _prepare_bank(app)


def _prepare_bank(app: Flask) -> None:
    """Load the bank's draw index (trainer/bank/drawindex.py) before the first start asks for it, and the stored
    HTML of what it draws into the exam page's cache (trainer/exam/shown.py): about 50 ms and 200 ms for the
    bundled bank, which the first candidates of a burst on each worker would otherwise wait for. A database not yet
    migrated is no reason to stop a worker: the index is then loaded by the first start, texts by the first pages."""
    all_generators()  # their modules load on first use: about 100 ms the first start on each worker would wait for
    with app.app_context():
        try:
            index = drawindex.current(db.session)
            shown.preload(db.session, shown.fragment_cache(app), *index.drawable_texts())
        except SQLAlchemyError as exc:
            app.logger.warning("draw index not prepared at start-up: %s", exc.__class__.__name__)
        finally:
            db.session.remove()
