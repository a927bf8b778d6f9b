"""Which format a path is in, and reading any of them into a BankCheck ready for the shared import path."""

from __future__ import annotations

import importlib
import tempfile
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from trainer.bank.interchange.checking import Checked, check_items
from trainer.bank.interchange.items import MAX_BYTES, InterchangeError, Parsed, Unsupported, assign_uids
from trainer.bank.parsing import Problem
from trainer.bank.taxonomy import SectionDef
from trainer.bank.validation import BankCheck, check_bank
from trainer.core.wording import N_

FILE_FORMATS = {"gift": "gift", "aiken": "aiken", "moodle-xml": "moodle_xml", "csv": "csvfile"}
FORMATS = ("native", *FILE_FORMATS)
BY_SUFFIX = {".gift": "gift", ".txt": "gift", ".xml": "moodle-xml", ".csv": "csv", ".zip": "native", ".md": "native"}


@dataclass
class Reading:
    """A file or folder read and checked: what the import would do, and what stops it."""

    check: BankCheck
    where: dict[str, str] = field(default_factory=dict)  # uid -> file:line
    drafts: dict[str, list[str]] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)  # what stops the import, each at its file:line
    unsupported: list[Unsupported] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)  # uid -> what was not kept (an image file...)


def detect(path: Path, given: str | None) -> str:
    """The format to read: as given, a folder is native, else by the file's extension."""
    if given:
        return given
    if path.is_dir():
        return "native"
    try:
        return BY_SUFFIX[path.suffix.lower()]
    except KeyError:
        raise InterchangeError(
            str(path), 0, N_("cannot tell the format from %(suffix)r: give --format", suffix=path.suffix)
        ) from None


def as_problem(error: InterchangeError) -> Problem:
    """The error as the bank's checks report theirs: where it is, and its message (said in the reader's language)."""
    return Problem(error.path, error.line, error.message)


def module(fmt: str):
    return importlib.import_module(f"trainer.bank.interchange.{FILE_FORMATS[fmt]}")


def read_file(path: Path, fmt: str) -> Parsed:
    """Parse one file of a foreign format (InterchangeError for a file that cannot be read at all)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InterchangeError(
            str(path), 0, N_("cannot read file: %(reason)s", reason=exc.strerror or str(exc))
        ) from None
    if size > MAX_BYTES:
        raise InterchangeError(
            str(path),
            0,
            N_(
                "file is %(size)s MB; the limit is %(limit)s MB",
                size=f"{size / 1e6:.1f}",
                limit=f"{MAX_BYTES / 1e6:.0f}",
            ),
        )
    return module(fmt).parse(path.read_bytes(), str(path))


def read_foreign(path: Path, fmt: str, mapping: dict[str, str], taxonomy: dict[str, SectionDef]) -> Reading:
    try:
        parsed = read_file(path, fmt)
    except InterchangeError as exc:
        return Reading(BankCheck({}, []), errors=[as_problem(exc)])
    assign_uids(parsed.items)
    checked: Checked = check_items(parsed.items, mapping, taxonomy)
    where = {uid: item.where for uid, item in checked.items.items()}
    errors = [as_problem(e) for e in [*parsed.errors, *checked.errors]]
    notes = {uid: item.notes for uid, item in checked.items.items() if item.notes}
    return Reading(checked.check, where, checked.drafts, sorted(errors, key=str), parsed.unsupported, notes)


def extract_zip(path: Path, folder: Path) -> None:
    """Unpack a native bank zip, refusing paths outside the folder and more than MAX_BYTES unpacked."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if sum(m.file_size for m in members) > MAX_BYTES:
                raise InterchangeError(
                    str(path), 0, N_("unpacks to more than %(limit)s MB", limit=f"{MAX_BYTES / 1e6:.0f}")
                )
            for member in members:
                target = (folder / member.filename).resolve()
                if not target.is_relative_to(folder.resolve()):
                    raise InterchangeError(str(path), 0, N_("unsafe path in the zip: %(name)r", name=member.filename))
            archive.extractall(folder)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InterchangeError(str(path), 0, N_("not a zip file we can read: %(reason)s", reason=str(exc))) from None


def read_native(path: Path, taxonomy: dict[str, SectionDef]) -> Reading:
    if path.suffix.lower() == ".zip":
        with tempfile.TemporaryDirectory() as tmp:
            try:
                extract_zip(path, Path(tmp))
            except InterchangeError as exc:
                return Reading(BankCheck({}, []), errors=[as_problem(exc)])
            return _inside(read_native(Path(tmp), taxonomy), tmp, f"{path}!")
    check = check_bank(path, taxonomy)
    where = {uid: f"{parsed.path}:{parsed.line}" for uid, (_c, _s, parsed) in check.questions.items()}
    return Reading(check, where, errors=list(check.problems))


def _inside(reading: Reading, folder: str, archive: str) -> Reading:
    """Locations in an unpacked zip named as `bank.zip!/quant/percentage.md:12`, not by the temporary folder."""
    reading.where = {uid: where.replace(folder, archive, 1) for uid, where in reading.where.items()}
    reading.errors = [replace(error, path=error.path.replace(folder, archive, 1)) for error in reading.errors]
    return reading


def read_any(path: Path, fmt: str, mapping: dict[str, str], taxonomy: dict[str, SectionDef]) -> Reading:
    """Read PATH in its format and run every gate: what `bank import` would import."""
    if fmt == "native":
        return read_native(path, taxonomy)
    return read_foreign(path, fmt, mapping, taxonomy)
