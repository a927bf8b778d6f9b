"""Sending account e-mail (reset links, registration notices) through the SMTP server in the configuration."""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage

from trainer.core.wording import N_

log = logging.getLogger(__name__)


class MailError(RuntimeError):
    """The message could not be handed to the SMTP server; the text says why (`message`, a Message: English for
    the CLI and the log, the reader's language on a page)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def mail_configured(config) -> bool:
    """True when TRAINER_SMTP_HOST is set."""
    return bool(config.get("SMTP_HOST"))


def send_mail(config, to: str, subject: str, body: str) -> None:
    """Send a plain-text message with the configured SMTP server; raise MailError if it cannot be sent."""
    sender = str(config.get("SMTP_FROM") or config.get("SMTP_USER") or f"no-reply@{config['SMTP_HOST']}")
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message.set_content(body)
    try:
        with _connect(config) as server:
            if config.get("SMTP_USER"):
                server.login(str(config["SMTP_USER"]), str(config.get("SMTP_PASSWORD") or ""))
            server.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("mail to %s not sent: %s", to, exc)
        raise MailError(N_("The e-mail to %(to)s could not be sent (%(reason)s).", to=to, reason=str(exc))) from exc


def _connect(config) -> smtplib.SMTP:
    host, port = str(config["SMTP_HOST"]), int(config.get("SMTP_PORT") or 587)
    security = str(config.get("SMTP_SECURITY") or "starttls").lower()
    if security not in ("starttls", "ssl", "none"):
        raise MailError(N_("TRAINER_SMTP_SECURITY is %(value)r; use starttls, ssl or none.", value=security))
    if security == "ssl":
        return smtplib.SMTP_SSL(host, port, timeout=20, context=ssl.create_default_context())
    server = smtplib.SMTP(host, port, timeout=20)
    if security == "starttls":
        try:
            server.starttls(context=ssl.create_default_context())
        except BaseException:
            server.close()
            raise
    return server
