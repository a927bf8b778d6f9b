"""`flask --app trainer stats refresh [--all]`: count newly graded attempts into the item statistics (cron-safe)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from trainer.cli import needs_schema
from trainer.core.clock import utcnow
from trainer.extensions import db

stats = AppGroup("stats", help="Item statistics of the question bank (facility, discrimination, distractors).")


@stats.command("refresh")
@click.option("--all", "everything", is_flag=True, help="Start again from every graded strict attempt.")
@needs_schema
def refresh_command(everything: bool) -> None:
    """Count the strict attempts graded since the last refresh and recompute the question versions they touch.

    Safe from cron: a refresh that finds another running does nothing (PostgreSQL) or waits for it (SQLite)."""
    from trainer.itemstats.refresh import RefreshRunning, refresh

    try:
        report = refresh(db.session, utcnow(), everything=everything)
    except RefreshRunning as exc:
        db.session.rollback()
        click.echo(str(exc))
        return
    db.session.commit()
    click.echo(
        f"Counted {report.attempts} attempt(s); recomputed {report.versions} question version(s) "
        f"from {report.bins} bin(s)."
    )
