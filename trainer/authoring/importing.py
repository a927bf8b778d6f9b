"""The web import, step by step over a stored upload: categories still to map, the dry run, the commit.

Each step reads the stored file again with the bank's interchange code (`interchange.service.prepare`, the
CLI's path), so what the dry run shows is what the commit does, even if the bank changed in between."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from trainer.authoring.uploads import Upload
from trainer.bank.interchange.categories import DEFAULT, unplaced
from trainer.bank.interchange.formats import Reading, read_file
from trainer.bank.interchange.items import InterchangeError, assign_uids
from trainer.bank.interchange.service import Plan, apply_plan, prepare
from trainer.bank.service import ImportReport
from trainer.bank.taxonomy import SectionDef
from trainer.bank.validation import BankCheck
from trainer.core.errors import Conflict

KEEP, TAKE = "keep", "take"  # a conflict's choices: keep the site's newer version, or take the file's


@dataclass(frozen=True)
class Row:
    """One line of the dry run as the page shows it."""

    where: str  # file:line
    uid: str
    state: str  # new, changed, unchanged, conflict, error, unsupported
    note: str = ""


def categories_to_map(upload: Upload, taxonomy: dict[str, SectionDef]) -> list[str]:
    """The file's categories that name none of our topics and have no mapping yet (DEFAULT: no category)."""
    if upload.fmt == "native":
        return []
    try:
        parsed = read_file(upload.path, upload.fmt)
    except InterchangeError:
        return []  # the dry run reports the file's error
    assign_uids(parsed.items)
    return unplaced(parsed.items, upload.mapping, taxonomy)


def set_mapping(upload: Upload, chosen: dict[str, str], taxonomy: dict[str, SectionDef]) -> None:
    """Record the instructor's topic for each category; ValueError naming a choice that is not one of our topics."""
    for category, target in chosen.items():
        section, _, topic = target.partition("/")
        if section not in taxonomy or topic not in taxonomy[section].topics:
            name = "questions without a category" if category == DEFAULT else repr(category)
            raise ValueError(f"Choose one of our topics for {name}.")
    upload.mapping = upload.mapping | chosen
    upload.save()


def dry_run(session: Session, upload: Upload, taxonomy: dict[str, SectionDef]) -> tuple[Reading, Plan, list[Row]]:
    """What committing would do, changing nothing: every item with its state and file:line."""
    reading, plan = prepare(session, upload.path, upload.fmt, upload.mapping, taxonomy)
    rows = [Row(upload.where(error.split(": ", 1)[0]), "", "error", _message(error)) for error in reading.errors]
    rows += [
        Row(upload.where(f"{u.path}:{u.line}"), "", "unsupported", f"question type {u.kind!r} is not imported")
        for u in reading.unsupported
    ]
    for line in plan.lines:
        reasons, notes = reading.drafts.get(line.uid), reading.notes.get(line.uid)
        note = f"comes in as a draft: {'; '.join(reasons)}" if reasons else ""
        note += f"{'; ' if note else ''}not kept: {'; '.join(notes)}" if notes else ""
        rows.append(Row(upload.where(line.where), line.uid, line.state, note))
    return reading, plan, rows


def _message(error: str) -> str:
    """The message of a `file:line: message` error (the text after the location)."""
    parts = error.split(": ", 1)
    return parts[1] if len(parts) == 2 else error


def commit(
    session: Session,
    upload: Upload,
    taxonomy: dict[str, SectionDef],
    choices: dict[str, str],
    skip_unsupported: bool,
) -> ImportReport:
    """Import the upload, all or nothing: each conflict as chosen (KEEP or TAKE). Conflict (nothing imported) if the
    file has errors, unsupported questions not agreed to be left out, or a conflict without a choice."""
    reading, plan = prepare(session, upload.path, upload.fmt, upload.mapping, taxonomy)
    if reading.errors:
        raise Conflict(f"The file has {len(reading.errors)} error(s): nothing was imported.")
    if reading.unsupported and not skip_unsupported:
        raise Conflict(
            f"{len(reading.unsupported)} question(s) are of a type we do not import: tick “leave them out” to "
            "import the rest. Nothing was imported."
        )
    conflicts = plan.uids("conflict")
    undecided = [uid for uid in conflicts if choices.get(uid) not in (KEEP, TAKE)]
    if undecided:
        raise Conflict(f"Choose the site's or the file's version for {', '.join(undecided)}. Nothing was imported.")
    kept = {uid for uid in conflicts if choices[uid] == KEEP}
    check = reading.check
    if kept:
        questions = {uid: entry for uid, entry in check.questions.items() if uid not in kept}
        check = BankCheck(questions, check.problems, check.groups, check.parsed)
    return apply_plan(session, check, plan, taxonomy, conflicts="overwrite")
