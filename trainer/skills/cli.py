"""`flask --app trainer skills validate [FOLDER]`: check the DEST passages."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from trainer.skills.passages import FOLDER, read_folder

skills = AppGroup("skills", help="The typing test's passages.")


@skills.command("validate")
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
def validate(folder: Path | None) -> None:
    """Report every problem in the passage files (default: question_bank/typing); exit 1 if any."""
    passages, problems = read_folder(folder or FOLDER)
    for problem in problems:
        click.echo(problem, err=True)
    tests = sum(p.kind == "test" for p in passages)
    click.echo(
        f"{len(passages)} passage(s) ({tests} test, {len(passages) - tests} warm-up), {len(problems)} problem(s)."
    )
    if problems:
        sys.exit(1)
