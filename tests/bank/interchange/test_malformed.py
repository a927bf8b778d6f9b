"""Malformed files of every format: a clear error with its location, and the bank left exactly as it was."""

import zipfile

import pytest
from sqlalchemy import func, select

from tests.bank.interchange.test_cli import GOOD, run
from trainer.bank.interchange import items
from trainer.bank.models import Question
from trainer.extensions import db

XML = '<?xml version="1.0"?>\n<quiz>\n<question type="multichoice"><questiontext><text>Q</text>'
CASES = [
    ("truncated.xml", XML.encode(), ":3: not well-formed XML: no element found"),
    ("latin1.gift", "::a:: Café {=a ~b ~c ~d}".encode("latin-1"), ":1: not UTF-8 text (byte 0xe9)"),
    ("binary.csv", bytes(range(256)) * 4, ":2: not UTF-8 text (byte 0x80)"),
    ("nul.txt", b"Question\x00\nA) a\nB) b\nANSWER: A\n", ":1: a NUL character"),
    ("bomb.xml", b'<!DOCTYPE q [<!ENTITY a "aa">]><quiz>&a;</quiz>', ":0: refused: DTDForbidden"),
    ("empty.csv", b"", ":1: missing column(s)"),
    ("cut.gift", GOOD.encode()[:-20], ":5: unbalanced or nested braces"),
    ("not-a.zip", b"PK\x03\x04 broken", ":0: not a zip file we can read"),
]


def questions(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Question.id)))


@pytest.mark.parametrize(("name", "data", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_malformed_file_is_refused_with_its_location_and_changes_nothing(app, runner, tmp_path, name, data, expected):
    (tmp_path / "ok.gift").write_text(GOOD)
    run(runner, "import", tmp_path / "ok.gift")
    path = tmp_path / name
    path.write_bytes(data)
    args = ["--format", "aiken"] if name.endswith(".txt") else []
    result = run(runner, "import", path, *args)
    assert result.exit_code == 1
    assert f"{path}{expected}" in result.output, result.output
    assert "nothing was imported" in result.output
    assert "Traceback" not in result.output
    assert questions(app) == 2


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(app, runner, tmp_path):
    path = tmp_path / "huge.gift"
    with path.open("wb") as handle:
        handle.truncate(items.MAX_BYTES + 1_000_000)  # sparse: costs no disk
    result = run(runner, "import", path)
    assert result.exit_code == 1 and f"{path}:0: file is 21.0 MB; the limit is 20 MB" in result.output


def test_more_questions_than_the_limit_are_refused(app, runner, tmp_path, monkeypatch):
    monkeypatch.setattr(items, "MAX_ITEMS", 3)
    path = tmp_path / "many.gift"
    path.write_text("$CATEGORY: quant/percentage\n\n" + "".join(f"Q{n}? {{=a ~b ~c ~d}}\n\n" for n in range(4)))
    result = run(runner, "import", path)
    assert result.exit_code == 1 and "4 questions; the limit is 3 per file" in result.output
    assert questions(app) == 0


def test_a_zip_with_a_path_outside_its_folder_is_refused(app, runner, tmp_path):
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../../escape.md", "x")
    result = run(runner, "import", path)
    assert result.exit_code == 1 and "unsafe path in the zip: '../../escape.md'" in result.output
    assert not (tmp_path.parent / "escape.md").exists()


def test_a_native_export_zipped_imports_into_an_empty_database(app, runner, tmp_path):
    (tmp_path / "ok.gift").write_text(GOOD)
    run(runner, "import", tmp_path / "ok.gift")
    run(runner, "export", tmp_path / "bank")
    with zipfile.ZipFile(tmp_path / "bank.zip", "w") as archive:
        for file in (tmp_path / "bank").rglob("*"):
            archive.write(file, file.relative_to(tmp_path / "bank"))
    result = run(runner, "import", tmp_path / "bank.zip", "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"{tmp_path / 'bank.zip'}!/quant/percentage.md:1: unchanged pct-one" in result.output
    assert "2 unchanged" in result.output
