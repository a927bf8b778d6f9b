"""Uploaded import files kept on the server between the web import's steps (mapping, dry run, commit).

Each upload lives in its own folder under the instance folder, named by a random token; a JSON file beside it
records who uploaded it, its original name, its format and the category mapping chosen so far. Only its owner
can reach it; it is removed when the import is committed or cancelled, and any upload older than MAX_AGE is
swept away when a new one arrives.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from werkzeug.utils import secure_filename

from trainer.core.errors import NotFound
from trainer.core.wording import N_

MAX_AGE = timedelta(hours=24)
TOKEN = re.compile(r"^[A-Za-z0-9_-]{22}$")
META = "upload.json"


@dataclass
class Upload:
    """One stored upload: where it is, whose it is, and the choices made for it so far."""

    token: str
    folder: Path
    owner_id: int
    filename: str  # as the instructor named it
    fmt: str
    created: datetime
    mapping: dict[str, str] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return self.folder / self.filename

    def save(self) -> None:
        meta = {"owner": self.owner_id, "filename": self.filename, "format": self.fmt, "mapping": self.mapping}
        meta["created"] = self.created.isoformat()
        (self.folder / META).write_text(json.dumps(meta), encoding="utf-8")

    def where(self, text: str) -> str:
        """A location as the instructor knows it: `questions.gift:12`, not the server's folder."""
        return text.replace(f"{self.folder}/", "")


def store(root: Path, owner_id: int, filename: str, fmt: str, data: bytes, now: datetime) -> Upload:
    """Keep an uploaded file under a fresh token (sweeping away stale uploads first); return it."""
    sweep(root, now)
    token = secrets.token_urlsafe(16)
    folder = root / token
    folder.mkdir(parents=True)
    name = secure_filename(filename) or "upload"
    upload = Upload(token, folder, owner_id, name, fmt, now)
    upload.path.write_bytes(data)
    upload.save()
    return upload


def load(root: Path, token: str, owner_id: int, now: datetime) -> Upload:
    """The owner's upload with this token; NotFound for anyone else's, a malformed or expired token."""
    folder = root / token
    meta_file = folder / META
    if not TOKEN.match(token) or not meta_file.is_file():
        raise NotFound(
            N_("This import is no longer here: it was committed, cancelled or expired. Upload the file again.")
        )
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    created = datetime.fromisoformat(meta["created"])
    if meta["owner"] != owner_id or now - created > MAX_AGE:
        raise NotFound(
            N_("This import is no longer here: it was committed, cancelled or expired. Upload the file again.")
        )
    return Upload(token, folder, meta["owner"], meta["filename"], meta["format"], created, meta.get("mapping", {}))


def discard(upload: Upload) -> None:
    shutil.rmtree(upload.folder, ignore_errors=True)


def sweep(root: Path, now: datetime) -> int:
    """Remove uploads older than MAX_AGE (abandoned imports); return how many."""
    removed = 0
    for meta_file in root.glob(f"*/{META}") if root.is_dir() else []:
        try:
            created = datetime.fromisoformat(json.loads(meta_file.read_text(encoding="utf-8"))["created"])
        except (OSError, ValueError, KeyError):
            created = None
        if created is None or now - created > MAX_AGE:
            shutil.rmtree(meta_file.parent, ignore_errors=True)
            removed += 1
    return removed
