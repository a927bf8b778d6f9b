"""Every id in every route is bounded to the database's range: anything else is a 404 (JSON when asked), never a 500."""

from __future__ import annotations

import re

import pytest
from werkzeug.exceptions import NotFound

from trainer.web import MAX_ID

ARGUMENT = re.compile(r"<(?:(?P<converter>\w+)(?:\([^)]*\))?:)?(?P<name>\w+)>")
OUT_OF_RANGE = ("0", "-1", "00", str(MAX_ID + 1), str(2**31), str(2**63), str(10**30), "1e3", "1.0")
OTHER_VALUES = "a-value"  # any string argument beside the id: the id alone must decide the 404


def arguments(rule) -> dict[str, str]:
    """{variable: converter} of a rule, `default` for the plain string converter."""
    return {m["name"]: m["converter"] or "default" for m in ARGUMENT.finditer(rule.rule)}


def id_routes(app):
    return [rule for rule in app.url_map.iter_rules() if "id" in arguments(rule).values()]


def url_with(rule, name: str, raw: str) -> str:
    url = rule.rule
    for variable, converter in arguments(rule).items():
        value = raw if variable == name else ("1" if converter == "id" else OTHER_VALUES)
        url = re.sub(rf"<(?:[^:>]+:)?{variable}>", value, url)
    return url


def test_every_id_in_every_route_uses_the_bounded_converter(app):
    plain_numbers = [
        f"{rule.rule}: <{name}>"
        for rule in app.url_map.iter_rules()
        for name, converter in arguments(rule).items()
        if converter in ("int", "float") or (name.endswith("_id") or name == "id") and converter != "id"
    ]
    assert plain_numbers == [], "use <id:name> for every database id (trainer.web.IdConverter)"
    assert len(id_routes(app)) >= 4  # the attempt's screen, steps, submit and result at least


@pytest.mark.parametrize("raw", OUT_OF_RANGE)
def test_an_id_out_of_range_is_a_404_everywhere_signed_in_or_not(app, client, auth, raw):
    for signed_in in (False, True):
        if signed_in:
            auth.login(role="admin")  # the widest role: nothing stops at 403 before routing could answer
        token = auth.token("/login")
        for rule in id_routes(app):
            for name, converter in arguments(rule).items():
                if converter != "id":
                    continue
                url = url_with(rule, name, raw)
                for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                    page = client.open(url, method=method, headers={"X-CSRFToken": token})
                    assert page.status_code == 404, (signed_in, method, url, page.status_code)
                    assert "This page does not exist." in page.text
                    answer = client.open(url, method=method, json={"steps": []}, headers={"X-CSRFToken": token})
                    assert answer.status_code == 404, (signed_in, method, url, answer.status_code)
                    assert answer.is_json and answer.json == {"error": "This page does not exist."}


def test_the_range_is_exactly_one_to_max_id(app):
    urls = app.url_map.bind("localhost")

    assert urls.match("/attempts/1/result") == ("exam.show_result", {"attempt_id": 1})
    assert urls.match(f"/attempts/{MAX_ID}/result") == ("exam.show_result", {"attempt_id": MAX_ID})
    assert urls.match("/attempts/0042/result") == ("exam.show_result", {"attempt_id": 42})
    with pytest.raises(NotFound):
        urls.match(f"/attempts/{MAX_ID + 1}/result")


def test_the_largest_id_reaches_the_database_and_is_simply_missing(app, client, auth):
    """On PostgreSQL an id past INTEGER would be a DataError (500) here: MAX_ID must be within the column's range."""
    auth.login(role="admin")
    token = auth.token("/tests")
    for rule in id_routes(app):
        url = re.sub(r"<id:\w+>", str(MAX_ID), rule.rule)
        url = re.sub(r"<(?:[^:>]+:)?\w+>", OTHER_VALUES, url)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            answer = client.open(url, method=method, json={"steps": []}, headers={"X-CSRFToken": token})
            assert answer.status_code == 404, (method, url, answer.status_code)
