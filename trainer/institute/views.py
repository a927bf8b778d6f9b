"""Institute pages: fixed papers (blueprint, draw, preview, swap, freeze) and live mocks (schedule, start, results)."""

from __future__ import annotations

import random
import secrets

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from trainer.bank.rendering import render, render_inline
from trainer.core.access import Access, Role, access
from trainer.core.clock import utcnow
from trainer.core.errors import Conflict, DomainError, Forbidden, NotFound
from trainer.exam.patterns import all_patterns
from trainer.exam.screen_text import shown_name
from trainer.extensions import db
from trainer.i18n import N_, error_text, interface_wording, moment
from trainer.institute import audience, forms, livemocks, papers, releasing
from trainer.institute.models import LiveMockEntry

bp = Blueprint("institute", __name__)


def _rng() -> random.Random:
    return random.Random(secrets.randbits(64))


def _paper_form() -> forms.NewPaperForm:
    form = forms.NewPaperForm()
    form.pattern.choices = [(code, shown_name(p.name)) for code, p in all_patterns().items()]
    return form


@bp.route("/institute/papers", methods=["GET", "POST"])
@access(Access.STAFF)
def list_papers():
    """Every fixed paper (drafts and frozen, by pattern) and a form to start a new one."""
    form = _paper_form()
    if form.validate_on_submit():
        paper = papers.new_paper(db.session, form.name.data.strip(), form.pattern.data, current_user, _rng())
        db.session.commit()
        return redirect(url_for("institute.edit_blueprint", paper_id=paper.id))
    page = render_template("institute/list_papers.html", papers=papers.list_papers(db.session), form=form)
    return page, 422 if form.errors else 200


@bp.route("/institute/papers/<id:paper_id>/blueprint", methods=["GET", "POST"])
@access(Access.STAFF)
def edit_blueprint(paper_id: int):
    """Topic × difficulty counts per section (prefilled from the weights); "Draw" draws the whole paper."""
    paper = papers.paper_or_404(db.session, paper_id)
    grid, problems = papers.blueprint_grid(db.session, paper), []
    form = forms.ActionForm()
    if form.validate_on_submit():
        topics = {g["rule"].subject: [r["key"] for r in g["rows"]] for g in grid}
        blueprint, problems = forms.blueprint_counts(request.form, papers.pattern_of(paper), topics)
        problems = problems or papers.check_blueprint(papers.pattern_of(paper), blueprint, interface_wording())
        if not problems:
            try:
                notes = papers.draw(db.session, paper, blueprint, _rng(), interface_wording())
            except DomainError as exc:
                db.session.rollback()
                problems = [error_text(exc)]
            else:
                db.session.commit()
                for note in notes:
                    flash(note, "warning")
                return redirect(url_for("institute.show_paper", paper_id=paper.id))
        paper.blueprint = blueprint  # shown as typed; never stored (the request rolls back)
        grid = papers.blueprint_grid(db.session, paper)
    page = render_template("institute/edit_blueprint.html", paper=paper, grid=grid, problems=problems, form=form)
    return page, 422 if problems or form.errors else 200


@bp.route("/institute/papers/<id:paper_id>")
@access(Access.STAFF)
def show_paper(paper_id: int):
    """The whole paper as candidates will see it, with a swap button per question while it is a draft."""
    paper = papers.paper_or_404(db.session, paper_id)
    return render_template(
        "institute/show_paper.html", paper=paper, pattern=papers.pattern_of(paper),
        passages=papers.passages_of(db.session, paper), render=render, render_inline=render_inline,
        form=forms.ActionForm(), offer=_offer_form(paper), offered_to=audience.batch_names(db.session, paper.audience),
    )  # fmt: skip


def _offer_form(paper=None) -> forms.OfferForm:
    """Who a paper is offered to, with the user's own batches to tick (prefilled from the paper when shown)."""
    form = forms.OfferForm()
    form.batches.choices = [(b.id, b.name) for b in audience.choosable(db.session, current_user)]
    if paper is not None and not form.is_submitted():
        form.batches.data = [link.batch_id for link in paper.audience]
        form.whom.data = audience.EVERYONE if paper.offered else audience.BATCHES if paper.audience else audience.NOBODY
    return form


@bp.route("/institute/papers/<id:paper_id>/swap", methods=["POST"])
@access(Access.STAFF)
def swap_question(paper_id: int):
    """Swap one question (a whole passage for a passage's question) for another that fits."""
    paper = papers.paper_or_404(db.session, paper_id)
    form = forms.SwapForm()
    if not form.validate_on_submit():
        flash(_("Choose the question to swap."), "error")
        return redirect(url_for("institute.show_paper", paper_id=paper.id))
    papers.swap(db.session, paper, form.position.data, _rng())
    db.session.commit()
    flash(_("Question %(number)s swapped.", number=form.position.data + 1), "success")
    return redirect(url_for("institute.show_paper", paper_id=paper.id, _anchor=f"q{form.position.data + 1}"))


