from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

USER_GROUP = "level2work_pathway.group_level2work_user"
INSTRUMENT_SELECTION = [
    ("ibo", "On-the-job training (IBO)"),
    ("internship", "Internship"),
    ("job_shadowing", "Job shadowing"),
    ("other", "Other"),
]


class Level2workWorkplaceLearning(models.Model):
    """A period of learning at an employer's workplace: VDAB's on-the-job
    training (IBO), an internship or job shadowing, with a tutor at the
    employer, learning goals and evaluations the employer fills in."""

    _name = "level2work.workplace.learning"
    _description = "Workplace learning"
    _inherit = ["level2work.employer.engagement.mixin"]
    _pathway_stage = "level2work_pathway.stage_workplace_learning"
    _newcomer_label_field = "learner_name"

    pathway_id = fields.Many2one(domain=[("is_closed", "=", False)])
    learner_name = fields.Char(
        compute="_compute_newcomer_label",
        help="The newcomer's name where they consented to disclose it to the "
        "employer, their candidate reference otherwise.",
        string="Learner",
    )
    vacancy_id = fields.Many2one(
        domain="[('employer_id', '=', employer_id), "
        "('kind', '=', 'workplace_learning')]",
        groups=USER_GROUP,
    )
    instrument = fields.Selection(INSTRUMENT_SELECTION, required=True, tracking=True)
    occupation_id = fields.Many2one(
        help="The occupation the newcomer learns at the workplace.",
    )
    level_fit = fields.Selection(
        help="The occupation against the newcomer's education, by the level rule.",
    )
    tutor_id = fields.Many2one(
        "res.partner",
        domain="[('id', 'child_of', employer_id), ('is_company', '=', False)]",
        help="The person at the employer who guides the learner.",
    )
    date_end = fields.Date(required=True)
    learning_goals = fields.Text(
        help="What the newcomer learns at the workplace; the evaluations rate "
        "the progress on these goals.",
        string="Learning goals",
    )
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("running", "Running"),
            ("completed", "Completed"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="planned",
        tracking=True,
        group_expand=True,
        string="Status",
    )
    outcome = fields.Selection(
        [
            ("hired", "Hired by the employer"),
            ("not_hired", "Not hired"),
            ("stopped", "Stopped early"),
        ],
        tracking=True,
        groups=USER_GROUP,
    )
    outcome_note = fields.Text(string="About the outcome", groups=USER_GROUP)
    evaluation_ids = fields.One2many(
        "level2work.workplace.learning.evaluation", "learning_id"
    )
    midway_evaluation_id = fields.Many2one(
        "level2work.workplace.learning.evaluation",
        compute="_compute_evaluations",
        string="Midway evaluation",
    )
    final_evaluation_id = fields.Many2one(
        "level2work.workplace.learning.evaluation",
        compute="_compute_evaluations",
        string="Final evaluation",
    )

    @api.constrains("state", "outcome")
    def _check_outcome(self):
        for learning in self:
            if learning.state == "completed" and not learning.outcome:
                raise ValidationError(
                    self.env._(
                        "Say how the workplace learning ended (hired or not) "
                        "before completing it."
                    )
                )

    @api.depends("evaluation_ids.kind")
    def _compute_evaluations(self):
        for learning in self:
            evaluations = learning.evaluation_ids
            learning.midway_evaluation_id = evaluations.filtered(
                lambda e: e.kind == "midway"
            )[:1]
            learning.final_evaluation_id = evaluations.filtered(
                lambda e: e.kind == "final"
            )[:1]

    @api.depends("instrument", "employer_id", "learner_name")
    @api.depends_context("uid")
    def _compute_display_name(self):
        instruments = dict(self._fields["instrument"]._description_selection(self.env))
        for learning in self:
            learning.display_name = self.env._(
                "%(instrument)s: %(learner)s at %(employer)s",
                instrument=instruments.get(learning.instrument, ""),
                learner=learning.learner_name or "",
                employer=learning.employer_id.sudo().name or "",
            )

    @api.onchange("vacancy_id")
    def _onchange_vacancy_id(self):
        if self.vacancy_id:
            self.instrument = self.vacancy_id.instrument or self.instrument
            self.occupation_id = self.vacancy_id.occupation_id

    def action_start(self):
        self.write({"state": "running"})
        return True

    def action_complete(self):
        self.write({"state": "completed"})
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def action_reset_planned(self):
        self.write({"state": "planned"})
        return True

    def action_create_placement(self):
        """The employer hires the learner: record the placement."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "level2work_employer.placement_action"
        )
        action.update(
            views=[(False, "form")],
            context={
                "default_pathway_id": self.pathway_id.id,
                "default_employer_id": self.employer_id.id,
                "default_occupation_id": self.occupation_id.id,
                "default_date_start": fields.Date.to_string(
                    self.date_end + timedelta(days=1)
                ),
            },
        )
        return action

    def _get_end_before_start_message(self):
        return self.env._("Workplace learning cannot end before it starts.")

    def _notify_portal_evaluation(self, kind, user):
        """The employer filled in an evaluation through the portal: note it
        and ask the coach to read it."""
        self.ensure_one()
        kinds = dict(
            self.env["level2work.workplace.learning.evaluation"]
            ._fields["kind"]
            ._description_selection(self.env)
        )
        self.with_context(mail_create_nosubscribe=True).message_post(
            body=self.env._(
                "%(evaluation)s filled in by %(name)s through the employer portal.",
                evaluation=kinds[kind],
                name=user.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        coach = self.pathway_id.coach_id
        if coach:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Read the employer's evaluation"),
                note=self.env._(
                    "%(employer)s filled in the %(evaluation)s of %(learning)s.",
                    employer=self.employer_id.name,
                    evaluation=kinds[kind].lower(),
                    learning=self.display_name,
                ),
                user_id=coach.id,
            )

    # Reminders

    def _reminder_domain_workplace_learning_ending(self, rule, today):
        return [
            ("state", "in", ("planned", "running")),
            ("date_end", ">=", today),
            ("date_end", "<=", today + timedelta(days=rule.days)),
            ("evaluation_ids", "not any", [("kind", "=", "final")]),
        ]

    def _reminder_key(self, rule):
        if rule.kind == "workplace_learning_ending":
            return str(self.date_end)
        return super()._reminder_key(rule)

    def _reminder_note(self, rule):
        if rule.kind == "workplace_learning_ending":
            return self.env._(
                "%(learning)s ends on %(date)s: plan the final evaluation with "
                "the employer.",
                learning=self.display_name,
                date=format_date(self.env, self.date_end),
            )
        return super()._reminder_note(rule)
