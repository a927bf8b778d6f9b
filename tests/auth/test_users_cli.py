"""`flask users create|list|set-role`: managing accounts from the command line."""

from trainer.auth.service import authenticate
from trainer.extensions import db

PASSWORD = "correct horse battery"


def create(runner, email="teacher@example.com", role="instructor", password=PASSWORD):
    return runner.invoke(args=["users", "create", email, "--role", role, "--password", password])


def listed(runner) -> list[list[str]]:
    return [line.split() for line in runner.invoke(args=["users", "list"]).output.splitlines()]


def test_create_an_instructor_who_can_then_sign_in(app, runner):
    result = create(runner)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Created teacher@example.com (instructor)."
    with app.app_context():
        assert authenticate(db.session, "teacher@example.com", PASSWORD).role == "instructor"


def test_list_shows_each_account_and_its_role(runner):
    create(runner)
    create(runner, "student@example.com", "candidate")
    rows = listed(runner)
    assert [(row[1], row[3]) for row in rows] == [
        ("instructor", "teacher@example.com"),
        ("candidate", "student@example.com"),
    ]


def test_a_taken_email_is_refused_clearly(runner):
    create(runner)
    result = create(runner, "Teacher@Example.com", "admin")
    assert result.exit_code == 1
    assert "Error: An account with this e-mail already exists." in result.output
    assert [row[1] for row in listed(runner)] == ["instructor"]


def test_set_role_changes_the_role(runner):
    create(runner)
    result = runner.invoke(args=["users", "set-role", "teacher@example.com", "admin"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "teacher@example.com is now admin."
    assert listed(runner)[0][1] == "admin"


def test_an_unknown_role_is_refused(runner):
    result = create(runner, role="superuser")
    assert result.exit_code == 2
    assert "Invalid value for '--role'" in result.output
    create(runner)
    result = runner.invoke(args=["users", "set-role", "teacher@example.com", "root"])
    assert result.exit_code == 2
    assert "'root' is not one of" in result.output
    assert [row[1] for row in listed(runner)] == ["instructor"]


def test_set_role_for_an_unknown_email_says_so(runner):
    result = runner.invoke(args=["users", "set-role", "nobody@example.com", "admin"])
    assert result.exit_code == 1
    assert "No user with e-mail nobody@example.com." in result.output


def test_a_short_password_is_refused(runner):
    result = create(runner, password="short")
    assert result.exit_code == 1
    assert "at least 8 characters" in result.output
    assert listed(runner) == []