@bp.route("/institute/papers/<id:paper_id>/freeze", methods=["POST"])
@access(Access.STAFF)
def freeze_paper(paper_id: int):
    paper = papers.paper_or_404(db.session, paper_id)
    if forms.ActionForm().validate_on_submit():
        papers.freeze(db.session, paper, utcnow())
        db.session.commit()
        flash(_("“%(paper)s” is frozen: every sitting shows exactly these questions.", paper=paper.name), "success")
    return redirect(url_for("institute.show_paper", paper_id=paper.id))


@bp.route("/institute/papers/<id:paper_id>/offer", methods=["POST"])
@access(Access.STAFF)
def offer_paper(paper_id: int):
    """Offer a frozen paper as a mock to every candidate, to chosen batches (the user's own), or to nobody."""
    paper = papers.paper_or_404(db.session, paper_id)
    form = _offer_form()
    if not form.validate_on_submit():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors) or _("Choose who it is offered to."),
              "error")  # fmt: skip
        return redirect(url_for("institute.show_paper", paper_id=paper.id, _anchor="offer"))
    audience.offer_paper(db.session, paper, current_user, form.whom.data, form.batch_ids())
    db.session.commit()
    names = audience.batch_names(db.session, paper.audience)
    whom = _("all candidates") if paper.offered else ", ".join(names)
    flash(_("Saved: it is now offered to %(whom)s.", whom=whom) if whom else _("Saved: it is not offered to anyone."),
          "success")  # fmt: skip
    return redirect(url_for("institute.show_paper", paper_id=paper.id, _anchor="offer"))


@bp.route("/institute/papers/<id:paper_id>/parallel", methods=["POST"])
@access(Access.STAFF)
def draw_parallel(paper_id: int):
    """A parallel paper (another shift): same pattern and blueprint, other questions where the bank has them."""
    paper = papers.paper_or_404(db.session, paper_id)
    if not forms.ActionForm().validate_on_submit():
        return redirect(url_for("institute.show_paper", paper_id=paper.id))
    twin, notes = papers.parallel(db.session, paper, current_user, _rng(), interface_wording())
    db.session.commit()
    for note in notes:
        flash(note, "warning")
    return redirect(url_for("institute.show_paper", paper_id=twin.id))


@bp.route("/papers/<id:paper_id>/start", methods=["POST"])
@access(Access.USER)
def start_fixed_paper(paper_id: int):
    """Take a frozen paper offered to the candidate (to all, or to a batch of theirs) as a strict mock on their own
    timer (staff: any frozen paper)."""
    paper = papers.paper_or_404(db.session, paper_id)
    if current_user.role == Role.CANDIDATE and not audience.paper_admits(db.session, paper, current_user):
        raise NotFound(N_("No such paper."))
    if not paper.frozen:
        raise Conflict(N_("Only a frozen paper can be sat."))
    if not forms.ActionForm().validate_on_submit():
        return redirect(url_for("exam.list_tests"))
    attempt_id = livemocks.open_sitting(db.session, current_user, (paper.id, paper.frozen_at), utcnow())
    db.session.commit()
    return redirect(url_for("exam.take_attempt", attempt_id=attempt_id))


def _schedule_form() -> forms.ScheduleForm:
    form = forms.ScheduleForm()
    form.papers.choices = [(p.id, f"{p.name} ({p.pattern_code})") for p in papers.list_papers(db.session) if p.frozen]
    form.batches.choices = [(b.id, b.name) for b in audience.choosable(db.session, current_user)]
    return form


@bp.route("/institute/live-mocks", methods=["GET", "POST"])
@access(Access.STAFF)
def list_live_mocks():
    """Scheduled live mocks and the form to schedule one."""
    form = _schedule_form()
    if form.validate_on_submit():
        plan = livemocks.Schedule(form.title.data, form.utc(form.opens_at), form.utc(form.closes_at),
                                  form.utc(form.release_at), tuple(form.papers.data), form.show_names.data,
                                  form.batch_ids())  # fmt: skip
        mock = livemocks.schedule(db.session, plan, current_user, utcnow())
        db.session.commit()
        return redirect(url_for("institute.show_live_mock", mock_id=mock.id))
    mocks = livemocks.list_mocks(db.session)
    audiences = {m.id: audience.batch_names(db.session, m.audience) for m in mocks}
    page = render_template("institute/list_live_mocks.html", mocks=mocks, audiences=audiences, form=form)
    return page, 422 if form.errors else 200


