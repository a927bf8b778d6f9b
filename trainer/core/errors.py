"""Domain exceptions raised by services; views turn them into HTTP answers in one place."""

from datetime import UTC, datetime


class DomainError(Exception):
    """A rule of the domain refused the request; the message is safe to show the user.

    `message` may hold `%(name)s` placeholders filled from `variables`: `str()` gives the English sentence, and a
    view can look the untouched message up in the catalogue (`trainer.i18n.error_text`) and fill in the same values.
    """

    status = 400

    def __init__(self, message: str = "", **variables) -> None:
        super().__init__(message % {k: _plain(v) for k, v in variables.items()} if variables else message)
        self.message, self.variables = message, variables


def _plain(value):
    """A moment in the English sentence (the CLI, JSON answers, logs) as "2026-12-08 04:30 UTC"; pages write it in
    the site's time zone instead (`trainer.i18n.error_text`)."""
    if not isinstance(value, datetime):
        return value
    return f"{value.astimezone(UTC) if value.tzinfo else value:%Y-%m-%d %H:%M} UTC"  # naive: UTC already


class Unauthorized(DomainError):
    """Nobody is signed in, or the session was ended (signed out elsewhere, password changed, account disabled)."""

    status = 401


class NotFound(DomainError):
    status = 404


class Forbidden(DomainError):
    status = 403


class Conflict(DomainError):
    """The request clashes with the current state (e.g. a write after the deadline)."""

    status = 409
