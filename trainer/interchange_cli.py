"""`flask --app trainer bank import|export|csv-template`: the bank in and out of every interchange format."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app

from trainer.bank.interchange import categories
from trainer.bank.interchange.exporting import SUFFIX, export_text, skipped_members
from trainer.bank.interchange.formats import FORMATS, Reading, detect
from trainer.bank.interchange.items import InterchangeError
from trainer.bank.interchange.native import export_native
from trainer.bank.interchange.service import ConflictsRefused, apply_plan, prepare
from trainer.bank.taxonomy import TaxonomyError, find_taxonomy, load_taxonomy
from trainer.cli import bank, needs_schema
from trainer.extensions import db


def _taxonomy(path: Path, fmt: str):
    """The taxonomy a native folder carries; the site's own for every other format."""
    root = path if fmt == "native" and path.suffix.lower() != ".zip" else Path(current_app.config["BANK_PATH"])
    try:
        return load_taxonomy(find_taxonomy(root))
    except TaxonomyError as exc:
        raise click.ClickException(str(exc)) from None


def _report(reading: Reading, plan, every_line: bool) -> None:
    """Errors always; each item in a dry run, else only conflicts and drafts (a real import ends with a count)."""
    for error in reading.errors:
        click.echo(error, err=True)
    for unsupported in reading.unsupported:
        click.echo(str(unsupported), err=True)
    for line in plan.lines:
        reasons, notes = reading.drafts.get(line.uid), reading.notes.get(line.uid)
        if every_line or reasons or notes or line.state == "conflict":
            extra = f"  [draft: {'; '.join(reasons)}]" if reasons else ""
            extra += f"  [not kept: {'; '.join(notes)}]" if notes else ""
            click.echo(f"{line}{extra}")
    errors = len(reading.errors) + len(reading.unsupported)
    if every_line:
        click.echo(f"{plan.summary(errors)}; {len(reading.drafts)} as draft(s)")


@bank.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Default: a folder or .zip is native, .gift/.txt GIFT, .xml Moodle XML, .csv CSV.",
)
@click.option(
    "--dry-run", is_flag=True, help="List each item as new / changed / unchanged / conflict / error; change nothing."
)
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="CATEGORY=SECTION/TOPIC",
    help="Place a category's questions in one of our topics ('*' for questions without a category).",
)
@click.option(
    "--overwrite-conflicts",
    is_flag=True,
    help="Import items whose content is an older version of a question edited since.",
)
@click.option("--skip-conflicts", is_flag=True, help="Leave such questions as they are and import the rest.")
@click.option(
    "--skip-unsupported", is_flag=True, help="Import the rest when some questions are of a type we do not import."
)
@needs_schema
def import_(path: Path, fmt, dry_run, maps, overwrite_conflicts, skip_conflicts, skip_unsupported) -> None:
    """Import questions from PATH in one transaction: everything or nothing."""
    try:
        fmt = detect(path, fmt)
        mapping = categories.parse_mapping(maps)
    except (InterchangeError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    taxonomy = _taxonomy(path, fmt)
    reading, plan = prepare(db.session, path, fmt, mapping, taxonomy)
    _report(reading, plan, dry_run)
    blocked = len(reading.errors) + (0 if skip_unsupported else len(reading.unsupported))
    if blocked:
        raise click.ClickException(f"{blocked} problem(s); nothing was imported.")
    if dry_run:
        click.echo("Dry run: nothing was imported.")
        return
    conflicts = "overwrite" if overwrite_conflicts else "skip" if skip_conflicts else "refuse"
    try:
        report = apply_plan(db.session, reading.check, plan, taxonomy, conflicts)
        db.session.commit()
    except ConflictsRefused as exc:
        db.session.rollback()
        raise click.ClickException(f"{exc}; nothing was imported.") from None
    except Exception:
        db.session.rollback()
        raise
    click.echo(f"Imported: {report}.")


@bank.command("export")
@click.argument("dest", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["native", *SUFFIX]), default="native", show_default=True)
@click.option("--section", help="Only this section.")
@click.option("--topic", help="Only this topic.")
@needs_schema
def export(dest: Path, fmt: str, section, topic) -> None:
    """Write the bank (newest versions) to DEST: a folder in the native format, or a file for the others."""
    if fmt == "native":
        taxonomy_file = find_taxonomy(Path(current_app.config["BANK_PATH"]))
        count, others = export_native(db.session, dest, taxonomy_file, section, topic)
        for path in others:
            click.echo(f"Not written by this export (an import would read it too): {path}", err=True)
    else:
        if dest.is_dir():
            dest = dest / f"bank{SUFFIX[fmt]}"
        dest.parent.mkdir(parents=True, exist_ok=True)
        text, count = export_text(db.session, fmt, section, topic)
        dest.write_text(text, encoding="utf-8")
        skipped = skipped_members(db.session, section, topic)
        if skipped:
            click.echo(f"Left out {skipped} question(s) of passage groups: export them with --format native.")
    click.echo(f"Exported {count} question(s) to {dest}.")


@bank.command("csv-template")
@click.option("--output", type=click.Path(path_type=Path), help="Write to this file instead of printing.")
def csv_template(output: Path | None) -> None:
    """Print (or write) the CSV import template: the header row and one example question."""
    from trainer.bank.interchange.csvfile import template

    if output:
        output.write_text(template(), encoding="utf-8")
        click.echo(f"Wrote the CSV template to {output}.")
    else:
        sys.stdout.write(template())
