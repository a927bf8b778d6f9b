"""First start: create or upgrade the schema, load the bundled bank and cut-offs into empty tables, make an admin."""

from __future__ import annotations

import random
import secrets
from pathlib import Path

from flask import Flask

from trainer.auth.service import admin_exists, create_user
from trainer.bank.pool import refill
from trainer.bank.service import bank_is_empty, import_bank, refresh_topics
from trainer.bank.taxonomy import find_taxonomy, load_taxonomy
from trainer.bank.validation import check_bank
from trainer.config import whole_number
from trainer.core.access import Role
from trainer.extensions import db
from trainer.results.cutoffs import load_bundled_if_empty
from trainer.schema import database_errors, upgrade

ADMIN_EMAIL = "admin@localhost"


def initialise(app: Flask, echo=print, admin_email: str = ADMIN_EMAIL) -> None:
    """Idempotent: a second run changes nothing that exists.

    Raises ConfigError if the database cannot be reached or used, DomainError if the admin's e-mail is refused.
    """
    with app.app_context(), database_errors(db.engine):
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
        added = refill(session, random.Random(), whole_number(app.config, "GENERATED_POOL_SIZE"), done=session.commit)
        if added:
            echo(f"Prepared {sum(added.values())} generated question(s) for the pool.")
        loaded = load_bundled_if_empty(session)
        if loaded:
            session.commit()
            echo(f"Loaded {loaded} bundled Tier-I cut-offs (edit them on the admin's Cut-offs page).")
        if not admin_exists(session):
            password = secrets.token_urlsafe(12)
            admin = create_user(session, admin_email, password, name="Administrator", role=Role.ADMIN)
            session.commit()
            echo("Created the first admin account (shown only this once):")
            echo(f"    e-mail:   {admin.email}")
            echo(f"    password: {password}")
        elif admin_email != ADMIN_EMAIL:
            echo(f"An admin account exists already: no account was created for {admin_email}.")
