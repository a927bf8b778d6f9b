"""Command line: `flask --app trainer users|bank|db|init ...`."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import click
from flask import Flask, current_app, url_for
from flask.cli import AppGroup, ScriptInfo

from trainer.auth import service as users_service
from trainer.bank import service as bank_service
from trainer.bank.stats import bank_stats
from trainer.bank.validation import check_bank
from trainer.bootstrap import ADMIN_EMAIL, initialise
from trainer.config import ConfigError, ensure_secret_file, whole_number
from trainer.core.access import Role
from trainer.core.errors import DomainError
from trainer.extensions import db
from trainer.schema import check_schema, database_errors

users = AppGroup("users", help="Manage accounts.")
bank = AppGroup("bank", help="Validate, import and count the question bank.")
database = AppGroup("db", help="Database schema.")
attempts = AppGroup("attempts", help="Look after attempts.")
ROLES = click.Choice([r.value for r in Role])


def running_flask_cli() -> bool:
    """True while `flask --app trainer ...` runs: Flask's CLI builds the app inside its own click context."""
    context = click.get_current_context(silent=True)
    return context is not None and context.find_object(ScriptInfo) is not None


def store_secret_if_missing(config: dict, instance_path: str) -> None:
    """As run.py does: with no key configured, store a random one in the instance folder (once) and say so."""
    if not config.get("SECRET_KEY") and ensure_secret_file(instance_path):
        click.echo(f"Stored a new random secret key in {Path(instance_path) / 'secret_key'}.", err=True)


@contextmanager
def config_errors_in_one_line():
    """Under `flask --app trainer`, a ConfigError is the CLI's one-line `Error: ...` (exit 1), not a traceback."""
    try:
        yield
    except ConfigError as exc:
        if running_flask_cli():
            raise click.ClickException(str(exc)) from None
        raise


def _check_schema(context: click.Context, _param, _value) -> None:
    if context.resilient_parsing:  # shell completion
        return
    app = context.ensure_object(ScriptInfo).load_app()
    with app.app_context():
        try:
            check_schema(db.engine)
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from None


def needs_schema(command):
    """Mark a command that uses the database: on a database without the (newest) schema it stops in one line,
    saying which command to run, before asking anything and without creating a SQLite file.

    A hidden eager option, so the check runs first of all the command's parameters (`--help` still works)."""
    option = partial(click.option, hidden=True, is_flag=True, expose_value=False, is_eager=True)
    return option("--check-schema", callback=_check_schema)(command)


@users.command("create")
@click.argument("email")
@click.option("--role", type=ROLES, default="candidate", show_default=True)
@click.option("--name", default="")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@needs_schema
def create_user(email: str, role: str, name: str, password: str) -> None:
    """Create an account (asks for the password unless --password is given)."""
    try:
        user = users_service.create_user(db.session, email, password, name=name, role=role)
    except DomainError as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Created {user.email} ({user.role}).")


@users.command("list")
@needs_schema
def list_users() -> None:
    """List accounts with their roles."""
    for user in users_service.list_users(db.session):
        disabled = "" if user.is_active else "  (disabled)"
        click.echo(f"{user.id:>5}  {user.role:<10}  {user.category:<4}  {user.email}  {user.name}{disabled}")


@users.command("set-role")
@click.argument("email")
@click.argument("role", type=ROLES)
@needs_schema
def set_role(email: str, role: str) -> None:
    """Change an account's role."""
    try:
        user = users_service.set_role(db.session, email, role)
    except DomainError as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"{user.email} is now {user.role}.")


@users.command("reset-link")
@click.argument("email")
@needs_schema
def reset_link(email: str) -> None:
    """Print a one-time password-reset link for an account (and e-mail it when SMTP is configured)."""
    from trainer.auth.admin import reset_mail
    from trainer.auth.mail import MailError, mail_configured, send_mail
    from trainer.auth.reset import reset_token

    user = users_service.find_user(db.session, email)
    if user is None:
        raise click.ClickException(f"No user with e-mail {email}.")
    if not user.is_active:
        raise click.ClickException(f"{user.email} is disabled: enable the account first.")
    config = current_app.config
    base = config.get("PUBLIC_URL") or "http://localhost:5000"
    with current_app.test_request_context(base_url=base):
        link = url_for("auth.reset_password", token=reset_token(user, config["SECRET_KEY"]), _external=True)
    if not config.get("PUBLIC_URL"):
        click.echo(f"(TRAINER_PUBLIC_URL is not set: the link assumes the site is at {base}.)", err=True)
    click.echo(f"Password-reset link for {user.email}, valid once for {config['RESET_LINK_HOURS']} hours:")
    click.echo(link)
    if mail_configured(config):
        try:
            send_mail(config, user.email, *reset_mail(user, link, config))
            click.echo(f"Sent to {user.email}.")
        except MailError as exc:
            click.echo(str(exc), err=True)


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


