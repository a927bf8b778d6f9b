"""A simulated candidate over HTTP (stdlib only): sign in, start a Tier-I mock, save answers; and the bare insert."""

from __future__ import annotations

import http.client
import json
import random
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

HOST = "127.0.0.1"
PASSWORD = "bench candidate password"
CSRF_META = re.compile(r'name="csrf-token" content="([^"]+)"')


class BenchFailure(RuntimeError):
    """The server answered something other than what the benchmark expects."""


class Client:
    """One keep-alive connection to the server on 127.0.0.1 and its cookies."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        """Send one request on the kept-alive connection; return (status, headers, body)."""
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            # gunicorn closes idle keep-alive connections after a few seconds; reconnect once.
            self.connection.close()
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        data = response.read()
        for value in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, data

    def expect(self, status: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        got, response_headers, data = self.request(method, path, body, headers)
        if got != status:
            raise BenchFailure(f"{method} {path}: expected {status}, got {got}: {data[:300]!r}")
        return response_headers, data

    def post_form(self, path: str, fields: dict, status: int = 302):
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.expect(status, "POST", path, urlencode(fields).encode(), headers)

    def csrf_token(self, path: str) -> str:
        _, html = self.expect(200, "GET", path)
        return CSRF_META.search(html.decode()).group(1)


@dataclass
class Candidate:
    """A signed-in candidate with a Tier-I mock open: where to post steps and the page's CSRF token."""

    client: Client
    steps_path: str
    token: str
    latencies: list[float] = field(default_factory=list)


def sign_in_and_start(port: int, email: str) -> Candidate:
    """Log in through the form, start a Tier-I mock, and read the exam page's CSRF token."""
    client = Client(port)
    client.post_form("/login", {"email": email, "password": PASSWORD, "csrf_token": client.csrf_token("/login")})
    headers, _ = client.post_form("/tests/tier1-2025", {"declaration": "y", "csrf_token": client.csrf_token("/tests")})
    attempt_path = urlsplit(headers["Location"]).path
    if not re.fullmatch(r"/attempts/\d+", attempt_path):
        raise BenchFailure(f"starting the mock redirected to {headers['Location']}, not to an attempt")
    return Candidate(client, f"{attempt_path}/steps", client.csrf_token(attempt_path))


def save_answer(candidate: Candidate) -> None:
    """One Save & Next, as the exam page sends it."""
    step_id = str(uuid.uuid4())
    step = {
        "id": step_id,
        "kind": "save",
        "position": random.randrange(100),
        "choice": random.randrange(4),
        "at": datetime.now(UTC).isoformat(),
    }
    body = json.dumps({"steps": [step]}).encode()
    headers = {"Content-Type": "application/json", "X-CSRFToken": candidate.token}
    _, data = candidate.client.expect(200, "POST", candidate.steps_path, body, headers)
    if json.loads(data)["acked"] != [step_id]:
        raise BenchFailure(f"the step was not acknowledged: {data[:300]!r}")


def bare_insert(candidate: Candidate) -> None:
    candidate.client.expect(204, "POST", "/bench/insert", b"")
