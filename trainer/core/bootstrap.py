"""First start: create or upgrade the schema, load the bundled bank into an empty database, make an admin."""

from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask

from trainer.auth.service import admin_exists, create_user
from trainer.bank.service import bank_is_empty, import_bank, refresh_topics
from trainer.bank.taxonomy import find_taxonomy, load_taxonomy
from trainer.bank.validation import check_bank
from trainer.core.access import Role
from trainer.core.schema import upgrade
from trainer.extensions import db

ADMIN_EMAIL = "admin@localhost"


def initialise(app: Flask, echo=print) -> None:
    """Idempotent: a second run changes nothing that exists."""
    with app.app_context():
        upgrade(db.engine)
        session = db.session
        root = Path(app.config["BANK_PATH"])
        if bank_is_empty(session):
            check = check_bank(root)
            for problem in check.problems:
                echo(f"bank: {problem}")
            if not check.problems:
                report = import_bank(session, check, load_taxonomy(find_taxonomy(root)))
                session.commit()
                echo(f"Loaded the bundled question bank from {root}: {report}.")
        else:  # topic names and weights follow taxonomy.yaml on every start, as on every import
            for problem in refresh_topics(session, root):
                echo(f"taxonomy: {problem}")
            session.commit()
        if not admin_exists(session):
            password = secrets.token_urlsafe(12)
            create_user(session, ADMIN_EMAIL, password, name="Administrator", role=Role.ADMIN)
            session.commit()
            echo("Created the first admin account (shown only this once):")
            echo(f"    e-mail:   {ADMIN_EMAIL}")
            echo(f"    password: {password}")
