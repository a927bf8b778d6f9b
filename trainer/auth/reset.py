"""One-time password-reset links: signed, timed, and spent once the password they set has changed.

A link carries the account id and a fingerprint of the account's current password hash, signed with the site's
secret key. Setting a password changes the hash, so the link (and every older link) stops working; no table is
needed. A link older than RESET_LINK_HOURS is refused.
"""

from __future__ import annotations

import hashlib

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from trainer.auth.models import User
from trainer.core.errors import DomainError
from trainer.core.wording import N_

_SALT = "password-reset"


class ResetLinkError(DomainError):
    """The reset link is not valid (any more); the message says what to do."""

    status = 404


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=_SALT)


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:20]


def reset_token(user: User, secret_key: str) -> str:
    """A token for the reset link of this account, valid until its password changes or the link expires."""
    return _serializer(secret_key).dumps({"user": user.id, "hash": _fingerprint(user)})


def user_for_token(session: Session, token: str, secret_key: str, max_age_hours: float) -> User:
    """The account this reset token is for; raise ResetLinkError if it is wrong, expired, used or disabled."""
    try:
        data = _serializer(secret_key).loads(token, max_age=int(max_age_hours * 3600))
    except SignatureExpired as exc:
        raise ResetLinkError(N_("This reset link has expired. Ask an administrator for a new one.")) from exc
    except BadSignature as exc:
        raise ResetLinkError(N_("This reset link is not valid. Check that you copied all of it.")) from exc
    user = session.get(User, data.get("user")) if isinstance(data, dict) else None
    if user is None or data.get("hash") != _fingerprint(user):
        raise ResetLinkError(N_("This reset link was already used. Ask an administrator for a new one."))
    if not user.is_active:
        raise ResetLinkError(N_("This account is disabled. Ask an administrator."))
    return user
