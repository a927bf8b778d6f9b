"""Domain exceptions raised by services; views turn them into HTTP answers in one place."""


class DomainError(Exception):
    """A rule of the domain refused the request; the message is safe to show the user.

    `message` may hold `%(name)s` placeholders filled from `variables`: `str()` gives the English sentence, and a
    view can look the untouched message up in the catalogue (`trainer.i18n.error_text`) and fill in the same values.
    """

    status = 400

    def __init__(self, message: str = "", **variables) -> None:
        super().__init__(message % variables if variables else message)
        self.message, self.variables = message, variables


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
