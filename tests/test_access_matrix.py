"""The IDOR and role matrix, generated from the URL map: every route, every method, five kinds of visitor.

Anonymous visitors are sent to sign in (a script's JSON request is told 401); a role the route does not allow gets
403; someone else's object (candidate A's attempt, open or submitted) is 404 to everyone but its owner, the save
endpoint and submit included; the right owner and role are served. A new route is walked automatically; a new URL
variable needs one entry in VARIABLES below, and the test says so.
"""

from __future__ import annotations

import functools
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.authoring.writing_factories import group_uid, upload_token
from tests.factories import PASSWORD, Auth, make_bank, make_user
from trainer.auth.models import User
from trainer.auth.reset import reset_token
from trainer.core.access import ALLOWED_ROLES, Access, Role
from trainer.core.clock import utcnow
from trainer.exam import paper, service
from trainer.exam.patterns import get_pattern
from trainer.extensions import db
from trainer.results import cutoffs
from trainer.results.cutoff_data import CutoffRow
from trainer.skills import service as skills
from trainer.skills.passages import library

TIER1 = "tier1-2025"
ANONYMOUS, CANDIDATE_A, CANDIDATE_B, INSTRUCTOR, ADMIN = (
    "anonymous",
    "candidate A",
    "candidate B",
    "instructor",
    "admin",
)
ROLE_OF = {CANDIDATE_A: Role.CANDIDATE, CANDIDATE_B: Role.CANDIDATE, INSTRUCTOR: Role.INSTRUCTOR, ADMIN: Role.ADMIN}
PRINCIPALS = (ANONYMOUS, CANDIDATE_A, CANDIDATE_B, INSTRUCTOR, ADMIN)
# A body every POST can take: the save endpoint gets a real step, so it reaches its ownership check; form views
# read it through Flask-WTF and answer 422 or act, which is what the owner may do.
JSON_BODY = {"steps": [{"id": "matrix-step-1", "kind": "view", "position": 0, "choice": None}]}


class World:
    """Candidate A's objects and the shared ones, made in the test's database; `fresh` makes new ones for a POST."""

    def __init__(self, app) -> None:
        self.app = app
        with app.app_context():
            self.question_uid = make_bank(db.session)[0].uid
            self.users = {name: make_user(db.session, role=role).id for name, role in ROLE_OF.items()}
            db.session.commit()
        self.stages = itertools.count(1)
        self.open_attempt, self.submitted_attempt = self.attempt(), self.attempt(submitted=True)

    def account(self) -> int:
        """A new candidate's account, for the admin's user pages to act on."""
        with self.app.app_context():
            user = make_user(db.session)
            db.session.commit()
            return user.id

    def reset_link_token(self) -> str:
        """A valid one-time password-reset token of a new account."""
        with self.app.app_context():
            user = db.session.get(User, self.account())
            return reset_token(user, self.app.config["SECRET_KEY"])

    def cutoff(self) -> int:
        """A new Tier-I cut-off, for the admin's cut-off pages to act on."""
        with self.app.app_context():
            row = CutoffRow("tier1", f"matrix stage {next(self.stages)}", 2024, "UR", 150.0, 200.0)
            cutoff_id = cutoffs.save_cutoff(db.session, row).id
            db.session.commit()
            return cutoff_id

    def batch(self) -> int:
        """A new batch the instructor owns, with candidate A in it and one drill assigned."""
        from trainer.batches import assignments as batch_assignments
        from trainer.batches import service as batches

        with self.app.app_context():
            staff, member = (db.session.get(User, self.users[p]) for p in (INSTRUCTOR, CANDIDATE_A))
            made = batches.create_batch(db.session, staff, "Matrix batch", "", None, utcnow(), random.Random())
            batches.join(db.session, member, made, utcnow())
            section = self.question_uid.split("-q")[0]  # make_bank's questions: <section>-qNNN, topics <section>-tN
            due = utcnow() + timedelta(days=7)
            drill = batch_assignments.assign(
                db.session, made, staff, "drill", f"{section}/{section}-t0", due, "", utcnow()
            )
            db.session.commit()
            self.invite, self.assignment = made.invite_code, drill.id
            return made.id

    @functools.cached_property
    def the_batch(self) -> int:
        return self.batch()

    def batch_assignment(self, fresh: bool) -> int:
        """The drill set for a batch (a new batch's for a POST)."""
        _batch = self.batch() if fresh else self.the_batch  # sets self.assignment
        return self.assignment

    def batch_invite(self) -> str:
        _batch = self.the_batch  # made on first use, with its invite code
        return self.invite

    def fixed_paper(self) -> int:
        """A frozen Tier-I paper offered to everyone (made once: drawing a paper is not cheap)."""
        if not hasattr(self, "_paper"):
            from trainer.institute import audience, papers

            with self.app.app_context():
                staff = db.session.get(User, self.users[INSTRUCTOR])
                paper = papers.new_paper(db.session, "Matrix paper", TIER1, staff, random.Random(3))
                papers.draw(db.session, paper, paper.blueprint, random.Random(3))
                frozen = papers.freeze(db.session, paper, utcnow())
                audience.offer_paper(db.session, frozen, staff, audience.EVERYONE, ())
                db.session.commit()
                self._paper = paper.id
        return self._paper

    def live_mock(self) -> int:
        """A live mock of that paper, open now."""
        if not hasattr(self, "_mock"):
            from datetime import timedelta

            from trainer.institute import livemocks

            paper_id, now = self.fixed_paper(), utcnow()
            with self.app.app_context():
                staff = db.session.get(User, self.users[INSTRUCTOR])
                plan = livemocks.Schedule("Matrix mock", now, now + timedelta(hours=1), now + timedelta(hours=3),
                                          (paper_id,))  # fmt: skip
                self._mock = livemocks.schedule(db.session, plan, staff, now).id
                db.session.commit()
        return self._mock

    def attempt(self, submitted: bool = False) -> int:
        """A new attempt of candidate A's at the Tier-I paper, in progress or submitted."""
        with self.app.app_context():
            owner = db.session.get(User, self.users[CANDIDATE_A])
            attempt = paper.start_attempt(db.session, owner, get_pattern(TIER1), utcnow(), random.Random(9))
            if submitted:
                service.submit(db.session, attempt, utcnow(), 0)
            db.session.commit()
            return attempt.id

    def typing(self, submitted: bool = False) -> int:
        """A new typing attempt of candidate A's at a warm-up passage, in progress or submitted."""
        with self.app.app_context():
            owner = db.session.get(User, self.users[CANDIDATE_A])
            attempt = skills.start(db.session, owner, library()["warmup-2-01"], utcnow())
            if submitted:
                skills.submit(db.session, attempt, utcnow(), 0, owner.category)
            db.session.commit()
            return attempt.id


