from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import format_date

from odoo.addons.level2work_pathway.models.level_rule import AT_LEVEL

USER_GROUP = "level2work_pathway.group_level2work_user"

CONTRACT_TYPE_SELECTION = [
    ("permanent", "Permanent"),
    ("fixed_term", "Fixed term"),
    ("interim", "Interim"),
    ("self_employed", "Self-employed"),
]
# Follow-ups after 1, 3 and 6 months in the job.
MILESTONE_SELECTION = [
    ("1", "1 month"),
    ("3", "3 months"),
    ("6", "6 months"),
]


class Level2workPlacement(models.Model):
    """A newcomer starts in a job. ``at_level`` says, by the level rule,
    whether the occupation matches their education: the figure the project
    is judged on."""

    _name = "level2work.placement"
    _description = "Placement"
    _inherit = ["level2work.employer.engagement.mixin"]
    _pathway_stage = "level2work_pathway.stage_placement"
    _newcomer_label_field = "employee_name"

    pathway_id = fields.Many2one(tracking=True)
    lab_id = fields.Many2one(
        related="pathway_id.lab_id", store=True, index=True, groups=USER_GROUP
    )
    employee_name = fields.Char(
        compute="_compute_newcomer_label",
        help="The newcomer's name where they consented to disclose it to the "
        "employer, their candidate reference otherwise.",
        string="Employee",
    )
    vacancy_id = fields.Many2one(domain="[('employer_id', '=', employer_id)]")
    occupation_id = fields.Many2one(required=True, tracking=True)
    job_title = fields.Char(string="Job title")
    date_end = fields.Date(
        help="The last day in the job, when the contract ended or the newcomer left.",
    )
    contract_type = fields.Selection(
        CONTRACT_TYPE_SELECTION,
        required=True,
        default="permanent",
        tracking=True,
        string="Contract",
    )
    hours_per_week = fields.Float(aggregator="avg")
    isced_level = fields.Selection(
        related="newcomer_id.highest_isced_level",
        string="Diploma level",
        groups=USER_GROUP,
    )
    level_fit = fields.Selection(
        help="The occupation's skill level against the newcomer's education, by "
        "the level rule.",
    )
    at_level = fields.Boolean(
        compute="_compute_at_level",
        store=True,
        help="The job is at the level of the newcomer's education.",
        string="At level",
        groups=USER_GROUP,
    )
    at_level_rate = fields.Float(
        compute="_compute_at_level",
        store=True,
        aggregator="avg",
        help="100 for a placement at level, 0 otherwise: its average is the "
        "share of placements at level.",
        string="At-level share (%)",
        groups=USER_GROUP,
    )
    follow_up_ids = fields.One2many(
        "level2work.placement.follow.up",
        "placement_id",
        groups=USER_GROUP,
        string="Follow-ups",
    )
    follow_up_count = fields.Integer(
        compute="_compute_follow_up",
        string="Follow-ups recorded",
        groups=USER_GROUP,
    )
    next_follow_up = fields.Selection(
        MILESTONE_SELECTION,
        compute="_compute_follow_up",
        help="The first follow-up not recorded yet.",
        string="Next follow-up",
        groups=USER_GROUP,
    )
    next_follow_up_date = fields.Date(
        compute="_compute_follow_up", string="Next follow-up due"
    )

    @api.depends("level_fit")
    def _compute_at_level(self):
        for placement in self:
            placement.at_level = placement.level_fit == AT_LEVEL
            placement.at_level_rate = 100.0 if placement.at_level else 0.0

    @api.depends("follow_up_ids.milestone", "date_start")
    def _compute_follow_up(self):
        for placement in self:
            done = set(placement.sudo().follow_up_ids.mapped("milestone"))
            todo = [m for m, _label in MILESTONE_SELECTION if m not in done]
            placement.follow_up_count = len(done)
            placement.next_follow_up = todo[0] if todo else False
            placement.next_follow_up_date = (
                placement._milestone_date(todo[0])
                if todo and placement.date_start
                else False
            )

    @api.depends("occupation_id", "employer_id", "job_title", "employee_name")
    @api.depends_context("uid")
    def _compute_display_name(self):
        for placement in self:
            placement.display_name = self.env._(
                "%(employee)s: %(job)s at %(employer)s",
                employee=placement.employee_name or "",
                job=placement.job_title or placement.occupation_id.sudo().name or "",
                employer=placement.employer_id.sudo().name or "",
            )

    @api.onchange("vacancy_id")
    def _onchange_vacancy_id(self):
        if self.vacancy_id:
            self.occupation_id = self.vacancy_id.occupation_id
            self.job_title = self.job_title or self.vacancy_id.name

    @api.model_create_multi
    def create(self, vals_list):
        placements = super().create(vals_list)
        for placement in placements:
            placement.message_post(
                body=placement._level_fit_message(), subtype_xmlid="mail.mt_note"
            )
        return placements

    def _milestone_date(self, milestone):
        self.ensure_one()
        return self.date_start + relativedelta(months=int(milestone))

    def _get_end_before_start_message(self):
        return self.env._("A placement cannot end before it starts.")

    def _level_fit_message(self):
        self.ensure_one()
        fits = dict(self._fields["level_fit"]._description_selection(self.env))
        return self.env._(
            "Placement as %(occupation)s: %(fit)s for this newcomer's education.",
            occupation=self.occupation_id.display_name,
            fit=fits.get(self.level_fit, "").lower(),
        )

    def action_record_follow_up(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Follow-up"),
            "res_model": "level2work.placement.follow.up",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_placement_id": self.id,
                "default_milestone": self.next_follow_up,
                "default_at_level": self.at_level,
            },
        }

    # Reminders

    def _reminder_domain_placement_follow_up(self, rule, today):
        months = int(rule.follow_up_months)
        return [
            (
                "date_start",
                "<=",
                today + relativedelta(days=rule.days) - relativedelta(months=months),
            ),
            ("pathway_id.is_closed", "=", False),
            ("follow_up_ids", "not any", [("milestone", "=", rule.follow_up_months)]),
        ]

    def _reminder_key(self, rule):
        if rule.kind == "placement_follow_up":
            return rule.follow_up_months
        return super()._reminder_key(rule)

    def _reminder_note(self, rule):
        if rule.kind == "placement_follow_up":
            return self.env._(
                "%(placement)s started on %(start)s: the %(milestone)s follow-up "
                "is due on %(date)s.",
                placement=self.display_name,
                start=format_date(self.env, self.date_start),
                milestone=dict(MILESTONE_SELECTION)[rule.follow_up_months],
                date=format_date(self.env, self._milestone_date(rule.follow_up_months)),
            )
        return super()._reminder_note(rule)
