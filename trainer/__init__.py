"""ASO Trainer: SSC CGL mock tests, question bank and progress tracking."""

from __future__ import annotations

import os

from flask import Flask

from trainer.config import PROJECT_ROOT, Config, database_url, resolve_secret_key


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: config (defaults, TRAINER_* environment, overrides), extensions, blueprints."""
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
    resolve_secret_key(app.config, app.instance_path)
    app.config["DATABASE_URL"] = database_url(app.config, app.instance_path)

    from trainer import cli, headers, web
    from trainer.core.access import init_access
    from trainer.extensions import compress, csrf, db, limiter, login_manager

    headers.init_headers(app)
    db.init_app(app, app.config["DATABASE_URL"])
    csrf.init_app(app)
    compress.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    web.register(app)
    cli.register(app)
    init_access(app)
    return app