@dataclass(frozen=True)
class Variable:
    """How the matrix fills one URL variable: labelled values (fresh ones for a POST), and who owns them."""

    values: Callable[[World, bool], dict[str, object]]
    owner: str | None = None  # the principal whose object it is; None: shared (a paper, a question)
    others_allowed: frozenset[str] = field(default_factory=frozenset)  # who else may use the owner's object


# One entry per URL variable name used in any route. An object owned by a principal is 404 to the others.
VARIABLES: dict[str, Variable] = {
    "attempt_id": Variable(
        lambda world, fresh: {
            "A's attempt in progress": world.attempt() if fresh else world.open_attempt,
            "A's submitted attempt": world.attempt(submitted=True) if fresh else world.submitted_attempt,
        },
        owner=CANDIDATE_A,
    ),
    "typing_id": Variable(
        lambda world, fresh: {
            "A's typing test in progress": world.typing(),
            "A's submitted typing test": world.typing(submitted=True),
        },
        owner=CANDIDATE_A,
    ),
    "code": Variable(lambda world, fresh: {"the Tier-I paper": TIER1}),
    "uid": Variable(lambda world, fresh: {"a published question": world.question_uid}),
    "user_id": Variable(lambda world, fresh: {"another candidate's account": world.account()}),
    "cutoff_id": Variable(lambda world, fresh: {"a cut-off": world.cutoff()}),
    "paper_id": Variable(lambda world, fresh: {"a frozen paper offered to all": world.fixed_paper()}),
    "mock_id": Variable(lambda world, fresh: {"an open live mock": world.live_mock()}),
    "token": Variable(lambda world, fresh: {"a password-reset link's token": world.reset_link_token()}),
    # A batch the instructor owns and candidate A is in: 404 to candidate B; an admin sees every batch.
    "batch_id": Variable(
        lambda world, fresh: {"the instructor's batch": world.batch() if fresh else world.the_batch},
        owner=INSTRUCTOR,
        others_allowed=frozenset({CANDIDATE_A, ADMIN}),
    ),
    "member_id": Variable(
        lambda world, fresh: {"candidate A, a member": world.users[CANDIDATE_A]},
        owner=CANDIDATE_A,
        others_allowed=frozenset({INSTRUCTOR, ADMIN}),
    ),
    "staff_id": Variable(
        lambda world, fresh: {"the batch's owner": world.users[INSTRUCTOR]},
        owner=INSTRUCTOR,
        others_allowed=frozenset({ADMIN}),
    ),
    "assignment_id": Variable(
        lambda world, fresh: {"a drill set for the batch": world.batch_assignment(fresh)},
        owner=INSTRUCTOR,
        others_allowed=frozenset({CANDIDATE_A, ADMIN}),
    ),
    "invite": Variable(lambda world, fresh: {"a batch's invite code": world.batch_invite()}),
    "report_id": Variable(
        lambda world, fresh: {"A's problem report": a_report(world)},
        owner=CANDIDATE_A,
        others_allowed=frozenset({INSTRUCTOR, ADMIN}),  # staff read every report
    ),
    "group_uid": Variable(lambda world, fresh: {"a passage group": group_uid(world.app)}),
    "upload": Variable(
        lambda world, fresh: {"the instructor's uploaded import": upload_token(world.app, world.users[INSTRUCTOR])},
        owner=INSTRUCTOR,
    ),
}


