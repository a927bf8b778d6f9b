"""Every route declares who may use it (what each visitor then gets is walked in test_access_matrix.py)."""

from __future__ import annotations

import pytest

from trainer import create_app, web
from trainer.core.access import Access, init_access, undeclared_endpoints


def level_of(app, rule) -> Access:
    return app.view_functions[rule.endpoint].access_level


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


def test_the_institute_staff_routes_are_staff_only(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/institute"):
            assert level_of(app, rule) == Access.STAFF, rule.rule
