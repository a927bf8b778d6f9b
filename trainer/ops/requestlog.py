"""One log line per request (method, path, status, duration, request id, user id), JSON or text.

`TRAINER_LOG_FORMAT`: `json` (default, for a log store), `text` (for reading), or `off`. Lines go to the logger
`trainer.request`; when the host configured no logging (gunicorn, `python run.py`) they are written to stderr.
Nothing from a body, a cookie or a query string is logged, and a path carrying a secret (a password-reset token)
is logged as its route.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, Response, current_app, g, request, session

from trainer.config import ConfigError
from trainer.core.access import SESSION_USER_KEY

log = logging.getLogger("trainer.request")
FORMATS = ("json", "text", "off")
# An id the trusted proxy sent (nginx: $request_id) is kept if it looks like one; anything else is replaced.
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
MAX_PATH = 300


def init_request_log(app: Flask) -> None:
    """Validate TRAINER_LOG_FORMAT and time every request (registered first, so the time includes the access
    checks); raises ConfigError for an unknown format."""
    chosen = str(app.config.get("LOG_FORMAT") or "json").strip().lower()
    if chosen not in FORMATS:
        raise ConfigError(f"TRAINER_LOG_FORMAT must be one of {', '.join(FORMATS)}, not {chosen!r}.")
    app.config["LOG_FORMAT"] = chosen
    if chosen == "off":
        return
    _write_to_stderr_unless_configured()
    app.before_request(_start)
    app.after_request(_finish)


def _write_to_stderr_unless_configured() -> None:
    log.setLevel(logging.INFO)
    if not log.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)


def _start() -> None:
    g.request_started = time.perf_counter()
    sent = request.headers.get("X-Request-ID", "")
    trusted = current_app.config["PROXY_COUNT"] > 0 and REQUEST_ID.fullmatch(sent)
    g.request_id = sent if trusted else uuid.uuid4().hex


def _finish(response: Response) -> Response:
    started = g.get("request_started")
    if started is None:  # the request failed before our first hook (e.g. an earlier hook answered)
        return response
    fields = request_fields(response.status_code, (time.perf_counter() - started) * 1000)
    response.headers["X-Request-ID"] = fields["request_id"]
    log.info(format_line(fields, current_app.config["LOG_FORMAT"]), extra={"request_fields": fields})
    return response


def request_fields(status: int, duration_ms: float) -> dict:
    """What one request's line says, from the current request."""
    user_id = session.get(SESSION_USER_KEY)  # from the signed cookie: the account row is not read
    return {
        "method": request.method,
        "path": _loggable_path(),
        "status": status,
        "duration_ms": round(duration_ms, 1),
        "request_id": g.request_id,
        "user_id": int(user_id) if isinstance(user_id, str) and user_id.isdigit() else None,
    }


def _loggable_path() -> str:
    rule = request.url_rule
    if rule is not None and any("token" in name for name in rule.arguments):
        return rule.rule  # e.g. /reset-password/<token>: the link itself would let a log reader in
    return request.path[:MAX_PATH]


def format_line(fields: dict, chosen: str) -> str:
    """One line: a JSON object with the time first, or `time METHOD path status duration request= user=`."""
    now = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    if chosen == "json":
        return json.dumps({"time": now, "event": "request", **fields}, separators=(",", ":"))
    user = fields["user_id"] if fields["user_id"] is not None else "-"
    return (
        f"{now} {fields['method']} {fields['path']} {fields['status']} {fields['duration_ms']}ms "
        f"request={fields['request_id']} user={user}"
    )