def a_report(world: World) -> int:
    """Candidate A's report on the first question of A's submitted attempt (filing again updates the same one)."""
    from trainer.exam.models import Attempt
    from trainer.reports.service import file_report

    with world.app.app_context():
        attempt = db.session.get(Attempt, world.submitted_attempt)
        owner = db.session.get(User, world.users[CANDIDATE_A])
        report, _created = file_report(db.session, owner, attempt, attempt.slots[0], "typo", "", utcnow())
        db.session.commit()
        return report.id


def unknown_variables(rule) -> list[str]:
    return [name for name in sorted(rule.arguments) if name not in VARIABLES]


def fillings(rule, world: World, fresh: bool) -> list[tuple[dict, str, set]]:
    """(values, description, owners) for every combination of the rule's variables' labelled values."""
    missing = unknown_variables(rule)
    assert not missing, (
        f"the access matrix does not know the URL variable(s) {missing} of {rule.rule} ({rule.endpoint}): add "
        f"an entry for each to VARIABLES in tests/test_access_matrix.py, e.g. "
        f'"{missing[0]}": Variable(lambda world, fresh: {{"what it is": <a real value made in World>}}, '
        f"owner=CANDIDATE_A or None if nobody owns it, others_allowed=frozenset({{...}}) for who else may use it)"
    )
    names = sorted(rule.arguments)
    choices = [list(VARIABLES[name].values(world, fresh).items()) for name in names]
    combinations = []
    for combination in itertools.product(*choices):
        values = {name: value for name, (_label, value) in zip(names, combination, strict=True)}
        description = ", ".join(label for label, _value in combination)
        owners = {(VARIABLES[name].owner, VARIABLES[name].others_allowed) for name in names}
        combinations.append((values, description, owners))
    return combinations


def expected(level: Access, principal: str, owners: set) -> str:
    """What the principal must get: served, sign in, forbidden or missing."""
    if level == Access.PUBLIC:
        return "served"
    if principal == ANONYMOUS:
        return "sign in"
    if ROLE_OF[principal] not in ALLOWED_ROLES[level]:
        return "forbidden"
    if any(owner not in (None, principal) and principal not in others for owner, others in owners):
        return "missing"
    return "served"


def check(outcome: str, response, url: str, as_json: bool) -> str | None:
    """None if the response is the expected outcome, else what went wrong. A script (JSON) is answered in JSON."""
    status, location = response.status_code, urlsplit(response.headers.get("Location", ""))
    asked_login = location.path == "/login" and parse_qs(location.query).get("next") == [url]
    if outcome == "served":
        sent_to_sign_in = location.path == "/login" and "next" in parse_qs(location.query)
        fine = status < 500 and status not in (401, 403, 404, 405) and not sent_to_sign_in
    elif outcome == "sign in" and not as_json:
        fine = status == 302 and asked_login
    else:
        fine = status == {"sign in": 401, "forbidden": 403, "missing": 404}[outcome]
        fine = fine and (not as_json or response.is_json and "error" in response.json)
    return None if fine else f"expected {outcome}, got {status} {response.headers.get('Location', '')}"


