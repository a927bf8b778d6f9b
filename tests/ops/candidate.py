"""One candidate over real HTTP against real servers: the benchmarks' client (cookies kept), and the exam's moves."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from urllib.parse import urlencode, urlsplit

from benchmarks.candidate import CSRF_META, Client
from tests.factories import PASSWORD, make_bank, make_user
from trainer.extensions import db

EXAM_DATA = re.compile(r'<script id="exam-data" type="application/json">(.*?)</script>', re.S)
TOPICS = ("quant/quant-t0", "quant/quant-t1")
FORM = "application/x-www-form-urlencoded"


class Browser(Client):
    """A client of one server that shares its cookie jar with others (cookies do not depend on the port, so one
    browser talks to every app server behind the balancer) and says which address it comes from (a proxy would)."""

    def __init__(self, port: int, cookies: dict[str, str], address: str) -> None:
        super().__init__(port)
        self.cookies = cookies
        self.address = address

    def request(self, method, path, body=None, headers=None):
        return super().request(method, path, body, {"X-Forwarded-For": self.address} | (headers or {}))

    def page(self, path: str) -> str:
        _, html = self.expect(200, "GET", path)
        return html.decode()


def candidate_with_a_topic_bank(app, questions: int = 6) -> str:
    """A candidate's e-mail, and a small bank for a topic test (few questions: a quick start)."""
    with app.app_context():
        make_bank(db.session, per_section=questions, sections=("quant",), topics_per_section=2)
        email = make_user(db.session).email
        db.session.commit()
    return email


def sign_in(browser: Browser, email: str) -> None:
    browser.post_form("/login", {"email": email, "password": PASSWORD, "csrf_token": browser.csrf_token("/login")})


def start_topic_test(browser: Browser, count: int = 3) -> str:
    """Start a strict topic test from the tests page; the attempt's path."""
    form = {"paper": "tier1-2025", "topics": TOPICS, "count": count, "csrf_token": browser.csrf_token("/tests")}
    body = urlencode(form, doseq=True).encode()  # one `topics` field per topic, as the checkboxes send them
    headers, _ = browser.expect(302, "POST", "/tests/topic", body, {"Content-Type": FORM})
    path = urlsplit(headers["Location"]).path
    assert re.fullmatch(r"/attempts/\d+", path), headers["Location"]
    return path


def open_exam(browser: Browser, attempt_path: str) -> tuple[dict, str]:
    """The exam page's data (clock, each question's saved choice) and its CSRF token."""
    html = browser.page(attempt_path)
    return json.loads(EXAM_DATA.search(html).group(1)), CSRF_META.search(html).group(1)


def save_step(step_id: str, position: int, choice: int) -> dict:
    return {"id": step_id, "kind": "save", "position": position, "choice": choice, "at": datetime.now(UTC).isoformat()}


def send_steps(browser: Browser, attempt_path: str, token: str, steps: list[dict]) -> dict:
    """POST a batch as the exam page does; the server's JSON answer."""
    body = json.dumps({"steps": steps}).encode()
    headers = {"Content-Type": "application/json", "X-CSRFToken": token}
    _, data = browser.expect(200, "POST", f"{attempt_path}/steps", body, headers)
    return json.loads(data)
