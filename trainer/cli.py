"""Command line: `flask --app trainer users|bank|db|init ...`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from trainer.auth import service as users_service
from trainer.bank import service as bank_service
from trainer.bank.stats import bank_stats
from trainer.bank.taxonomy import TaxonomyError, find_taxonomy, load_taxonomy
from trainer.bank.validation import check_bank
from trainer.core.access import Role
from trainer.core.errors import DomainError
from trainer.extensions import db

users = AppGroup("users", help="Manage accounts.")
bank = AppGroup("bank", help="Validate, import and count the question bank.")
database = AppGroup("db", help="Database schema.")
attempts = AppGroup("attempts", help="Look after attempts.")
ROLES = click.Choice([r.value for r in Role])


@users.command("create")
@click.argument("email")
@click.option("--role", type=ROLES, default="candidate", show_default=True)
@click.option("--name", default="")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_user(email: str, role: str, name: str, password: str) -> None:
    """Create an account (asks for the password unless --password is given)."""
    try:
        user = users_service.create_user(db.session, email, password, name=name, role=role)
    except DomainError as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Created {user.email} ({user.role}).")


@users.command("list")
def list_users() -> None:
    """List accounts with their roles."""
    for user in users_service.list_users(db.session):
        click.echo(f"{user.id:>5}  {user.role:<10}  {user.category:<4}  {user.email}  {user.name}")


@users.command("set-role")
@click.argument("email")
@click.argument("role", type=ROLES)
def set_role(email: str, role: str) -> None:
    """Change an account's role."""
    try:
        user = users_service.set_role(db.session, email, role)
    except DomainError as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"{user.email} is now {user.role}.")


@bank.command("validate")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
def validate(path: Path) -> None:
    """Report every problem in every bank file under PATH as file:line; exit 1 if any."""
    result = check_bank(path)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    click.echo(f"{len(result.questions)} valid question(s), {len(result.problems)} problem(s).")
    if result.problems:
        sys.exit(1)


@bank.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
def import_(path: Path) -> None:
    """Import all bank files under PATH in one transaction: everything or nothing."""
    result = check_bank(path)
    if result.problems:
        for problem in result.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"{len(result.problems)} problem(s); nothing was imported.")
    try:
        taxonomy = load_taxonomy(find_taxonomy(path))
    except TaxonomyError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        report = bank_service.import_bank(db.session, result, taxonomy)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    click.echo(f"Imported: {report}.")


@bank.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats(as_json: bool) -> None:
    """Count published questions by section, topic and difficulty."""
    counts = bank_stats(db.session)
    if as_json:
        click.echo(json.dumps(counts, indent=2))
        return
    click.echo(f"{counts['total']} published hand-written question(s), {counts['generators']} generator(s)")
    for title, key in (
        ("Section", "by_section"),
        ("Topic", "by_topic"),
        ("Difficulty", "by_difficulty"),
        ("Language", "by_language"),
        ("Groups (passages, cloze texts, data sets)", "groups"),
    ):
        click.echo(f"\n{title}:")
        for name, count in counts[key].items():
            click.echo(f"  {name:<40} {count:>5}")
    click.echo("\nGenerator topics:")
    for topic, keys in counts["generator_topics"].items():
        click.echo(f"  {topic:<40} {len(keys):>5}")


@database.command("upgrade")
def upgrade() -> None:
    """Create or upgrade the schema to the newest migration."""
    from trainer.schema import upgrade as run_upgrade

    run_upgrade(db.engine)
    click.echo("Database schema is up to date.")


@attempts.command("close-expired")
def close_expired() -> None:
    """Close (and grade) every attempt whose time ran out with nobody there; safe to run from cron, twice."""
    from trainer.core.clock import utcnow
    from trainer.exam.service import close_expired as close

    closed = close(db.session, utcnow(), float(current_app.config["SAVE_GRACE_SECONDS"]))
    db.session.commit()
    click.echo(f"Closed {closed} expired attempt(s).")


@bank.command("retire-stale")
@click.option(
    "--before",
    "before",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Retire items whose facts were last checked before this date (YYYY-MM-DD).",
)
def retire_stale(before) -> None:
    """Retire time-bound items (current affairs) whose as_of date is older than --before."""
    retired = bank_service.retire_stale(db.session, before.date())
    db.session.commit()
    click.echo(f"Retired {len(retired)} item(s)" + (f": {', '.join(retired)}" if retired else "."))


@click.command("init")
def init() -> None:
    """First-start set-up: schema, bundled bank (if the bank is empty), first admin (if none)."""
    from trainer.bootstrap import initialise

    initialise(current_app, echo=click.echo)


def register(app: Flask) -> None:
    for group in (users, bank, database, attempts, init):
        app.cli.add_command(group)
