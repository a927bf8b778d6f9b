"""The whole database to one file and back: SQLite's online backup API, PostgreSQL's pg_dump and pg_restore."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import URL

SQLITE_HEADER = b"SQLite format 3\x00"
# `pg_restore --list`: "215; 1259 16390 TABLE public attempt postgres"
ARCHIVED_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE (\S+) (\S+) ", re.M)


class BackupError(RuntimeError):
    """The backup or restore cannot be done; the message says why and what to do."""


def backup(engine: Engine, destination: Path) -> None:
    """Write a consistent copy of the whole database to `destination` (replaced only once the copy is complete),
    while the site keeps running. Raises BackupError."""
    partial = destination.with_name(destination.name + ".partial")
    try:
        if engine.url.get_backend_name() == "sqlite":
            _sqlite_backup(_sqlite_file(engine.url, must_exist=True), partial, into_backup_file=True)
        else:
            _run(_tool("pg_dump"), "--format=custom", f"--file={partial}", engine.url)
        os.replace(partial, destination)
    finally:
        partial.unlink(missing_ok=True)


def restore(engine: Engine, source: Path) -> str | None:
    """Replace every table of the database with those of the backup `source`; return the backup's schema revision.

    All or nothing: SQLite copies the file through the backup API under its lock, PostgreSQL restores in one
    transaction. Raises BackupError for a file that is not a backup of this site (checked before anything changes).
    """
    engine.dispose()  # this process's pooled connections would hold the tables being replaced
    if engine.url.get_backend_name() == "sqlite":
        revision = _sqlite_revision(source)
        _sqlite_backup(source, _sqlite_file(engine.url, must_exist=False))
    else:
        _check_archive(engine, source)
        _run(_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
             "--exit-on-error", str(source), engine.url)  # fmt: skip
        with engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    return revision


def _sqlite_file(url: URL, must_exist: bool) -> Path:
    if url.database in (None, "", ":memory:"):
        raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
    path = Path(url.database)
    if must_exist and not path.exists():
        raise BackupError(f"No database at {path}: nothing to back up.")
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    return path


def _sqlite_backup(source: Path, target: Path, into_backup_file: bool = False) -> None:
    """Copy page by page with SQLite's online backup API (writers wait, readers go on)."""
    try:
        with closing(sqlite3.connect(source, timeout=30)) as src, closing(sqlite3.connect(target, timeout=30)) as dst:
            src.backup(dst)
            if into_backup_file:
                dst.execute("PRAGMA journal_mode=DELETE")  # no -wal file beside it: the backup is one file
    except sqlite3.Error as exc:
        raise BackupError(f"SQLite could not copy {source} to {target}: {exc}") from exc


def _sqlite_revision(source: Path) -> str:
    """The schema revision of a SQLite backup; BackupError if it is not one of this site's."""
    with open(source, "rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise BackupError(f"{source} is not a SQLite database (a PostgreSQL backup restores only into PostgreSQL).")
    try:
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as connection:
            if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError(f"{source} is damaged (SQLite's quick_check fails).")
            return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    except (sqlite3.Error, TypeError) as exc:
        raise BackupError(f"{source} is not a backup of this site (no schema version): {exc}") from exc


def _check_archive(engine: Engine, source: Path) -> None:
    """Refuse an archive pg_restore cannot read, or a database holding tables the archive would leave behind."""
    try:
        listing = _run(_tool("pg_restore"), "--list", str(source))
    except BackupError as exc:
        raise BackupError(
            f"{source} is not a PostgreSQL backup in pg_dump's custom format (a SQLite backup restores only into "
            f"SQLite): {exc}"
        ) from exc
    archived = {name for schema, name in ARCHIVED_TABLE.findall(listing) if schema == "public"}
    if "alembic_version" not in archived:
        raise BackupError(f"{source} is not a backup of this site (no alembic_version table).")
    extra = sorted(set(inspect(engine).get_table_names()) - archived)
    if extra:
        raise BackupError(
            f"The database has tables the backup does not ({', '.join(extra)}), which a restore would leave behind: "
            "restore into an empty database (dropdb, createdb) instead."
        )


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed: install PostgreSQL's client tools (Debian: apt-get install postgresql-client), "
            "of the server's major version or newer."
        )
    return path


def _run(tool: str, *arguments: str | URL) -> str:
    """Run a PostgreSQL tool against the database (the password goes in the environment, never on the command
    line); its output, or BackupError with what it said."""
    command, env = [tool], dict(os.environ)
    for argument in arguments:
        if isinstance(argument, URL):
            if argument.password:
                env["PGPASSWORD"] = str(argument.password)
            uri = argument.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
            command.append(f"--dbname={uri}")
        else:
            command.append(argument)
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        said = " ".join(result.stderr.strip().splitlines()[:3]) or f"exit status {result.returncode}"
        raise BackupError(f"{Path(tool).name} failed: {said}")
    return result.stdout
