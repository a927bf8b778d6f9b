"""Start ASO Trainer: `python run.py [--host HOST] [--port PORT]`.

The first start creates the database (SQLite in instance/ unless TRAINER_DATABASE_URL says otherwise) through the
migrations, loads the bundled question bank and creates an admin account, printing its password once.
"""

from __future__ import annotations

import argparse
import os
import sys

from werkzeug.serving import WSGIRequestHandler

from trainer import create_app
from trainer.bootstrap import initialise
from trainer.config import PROJECT_ROOT, ConfigError, ensure_secret_file
from trainer.core.errors import DomainError


class RequestHandler(WSGIRequestHandler):
    """Werkzeug's handler, saying "Server: ASO Trainer" instead of the Werkzeug and Python versions."""

    def version_string(self) -> str:
        return "ASO Trainer"


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the ASO Trainer site.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=5000, help="port to listen on (default 5000)")
    parser.add_argument("--debug", action="store_true", help="reload on code changes, show tracebacks")
    args = parser.parse_args()

    if not os.environ.get("TRAINER_SECRET_KEY"):
        instance = os.environ.get("TRAINER_INSTANCE_PATH", str(PROJECT_ROOT / "instance"))
        if ensure_secret_file(instance):
            print(f"Stored a new random secret key in {instance}/secret_key.")
    try:
        app = create_app()
        initialise(app)
    except (ConfigError, DomainError) as exc:
        sys.exit(f"Error: {exc}")  # one line on stderr, exit status 1
    print(f"ASO Trainer is running on http://{args.host}:{args.port}/  (Ctrl+C to stop)")
    app.run(
        host=args.host,
        port=args.port,
        debug=args.debug,
        use_reloader=args.debug,
        threaded=True,
        request_handler=RequestHandler,
    )


if __name__ == "__main__":
    main()
