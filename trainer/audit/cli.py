"""`flask --app trainer audit list [--kind K] [--limit N]`: the audit log, newest first, one line per event."""

from __future__ import annotations

import json

import click
from flask.cli import AppGroup

from trainer.audit import service
from trainer.cli import needs_schema
from trainer.extensions import db

audit = AppGroup("audit", help="The audit log of edits, imports, publishing, regrades and role changes.")


@audit.command("list")
@click.option("--kind", type=click.Choice(sorted(service.KINDS)), help="Only events of this kind.")
@click.option("--limit", type=click.IntRange(1, service.MAX_LIMIT), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line, with the details.")
@needs_schema
def list_events(kind: str | None, limit: int, as_json: bool) -> None:
    """Print the newest events (time UTC, kind, who, object, summary)."""
    page = service.events_page(db.session, kind or "", None, limit)
    for event, actor in page.events:
        if as_json:
            click.echo(json.dumps({"id": event.id, "at": event.at.isoformat(), "kind": event.kind, "actor": actor,
                                   "object": f"{event.object_type}:{event.object_id}", "summary": event.summary,
                                   "detail": event.detail}, ensure_ascii=False))  # fmt: skip
        else:
            click.echo(f"{event.at:%Y-%m-%d %H:%M:%S}  {event.kind:<8} {actor:<30} "
                       f"{event.object_type}:{event.object_id}  {event.summary}")  # fmt: skip
    if not page.events:
        click.echo("No events." if not kind else f"No {kind} events.")
