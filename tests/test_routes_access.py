"""Every route, with every method, answers visitors, candidates and instructors as its access level says."""

from __future__ import annotations

import random
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import make_bank, make_user
from trainer import create_app, web
from trainer.auth.models import User
from trainer.core.access import Access, init_access, undeclared_endpoints
from trainer.core.clock import utcnow
from trainer.exam import paper
from trainer.exam.patterns import get_pattern
from trainer.extensions import db

CSRF_META = re.compile(r'name="csrf-token" content="([^"]+)"')
TIER1 = "tier1-2025"
# A form or JSON posted with a valid CSRF token but no useful fields: enough to reach the access check,
# and the few views that need real input answer it with a form error (422) or a redirect.
EMPTY_POST = {"steps": []}


def walk(app):
    """(rule, method) for every route but static files; signing out goes last so it cannot cut the walk short."""
    pairs = [
        (rule, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
    ]
    return sorted(pairs, key=lambda pair: (pair[0].endpoint == "auth.logout", pair[0].rule, pair[1]))


def build(rule, values: dict) -> str:
    """A real URL for a rule: int arguments get a real id, string arguments a real code or uid."""
    args = {}
    for name in rule.arguments:
        assert name in values, f"the route walker has no value for <{name}> in {rule.rule}: add one"
        assert isinstance(values[name], int) == (f"<id:{name}>" in rule.rule), (rule.rule, name)
        args[name] = values[name]
    return rule.build(args)[1]


def level_of(app, rule) -> Access:
    return app.view_functions[rule.endpoint].access_level


def request(client, method: str, url: str, token: str):
    if method == "POST":
        return client.post(url, json=EMPTY_POST, headers={"X-CSRFToken": token})
    return client.open(url, method=method)


@pytest.fixture
def world(app):
    """A drawable bank; the URL values every route can be filled with."""
    with app.app_context():
        questions = make_bank(db.session)
        db.session.commit()
        return {"code": TIER1, "uid": questions[0].uid}


def own_attempt(app, user_id: int) -> int:
    with app.app_context():
        user = db.session.get(User, user_id)
        attempt = paper.start_attempt(db.session, user, get_pattern(TIER1), utcnow(), random.Random(4))
        db.session.commit()
        return attempt.id


def test_anonymous_visitors_are_sent_to_sign_in_everywhere_but_public_pages(app, client, world):
    with app.app_context():
        owner = make_user(db.session)
        db.session.commit()
        owner_id = owner.id
    values = world | {"attempt_id": own_attempt(app, owner_id)}
    token = CSRF_META.search(client.get("/login").text).group(1)

    for rule, method in walk(app):
        url = build(rule, values)
        response = request(client, method, url, token)
        if level_of(app, rule) == Access.PUBLIC:
            assert response.status_code in (200, 302, 422), (method, url, response.status_code)
            continue
        if response.is_json:  # a script's request (the exam page's saves) is told, not redirected
            assert response.status_code == 401 and "signed out" in response.json["error"], (method, url)
            continue
        assert response.status_code == 302, (method, url, response.status_code)
        location = urlsplit(response.headers["Location"])
        assert location.path == "/login", (method, url)
        assert parse_qs(location.query)["next"] == [url], (method, url)


def test_candidates_are_refused_the_authoring_pages_and_welcome_elsewhere(app, client, auth, world):
    user = auth.login(role="candidate")
    values = world | {"attempt_id": own_attempt(app, user.id)}
    token = auth.token("/tests")

    authoring = 0
    for rule, method in walk(app):
        url = build(rule, values)
        response = request(client, method, url, token)
        if rule.rule.startswith("/authoring") or level_of(app, rule) in (Access.STAFF, Access.ADMIN):
            authoring += 1
            assert response.status_code == 403, (method, url, response.status_code)
            assert "You do not have access to this page." in response.text
        else:
            assert response.status_code in (200, 302, 422), (method, url, response.status_code)
            if response.status_code == 302:
                assert urlsplit(response.headers["Location"]).path != "/login" or rule.endpoint == "auth.logout"
    assert authoring >= 4


def test_instructors_may_use_every_route(app, client, auth, world):
    user = auth.login(role="instructor")
    values = world | {"attempt_id": own_attempt(app, user.id)}
    token = auth.token("/tests")

    for rule, method in walk(app):
        url = build(rule, values)
        response = request(client, method, url, token)
        if level_of(app, rule) == Access.ADMIN:
            assert response.status_code == 403, (method, url)
            continue
        assert response.status_code in (200, 302, 422), (method, url, response.status_code)
        if response.status_code == 302:
            assert urlsplit(response.headers["Location"]).path != "/login" or rule.endpoint == "auth.logout"


def test_the_authoring_routes_are_staff_only(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/authoring"):
            assert level_of(app, rule) == Access.STAFF, rule.rule


def test_every_route_declares_who_may_use_it(app):
    assert undeclared_endpoints(app) == []

    app.add_url_rule("/forgotten", "forgotten", lambda: "open to all by accident")

    assert undeclared_endpoints(app) == ["forgotten"]
    with pytest.raises(RuntimeError, match="forgotten"):
        init_access(app)


def test_the_app_does_not_start_with_a_route_lacking_an_access_declaration(database_url, monkeypatch):
    register = web.register

    def register_with_an_undeclared_route(app):
        register(app)
        app.add_url_rule("/forgotten", "forgotten", lambda: "open to all by accident")

    monkeypatch.setattr(web, "register", register_with_an_undeclared_route)

    with pytest.raises(RuntimeError, match="routes without an access declaration: forgotten"):
        create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test-secret"})
