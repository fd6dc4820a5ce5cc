import datetime

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.level2work_pathway.controllers.portal_form import (
    clean_text,
    parse_int,
)
from odoo.addons.level2work_pathway.models.diploma import ISCED_SELECTION
from odoo.addons.level2work_pathway.models.lab import PROVINCE_SELECTION
from odoo.addons.level2work_pathway.models.language_skill import CEFR_SELECTION
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.vacancy import KIND_SELECTION, MAX_POSITIONS
from ..models.workplace_learning import INSTRUMENT_SELECTION
from ..models.workplace_learning_evaluation import (
    EVALUATION_KIND_SELECTION,
    RATING_FIELDS,
    RATING_SELECTION,
    WOULD_HIRE_SELECTION,
)

# Longest text accepted from the portal forms, per field.
MAX_LENGTH = {
    "name": 120,
    "field_of_study": 120,
    "location": 120,
    "skills": 3000,
    "description": 6000,
    "message": 2000,
    "goals_comment": 3000,
    "strengths": 3000,
    "improvements": 3000,
}
EDITABLE_VACANCY_STATES = ("draft", "published")


class EmployerPortal(CustomerPortal):
    """The employer portal: an employer's HR contacts see and manage their
    company's vacancies, the candidates proposed for them (a blind profile
    until the candidate consents to disclose their identity), their workplace
    learners and their placements. Every record is loaded through the portal
    user's own access rights and its employer checked; anything else answers
    404. Writes go through sudo only after that check."""

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _get_level2work_employer(self):
        """The level2work employer of the logged-in user, or an empty
        recordset (sudo)."""
        return request.env.user.partner_id._get_level2work_employer()

    def _check_level2work_employer(self):
        employer = self._get_level2work_employer()
        if not employer:
            raise NotFound()
        return employer

    def _get_employer_record(self, model, record_id):
        """The record ``record_id`` of ``model`` if the user may read it and it
        belongs to their employer, in sudo for rendering (keeping the user, so
        that names follow the consents); 404 otherwise."""
        employer = self._check_level2work_employer()
        try:
            self._document_check_access(model, record_id)
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        record = request.env[model].browse(record_id).sudo()
        if record.employer_id.commercial_partner_id != employer:
            raise NotFound()
        return record

    def _prepare_home_portal_values(self, counters):
        """Whether to show the employer's entry on /my/home: always for the
        contacts of an employer, even before their first vacancy. Decided
        when the page is rendered (``counters`` empty), not by the counters
        the page asks for afterwards, whose answer must only hold those."""
        values = super()._prepare_home_portal_values(counters)
        if not counters:
            values["level2work_employer"] = bool(self._get_level2work_employer())
        return values

    def _vacancy_domain(self, employer):
        return [("employer_id", "child_of", employer.id)]

    def _employer_layout_values(self, page_name, **values):
        employer = self._check_level2work_employer()
        result = self._prepare_portal_layout_values()
        result.update(page_name=page_name, employer=employer, **values)
        return result

    def _employer_list(self, model, url, page, domain, order, per_page=None):
        """Records of ``model`` the user may read within ``domain``, one page
        of them, in sudo for rendering, and the pager."""
        Model = request.env[model]
        per_page = per_page or self._items_per_page
        count = Model.search_count(domain) if Model.has_access("read") else 0
        pager = portal_pager(url=url, total=count, page=page, step=per_page)
        records = (
            Model.search(domain, order=order, limit=per_page, offset=pager["offset"])
            if count
            else Model
        )
        return records.sudo(), pager

    # ------------------------------------------------------------------
    # Vacancies
    # ------------------------------------------------------------------

    def _vacancy_filters(self):
        return {
            "open": {
                "label": request.env._("Open"),
                "domain": [("state", "in", EDITABLE_VACANCY_STATES)],
            },
            "all": {"label": request.env._("All"), "domain": []},
            "filled": {
                "label": request.env._("Filled"),
                "domain": [("state", "=", "filled")],
            },
            "closed": {
                "label": request.env._("Closed"),
                "domain": [("state", "=", "closed")],
            },
        }

    @http.route(
        ["/my/vacancies", "/my/vacancies/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_vacancies(self, page=1, filterby="open", **kw):
        employer = self._check_level2work_employer()
        filters = self._vacancy_filters()
        if filterby not in filters:
            filterby = "open"
        domain = self._vacancy_domain(employer) + filters[filterby]["domain"]
        vacancies, pager = self._employer_list(
            "level2work.vacancy",
            "/my/vacancies",
            page,
            domain,
            "state, deadline, id desc",
        )
        pager["url_args"] = {"filterby": filterby}
        values = self._employer_layout_values(
            "level2work_vacancies",
            vacancies=vacancies,
            pager=pager,
            searchbar_filters=filters,
            filterby=filterby,
            default_url="/my/vacancies",
            learner_count=request.env["level2work.workplace.learning"].search_count(
                [("employer_id", "child_of", employer.id)]
            ),
            placement_count=request.env["level2work.placement"].search_count(
                [("employer_id", "child_of", employer.id)]
            ),
        )
        return request.render("level2work_employer.portal_my_vacancies", values)

    @http.route(
        "/my/vacancies/<int:vacancy_id>", type="http", auth="user", website=True
    )
    def portal_vacancy(self, vacancy_id, **kw):
        vacancy = self._get_employer_record("level2work.vacancy", vacancy_id)
        proposals = vacancy.proposal_ids.sorted(lambda p: (-p.score, p.id))
        values = self._employer_layout_values(
            "level2work_vacancy",
            vacancy=vacancy,
            proposals=proposals,
            message=kw.get("message"),
        )
        return request.render("level2work_employer.portal_vacancy", values)

    @http.route(
        "/my/vacancies/new",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_vacancy_new(self, **post):
        employer = self._check_level2work_employer()
        if request.httprequest.method != "POST":
            form = {
                "kind": "job",
                "positions": "1",
                "language_level": "B2",
                "province": employer.level2work_lab_id.province or "",
            }
            return self._render_vacancy_form(None, form, {})
        values, errors = self._vacancy_form_validate(post)
        if not errors:
            values.update(
                employer_id=employer.id,
                contact_id=request.env.user.partner_id.id,
                state="published" if post.get("publish") else "draft",
            )
            vacancy, errors = self._save_vacancy(
                request.env["level2work.vacancy"], values
            )
            if vacancy:
                vacancy._notify_portal_change(request.env.user, created=True)
                return request.redirect(f"/my/vacancies/{vacancy.id}?message=saved")
        return self._render_vacancy_form(None, post, errors)

    @http.route(
        "/my/vacancies/<int:vacancy_id>/edit",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_vacancy_edit(self, vacancy_id, **post):
        vacancy = self._get_employer_record("level2work.vacancy", vacancy_id)
        if vacancy.state not in EDITABLE_VACANCY_STATES:
            return request.redirect(f"/my/vacancies/{vacancy.id}?message=not_editable")
        if request.httprequest.method != "POST":
            return self._render_vacancy_form(
                vacancy, self._vacancy_form_values(vacancy), {}
            )
        values, errors = self._vacancy_form_validate(post)
        if not errors:
            if post.get("publish") and vacancy.state == "draft":
                values.update(state="published", date_published=fields.Date.today())
            saved, errors = self._save_vacancy(vacancy, values)
            if saved:
                vacancy._notify_portal_change(request.env.user, created=False)
                return request.redirect(f"/my/vacancies/{vacancy.id}?message=saved")
        return self._render_vacancy_form(vacancy, post, errors)

    @http.route(
        "/my/vacancies/<int:vacancy_id>/close",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_vacancy_close(self, vacancy_id, **post):
        vacancy = self._get_employer_record("level2work.vacancy", vacancy_id)
        if vacancy.state in EDITABLE_VACANCY_STATES:
            vacancy.action_close()
            vacancy.message_post(
                body=request.env._(
                    "Closed by %(name)s through the employer portal.",
                    name=request.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return request.redirect(f"/my/vacancies/{vacancy.id}?message=closed")

    def _save_vacancy(self, vacancy, values):
        """Create (``vacancy`` empty) or write the vacancy in sudo; return the
        record and no errors, or nothing and the model's own complaint."""
        try:
            with request.env.cr.savepoint():
                if vacancy:
                    vacancy.sudo().write(values)
                else:
                    vacancy = vacancy.sudo().create(values)
        except (UserError, ValidationError) as error:
            return None, {"form": error.args[0]}
        return vacancy, {}

    def _vacancy_form_values(self, vacancy):
        """The values of ``vacancy`` as the form shows them."""
        return {
            "name": vacancy.name,
            "occupation_id": str(vacancy.occupation_id.id),
            "required_isced_level": vacancy.required_isced_level or "",
            "field_of_study": vacancy.field_of_study or "",
            "required_dutch_level": vacancy.required_dutch_level or "",
            "language_ids": [str(i) for i in vacancy.language_ids.ids],
            "language_level": vacancy.language_level or "",
            "skills": vacancy.skills or "",
            "description": vacancy._get_description_text(),
            "location": vacancy.location or "",
            "province": vacancy.province or "",
            "kind": vacancy.kind,
            "instrument": vacancy.instrument or "",
            "positions": str(vacancy.positions),
            "deadline": fields.Date.to_string(vacancy.deadline)
            if vacancy.deadline
            else "",
        }

    def _render_vacancy_form(self, vacancy, form, errors):
        form = dict(form)
        if "language_ids" not in form or isinstance(form.get("language_ids"), str):
            form["language_ids"] = request.httprequest.form.getlist("language_ids")
        values = self._employer_layout_values(
            "level2work_vacancy_form",
            vacancy=vacancy,
            form=form,
            errors=errors,
            occupations=request.env["level2work.occupation"].sudo().search([]),
            languages=self._vacancy_languages(),
            isced_levels=ISCED_SELECTION,
            cefr_levels=CEFR_SELECTION,
            provinces=self._selection("level2work.vacancy", "province"),
            kinds=self._selection("level2work.vacancy", "kind"),
            instruments=self._selection("level2work.vacancy", "instrument"),
        )
        return request.render("level2work_employer.portal_vacancy_form", values)

    def _selection(self, model, field_name):
        field = request.env[model]._fields[field_name]
        return field._description_selection(request.env)

    def _vacancy_form_validate(self, post):
        """Check every field of the vacancy form. Return the values to save
        and a dict of errors (field name -> sentence); save nothing when
        there is any error."""
        errors = {}
        values = {
            "name": self._validate_text(
                post, errors, "name", request.env._("Job title")
            ),
            "occupation_id": self._validate_occupation(post, errors),
            "required_isced_level": self._validate_choice(
                post,
                errors,
                "required_isced_level",
                ISCED_SELECTION,
                request.env._("Diploma level"),
            ),
            "field_of_study": self._validate_text(
                post, errors, "field_of_study", request.env._("Field of study")
            ),
            "required_dutch_level": self._validate_choice(
                post,
                errors,
                "required_dutch_level",
                CEFR_SELECTION,
                request.env._("Dutch level"),
            ),
            "language_ids": self._validate_languages(post, errors),
            "language_level": self._validate_choice(
                post, errors, "language_level", CEFR_SELECTION, request.env._("Level")
            )
            or "B2",
            "skills": self._validate_text(
                post, errors, "skills", request.env._("Skills and experience")
            ),
            "location": self._validate_text(
                post, errors, "location", request.env._("Place of work")
            ),
            "province": self._validate_choice(
                post, errors, "province", PROVINCE_SELECTION, request.env._("Province")
            ),
            "kind": self._validate_choice(
                post, errors, "kind", KIND_SELECTION, request.env._("Kind")
            ),
            "positions": self._validate_positions(post, errors),
            "deadline": self._validate_deadline(post, errors),
        }
        description = self._validate_text(
            post, errors, "description", request.env._("Description")
        )
        values["description"] = plaintext2html(description) if description else False
        if not values["name"] and "name" not in errors:
            errors["name"] = request.env._("Fill in the job title.")
        if not values["kind"] and "kind" not in errors:
            errors["kind"] = request.env._(
                "Say whether the vacancy is a job or workplace learning."
            )
        values["instrument"] = False
        if values["kind"] == "workplace_learning":
            values["instrument"] = self._validate_choice(
                post,
                errors,
                "instrument",
                INSTRUMENT_SELECTION,
                request.env._("Instrument"),
            )
            if not values["instrument"] and "instrument" not in errors:
                errors["instrument"] = request.env._(
                    "Choose the instrument of workplace learning: on-the-job "
                    "training (IBO), internship, job shadowing or other."
                )
        return values, errors

    def _validate_text(self, post, errors, name, label):
        """The text typed in ``name``, stripped and without control
        characters; an error when longer than ``MAX_LENGTH[name]``."""
        value = clean_text(post.get(name))
        if len(value) > MAX_LENGTH[name]:
            errors[name] = request.env._(
                "%(field)s: at most %(max)s characters, please (now %(count)s).",
                field=label,
                max=MAX_LENGTH[name],
                count=len(value),
            )
        return value

    def _validate_choice(self, post, errors, name, selection, label):
        """The value chosen in ``name`` if it is one of ``selection``; False
        when empty; an error when it is not in the list."""
        value = post.get(name) or ""
        if not value:
            return False
        if value not in dict(selection):
            errors[name] = request.env._(
                "%(field)s: choose a value from the list.", field=label
            )
            return False
        return value

    def _validate_occupation(self, post, errors):
        raw = clean_text(post.get("occupation_id"))
        occupation_id = parse_int(raw)
        Occupation = request.env["level2work.occupation"].sudo()
        occupation = (
            Occupation.browse(occupation_id).exists()
            if occupation_id and occupation_id > 0
            else None
        )
        if not raw:
            errors["occupation_id"] = request.env._("Choose the occupation of the job.")
        elif not occupation or not occupation.active:
            errors["occupation_id"] = request.env._(
                "Occupation: choose a value from the list."
            )
        else:
            return occupation.id
        return False

    def _vacancy_languages(self):
        """The other languages the vacancy form offers: the active ones but
        Dutch, which has a field of its own."""
        return request.env["level2work.language"].sudo().search([("code", "!=", "nl")])

    def _validate_languages(self, post, errors):
        """The languages chosen, all of them among those the form offers: an
        archived language, Dutch or an id that does not exist is refused."""
        raw = set(request.httprequest.form.getlist("language_ids"))
        languages = self._vacancy_languages().filtered(lambda lang: str(lang.id) in raw)
        if len(languages) != len(raw):
            errors["language_ids"] = request.env._(
                "Other languages: choose them from the list."
            )
        return [(6, 0, languages.ids)]

    def _validate_positions(self, post, errors):
        positions = parse_int(post.get("positions"))
        if positions is None or not 1 <= positions <= MAX_POSITIONS:
            errors["positions"] = request.env._(
                "The number of positions must be a whole number from 1 to %(max)s.",
                max=MAX_POSITIONS,
            )
            return False
        return positions

    def _validate_deadline(self, post, errors):
        raw = (post.get("deadline") or "").strip()
        if not raw:
            return False
        try:
            deadline = datetime.date.fromisoformat(raw)
        except ValueError:
            errors["deadline"] = request.env._(
                "Give the deadline as a date, e.g. 2026-12-31."
            )
            return False
        if deadline < fields.Date.context_today(request.env.user):
            errors["deadline"] = request.env._("The deadline cannot lie in the past.")
        return deadline

    # ------------------------------------------------------------------
    # Candidates
    # ------------------------------------------------------------------

    @http.route(
        "/my/vacancies/candidates/<int:proposal_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_proposal(self, proposal_id, **kw):
        proposal = self._get_employer_record(
            "level2work.candidate.proposal", proposal_id
        )
        return self._render_proposal(proposal, message=kw.get("message"))

    def _render_proposal(self, proposal, message=None, errors=None, form=None):
        values = self._employer_layout_values(
            "level2work_proposal",
            proposal=proposal,
            vacancy=proposal.vacancy_id,
            message=message,
            errors=errors or {},
            form=form or {},
        )
        return request.render("level2work_employer.portal_proposal", values)

    def _proposal_message(self, post):
        errors = {}
        message = self._validate_text(
            post, errors, "message", request.env._("Your message")
        )
        return message, errors

    @http.route(
        "/my/vacancies/candidates/<int:proposal_id>/interested",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_proposal_interested(self, proposal_id, **post):
        proposal = self._get_employer_record(
            "level2work.candidate.proposal", proposal_id
        )
        message, errors = self._proposal_message(post)
        if not errors:
            try:
                with request.env.cr.savepoint():
                    proposal._mark_interested(request.env.user.partner_id, message)
            except UserError as error:
                errors = {"form": error.args[0]}
        if errors:
            return self._render_proposal(proposal, errors=errors, form=post)
        return request.redirect(
            f"/my/vacancies/candidates/{proposal.id}?message=interested"
        )

    @http.route(
        "/my/vacancies/candidates/<int:proposal_id>/decline",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_proposal_decline(self, proposal_id, **post):
        proposal = self._get_employer_record(
            "level2work.candidate.proposal", proposal_id
        )
        message, errors = self._proposal_message(post)
        if not errors:
            try:
                with request.env.cr.savepoint():
                    proposal._mark_declined_by_employer(
                        request.env.user.partner_id, message
                    )
            except UserError as error:
                errors = {"form": error.args[0]}
        if errors:
            return self._render_proposal(proposal, errors=errors, form=post)
        return request.redirect(
            f"/my/vacancies/candidates/{proposal.id}?message=declined"
        )

    # ------------------------------------------------------------------
    # Workplace learners
    # ------------------------------------------------------------------

    @http.route(
        ["/my/vacancies/learners", "/my/vacancies/learners/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_learners(self, page=1, **kw):
        employer = self._check_level2work_employer()
        learnings, pager = self._employer_list(
            "level2work.workplace.learning",
            "/my/vacancies/learners",
            page,
            [("employer_id", "child_of", employer.id)],
            "date_start desc, id desc",
        )
        values = self._employer_layout_values(
            "level2work_learners", learnings=learnings, pager=pager
        )
        return request.render("level2work_employer.portal_my_learners", values)

    @http.route(
        "/my/vacancies/learners/<int:learning_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_learner(self, learning_id, **kw):
        learning = self._get_employer_record(
            "level2work.workplace.learning", learning_id
        )
        return self._render_learner(learning, message=kw.get("message"))

    def _render_learner(
        self, learning, message=None, errors=None, form=None, kind=None
    ):
        forms = {}
        for evaluation_kind, _label in EVALUATION_KIND_SELECTION:
            evaluation = learning.evaluation_ids.filtered(
                lambda e, k=evaluation_kind: e.kind == k
            )
            forms[evaluation_kind] = (
                form
                if kind == evaluation_kind and form is not None
                else self._evaluation_form_values(evaluation)
            )
        values = self._employer_layout_values(
            "level2work_learner",
            learning=learning,
            message=message,
            errors=errors or {},
            error_kind=kind,
            forms=forms,
            evaluation_kinds=self._selection(
                "level2work.workplace.learning.evaluation", "kind"
            ),
            ratings=self._selection(
                "level2work.workplace.learning.evaluation", "rating_goals"
            ),
            rating_fields=[
                (
                    name,
                    request.env["level2work.workplace.learning.evaluation"]
                    ._fields[name]
                    .get_description(request.env)["string"],
                )
                for name in RATING_FIELDS
            ],
            would_hire_options=self._selection(
                "level2work.workplace.learning.evaluation", "would_hire"
            ),
        )
        return request.render("level2work_employer.portal_learner", values)

    def _evaluation_form_values(self, evaluation):
        values = {name: evaluation[name] or "" for name in RATING_FIELDS}
        values.update(
            goals_comment=evaluation.goals_comment or "",
            strengths=evaluation.strengths or "",
            improvements=evaluation.improvements or "",
            would_hire=evaluation.would_hire or "",
            filled=bool(evaluation),
            editable=not evaluation or evaluation.filled_by_role == "employer",
        )
        return values

    def _evaluation_form_validate(self, learning, kind, post):
        errors = {}
        values = {}
        if learning.state not in ("running", "completed") and not (
            learning.state == "planned" and learning.date_start <= fields.Date.today()
        ):
            errors["form"] = request.env._(
                "This workplace learning has not started or was cancelled: "
                "there is nothing to evaluate yet."
            )
        for name in RATING_FIELDS:
            value = post.get(name) or ""
            if value not in dict(RATING_SELECTION):
                errors[name] = request.env._("Choose a rating.")
            values[name] = value or False
        Evaluation = request.env["level2work.workplace.learning.evaluation"]
        for name in ("goals_comment", "strengths", "improvements"):
            label = Evaluation._fields[name].get_description(request.env)["string"]
            values[name] = self._validate_text(post, errors, name, label) or False
        would_hire = post.get("would_hire") or ""
        if kind == "final" and not would_hire:
            errors["would_hire"] = request.env._(
                "Say whether you would hire the learner."
            )
        elif would_hire and would_hire not in dict(WOULD_HIRE_SELECTION):
            errors["would_hire"] = request.env._("Choose an answer from the list.")
        values["would_hire"] = would_hire or False
        return values, errors

    @http.route(
        "/my/vacancies/learners/<int:learning_id>/evaluation",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_learner_evaluation(self, learning_id, **post):
        learning = self._get_employer_record(
            "level2work.workplace.learning", learning_id
        )
        kind = post.get("kind")
        if kind not in dict(EVALUATION_KIND_SELECTION):
            raise NotFound()
        evaluation = learning.evaluation_ids.filtered(lambda e: e.kind == kind)
        values, errors = self._evaluation_form_validate(learning, kind, post)
        if evaluation and evaluation.filled_by_role != "employer":
            errors["form"] = request.env._(
                "Your coach already filled in this evaluation; ask them to change it."
            )
        if not errors:
            values.update(
                filled_by_id=request.env.user.partner_id.id,
                filled_by_role="employer",
                date=fields.Date.context_today(request.env.user),
            )
            try:
                with request.env.cr.savepoint():
                    if evaluation:
                        evaluation.sudo().write(values)
                    else:
                        learning.sudo().evaluation_ids.create(
                            dict(values, learning_id=learning.id, kind=kind)
                        )
                    learning._notify_portal_evaluation(kind, request.env.user)
            except (UserError, ValidationError) as error:
                errors = {"form": error.args[0]}
        if errors:
            form = dict(post, editable=True, filled=bool(evaluation))
            return self._render_learner(learning, errors=errors, form=form, kind=kind)
        return request.redirect(
            f"/my/vacancies/learners/{learning.id}?message=evaluation_saved"
        )

    # ------------------------------------------------------------------
    # Placements
    # ------------------------------------------------------------------

    @http.route(
        ["/my/vacancies/placements", "/my/vacancies/placements/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_placements(self, page=1, **kw):
        employer = self._check_level2work_employer()
        placements, pager = self._employer_list(
            "level2work.placement",
            "/my/vacancies/placements",
            page,
            [("employer_id", "child_of", employer.id)],
            "date_start desc, id desc",
        )
        values = self._employer_layout_values(
            "level2work_placements", placements=placements, pager=pager
        )
        return request.render("level2work_employer.portal_my_placements", values)

    @http.route(
        "/my/vacancies/placements/<int:placement_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_placement(self, placement_id, **kw):
        placement = self._get_employer_record("level2work.placement", placement_id)
        values = self._employer_layout_values(
            "level2work_placement", placement=placement
        )
        return request.render("level2work_employer.portal_placement", values)
