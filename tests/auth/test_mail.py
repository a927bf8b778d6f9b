"""Account e-mail goes through the configured SMTP server; a bad setting or a dead server is one clear error."""

from __future__ import annotations

import pytest

from trainer.auth.mail import MailError, mail_configured, send_mail


def test_a_message_is_sent_with_the_configured_sender_and_login(app, outbox):
    assert mail_configured(app.config)

    send_mail(app.config, "asha@example.com", "Hello", "Body text")  # the password arrives as an int from env

    (message,) = outbox.to("asha@example.com")
    assert (message["From"], message["Subject"], message.get_content().strip()) == (
        "site@example.com",
        "Hello",
        "Body text",
    )


def test_no_host_means_no_mail(app):
    assert not mail_configured(app.config)


def test_an_unknown_security_setting_is_refused_clearly(app, outbox):
    app.config["SMTP_SECURITY"] = "tls-please"

    with pytest.raises(MailError, match="TRAINER_SMTP_SECURITY is 'tls-please'; use starttls, ssl or none."):
        send_mail(app.config, "asha@example.com", "Hello", "Body")
    assert outbox == []


def test_a_server_that_cannot_be_reached_is_one_clear_error(app, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr("trainer.auth.mail.smtplib.SMTP", refuse)
    app.config["SMTP_HOST"] = "mail.invalid"

    with pytest.raises(MailError, match=r"The e-mail to asha@example.com could not be sent \(.*Connection refused"):
        send_mail(app.config, "asha@example.com", "Hello", "Body")
