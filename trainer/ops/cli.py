"""`flask --app trainer backup FILE` and `restore FILE`."""

from __future__ import annotations

from pathlib import Path

import click

from trainer.extensions import db
from trainer.ops.backup import BackupError, backup, restore
from trainer.ops.health import head_revision
from trainer.schema import database_name

FILE = click.Path(dir_okay=False, path_type=Path)


@click.command("backup")
@click.argument("file", type=FILE)
@click.option("--overwrite", is_flag=True, help="Replace FILE if it exists.")
def backup_command(file: Path, overwrite: bool) -> None:
    """Copy the whole database to FILE while the site runs (SQLite: a SQLite file; PostgreSQL: pg_dump's custom
    format, which needs pg_dump installed)."""
    if file.exists() and not overwrite:
        raise click.ClickException(f"{file} exists: choose another name, or give --overwrite.")
    try:
        backup(db.engine, file)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Backed up {database_name(db.engine)} to {file} ({file.stat().st_size:,} bytes).")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(file: Path, yes: bool) -> None:
    """Replace everything in the database with the backup FILE (stop the app servers first)."""
    if not yes:
        click.confirm(
            f"Replace everything in {database_name(db.engine)} with {file}? Answers and accounts added since the "
            "backup are lost",
            abort=True,
        )
    try:
        revision = restore(db.engine, file)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Restored {database_name(db.engine)} from {file} (schema {revision}).")
    if revision != head_revision():
        click.echo(f"The backup's schema is older than this version's ({head_revision()}): run "
                   "`flask --app trainer db upgrade` before starting the site.", err=True)  # fmt: skip
