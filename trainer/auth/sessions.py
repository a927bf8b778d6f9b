"""Opening and closing a signed-in session: the account's session generation and a fresh CSRF secret."""

from __future__ import annotations

from flask import current_app, g, session
from flask_login import login_user, logout_user

from trainer.auth.models import User
from trainer.core.access import SESSION_GENERATION_KEY


def rotate_csrf_secret() -> None:
    """Forget the session's CSRF secret, so tokens issued before (scraped, or from another sign-in) are refused."""
    name = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    session.pop(name, None)
    g.pop(name, None)  # Flask-WTF caches this request's token in g


def open_session(user: User) -> bool:
    """Sign `user` in under the account's current session generation; False if the account is disabled."""
    rotate_csrf_secret()
    if not login_user(user):
        return False
    session[SESSION_GENERATION_KEY] = user.session_generation
    return True


def keep_session(user: User) -> None:
    """Keep this browser signed in after the account's sessions were ended (a password change): take the new
    generation. The CSRF secret stays: the revoked copies of this cookie are refused whatever token they carry."""
    session[SESSION_GENERATION_KEY] = user.session_generation


def close_session() -> None:
    """Sign out this browser (the caller ends the account's other sessions by raising its generation)."""
    logout_user()
    session.pop(SESSION_GENERATION_KEY, None)
    rotate_csrf_secret()
