"""The WSGI entry for gunicorn: `gunicorn 'trainer.wsgi:app'`; a configuration error stops it in one line."""

from __future__ import annotations

import sys

from trainer import create_app
from trainer.config import ConfigError
from trainer.web import warm_up

APP_LOAD_ERROR = 4  # gunicorn's exit status for "App failed to load": its master stops instead of re-forking

try:
    app = create_app()
except ConfigError as exc:
    print(f"Error: {exc}", file=sys.stderr, flush=True)
    sys.exit(APP_LOAD_ERROR)
warm_up(app)  # in each worker before it takes requests: a burst's first candidates wait for no compiling
