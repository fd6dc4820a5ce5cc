"""The mentor portal: ``/my/mentorships``.

A mentor sees their own mentorships only, and of the mentee only the summary
that :meth:`level2work.mentorship._get_mentee_summary` gives while the mentee
consents. Mentors have read access at most; what they log (contact moments,
network introductions, the outcome of an introduction) goes through the
routes below, which check that the mentorship is theirs, validate the input,
and only then write as superuser.

A mentorship, or an introduction, that is not the visitor's own answers 404
(``NotFound``) on every route, as if it did not exist: the portal does not
tell whether someone else's mentorship exists.
"""

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, ValidationError
from odoo.http import request
from odoo.tools import format_date

from odoo.addons.level2work_pathway.controllers.portal_form import (
    clean_text,
    parse_int,
)
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.mentorship_log_mixin import MAX_NOTE_LENGTH
from ..models.mentorship_moment import MAX_MOMENT_HOURS
from ..models.network_introduction import MAX_NAME_LENGTH

MAX_MOMENT_MINUTES = MAX_MOMENT_HOURS * 60


class MentorPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "mentorship_count" in counters:
            Mentorship = request.env["level2work.mentorship"]
            values["mentorship_count"] = (
                Mentorship.search_count(self._mentorship_domain())
                if Mentorship.has_access("read")
                else 0
            )
        return values

    def _mentorship_domain(self):
        """The mentorships of the visitor as a mentor. The record rules narrow
        portal users to these already; the domain keeps staff who are also
        mentors to their own mentorships here."""
        mentors = (
            request.env["level2work.mentor"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "=", request.env.user.partner_id.id)])
        )
        return [("mentor_id", "in", mentors.ids), ("state", "!=", "cancelled")]

    def _mentorship_check_access(self, mentorship_id):
        """The visitor's own mentorship ``mentorship_id``, as superuser; 404
        for anything else."""
        try:
            mentorship_sudo = self._document_check_access(
                "level2work.mentorship", mentorship_id
            )
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        if not mentorship_sudo.filtered_domain(self._mentorship_domain()):
            raise NotFound()
        return mentorship_sudo

    def _upcoming_sessions(self, mentorships_sudo):
        """The group sessions still to come of the cohorts of these
        mentorships."""
        Session = request.env["level2work.session"]
        if not Session.has_access("read"):
            return Session
        return Session.search(
            [
                ("cohort_id", "in", mentorships_sudo.cohort_id.ids),
                ("date_begin", ">=", fields.Datetime.now()),
            ],
            order="date_begin",
            limit=10,
        ).sudo()

    @http.route(
        ["/my/mentorships", "/my/mentorships/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_mentorships(self, page=1, sortby=None, filterby=None, **kw):
        values = self._prepare_portal_layout_values()
        Mentorship = request.env["level2work.mentorship"]
        searchbar_sortings = {
            "date": {
                "label": request.env._("Newest"),
                "order": "date_start desc, id desc",
            },
            "end": {"label": request.env._("End date"), "order": "date_end, id"},
        }
        searchbar_filters = {
            "all": {"label": request.env._("All"), "domain": []},
            "active": {
                "label": request.env._("Active"),
                "domain": [("state", "=", "active")],
            },
            "proposed": {
                "label": request.env._("Proposed"),
                "domain": [("state", "=", "proposed")],
            },
            "completed": {
                "label": request.env._("Completed"),
                "domain": [("state", "=", "completed")],
            },
        }
        sortby = sortby if sortby in searchbar_sortings else "date"
        filterby = filterby if filterby in searchbar_filters else "all"
        domain = self._mentorship_domain() + searchbar_filters[filterby]["domain"]

        readable = Mentorship.has_access("read")
        count = Mentorship.search_count(domain) if readable else 0
        pager = portal_pager(
            url="/my/mentorships",
            url_args={"sortby": sortby, "filterby": filterby},
            total=count,
            page=page,
            step=self._items_per_page,
        )
        mentorships = Mentorship
        if readable:
            mentorships = Mentorship.search(
                domain,
                order=searchbar_sortings[sortby]["order"],
                limit=self._items_per_page,
                offset=pager["offset"],
            )
        request.session["my_mentorships_history"] = mentorships.ids[:100]
        values.update(
            {
                "mentorships": mentorships.sudo(),
                "summaries": {m.id: m._get_mentee_summary() for m in mentorships},
                "sessions": self._upcoming_sessions(
                    Mentorship.search(self._mentorship_domain()).sudo()
                    if readable
                    else Mentorship
                ),
                "page_name": "mentorship",
                "default_url": "/my/mentorships",
                "pager": pager,
                "searchbar_sortings": searchbar_sortings,
                "searchbar_filters": searchbar_filters,
                "sortby": sortby,
                "filterby": filterby,
            }
        )
        return request.render("level2work_mentoring.portal_my_mentorships", values)

    def _mentorship_page_values(self, mentorship_sudo, **kwargs):
        mentorship = request.env["level2work.mentorship"].browse(mentorship_sudo.id)
        values = {
            "mentorship": mentorship_sudo,
            "summary": mentorship._get_mentee_summary(),
            "sessions": self._upcoming_sessions(mentorship_sudo),
            "moment_kinds": mentorship_sudo.moment_ids._fields[
                "kind"
            ]._description_selection(request.env),
            "introduction_outcomes": mentorship_sudo.introduction_ids._fields[
                "outcome"
            ]._description_selection(request.env),
            "today": fields.Date.context_today(mentorship_sudo),
            "max_moment_minutes": MAX_MOMENT_MINUTES,
            "max_note_length": MAX_NOTE_LENGTH,
            "max_name_length": MAX_NAME_LENGTH,
            "page_name": "mentorship",
            "errors": {},
            "form": {},
        }
        values.update(kwargs)
        return self._get_page_view_values(
            mentorship_sudo, None, values, "my_mentorships_history", False
        )

    @http.route(
        "/my/mentorships/<int:mentorship_id>", type="http", auth="user", website=True
    )
    def portal_my_mentorship(self, mentorship_id, **kw):
        mentorship_sudo = self._mentorship_check_access(mentorship_id)
        values = self._mentorship_page_values(mentorship_sudo, logged=kw.get("logged"))
        return request.render("level2work_mentoring.portal_my_mentorship", values)

    # ------------------------------------------------------------------
    # What a mentor logs
    # ------------------------------------------------------------------

    def _render_form_errors(self, mentorship_sudo, form, errors, post):
        values = self._mentorship_page_values(
            mentorship_sudo, errors=errors, form=form, post=post
        )
        return request.render(
            "level2work_mentoring.portal_my_mentorship", values, status=400
        )

    def _check_running(self, mentorship_sudo, errors):
        if mentorship_sudo.state != "active":
            errors["form"] = request.env._(
                "This mentorship is not running: contact moments and introductions "
                "are logged while it is active."
            )

    def _parse_date(self, value, errors, missing):
        """The date in ``value`` (YYYY-MM-DD); None with the message
        ``missing`` in ``errors`` when there is none."""
        try:
            day = fields.Date.to_date(value) if value else None
        except ValueError:
            day = None
        if not day:
            errors["date"] = missing
        return day

    def _check_log_values(self, model, values, errors):
        """Add to ``errors`` what the rules of ``model`` (a
        ``level2work.mentorship.log.mixin``) find wrong with ``values``,
        for the fields not already refused."""
        record = request.env[model].sudo().new(values)
        for name, message in record._get_log_errors().items():
            errors.setdefault(name, message)

    def _mentorship_moment_values(self, mentorship_sudo, post):
        """``(values, errors)`` of a contact moment posted by the mentor."""
        errors = {}
        self._check_running(mentorship_sudo, errors)
        day = self._parse_date(
            post.get("date"),
            errors,
            missing=request.env._("Give the date of the contact moment."),
        )
        minutes = parse_int(post.get("duration"))
        if minutes is None:
            errors["duration"] = request.env._("Give the duration in minutes.")
        kinds = dict(mentorship_sudo.moment_ids._fields["kind"].selection)
        kind = post.get("kind")
        if kind not in kinds:
            kind = False
            errors["kind"] = request.env._(
                "Say whether you met one to one or in a group."
            )
        values = {
            "mentorship_id": mentorship_sudo.id,
            "date": day,
            "duration": (minutes or 0) / 60.0,
            "kind": kind,
            "note": clean_text(post.get("note")) or False,
            "logged_by_id": request.env.user.id,
        }
        self._check_log_values("level2work.mentorship.moment", values, errors)
        return values, errors

    def _mentorship_introduction_values(self, mentorship_sudo, post):
        """``(values, errors)`` of a network introduction posted by the
        mentor."""
        errors = {}
        self._check_running(mentorship_sudo, errors)
        day = self._parse_date(
            post.get("date"),
            errors,
            missing=request.env._("Give the date of the introduction."),
        )
        contact = clean_text(post.get("contact_name"))
        organisation = clean_text(post.get("organisation"))
        if not contact:
            errors["contact_name"] = request.env._(
                "Give the name of the person you introduced your mentee to."
            )
        if not organisation:
            errors["organisation"] = request.env._(
                "Give the organisation this person works for."
            )
        outcomes = dict(mentorship_sudo.introduction_ids._fields["outcome"].selection)
        outcome = post.get("outcome") or "pending"
        if outcome not in outcomes:
            outcome = False
            errors["outcome"] = request.env._("Choose what came of the introduction.")
        values = {
            "mentorship_id": mentorship_sudo.id,
            "date": day,
            "contact_name": contact,
            "organisation": organisation,
            "outcome": outcome,
            "note": clean_text(post.get("note")) or False,
            "logged_by_id": request.env.user.id,
        }
        self._check_log_values("level2work.network.introduction", values, errors)
        return values, errors

    def _create_as_mentor(self, model, values, errors):
        """Create a record of ``model`` as superuser, for a mentor whose
        ownership and input were checked; a constraint that still fails is
        shown as a form error and nothing is saved."""
        try:
            with request.env.cr.savepoint():
                return request.env[model].sudo().create(values)
        except ValidationError as error:
            errors["form"] = error.args[0]
        return None

    @http.route(
        "/my/mentorships/<int:mentorship_id>/moments",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_mentorship_log_moment(self, mentorship_id, **post):
        mentorship_sudo = self._mentorship_check_access(mentorship_id)
        values, errors = self._mentorship_moment_values(mentorship_sudo, post)
        if not errors:
            moment = self._create_as_mentor(
                "level2work.mentorship.moment", values, errors
            )
        if errors:
            return self._render_form_errors(mentorship_sudo, "moment", errors, post)
        mentorship_sudo.message_post(
            body=request.env._(
                "%(mentor)s logged a contact moment on %(date)s.",
                mentor=request.env.user.name,
                date=format_date(request.env, moment.date),
            ),
            author_id=request.env.user.partner_id.id,
            subtype_xmlid="mail.mt_note",
        )
        return request.redirect(
            f"/my/mentorships/{mentorship_id}?logged=moment#moments"
        )

    @http.route(
        "/my/mentorships/<int:mentorship_id>/introductions",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_mentorship_log_introduction(self, mentorship_id, **post):
        mentorship_sudo = self._mentorship_check_access(mentorship_id)
        values, errors = self._mentorship_introduction_values(mentorship_sudo, post)
        if not errors:
            introduction = self._create_as_mentor(
                "level2work.network.introduction", values, errors
            )
        if errors:
            return self._render_form_errors(
                mentorship_sudo, "introduction", errors, post
            )
        mentorship_sudo.message_post(
            body=request.env._(
                "%(mentor)s introduced the mentee to %(contact)s (%(organisation)s).",
                mentor=request.env.user.name,
                contact=introduction.contact_name,
                organisation=introduction.organisation,
            ),
            author_id=request.env.user.partner_id.id,
            subtype_xmlid="mail.mt_note",
        )
        return request.redirect(
            f"/my/mentorships/{mentorship_id}?logged=introduction#introductions"
        )

    @http.route(
        "/my/mentorships/<int:mentorship_id>/introductions/<int:introduction_id>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_mentorship_update_introduction(
        self, mentorship_id, introduction_id, **post
    ):
        """The mentor tells what came of an introduction they logged."""
        mentorship_sudo = self._mentorship_check_access(mentorship_id)
        introduction_sudo = mentorship_sudo.introduction_ids.filtered(
            lambda i: i.id == introduction_id
        )
        if not introduction_sudo:
            raise NotFound()
        outcomes = dict(introduction_sudo._fields["outcome"].selection)
        outcome = post.get("outcome")
        if outcome not in outcomes:
            errors = {"form": request.env._("Choose what came of the introduction.")}
            return self._render_form_errors(mentorship_sudo, "outcome", errors, post)
        if outcome != introduction_sudo.outcome:
            introduction_sudo.outcome = outcome
            mentorship_sudo.message_post(
                body=request.env._(
                    "%(mentor)s updated the introduction to %(contact)s: %(outcome)s.",
                    mentor=request.env.user.name,
                    contact=introduction_sudo.contact_name,
                    outcome=dict(
                        introduction_sudo._fields["outcome"]._description_selection(
                            request.env
                        )
                    )[outcome],
                ),
                author_id=request.env.user.partner_id.id,
                subtype_xmlid="mail.mt_note",
            )
        return request.redirect(
            f"/my/mentorships/{mentorship_id}?logged=outcome#introductions"
        )
