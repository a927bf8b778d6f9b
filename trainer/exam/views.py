"""The tests a candidate can take: the list, instructions and start, and topic tests."""

from __future__ import annotations

import random
import secrets

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from trainer.bank import drawindex
from trainer.bank.pool import top_up
from trainer.batches.assignments import mine as assigned_to
from trainer.core.access import Access, access
from trainer.core.clock import utcnow
from trainer.exam import paper, service, timing
from trainer.exam.blueprint import bp
from trainer.exam.forms import StartForm, TopicTestForm
from trainer.exam.patterns import all_patterns, get_pattern, topic_pattern
from trainer.exam.screen_text import shown_name
from trainer.extensions import db
from trainer.i18n import interface_language, local_name
from trainer.institute import audience, livemocks

# The tests page lists the attempts in progress and the latest others, up to this many: a candidate with a season of
# mocks behind them would otherwise pay for every one on each view (0.4 ms of CPU an attempt); the progress page's
# score history pages through them all.
TESTS_PAGE_ATTEMPTS = 20


def _begin(pattern, mode: str, timed: bool):
    attempt = paper.start_attempt(
        db.session, current_user, pattern, utcnow(), random.Random(secrets.randbits(64)), mode=mode, timed=timed
    )
    db.session.commit()
    top_up.soon(current_app._get_current_object())  # the pool is refilled after starts, never during one
    return redirect(url_for("exam.take_attempt", attempt_id=attempt.id))


def _topic_form() -> tuple[TopicTestForm, list[TopicGroup]]:
    """The topic-test form with every topic as a choice, and the topics by section as the page lists them."""
    form = TopicTestForm()
    form.topics.choices, groups = topic_choices(drawindex.current(db.session), interface_language())
    return form, groups


TopicGroup = tuple[str, list[tuple[str, str]]]  # a section's key, its topics' (choice value, shown name)


def topic_choices(index: drawindex.DrawIndex, language: str) -> tuple[list[tuple[str, str]], list[TopicGroup]]:
    """Every topic as the topic-test form offers it ("section/key", its name in the page's language), by section
    and name, and the same grouped by section. Kept with the bank's draw index, which a start reads anyway: the
    tests page used to read every topic row (with its JSON weights) on each view, and to split them in a template
    loop."""
    memo = index.memo("topic_choices")
    found = memo.get(language)
    if found is None:  # two threads may both build it: the same lists, and either may be kept
        topics = sorted(index.topics, key=lambda t: (t.section, t.name))
        choices = [(f"{t.section}/{t.key}", local_name(t)) for t in topics]
        by_section: dict[str, list[tuple[str, str]]] = {}
        for topic, choice in zip(topics, choices, strict=True):
            by_section.setdefault(topic.section, []).append(choice)
        found = memo[language] = (choices, list(by_section.items()))
    return found


def _tests_page(form: TopicTestForm, groups: list[TopicGroup], status: int = 200):
    """The tests page: what is assigned, live mocks and offered papers, the mocks, the topic-test form (with its
    errors after a refused submit) and the candidate's attempts."""
    attempts = service.attempts_of(db.session, current_user, TESTS_PAGE_ATTEMPTS + 1)
    if any([service.close_if_expired(db.session, a, utcnow()) for a in attempts]):
        db.session.commit()
    page = render_template(
        "exam/list_tests.html",
        patterns=all_patterns(),
        shown_name=shown_name,
        attempts=attempts[:TESTS_PAGE_ATTEMPTS],
        more_attempts=len(attempts) > TESTS_PAGE_ATTEMPTS,
        topic_form=form,
        topic_groups=groups,
        mine=assigned_to(db.session, current_user, utcnow()),  # templates/batches/_assigned.html
        now=utcnow(),
        live=livemocks.for_candidate(db.session, current_user, utcnow()),
        offered=audience.offered_papers(db.session, current_user),
    )
    return page, status


@bp.route("/tests")
@access(Access.USER)
def list_tests():
    """Full mocks, sectional tests, topic tests, and the candidate's own attempts (resume or review)."""
    return _tests_page(*_topic_form())


@bp.route("/tests/<code>", methods=["GET", "POST"])
@access(Access.USER)
def show_instructions(code: str):
    """Instructions and the declaration; ticking it and pressing "I am ready to begin" draws the paper."""
    pattern = service.pattern_or_404(code)
    mode = "practice" if request.args.get("mode") == "practice" else "strict"
    form = StartForm()
    if form.validate_on_submit():
        return _begin(pattern, mode, timed=mode == "strict" or form.timed.data)
    extras = [timing.extra_minutes(p.minutes, current_user.scribe_eligible) for p in pattern.parts]
    page = render_template(
        "exam/show_instructions.html", pattern=pattern, form=form, extras=extras, mode=mode, shown_name=shown_name
    )
    return page, 422 if form.errors else 200


@bp.route("/tests/topic", methods=["POST"])
@access(Access.USER)
def start_topic_test():
    """A topic test: chosen topics of one subject, the paper's marks and time per question."""
    form, groups = _topic_form()
    if form.validate_on_submit():
        base = get_pattern(form.paper.data)
        subjects = {choice.partition("/")[0] for choice in form.topics.data}
        sections = [s for s in base.sections if s.subject in subjects]
        if len(subjects) == 1 and sections:
            topics = tuple(choice.partition("/")[2] for choice in form.topics.data)
            pattern = topic_pattern(base, sections[0].key, topics, form.count.data)
            mode = "practice" if form.practice.data else "strict"
            return _begin(pattern, mode, timed=True)
        form.topics.errors.append(
            _("Choose topics of one subject that this paper has.")
            if sections
            else _("%(paper)s has no section for %(subjects)s.", paper=base.name, subjects=", ".join(sorted(subjects)))
        )
    return _tests_page(form, groups, 422)