@bp.route("/institute/live-mocks/<id:mock_id>")
@access(Access.STAFF)
def show_live_mock(mock_id: int):
    """A live mock for staff: window, shifts, how many started, release state."""
    mock = livemocks.mock_or_404(db.session, mock_id)
    started = dict(db.session.execute(
        select(LiveMockEntry.shift, func.count()).where(LiveMockEntry.live_mock_id == mock.id)
        .group_by(LiveMockEntry.shift)
    ).all())  # fmt: skip
    offered_to = audience.batch_names(db.session, mock.audience)
    return render_template("institute/show_live_mock.html", mock=mock, started=started, now=utcnow(),
                           form=forms.ActionForm(), offered_to=offered_to, offer=_mock_offer_form(mock))  # fmt: skip


def _mock_offer_form(mock) -> forms.AudienceForm | None:
    """Who a live mock is offered to, prefilled, for its scheduler or an admin until the window closes; else None."""
    if not audience.may_change(mock, current_user) or utcnow() >= mock.closes_at:
        return None
    form = forms.AudienceForm()
    form.batches.choices = [(b.id, b.name) for b in audience.choosable(db.session, current_user)]
    if not form.is_submitted():
        form.batches.data = [link.batch_id for link in mock.audience]
        form.whom.data = audience.BATCHES if mock.audience else audience.EVERYONE
    return form


@bp.route("/institute/live-mocks/<id:mock_id>/offer", methods=["POST"])
@access(Access.STAFF)
def offer_live_mock(mock_id: int):
    """Change who a scheduled live mock is offered to (its scheduler or an admin; only more people once it opens)."""
    mock = livemocks.mock_or_404(db.session, mock_id)
    if not audience.may_change(mock, current_user):
        raise Forbidden(audience.NOT_THE_SCHEDULER)
    form = forms.AudienceForm()
    form.batches.choices = [(b.id, b.name) for b in audience.choosable(db.session, current_user)]
    try:
        if not form.validate_on_submit():
            raise DomainError(" ".join(str(e) for errors in form.errors.values() for e in errors))
        changed = audience.offer_mock(db.session, mock, current_user, form.whom.data, form.batch_ids(), utcnow())
    except DomainError as exc:
        flash(error_text(exc), "error")
        return redirect(url_for("institute.show_live_mock", mock_id=mock.id, _anchor="offer"))
    db.session.commit()
    names = audience.batch_names(db.session, mock.audience)
    flash(_("Saved: it is now offered to %(whom)s.", whom=", ".join(names) or _("all candidates")) if changed
          else _("Nothing changed: it is offered to the same candidates as before."), "success")  # fmt: skip
    return redirect(url_for("institute.show_live_mock", mock_id=mock.id, _anchor="offer"))


@bp.route("/institute/live-mocks/<id:mock_id>/release", methods=["POST"])
@access(Access.STAFF)
def release_live_mock(mock_id: int):
    """Release (again) after the release time: the same sittings always give the same numbers."""
    mock = livemocks.mock_or_404(db.session, mock_id)
    if forms.ActionForm().validate_on_submit():
        if utcnow() < mock.release_at:
            flash(_("The results are released at %(at)s, not before.", at=moment(mock.release_at)), "error")
        else:
            releasing.release(db.session, mock, utcnow())
            db.session.commit()
            flash(_("Results released."), "success")
    return redirect(url_for("institute.show_live_mock", mock_id=mock.id))


@bp.route("/live-mocks/<id:mock_id>/start", methods=["POST"])
@access(Access.USER)
def start_live_mock(mock_id: int):
    """Join a live mock in its window: the candidate's own strict attempt (the same one if pressed again)."""
    if not forms.ActionForm().validate_on_submit():
        return redirect(url_for("exam.list_tests"))
    try:
        attempt_id = livemocks.start(db.session, mock_id, current_user, utcnow())
    except livemocks.NotOpen as exc:
        db.session.rollback()
        return render_template("institute/not_open.html", message=error_text(exc)), exc.status
    db.session.commit()
    return redirect(url_for("exam.take_attempt", attempt_id=attempt_id))


@bp.route("/live-mocks/<id:mock_id>/results")
@access(Access.USER)
def show_live_results(mock_id: int):
    """The leaderboard with the candidate's own row, from the release time on; before it, when it will be."""
    mock = livemocks.mock_or_404(db.session, mock_id)
    staff = current_user.role != Role.CANDIDATE
    if not staff and not livemocks.visible_to(db.session, mock, current_user):
        raise NotFound(livemocks.NO_SUCH_MOCK)
    if releasing.release_if_due(db.session, mock, utcnow()):
        db.session.commit()
    if mock.released_at is None:
        return render_template("institute/show_live_results.html", mock=mock, board=None)
    page = request.args.get("page", "1")
    board = releasing.leaderboard(db.session, mock, current_user, int(page) if page.isdigit() else 1)
    pattern = papers.pattern_of(mock.shifts[0].paper)  # every shift is a paper of the same pattern
    names = {s.key: shown_name(s.name) for s in pattern.sections}
    return render_template("institute/show_live_results.html", mock=mock, board=board, section_names=names)
