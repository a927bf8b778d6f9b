"""`flask --app trainer cutoffs load FILE.csv` (all rows or none) and `flask --app trainer results rebuild`."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from trainer.cli import needs_schema
from trainer.extensions import db
from trainer.results import cutoffs as service
from trainer.results.cutoff_data import CutoffFileError

cutoffs = AppGroup("cutoffs", help="Previous years' cut-offs, compared with results.")
results = AppGroup("results", help="Score distributions behind ranks and percentiles.")


@cutoffs.command("load")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and say what would change; store nothing.")
@needs_schema
def load(path: Path, dry_run: bool) -> None:
    """Add or replace cut-offs from a CSV with the header paper,stage,year,category,marks,out_of,source,note.

    A row replaces a stored cut-off with the same paper, stage, year and category. Any bad row: every problem is
    printed as file:line and nothing is loaded (exit 1)."""
    try:
        rows = service.read_file(path)
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{path}: not UTF-8 text ({exc.reason}); nothing was loaded.") from None
    except CutoffFileError as exc:
        for problem in exc.problems:
            click.echo(problem, err=True)
        raise click.ClickException(f"Nothing was loaded from {path}.") from None
    added, replaced = service.load_rows(db.session, rows)
    if dry_run:
        db.session.rollback()
        click.echo(f"Dry run: {added} cut-off(s) would be added and {replaced} replaced; nothing was stored.")
        return
    db.session.commit()
    click.echo(f"Loaded {path}: {added} cut-off(s) added, {replaced} replaced.")


@results.command("rebuild")
@needs_schema
def rebuild() -> None:
    """Count every candidate's first graded strict attempt at each paper again (after an upgrade from a version
    without ranks). Reads every strict attempt: run it while the site is quiet."""
    from trainer.results.rebuild import rebuild_distributions

    counted = rebuild_distributions(db.session)
    db.session.commit()
    click.echo(f"Rebuilt the score distributions from {counted} first attempt(s).")
