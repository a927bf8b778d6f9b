"""Bank files on disk: which files a bank holds, and their text (or where it cannot be read)."""

from __future__ import annotations

from pathlib import Path

from trainer.core.wording import N_


class UnreadableFile(ValueError):
    """A file that cannot be read as text; `line` is where (0: the file as a whole)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def read_text(path: Path) -> str:
    """A file's UTF-8 text (a leading byte-order mark dropped), or UnreadableFile naming the line of a bad byte."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(0, N_("cannot read file: %(reason)s", reason=exc.strerror or str(exc))) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UnreadableFile(
            line, N_("cannot read file: not UTF-8 text (byte %(byte)s)", byte=f"{data[exc.start]:#04x}")
        ) from None


def bank_files(root: Path) -> list[Path]:
    """Every question file under root (a single file is accepted too), in a stable order."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.md") if p.name.lower() != "readme.md")
