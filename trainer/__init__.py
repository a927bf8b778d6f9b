"""ASO Trainer: SSC CGL mock tests, question bank and progress tracking."""

from __future__ import annotations

import os

from flask import Flask
from sqlalchemy.exc import ArgumentError

from trainer.config import PROJECT_ROOT, Config, ConfigError, check_timezone, database_url, resolve_secret_key

URL_EXAMPLES = "e.g. sqlite:////srv/trainer/trainer.db or postgresql+psycopg://user:password@host/dbname"


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: config (defaults, TRAINER_* environment, overrides), extensions, blueprints.

    Raises ConfigError saying what to set; under `flask --app trainer` that is one line, and a missing secret key is
    first stored in the instance folder, as `python run.py` does.
    """
    from trainer import cli

    with cli.config_errors_in_one_line():
        return _build(test_config)


def _build(test_config: dict | None) -> Flask:
    from trainer import cli, web

    app = Flask(
        __name__,
        instance_path=os.environ.get("TRAINER_INSTANCE_PATH", str(PROJECT_ROOT / "instance")),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.from_object(Config)
    app.config.from_prefixed_env("TRAINER")
    if test_config:
        app.config.update(test_config)
    os.makedirs(app.instance_path, exist_ok=True)
    if cli.running_flask_cli():
        cli.store_secret_if_missing(app.config, app.instance_path)
    resolve_secret_key(app.config, app.instance_path)
    app.config["DATABASE_URL"] = database_url(app.config, app.instance_path)
    check_timezone(app.config)

    from trainer import headers
    from trainer.core.access import init_access
    from trainer.extensions import compress, csrf, db, limiter, login_manager
    from trainer.ops.ratelimits import prepare_rate_limit_storage
    from trainer.ops.requestlog import init_request_log

    headers.init_headers(app)
    init_request_log(app)  # first of the request hooks, so a request's time includes the others
    try:
        db.init_app(app, app.config["DATABASE_URL"])
    except (ArgumentError, ImportError) as exc:  # an unreadable URL, an unknown dialect, a driver not installed
        raise ConfigError(f"TRAINER_DATABASE_URL cannot be used: {exc} ({URL_EXAMPLES})") from exc
    csrf.init_app(app)
    compress.init_app(app)
    prepare_rate_limit_storage(app.config)
    limiter.init_app(app)
    login_manager.init_app(app)
    from trainer.i18n import init_i18n

    init_i18n(app)
    web.register(app)
    cli.register(app)
    init_access(app)
    return app