def walk(app):
    """(rule, method) for every route but static files."""
    pairs = [
        (rule, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
    ]
    return sorted(pairs, key=lambda pair: (pair[0].rule, pair[1]))


def requests_for(method: str, principal: str):
    """The ways a principal's request is sent: a GET as is; other methods as JSON (a script, the exam page's saves)
    and, for anonymous visitors, also as a form (a page), which is redirected to sign in rather than told 401."""
    if method == "GET":
        return [("page", {})]
    ways = [("JSON", {"json": JSON_BODY})]
    if principal == ANONYMOUS:
        ways.append(("form", {"data": {}}))
    return ways


class Visitor:
    """One principal's browser: signed in (unless anonymous), and signed in again after a route signed it out."""

    def __init__(self, app, world: World, principal: str) -> None:
        self.app, self.world, self.principal = app, world, principal
        self.client = app.test_client()
        self.auth = Auth(app, self.client)
        self.sign_in()

    def sign_in(self) -> None:
        if self.principal != ANONYMOUS:
            with self.app.app_context():
                email = db.session.get(User, self.world.users[self.principal]).email
            data = {"email": email, "password": PASSWORD, "csrf_token": self.auth.token()}
            assert self.client.post("/login", data=data).status_code == 302, f"{self.principal} could not sign in"
        self.token = self.auth.token("/login" if self.principal == ANONYMOUS else "/tests")

    def open(self, url: str, method: str, **body):
        response = self.client.open(url, method=method, headers={"X-CSRFToken": self.token}, **body)
        # Signing out (or out everywhere) is a route like any other: the walk goes on signed in again. Signing in
        # and out also renews the CSRF secret, so every state change is followed by a fresh token.
        if method != "GET":
            if self.principal != ANONYMOUS and self.client.get("/tests").status_code != 200:
                self.sign_in()
            self.token = self.auth.token("/login" if self.principal == ANONYMOUS else "/tests")
        return response


@pytest.mark.parametrize("principal", PRINCIPALS)
def test_every_route_answers_each_visitor_as_its_access_and_ownership_say(app, principal):
    world = World(app)
    visitor = Visitor(app, world, principal)
    failures, checked, outcomes = [], 0, set()

    for rule, method in walk(app):
        level = app.view_functions[rule.endpoint].access_level
        for values, description, owners in fillings(rule, world, fresh=method != "GET"):
            url = rule.build(values)[1]
            outcome = expected(level, principal, owners)
            for way, body in requests_for(method, principal):
                response = visitor.open(url, method, **body)
                problem = check(outcome, response, url, as_json=way == "JSON")
                checked += 1
                outcomes.add(outcome)
                if problem:
                    failures.append(f"{principal}: {method} {url} as {way} ({description or 'no object'}): {problem}")

    assert not failures, f"{len(failures)} wrong answer(s):\n" + "\n".join(failures)
    assert checked >= len(walk(app))
    assert (
        outcomes
        >= {
            ANONYMOUS: {"served", "sign in"},
            CANDIDATE_A: {"served", "forbidden"},
            CANDIDATE_B: {"served", "forbidden", "missing"},
            INSTRUCTOR: {"served", "missing"},
            ADMIN: {"served", "missing"},
        }[principal]
    )


def test_a_route_with_a_variable_the_matrix_does_not_know_fails_with_what_to_add(app):
    app.add_url_rule("/widgets/<id:widget_id>", "widgets.show_widget", lambda widget_id: "")
    rule = next(rule for rule in app.url_map.iter_rules() if rule.endpoint == "widgets.show_widget")

    with pytest.raises(AssertionError, match=r"\['widget_id'\] of /widgets/<id:widget_id>.*add an entry"):
        fillings(rule, world=None, fresh=False)


def test_every_route_of_the_app_is_filled_by_the_table(app):
    assert [
        (rule.rule, unknown_variables(rule))
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and unknown_variables(rule)
    ] == []


def test_the_expectations_follow_the_access_levels_and_owners():
    attempt = {(CANDIDATE_A, frozenset())}
    assert expected(Access.USER, CANDIDATE_B, attempt) == "missing"
    assert expected(Access.SESSION, CANDIDATE_B, attempt) == "missing"
    assert expected(Access.USER, CANDIDATE_A, attempt) == "served"
    assert expected(Access.STAFF, CANDIDATE_A, set()) == "forbidden"
    assert expected(Access.ADMIN, INSTRUCTOR, set()) == "forbidden"
    assert expected(Access.STAFF, ANONYMOUS, set()) == "sign in"
    assert expected(Access.USER, ADMIN, {(CANDIDATE_A, frozenset({ADMIN}))}) == "served"
