"""Who may use each route: every view declares a level, and one before-request hook enforces it."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, jsonify, render_template, request, session
from flask_login import current_user

from trainer.extensions import login_manager

SESSION_USER_KEY = "_user_id"  # where Flask-Login keeps the signed-in account's id in the session
# The account's session generation when this session signed in (column user.session_generation): a session
# whose number differs from the account's current one was revoked and counts as signed out.
SESSION_GENERATION_KEY = "_gen"
STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class Role(StrEnum):
    CANDIDATE = "candidate"
    INSTRUCTOR = "instructor"
    ADMIN = "admin"


class Access(StrEnum):
    PUBLIC = "public"  # anyone, signed in or not
    USER = "user"  # any signed-in account
    # Any signed-in account, known from the signed session cookie alone: the account row is not read. For the
    # busiest route (the exam's saves), whose view checks ownership by `session_user_id()` in its own query.
    SESSION = "session"
    STAFF = "staff"  # instructors and admins
    ADMIN = "admin"


ALLOWED_ROLES = {
    Access.USER: set(Role),
    Access.SESSION: set(Role),
    Access.STAFF: {Role.INSTRUCTOR, Role.ADMIN},
    Access.ADMIN: {Role.ADMIN},
}


def access(level: Access) -> Callable:
    """Declare who may use a view; routes without a declaration make create_app() fail."""

    def mark(view: Callable) -> Callable:
        view.access_level = level
        return view

    return mark


def undeclared_endpoints(app: Flask) -> list[str]:
    """Endpoints whose view declares no access level (static files excepted)."""
    return sorted(
        name for name, view in app.view_functions.items() if name != "static" and not hasattr(view, "access_level")
    )


def enforce_access():
    """Before each request: anonymous users go to the login page, the wrong role gets 403."""
    view = current_app.view_functions.get(request.endpoint or "")
    level = getattr(view, "access_level", Access.PUBLIC)
    if level == Access.PUBLIC or (level == Access.SESSION and SESSION_USER_KEY in session):
        return None
    if not current_user.is_authenticated:
        if wants_json():  # the exam page's scripts: say so, rather than redirect a script to a login form
            return jsonify(error="You are signed out. Sign in again; your answers are kept on this device."), 401
        return login_manager.unauthorized()
    if Role(current_user.role) not in ALLOWED_ROLES[level]:
        abort(403)
    return None


def wants_json() -> bool:
    """The request is a script's: it sends JSON or asks for JSON (Accept: application/json)."""
    return request.is_json or request.accept_mimetypes.best == "application/json"


def check_origin():
    """Before each state-changing request: refuse one sent from another site (Origin, else Referer).

    Compared with this request's own scheme and host, which ProxyFix sets from the proxy's headers, so the check
    holds behind the reverse proxy. A request without either header (not a browser's) is left to the CSRF token;
    over https Flask-WTF's strict mode (WTF_CSRF_SSL_STRICT) requires a same-site Referer as well.
    """
    if request.method not in STATE_CHANGING:
        return None
    origin = request.headers.get("Origin")
    sender = origin if origin is not None else request.referrer
    if sender is None or _same_site(sender):
        return None
    message = f"This request came from another site ({sender[:100]}) and was refused."
    if wants_json():
        return jsonify(error=message), 403
    return render_template("error.html", message=message, status=403), 403


def _same_site(url: str) -> bool:
    parts = urlsplit(url)  # "null" (a sandboxed frame, a privacy redirect) has neither scheme nor host
    return (parts.scheme, parts.netloc.lower()) == (request.scheme, request.host.lower())


def session_generation() -> int | None:
    """The session generation this session signed in under, from the signed session cookie (no query)."""
    value = session.get(SESSION_GENERATION_KEY)
    return value if isinstance(value, int) else None


def session_user_id() -> int:
    """The signed-in account's id, from the signed session cookie (no query), for `Access.SESSION` views."""
    value = session.get(SESSION_USER_KEY)
    return int(value) if value is not None else current_user.id


def init_access(app: Flask) -> None:
    undeclared = undeclared_endpoints(app)
    if undeclared:
        raise RuntimeError(f"routes without an access declaration: {', '.join(undeclared)}")
    app.before_request(check_origin)
    app.before_request(enforce_access)


def same_site_path(target: str, default: str) -> str:
    """`target` if it is a path on this site, read as a browser would (backslash as slash); else `default`.

    Guards every redirect to an address the request supplied (`?next=`, a form's `next` field).
    """
    parts = urlsplit(target.replace("\\", "/"))
    return target if target.startswith("/") and not parts.scheme and not parts.netloc else default
