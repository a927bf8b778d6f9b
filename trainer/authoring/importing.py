"""The web import, step by step over a stored upload: categories still to map, the dry run, the commit.

Each step reads the stored file again with the bank's interchange code (`interchange.service.prepare`, the
CLI's path), so what the dry run shows is what the commit does, even if the bank changed in between."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from trainer.authoring.uploads import Upload
from trainer.bank.interchange.categories import DEFAULT, unplaced
from trainer.bank.interchange.formats import Reading, read_file
from trainer.bank.interchange.items import InterchangeError, assign_uids
from trainer.bank.interchange.service import STATES, Plan, apply_plan, prepare
from trainer.bank.service import ImportReport
from trainer.bank.taxonomy import SectionDef
from trainer.bank.validation import BankCheck
from trainer.core.errors import Conflict, DomainError
from trainer.core.wording import ENGLISH, N_, Wording, say

KEEP, TAKE = "keep", "take"  # a conflict's choices: keep the site's newer version, or take the file's
# The states of the dry run's rows, translated where the page shows them.
STATE_WORDS = {
    "new": N_("new"),
    "changed": N_("changed"),
    "unchanged": N_("unchanged"),
    "conflict": N_("conflict"),
    "error": N_("error"),
    "unsupported": N_("unsupported"),
}


class MappingError(DomainError, ValueError):
    """A category was mapped to something that is not one of our topics."""


def summary(plan: Plan, errors: int, wording: Wording = ENGLISH) -> str:
    """`3 new, 1 changed, ...`: the dry run's counts per state, with the errors found before planning."""
    _ = wording.gettext
    counts = {state: len(plan.uids(state)) for state in STATES} | {"error": errors}
    return ", ".join(_("%(count)s %(state)s", count=n, state=_(STATE_WORDS[s])) for s, n in counts.items())


def report_text(report: ImportReport, wording: Wording = ENGLISH) -> str:
    """What an import did, e.g. "1 new question(s), 0 new version(s), 2 unchanged"."""
    return wording.gettext(
        "%(created)s new question(s), %(versions)s new version(s), %(unchanged)s unchanged",
        created=len(report.created),
        versions=len(report.new_versions),
        unchanged=report.unchanged,
    )


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
            if category == DEFAULT:
                raise MappingError(N_("Choose one of our topics for the questions without a category."))
            raise MappingError(N_("Choose one of our topics for %(category)r."), category=category)
    upload.mapping = upload.mapping | chosen
    upload.save()


def dry_run(
    session: Session, upload: Upload, taxonomy: dict[str, SectionDef], wording: Wording = ENGLISH
) -> tuple[Reading, Plan, list[Row]]:
    """What committing would do, changing nothing: every item with its state and file:line, and every note, error
    and reason in the wording's language (the bank's checks mark their messages for it)."""
    _ = wording.gettext
    reading, plan = prepare(session, upload.path, upload.fmt, upload.mapping, taxonomy)
    rows = [
        Row(upload.where(f"{error.path}:{error.line}"), "", "error", say(error.message, _)) for error in reading.errors
    ]
    rows += [
        Row(
            upload.where(f"{u.path}:{u.line}"),
            "",
            "unsupported",
            _("question type %(kind)r is not imported", kind=say(u.kind, _)),
        )
        for u in reading.unsupported
    ]
    for line in plan.lines:
        reasons, notes = reading.drafts.get(line.uid), reading.notes.get(line.uid)
        parts = [_("comes in as a draft: %(reasons)s", reasons=_said(reasons, _))] if reasons else []
        parts += [_("not kept: %(notes)s", notes=_said(notes, _))] if notes else []
        note = "; ".join(parts)
        rows.append(Row(upload.where(line.where), line.uid, line.state, note))
    return reading, plan, rows


def _said(messages: list[str], gettext: Callable[..., str]) -> str:
    return "; ".join(say(message, gettext) for message in messages)


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
        raise Conflict(N_("The file has %(count)s error(s): nothing was imported."), count=len(reading.errors))
    if reading.unsupported and not skip_unsupported:
        raise Conflict(
            N_("%(count)s question(s) are of a type we do not import: tick “leave them out” to import the rest. "
               "Nothing was imported."),
            count=len(reading.unsupported),
        )  # fmt: skip
    conflicts = plan.uids("conflict")
    undecided = [uid for uid in conflicts if choices.get(uid) not in (KEEP, TAKE)]
    if undecided:
        raise Conflict(
            N_("Choose the site's or the file's version for %(questions)s. Nothing was imported."),
            questions=", ".join(undecided),
        )
    kept = {uid for uid in conflicts if choices[uid] == KEEP}
    check = reading.check
    if kept:
        questions = {uid: entry for uid, entry in check.questions.items() if uid not in kept}
        check = BankCheck(questions, check.problems, check.groups, check.parsed)
    return apply_plan(session, check, plan, taxonomy, conflicts="overwrite")