@bank.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@needs_schema
def stats(as_json: bool) -> None:
    """Count published questions by section, topic and difficulty."""
    from trainer.authoring.health_service import supply

    counts = bank_stats(db.session)
    _topics, supplies = supply(db.session, counts)
    counts["papers_without_repeat"] = {
        p.code: {"papers": p.papers, "scarcest": f"{p.scarcest.section}/{p.scarcest.key}" if p.scarcest else None}
        for p in supplies
    }
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
    click.echo("\nPapers without repeating a hand-written item (the scarcest topic decides):")
    for p in supplies:
        limit = "no limit" if p.papers is None else f"{p.papers:>5}"
        scarcest = f"  scarcest: {p.scarcest.section}/{p.scarcest.key} ({p.scarcest.items} items)" if p.scarcest else ""
        click.echo(f"  {p.code:<40} {limit}{scarcest}")


@bank.command("refill-generated")
@click.option("--per-generator", type=click.IntRange(1, 10_000), default=None, help="Items to keep per generator.")
@needs_schema
def refill_generated(per_generator: int | None) -> None:
    """Top the pool of generated items up (TRAINER_GENERATED_POOL_SIZE per generator); safe to run from cron."""
    import random

    from trainer.bank.pool import refill

    size = per_generator or whole_number(current_app.config, "GENERATED_POOL_SIZE")
    added = refill(db.session, random.Random(), size, done=db.session.commit)
    click.echo(f"Added {sum(added.values())} generated item(s) to the pool ({size} per generator).")


@database.command("upgrade")
def upgrade() -> None:
    """Create or upgrade the schema to the newest migration."""
    from trainer.schema import upgrade as run_upgrade

    try:
        with database_errors(db.engine):
            run_upgrade(db.engine)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo("Database schema is up to date.")


@attempts.command("close-expired")
@needs_schema
def close_expired() -> None:
    """Close (and grade) every attempt whose time ran out with nobody there; safe to run from cron, twice."""
    from trainer.core.clock import utcnow
    from trainer.exam.service import close_expired as close
    from trainer.skills.service import close_expired as close_typing

    closed = close(db.session, utcnow(), float(current_app.config["SAVE_GRACE_SECONDS"]))
    typing = close_typing(db.session, utcnow(), float(current_app.config["SAVE_GRACE_SECONDS"]))
    db.session.commit()
    click.echo(f"Closed {closed} expired attempt(s).")
    click.echo(f"Closed {typing} expired typing test(s).")


@bank.command("retire-stale")
@click.option(
    "--before",
    "before",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Retire items whose facts were last checked before this date (YYYY-MM-DD).",
)
@needs_schema
def retire_stale(before) -> None:
    """Retire time-bound items (current affairs) whose as_of date is older than --before."""
    retired = bank_service.retire_stale(db.session, before.date())
    db.session.commit()
    click.echo(f"Retired {len(retired)} item(s)" + (f": {', '.join(retired)}" if retired else "."))


def _email(_context, _param, value: str) -> str:
    local, at, domain = value.strip().partition("@")
    if not (local and at and domain) or any(c.isspace() for c in value.strip()):
        raise click.BadParameter(f"{value!r} is not an e-mail address.")
    return value.strip()


@click.command("init")
@click.option(
    "--admin-email",
    default=ADMIN_EMAIL,
    show_default=True,
    callback=_email,
    help="E-mail (sign-in name) of the first admin account, made only if there is no admin yet.",
)
def init(admin_email: str) -> None:
    """First-start set-up: schema, bundled bank (if the bank is empty), first admin (if none).

    Stores a random secret key in the instance folder first if none is configured (as `python run.py` does), and
    prints the first admin's generated password once."""
    try:
        initialise(current_app, echo=click.echo, admin_email=admin_email)
    except (ConfigError, DomainError) as exc:
        raise click.ClickException(str(exc)) from None


def register(app: Flask) -> None:
    import trainer.interchange_cli  # noqa: F401  (defines bank import / export / csv-template on `bank`)
    from trainer.audit.cli import audit
    from trainer.itemstats.cli import stats as item_stats
    from trainer.ops.cli import backup_command, restore_command
    from trainer.results.cli import cutoffs, results  # a feature's own commands; they use needs_schema from here
    from trainer.skills.cli import skills

    commands = (
        users,
        bank,
        database,
        attempts,
        init,
        cutoffs,
        results,
        backup_command,
        restore_command,
        skills,
        item_stats,
        audit,
    )
    for group in commands:
        app.cli.add_command(group)
