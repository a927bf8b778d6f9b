"""Section names for pages: the bank's taxonomy.yaml, read once per process, named in the interface language."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from flask import current_app

from trainer.bank.taxonomy import SectionDef, TaxonomyError, find_taxonomy, load_taxonomy
from trainer.i18n import local_name


@cache
def bank_sections(bank_path: str) -> dict[str, SectionDef]:
    """The sections of the bank folder's taxonomy, by key; {} if the file is missing or malformed.

    Read once per process, not stored: topic names follow the same file on every start (bootstrap's refresh_topics,
    which also reports a malformed file), so the pages name sections as of the last start without a query.
    """
    try:
        return load_taxonomy(find_taxonomy(Path(bank_path)))
    except TaxonomyError:
        return {}


def section_name(key: str) -> str:
    """A section's name in the interface language ("General Awareness", "सामान्य जागरूकता"); a section the taxonomy
    does not know shows its key, title-cased."""
    section = bank_sections(current_app.config["BANK_PATH"]).get(key)
    return local_name(section) if section else key.title()
