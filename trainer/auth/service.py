"""Account operations: create users, check and change passwords, roles, disabling, ending sessions."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from trainer.audit.service import record as audit
from trainer.auth.models import CATEGORIES, User
from trainer.auth.passwords import password_problem
from trainer.core.access import Role
from trainer.core.clock import utcnow
from trainer.core.db import get_by_id
from trainer.core.errors import Conflict, DomainError, NotFound
from trainer.core.wording import N_

# A fixed hash to compare against when the e-mail is unknown, so both cases take the same time.
_DUMMY_HASH = generate_password_hash("not-a-real-password")
SEARCH_LIMIT = 100
DELETED_PASSWORD = "!deleted"  # an account its owner deleted: not a hash werkzeug can read, so nothing matches it


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def get_user(session: Session, user_id: int) -> User:
    """The account with this id; raise NotFound (also for an id past the database's integer range)."""
    user = session.get(User, user_id) if 0 < user_id < 2**31 else None
    if user is None:
        raise NotFound(N_("No such account."))
    return user


def create_user(
    session: Session,
    email: str,
    password: str,
    name: str = "",
    role: str = Role.CANDIDATE,
    category: str = "UR",
    scribe_eligible: bool = False,
) -> User:
    """Create an account (password hashed with scrypt); raise Conflict if the e-mail is taken.

    Raise DomainError for an unknown role or category, or a password the rules refuse.
    """
    if role not in set(Role):
        raise DomainError(f"Unknown role {role!r}; choose one of {', '.join(Role)}.")
    if category not in CATEGORIES:
        raise DomainError(f"Unknown category {category!r}; choose one of {', '.join(CATEGORIES)}.")
    problem = password_problem(password, email, name)
    if problem:
        raise DomainError(f"Password refused: {problem}")
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


def register(session: Session, email: str, password: str, **details) -> User | None:
    """Create a candidate account, or return None if the e-mail is taken, doing the same work either way.

    The caller answers both cases alike, so registration does not reveal which e-mails have an account.
    """
    try:
        return create_user(session, email, password, role=Role.CANDIDATE, **details)
    except Conflict:
        generate_password_hash(password)  # the hash a new account would have cost
        return None


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The user for these credentials, or None (same work either way, to not reveal which e-mails exist)."""
    user = find_user(session, email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    return user if check_password_hash(user.password_hash, password) else None


def session_user(session: Session, user_id: str, generation: int | None) -> User | None:
    """The signed-in account of a session, or None when the session was revoked or the account is disabled."""
    user = get_by_id(session, User, int(user_id))
    if user is None or not user.is_active or generation != user.session_generation:
        return None
    return user


def end_sessions(session: Session, user: User) -> int:
    """Raise the account's session generation, ending every session opened before; return the new one."""
    user.session_generation += 1
    session.flush()
    return user.session_generation


def set_password(session: Session, user: User, password: str) -> None:
    """Give the account a new password and end its sessions; raise DomainError if the rules refuse it."""
    problem = password_problem(password, user.email, user.name)
    if problem:
        raise DomainError(problem)
    user.password_hash = generate_password_hash(password)
    end_sessions(session, user)


def change_password(session: Session, user: User, current: str, new: str) -> None:
    """Replace the password after checking the current one; raise DomainError if it is wrong or `new` refused."""
    if not check_password_hash(user.password_hash, current):
        raise DomainError("Your current password is not that.")
    set_password(session, user, new)


def set_role(session: Session, email: str, role: str) -> User:
    if role not in set(Role):
        raise DomainError(f"Unknown role {role!r}; choose one of {', '.join(Role)}.")
    user = find_user(session, email)
    if user is None:
        raise DomainError(f"No user with e-mail {email}.")
    before, user.role = user.role, role
    if before != role:  # from the command line: no acting account
        audit(
            session, None, "role", ("user", user.id), f"{user.email}: {before} → {role}", role_before=before, role=role
        )
    session.flush()
    return user


def change_role(session: Session, user: User, role: str, by: User) -> None:
    """An admin gives `user` another role; raise DomainError for an unknown role or an admin demoting themself."""
    if role not in set(Role):
        raise DomainError(N_("Unknown role %(role)r; choose one of %(roles)s."), role=role, roles=", ".join(Role))
    if user.id == by.id and role != user.role:
        raise DomainError(N_("You cannot change your own role; ask another admin."))
    before, user.role = user.role, role
    if before != role:
        audit(
            session, by.id, "role", ("user", user.id), f"{user.email}: {before} → {role}", role_before=before, role=role
        )
    session.flush()


def disable_user(session: Session, user: User, by: User) -> None:
    """Disable the account and end its sessions; raise DomainError for the admin's own account."""
    if user.id == by.id:
        raise DomainError(N_("You cannot disable your own account."))
    if user.disabled_at is None:
        user.disabled_at = utcnow()
    end_sessions(session, user)


def enable_user(session: Session, user: User) -> None:
    """Enable a disabled account; raise DomainError for one its owner deleted (nothing of them is left to enable)."""
    if is_deleted(user):
        raise DomainError(N_("This account was deleted by its owner and cannot be enabled again."))
    user.disabled_at = None
    session.flush()


def is_deleted(user: User) -> bool:
    """True for an account its owner deleted: scrubbed, with a password hash no password can match."""
    return user.password_hash == DELETED_PASSWORD


def admin_exists(session: Session) -> bool:
    return bool(session.scalar(select(func.count(User.id)).where(User.role == Role.ADMIN)))


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.id)))


def search_users(session: Session, text: str = "", limit: int = SEARCH_LIMIT) -> list[User]:
    """Accounts whose e-mail or name contains `text` (any case), newest first, at most `limit`."""
    query = select(User).order_by(User.id.desc()).limit(limit)
    words = text.strip().lower()
    if words:
        pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(
            or_(func.lower(User.email).like(pattern, escape="\\"), func.lower(User.name).like(pattern, escape="\\"))
        )
    return list(session.scalars(query))
