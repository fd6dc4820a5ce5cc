from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

USER_GROUP = "level2work_pathway.group_level2work_user"
OUTCOME_SELECTION = [
    ("job_at_level", "Job at level"),
    ("job_below_level", "Job below level"),
    ("self_employed", "Self-employed"),
    ("further_study", "Further study"),
    ("left_project", "Left the project"),
    ("other", "Other"),
]


class Level2workPathway(models.Model):
    _name = "level2work.pathway"
    _description = "Pathway"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "mail.tracking.duration.mixin",
        "level2work.reminder.mixin",
        "level2work.owned.mixin",
    ]
    _order = "priority desc, date_last_stage_update desc, id desc"
    _rec_name = "newcomer_id"
    _track_duration_field = "stage_id"

    def _default_stage_id(self):
        return self.env["level2work.pathway.stage"].search([], limit=1)

    newcomer_id = fields.Many2one(
        "level2work.newcomer",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    stage_id = fields.Many2one(
        "level2work.pathway.stage",
        required=True,
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
        default=lambda self: self._default_stage_id(),
        group_expand="_read_group_stage_ids",
    )
    coach_id = fields.Many2one(
        related="newcomer_id.coach_id",
        store=True,
        readonly=False,
        index=True,
        domain=lambda self: self.env["level2work.newcomer"]._domain_coach_id(),
    )
    lab_id = fields.Many2one(
        related="newcomer_id.lab_id", store=True, index=True, groups=USER_GROUP
    )
    date_start = fields.Date(
        string="Start date", required=True, default=fields.Date.context_today
    )
    date_end = fields.Date(string="End date", copy=False, tracking=True)
    date_last_stage_update = fields.Datetime(
        string="In stage since", default=fields.Datetime.now, copy=False, readonly=True
    )
    stage_deadline = fields.Date(
        string="Stage planned until",
        compute="_compute_stage_deadline",
        store=True,
        help="Entry in the stage plus the stage's planned duration.",
        groups=USER_GROUP,
    )
    contact_ids = fields.One2many(
        "level2work.pathway.contact", "pathway_id", string="Contact moments"
    )
    last_contact_date = fields.Date(
        compute="_compute_last_contact",
        store=True,
        help="Date of the last contact with the newcomer that took place: a "
        "contact moment logged by staff, a contact moment of their mentor, a "
        "group session they attended.",
        groups=USER_GROUP,
    )
    last_contact_source = fields.Selection(
        [("coach", "Coach")],
        string="Last contact through",
        compute="_compute_last_contact",
        store=True,
        groups=USER_GROUP,
    )
    last_contact_by = fields.Char(
        string="Last contact with",
        compute="_compute_last_contact",
        store=True,
        help="Who had the last contact: the staff member or the mentor, or the "
        "group session.",
        groups=USER_GROUP,
    )
    contact_deadline = fields.Date(
        string="Next contact due by",
        compute="_compute_contact_deadline",
        store=True,
        help="Last contact (or the start of the pathway) plus the number of days "
        "the stage allows without contact.",
        groups=USER_GROUP,
    )
    days_since_contact = fields.Integer(
        compute="_compute_days_since_contact",
        help="Days since the last contact, or since the start when there was none.",
        groups=USER_GROUP,
    )
    is_contact_overdue = fields.Boolean(
        compute="_compute_days_since_contact", groups=USER_GROUP
    )
    plan_short_term = fields.Html(string="Short-term plan")
    plan_long_term = fields.Html(string="Long-term plan")
    target_occupation_ids = fields.Many2many(
        "level2work.occupation",
        "level2work_pathway_target_occupation_rel",
        "pathway_id",
        "occupation_id",
        string="Target occupations",
    )
    training_ids = fields.One2many(
        "level2work.training", "pathway_id", string="Trainings"
    )
    outcome = fields.Selection(OUTCOME_SELECTION, tracking=True, copy=False)
    highest_isced_level = fields.Selection(
        related="newcomer_id.highest_isced_level",
        store=True,
        groups=USER_GROUP,
    )
    dutch_level = fields.Selection(
        related="newcomer_id.dutch_level", store=True, groups=USER_GROUP
    )
    aspiration_ids = fields.Many2many(
        related="newcomer_id.aspiration_ids", groups=USER_GROUP
    )
    aspiration_below_level = fields.Boolean(
        related="newcomer_id.aspiration_below_level",
        store=True,
        groups=USER_GROUP,
    )
    aspiration_below_level_names = fields.Char(
        related="newcomer_id.aspiration_below_level_names", groups=USER_GROUP
    )
    is_eligible = fields.Boolean(
        related="newcomer_id.is_eligible", store=True, groups=USER_GROUP
    )
    eligibility_state = fields.Selection(
        related="newcomer_id.eligibility_state", store=True, groups=USER_GROUP
    )
    eligibility_missing = fields.Char(
        related="newcomer_id.eligibility_missing", groups=USER_GROUP
    )
    is_closed = fields.Boolean(
        related="stage_id.is_closing", store=True, groups=USER_GROUP
    )
    priority = fields.Selection([("0", "Normal"), ("1", "Urgent")], default="0")
    color = fields.Integer(groups=USER_GROUP)
    active = fields.Boolean(default=True)

    @api.constrains("newcomer_id", "stage_id", "active")
    def _check_one_open_pathway(self):
        for pathway in self.filtered(lambda p: p.active and not p.is_closed):
            others = self.search_count(
                [
                    ("newcomer_id", "=", pathway.newcomer_id.id),
                    ("id", "!=", pathway.id),
                    ("is_closed", "=", False),
                ]
            )
            if others:
                raise ValidationError(
                    self.env._(
                        "%(name)s already has an open pathway: close it before "
                        "starting a new one.",
                        name=pathway.newcomer_id.name,
                    )
                )

    @api.constrains("date_start", "date_end", "stage_id", "outcome")
    def _check_dates_and_closing(self):
        for pathway in self:
            if pathway.date_end and pathway.date_end < pathway.date_start:
                raise ValidationError(
                    self.env._("A pathway cannot end before it starts.")
                )
            # What the ESF reporting counts and the retention period starts
            # from.
            if pathway.is_closed and not (pathway.date_end and pathway.outcome):
                raise ValidationError(
                    self.env._(
                        "Closing the pathway of %(name)s needs its outcome and "
                        "end date: open the pathway and fill them in.",
                        name=pathway.newcomer_id.name,
                    )
                )

    @api.depends("date_last_stage_update", "stage_id.planned_days")
    def _compute_stage_deadline(self):
        for pathway in self:
            days = pathway.stage_id.planned_days
            pathway.stage_deadline = (
                days
                and pathway.date_last_stage_update
                and pathway.date_last_stage_update.date() + timedelta(days=days)
            )

    @api.depends(
        "contact_ids.date",
        "contact_ids.is_done",
        "contact_ids.user_id.name",
        "coach_id.tz",
    )
    def _compute_last_contact(self):
        for pathway in self:
            date, source, name = max(
                pathway._get_contacts(),
                key=lambda contact: contact[0],
                default=(False, False, False),
            )
            pathway.last_contact_date = date
            pathway.last_contact_source = source
            pathway.last_contact_by = name

    @api.depends("last_contact_date", "date_start", "stage_id.max_days_without_contact")
    def _compute_contact_deadline(self):
        for pathway in self:
            days = pathway.stage_id.max_days_without_contact
            since = pathway.last_contact_date or pathway.date_start
            pathway.contact_deadline = days and since and since + timedelta(days=days)

    @api.depends("last_contact_date", "date_start", "contact_deadline")
    def _compute_days_since_contact(self):
        today = fields.Date.context_today(self)
        for pathway in self:
            since = pathway.last_contact_date or pathway.date_start
            pathway.days_since_contact = (today - since).days if since else 0
            pathway.is_contact_overdue = bool(
                pathway.contact_deadline and pathway.contact_deadline < today
            )

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        # Every stage is a column, also the empty ones: there are few of them.
        return stages.search([], order=stages._order, limit=100)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            pathway = self.new(vals)
            pathway._check_stage_gates()
            if pathway.stage_id.is_closing:
                vals.setdefault("date_end", fields.Date.context_today(self))
        pathways = super().create(vals_list)
        pathways._launch_stage_plan()
        return pathways

    def write(self, vals):
        if "stage_id" not in vals:
            return super().write(vals)
        stage = self.env["level2work.pathway.stage"].browse(vals["stage_id"])
        moving = self.filtered(lambda p: p.stage_id != stage)
        other_vals = {name: value for name, value in vals.items() if name != "stage_id"}
        if other_vals and moving:
            # What the gates look at may change in the same save.
            super().write(other_vals)
            vals = {"stage_id": stage.id}
        moving._check_stage_gates(stage)
        if moving:
            vals["date_last_stage_update"] = fields.Datetime.now()
            if stage.is_closing:
                vals.setdefault("date_end", fields.Date.context_today(self))
            else:
                vals.setdefault("date_end", False)
        stages_left = moving.grouped("stage_id")
        result = super().write(vals)
        for stage_left, pathways in stages_left.items():
            pathways._close_stage_steps(stage_left)
        if stage.is_closing:
            # Nothing is left to do on a closed pathway.
            moving.sudo().activity_ids.unlink()
        moving._launch_stage_plan()
        return result

    def action_log_contact(self):
        """A small form in a dialog to log a contact that took place: nothing
        is saved before the coach confirms it."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Contact with %(newcomer)s", newcomer=self.newcomer_id.name
            ),
            "res_model": "level2work.pathway.contact",
            "view_mode": "form",
            "views": [
                (
                    self.env.ref("level2work_pathway.pathway_contact_view_form_log").id,
                    "form",
                )
            ],
            "target": "new",
            "context": {"default_pathway_id": self.id},
        }

    def _get_contacts(self):
        """The contacts with the newcomer that took place during this
        pathway, as ``[(date, source, who)]``: ``source`` a value of
        ``last_contact_source``, ``who`` the name of whoever had it. Addons
        that log other contacts add theirs, and the fields they read to the
        dependencies of ``_compute_last_contact``."""
        self.ensure_one()
        return [
            (self._get_coach_date(contact.date), "coach", contact.user_id.name)
            for contact in self.contact_ids
            if contact.is_done
        ]

    def _get_coach_date(self, moment):
        """The day of ``moment`` (a datetime) in the time zone of the coach,
        who counts the days since the last contact."""
        self.ensure_one()
        coach_tz = self.with_context(tz=self.coach_id.tz or "UTC")
        return fields.Datetime.context_timestamp(coach_tz, moment).date()

    def _check_stage_gates(self, stage=None):
        """Refuse, with one clear message, to let pathways enter ``stage``
        (their own stage by default) while a gate of it does not hold."""
        problems = []
        for pathway in self:
            target = stage or pathway.stage_id
            for gate in target.gate_ids:
                if getattr(pathway, f"_gate_failing_{gate.kind}")():
                    problems.append((pathway, target, gate))
        if problems:
            lines = [
                self.env._(
                    "- %(newcomer)s cannot enter %(stage)s: %(reason)s",
                    newcomer=pathway.newcomer_id.name,
                    stage=target.name,
                    reason=pathway._get_gate_reason(gate),
                )
                for pathway, target, gate in problems
            ]
            raise UserError(
                self.env._(
                    "This move is not possible yet:\n%(problems)s",
                    problems="\n".join(lines),
                )
            )

    def _get_gate_reason(self, gate):
        """Why this pathway does not pass ``gate``: the gate's message, or
        what is still to record when the eligibility is to check."""
        self.ensure_one()
        newcomer = self.newcomer_id
        if gate.kind == "eligible" and newcomer.eligibility_state == "to_check":
            return self.env._(
                "the eligibility is still to check; still to record: %(missing)s.",
                missing=newcomer.eligibility_missing,
            )
        return gate.message

    def _gate_failing_eligible(self):
        return self.filtered(lambda p: not p.newcomer_id.is_eligible)

    def _gate_failing_target_occupation(self):
        return self.filtered(lambda p: not p.target_occupation_ids)

    def _reminder_domain_no_contact(self, rule, today):
        return [
            ("is_closed", "=", False),
            ("contact_deadline", "<", today - timedelta(days=rule.days)),
        ]

    def _reminder_domain_stage_overdue(self, rule, today):
        return [
            ("is_closed", "=", False),
            ("stage_deadline", "<", today - timedelta(days=rule.days)),
        ]

    def _reminder_key(self, rule):
        if rule.kind == "no_contact":
            return str(self.last_contact_date or self.date_start)
        if rule.kind == "stage_overdue":
            return f"{self.stage_id.id}:{self.date_last_stage_update}"
        return super()._reminder_key(rule)

    def _reminder_note(self, rule):
        if rule.kind == "no_contact":
            return self.env._(
                "No contact since %(date)s; %(stage)s allows %(days)s days.",
                date=format_date(self.env, self.last_contact_date or self.date_start),
                stage=self.stage_id.name,
                days=self.stage_id.max_days_without_contact,
            )
        if rule.kind == "stage_overdue":
            return self.env._(
                "In %(stage)s since %(date)s, planned until %(deadline)s.",
                stage=self.stage_id.name,
                date=format_date(self.env, self.date_last_stage_update),
                deadline=format_date(self.env, self.stage_deadline),
            )
        return super()._reminder_note(rule)
