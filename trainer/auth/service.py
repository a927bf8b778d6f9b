"""Account operations: create users, check passwords, change roles."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from trainer.auth.models import CATEGORIES, User
from trainer.core.access import Role
from trainer.core.errors import Conflict, DomainError

# A fixed hash to compare against when the e-mail is unknown, so both cases take the same time.
_DUMMY_HASH = generate_password_hash("not-a-real-password")
MIN_PASSWORD = 8


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(
    session: Session,
    email: str,
    password: str,
    name: str = "",
    role: str = Role.CANDIDATE,
    category: str = "UR",
    scribe_eligible: bool = False,
) -> User:
    """Create an account (password hashed with scrypt); raise Conflict if the e-mail is taken."""
    if role not in set(Role):
        raise DomainError(f"Unknown role {role!r}; choose one of {', '.join(Role)}.")
    if category not in CATEGORIES:
        raise DomainError(f"Unknown category {category!r}; choose one of {', '.join(CATEGORIES)}.")
    if len(password) < MIN_PASSWORD:
        raise DomainError(f"The password must have at least {MIN_PASSWORD} characters.")
    if find_user(session, email) is not None:
        raise Conflict("An account with this e-mail already exists.")
    user = User(
        email=normalise_email(email),
        name=name.strip() or email.split("@")[0],
        password_hash=generate_password_hash(password),
        role=str(role),
        category=category,
        scribe_eligible=scribe_eligible,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The user for these credentials, or None (same work either way, to not reveal which e-mails exist)."""
    user = find_user(session, email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    return user if check_password_hash(user.password_hash, password) else None


def set_role(session: Session, email: str, role: str) -> User:
    if role not in set(Role):
        raise DomainError(f"Unknown role {role!r}; choose one of {', '.join(Role)}.")
    user = find_user(session, email)
    if user is None:
        raise DomainError(f"No user with e-mail {email}.")
    user.role = role
    session.flush()
    return user


def admin_exists(session: Session) -> bool:
    return bool(session.scalar(select(func.count(User.id)).where(User.role == Role.ADMIN)))


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.id)))
