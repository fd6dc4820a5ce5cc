from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date, html2plaintext

from odoo.addons.level2work_pathway.models.diploma import ISCED_SELECTION
from odoo.addons.level2work_pathway.models.lab import PROVINCE_SELECTION
from odoo.addons.level2work_pathway.models.language_skill import CEFR_SELECTION
from odoo.addons.level2work_pathway.models.related_action import related_action

from .workplace_learning import INSTRUMENT_SELECTION

USER_GROUP = "level2work_pathway.group_level2work_user"
KIND_SELECTION = [
    ("job", "Job"),
    ("workplace_learning", "Workplace learning"),
]
STATE_SELECTION = [
    ("draft", "Draft"),
    ("published", "Published"),
    ("filled", "Filled"),
    ("closed", "Closed"),
]

# Most positions one vacancy can offer.
MAX_POSITIONS = 500


class Level2workVacancy(models.Model):
    _name = "level2work.vacancy"
    _description = "Vacancy"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "level2work.partner.link.mixin",
    ]
    _order = "date_published desc, id desc"

    name = fields.Char(string="Job title", required=True, tracking=True)
    employer_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain=[("is_level2work_employer", "=", True)],
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Contact at the employer",
        domain="[('id', 'child_of', employer_id)]",
        help="The person at the employer who handles this vacancy.",
        groups=USER_GROUP,
    )
    lab_id = fields.Many2one(
        "level2work.lab",
        compute="_compute_lab_id",
        store=True,
        readonly=False,
        index=True,
        help="The project lab that follows this vacancy up.",
        groups=USER_GROUP,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Account manager",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        tracking=True,
        domain=[("share", "=", False)],
    )
    occupation_id = fields.Many2one(
        "level2work.occupation",
        required=True,
        tracking=True,
        help="The ISCO-08 group or ESCO occupation of the job: it decides "
        "whether the job is at the level of a candidate's education.",
    )
    skill_level = fields.Integer(
        related="occupation_id.skill_level",
        string="Skill level",
        groups=USER_GROUP,
    )
    required_isced_level = fields.Selection(
        ISCED_SELECTION, string="Required diploma level", tracking=True
    )
    field_of_study = fields.Char(
        help="The field of study the job asks for, as the employer words it, "
        "e.g. Civil engineering.",
        string="Field of study",
    )
    field_of_education_id = fields.Many2one(
        "level2work.field.of.education",
        string="Field of education",
        tracking=True,
        help="The ISCED-F 2013 field the job asks for: candidates are matched on "
        "it. A broad or narrow field takes in every field within it.",
    )
    required_dutch_level = fields.Selection(
        CEFR_SELECTION, string="Required Dutch level", tracking=True
    )
    language_ids = fields.Many2many(
        "level2work.language",
        "level2work_vacancy_language_rel",
        "vacancy_id",
        "language_id",
        string="Other languages",
        help="Languages besides Dutch the job needs.",
    )
    language_level = fields.Selection(
        CEFR_SELECTION,
        string="Level of the other languages",
        default="B2",
        help="The level the job needs in each of the other languages; a "
        "mother tongue always counts.",
    )
    skills = fields.Text(string="Skills and experience")
    description = fields.Html()
    location = fields.Char(string="Place of work")
    province = fields.Selection(
        PROVINCE_SELECTION,
        compute="_compute_province",
        store=True,
        readonly=False,
        help="Candidates of a lab in this province are preferred.",
    )
    kind = fields.Selection(KIND_SELECTION, required=True, default="job", tracking=True)
    instrument = fields.Selection(
        INSTRUMENT_SELECTION,
        help="For workplace learning: VDAB's on-the-job training (IBO), an "
        "internship or job shadowing.",
    )
    positions = fields.Integer(default=1, required=True, tracking=True)
    deadline = fields.Date(string="Apply by", tracking=True)
    state = fields.Selection(
        STATE_SELECTION,
        required=True,
        default="draft",
        tracking=True,
        group_expand=True,
        copy=False,
        string="Status",
    )
    date_published = fields.Date(string="Published on", readonly=True, copy=False)
    date_closed = fields.Date(
        string="Closed on", readonly=True, copy=False, groups=USER_GROUP
    )
    is_deadline_passed = fields.Boolean(
        compute="_compute_is_deadline_passed",
        string="Deadline passed",
        groups=USER_GROUP,
    )
    proposal_ids = fields.One2many("level2work.candidate.proposal", "vacancy_id")
    proposal_count = fields.Integer(
        compute="_compute_proposal_counts", string="Candidates"
    )
    interested_count = fields.Integer(
        compute="_compute_proposal_counts",
        help="Candidates the employer is interested in or meets.",
        string="Interested",
        groups=USER_GROUP,
    )
    hired_count = fields.Integer(
        compute="_compute_proposal_counts", string="Hired", groups=USER_GROUP
    )
    placement_ids = fields.One2many(
        "level2work.placement", "vacancy_id", groups=USER_GROUP
    )
    placement_count = fields.Integer(
        compute="_compute_placement_count",
        string="Placements",
        groups=USER_GROUP,
    )
    color = fields.Integer(groups=USER_GROUP)
    active = fields.Boolean(default=True)

    @api.constrains("positions")
    def _check_positions(self):
        for vacancy in self:
            if not 1 <= vacancy.positions <= MAX_POSITIONS:
                raise ValidationError(
                    self.env._(
                        "The vacancy “%(name)s” offers from 1 to %(max)s "
                        "positions, not %(positions)s.",
                        name=vacancy.name,
                        max=MAX_POSITIONS,
                        positions=vacancy.positions,
                    )
                )

    @api.constrains("deadline", "date_published")
    def _check_deadline(self):
        for vacancy in self:
            if (
                vacancy.deadline
                and vacancy.date_published
                and vacancy.deadline < vacancy.date_published
            ):
                raise ValidationError(
                    self.env._(
                        "The deadline of “%(name)s” (%(deadline)s) lies before "
                        "its publication on %(published)s.",
                        name=vacancy.name,
                        deadline=format_date(self.env, vacancy.deadline),
                        published=format_date(self.env, vacancy.date_published),
                    )
                )

    @api.constrains("kind", "instrument")
    def _check_instrument(self):
        for vacancy in self:
            if vacancy.kind == "workplace_learning" and not vacancy.instrument:
                raise ValidationError(
                    self.env._(
                        "Say which instrument of workplace learning “%(name)s” "
                        "offers: on-the-job training (IBO), an internship, job "
                        "shadowing or another one.",
                        name=vacancy.name,
                    )
                )

    @api.depends("employer_id.level2work_lab_id")
    def _compute_lab_id(self):
        for vacancy in self:
            vacancy.lab_id = vacancy.employer_id.level2work_lab_id or vacancy.lab_id

    @api.depends("employer_id.level2work_account_manager_id")
    def _compute_user_id(self):
        for vacancy in self:
            vacancy.user_id = (
                vacancy.employer_id.level2work_account_manager_id or vacancy.user_id
            )

    @api.depends("lab_id.province")
    def _compute_province(self):
        for vacancy in self:
            vacancy.province = vacancy.province or vacancy.lab_id.province

    @api.depends("deadline")
    def _compute_is_deadline_passed(self):
        today = fields.Date.context_today(self)
        for vacancy in self:
            vacancy.is_deadline_passed = bool(
                vacancy.deadline and vacancy.deadline < today
            )

    def _compute_proposal_counts(self):
        counts = {
            (vacancy, state): count
            for vacancy, state, count in self.env[
                "level2work.candidate.proposal"
            ]._read_group(
                [("vacancy_id", "in", self.ids)], ["vacancy_id", "state"], ["__count"]
            )
        }
        for vacancy in self:
            by_state = {
                state: counts.get((vacancy, state), 0)
                for state in ("employer_interested", "introduced", "interview", "hired")
            }
            vacancy.proposal_count = sum(
                count for (v, _state), count in counts.items() if v == vacancy
            )
            vacancy.interested_count = (
                by_state["employer_interested"]
                + by_state["introduced"]
                + by_state["interview"]
            )
            vacancy.hired_count = by_state["hired"]

    def _compute_placement_count(self):
        counts = dict(
            self.env["level2work.placement"]._read_group(
                [("vacancy_id", "in", self.ids)], ["vacancy_id"], ["__count"]
            )
        )
        for vacancy in self:
            vacancy.placement_count = counts.get(vacancy, 0)

    @api.onchange("kind")
    def _onchange_kind(self):
        if self.kind == "job":
            self.instrument = False

    @api.onchange("employer_id")
    def _onchange_employer_id(self):
        if self.contact_id and self.contact_id.commercial_partner_id != (
            self.employer_id.commercial_partner_id
        ):
            self.contact_id = False

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("kind") == "job":
                vals["instrument"] = False
            if vals.get("state") == "published":
                vals.setdefault("date_published", fields.Date.context_today(self))
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("kind") == "job":
            vals["instrument"] = False
        result = super().write(vals)
        if vals.get("state") in ("filled", "closed"):
            # Closing the vacancy ends its proposals, whoever may close it
            # (its portal users, staff who cannot change every proposal).
            proposals = self.sudo().with_context(active_test=False).proposal_ids
            proposals._decline_as_vacancy_closed()
        return result

    def action_publish(self):
        today = fields.Date.context_today(self)
        for vacancy in self:
            if vacancy.deadline and vacancy.deadline < today:
                raise UserError(
                    self.env._(
                        "The deadline of “%(name)s” (%(date)s) has passed: move "
                        "it to a later date before publishing.",
                        name=vacancy.name,
                        date=format_date(self.env, vacancy.deadline),
                    )
                )
        self.write(
            {"state": "published", "date_published": today, "date_closed": False}
        )
        return True

    def action_mark_filled(self):
        self.write({"state": "filled", "date_closed": fields.Date.context_today(self)})
        return True

    def action_close(self):
        self.write({"state": "closed", "date_closed": fields.Date.context_today(self)})
        return True

    def action_reset_draft(self):
        self.write({"state": "draft", "date_closed": False})
        return True

    def action_find_candidates(self):
        """Rank the eligible newcomers for this vacancy and show them, best
        first, each with a button to propose them."""
        self.ensure_one()
        if self.state != "published":
            raise UserError(
                self.env._(
                    "Publish “%(name)s” first: candidates are only sought for "
                    "published vacancies.",
                    name=self.name,
                )
            )
        match = self.env["level2work.vacancy.match"].create({"vacancy_id": self.id})
        return match._action_open_lines()

    def action_open_proposals(self):
        return related_action(
            self,
            "level2work_employer.candidate_proposal_action",
            "vacancy_id",
            search_default_open=0,
        )

    def action_open_placements(self):
        return related_action(
            self,
            "level2work_employer.placement_action",
            "vacancy_id",
            default_employer_id=self.employer_id.id,
            default_occupation_id=self.occupation_id.id,
        )

    def _get_description_text(self):
        """The description as plain text, for the portal form."""
        self.ensure_one()
        return html2plaintext(self.description or "").strip()

    def _notify_portal_change(self, user, created):
        """An employer created or changed this vacancy through the portal:
        note it, and ask the account manager to look at a new one."""
        self.ensure_one()
        if created:
            body = self.env._(
                "Created by %(name)s through the employer portal.", name=user.name
            )
        else:
            body = self.env._(
                "Changed by %(name)s through the employer portal.", name=user.name
            )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        if created and self.user_id:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("New vacancy from the employer: review it"),
                note=self.env._(
                    "%(employer)s posted “%(vacancy)s”. Check it and find candidates.",
                    employer=self.employer_id.name,
                    vacancy=self.name,
                ),
                user_id=self.user_id.id,
            )

    def _check_hired(self):
        """Mark vacancies filled once as many candidates were hired as it has
        positions."""
        for vacancy in self.filtered(lambda v: v.state == "published"):
            if vacancy.hired_count >= vacancy.positions:
                vacancy.action_mark_filled()
                vacancy.message_post(
                    body=self.env._(
                        "All %(count)s positions are filled: the vacancy is "
                        "marked filled.",
                        count=vacancy.positions,
                    ),
                    subtype_xmlid="mail.mt_note",
                )

    def _selection_label(self, model, field_name, value):
        field = self.env[model]._fields[field_name]
        return dict(field._description_selection(self.env)).get(value, value or "")
