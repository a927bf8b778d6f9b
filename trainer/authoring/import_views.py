"""Web import (upload → map categories → dry run → commit) and export downloads, for staff."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from trainer.authoring import importing, uploads
from trainer.authoring.import_forms import ExportForm, UploadForm
from trainer.authoring.views import bp, topic_choices
from trainer.bank.interchange.categories import DEFAULT
from trainer.bank.interchange.csvfile import template
from trainer.bank.interchange.exporting import SUFFIX, export_text, skipped_members
from trainer.bank.interchange.formats import detect
from trainer.bank.interchange.items import MAX_BYTES, InterchangeError
from trainer.bank.interchange.native import export_native
from trainer.bank.taxonomy import find_taxonomy, load_taxonomy
from trainer.core.access import Access, access
from trainer.core.clock import utcnow
from trainer.core.errors import Conflict
from trainer.extensions import csrf, db
from trainer.i18n import error_text, interface_wording

UPLOAD_SLACK = 64 * 1024  # the form's other fields and multipart boundaries around the file


def upload_root() -> Path:
    return Path(current_app.config.get("IMPORT_FOLDER") or Path(current_app.instance_path) / "imports")


def site_taxonomy():
    return load_taxonomy(find_taxonomy(Path(current_app.config["BANK_PATH"])))


def _upload(token: str) -> uploads.Upload:
    return uploads.load(upload_root(), token, current_user.id, utcnow())


@bp.route("/import", methods=["GET", "POST"])
@access(Access.STAFF)
@csrf.exempt  # the site-wide check would read the body under the 1 MiB limit first; UploadForm checks the token
def upload_import():
    """Upload a file to import; it is kept on the server (for its uploader only) until committed or cancelled."""
    request.max_content_length = MAX_BYTES + UPLOAD_SLACK  # the site's 1 MiB limit is for everything else
    form = UploadForm()
    if form.validate_on_submit():
        name = form.file.data.filename or "upload"
        try:
            fmt = detect(Path(name), form.fmt.data or None)
        except InterchangeError:
            form.fmt.errors.append(_("Cannot tell the format of %(name)r from its name: choose it here.", name=name))
        else:
            data = form.file.data.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                form.file.errors.append(_("The file is over %(limit)s MB: split it.", limit=MAX_BYTES // 1_000_000))
            else:
                stored = uploads.store(upload_root(), current_user.id, name, fmt, data, utcnow())
                return redirect(url_for("authoring.review_import", upload=stored.token))
    page = render_template("authoring/upload_import.html", form=form, limit=MAX_BYTES // 1_000_000)
    return page, (422 if form.errors else 200)


@bp.route("/import/<upload>", methods=["GET", "POST"])
@access(Access.STAFF)
def review_import(upload: str):
    """The mapping step while categories are unplaced (a select each), then the dry run with per-conflict choices."""
    stored, taxonomy = _upload(upload), site_taxonomy()
    unmapped = importing.categories_to_map(stored, taxonomy)
    error = ""
    if request.method == "POST" and unmapped:
        chosen = {category: request.form.get(f"map-{i}", "") for i, category in enumerate(unmapped)}
        try:
            importing.set_mapping(stored, chosen, taxonomy)
        except importing.MappingError as exc:
            error = error_text(exc)
        else:
            return redirect(url_for("authoring.review_import", upload=upload))
    if unmapped:
        page = render_template(
            "authoring/map_import.html", upload=stored, unmapped=unmapped, default=DEFAULT, error=error,
            topics=topic_choices(), chosen=request.form,
        )  # fmt: skip
        return page, (422 if error else 200)
    words = interface_wording()
    reading, plan, rows = importing.dry_run(db.session, stored, taxonomy, words)
    db.session.rollback()  # the dry run changes nothing
    return render_template(
        "authoring/review_import.html", upload=stored, rows=rows, reading=reading,
        summary=importing.summary(plan, len(reading.errors), words), blocked=bool(reading.errors),
    )  # fmt: skip


@bp.route("/import/<upload>/commit", methods=["POST"])
@access(Access.STAFF)
def commit_import(upload: str):
    """Import everything in one transaction, each conflict as chosen; on any refusal nothing is imported."""
    stored = _upload(upload)
    choices = {key[len("choice-") :]: value for key, value in request.form.items() if key.startswith("choice-")}
    try:
        report = importing.commit(
            db.session, stored, site_taxonomy(), choices, request.form.get("skip_unsupported") == "1"
        )
    except Conflict as exc:
        db.session.rollback()
        flash(error_text(exc), "error")
        return redirect(url_for("authoring.review_import", upload=upload))
    db.session.commit()
    uploads.discard(stored)
    done = importing.report_text(report, interface_wording())
    flash(_("Imported %(file)s: %(report)s.", file=stored.filename, report=done), "success")
    return redirect(url_for("authoring.list_questions"))


@bp.route("/import/<upload>/cancel", methods=["POST"])
@access(Access.STAFF)
def cancel_import(upload: str):
    """Forget the uploaded file: nothing was imported."""
    uploads.discard(_upload(upload))
    flash(_("Import cancelled: nothing was imported."), "info")
    return redirect(url_for("authoring.upload_import"))


def _download(body: str | bytes, mimetype: str, name: str) -> Response:
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/export")
@access(Access.STAFF)
def export_bank():
    """Choose a format (and optionally a topic); with `download=1` the file itself; with `template=csv` the CSV
    import template (the header row and one example question)."""
    if request.args.get("template") == "csv":
        return _download(template(), "text/csv", "question-template.csv")
    form = ExportForm(request.args)
    form.topic.choices = [SelectChoice("", _("The whole bank")), *topic_choices()]
    if request.args.get("download") != "1" or not form.validate():
        return render_template("authoring/export_bank.html", form=form, in_groups=skipped_members(db.session))
    section, _slash, topic = form.topic.data.partition("/")
    filters = (section or None, topic or None)
    if form.fmt.data == "native":
        return _download(_native_zip(*filters), "application/zip", "question-bank.zip")
    text, _count = export_text(db.session, form.fmt.data, *filters)
    mimetype = {"moodle-xml": "application/xml", "csv": "text/csv"}.get(form.fmt.data, "text/plain")
    return _download(text, mimetype, f"question-bank{SUFFIX[form.fmt.data]}")


def _native_zip(section: str | None, topic: str | None) -> bytes:
    """The bank in the native format as a zip: what `bank export DIR` writes, folder by folder."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp:
        export_native(db.session, Path(tmp), find_taxonomy(Path(current_app.config["BANK_PATH"])), section, topic)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(Path(tmp).rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(tmp).as_posix())
    return buffer.getvalue()
