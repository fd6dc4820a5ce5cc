from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

USER_GROUP = "level2work_pathway.group_level2work_user"
RATING_SELECTION = [
    ("1", "Insufficient"),
    ("2", "Needs improvement"),
    ("3", "Good"),
    ("4", "Very good"),
]
EVALUATION_KIND_SELECTION = [
    ("midway", "Midway evaluation"),
    ("final", "Final evaluation"),
]
WOULD_HIRE_SELECTION = [
    ("yes", "Yes"),
    ("maybe", "Maybe"),
    ("no", "No"),
]
# The ratings of an evaluation, in the order the forms show them.
RATING_FIELDS = ("rating_goals", "rating_skills", "rating_dutch", "rating_attitude")


class Level2workWorkplaceLearningEvaluation(models.Model):
    """How the learner does, midway and at the end of the workplace learning,
    as the employer (through the portal) or the coach records it."""

    _name = "level2work.workplace.learning.evaluation"
    _description = "Workplace learning evaluation"
    _inherit = ["level2work.owned.mixin", "level2work.partner.link.mixin"]
    _owner_fields = ("learning_id",)
    _order = "learning_id, kind desc, id"
    _rec_name = "kind"

    learning_id = fields.Many2one(
        "level2work.workplace.learning",
        string="Workplace learning",
        required=True,
        index=True,
        ondelete="cascade",
    )
    employer_id = fields.Many2one(
        related="learning_id.employer_id", store=True, index=True
    )
    kind = fields.Selection(EVALUATION_KIND_SELECTION, required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    filled_by_id = fields.Many2one(
        "res.partner",
        string="Filled in by",
        default=lambda self: self.env.user.partner_id,
        groups=USER_GROUP,
    )
    filled_by_role = fields.Selection(
        [("employer", "Employer"), ("coach", "Coach")],
        string="Filled in as",
        required=True,
        default="coach",
    )
    rating_goals = fields.Selection(
        RATING_SELECTION, string="Progress on the learning goals"
    )
    rating_skills = fields.Selection(RATING_SELECTION, string="Professional skills")
    rating_dutch = fields.Selection(RATING_SELECTION, string="Communication in Dutch")
    rating_attitude = fields.Selection(
        RATING_SELECTION, string="Attitude and cooperation"
    )
    goals_comment = fields.Text(string="On the learning goals")
    strengths = fields.Text()
    improvements = fields.Text(string="Points to improve")
    would_hire = fields.Selection(
        WOULD_HIRE_SELECTION,
        string="Would hire",
        help="Would the employer hire the learner for a job at their level?",
    )

    _sql_constraints = [
        (
            "kind_unique",
            "UNIQUE(learning_id, kind)",
            "A workplace learning has one midway and one final evaluation.",
        ),
    ]

    @api.constrains("date", "learning_id")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for evaluation in self:
            if evaluation.date > today:
                raise ValidationError(
                    self.env._(
                        "An evaluation is recorded once it took place: %(date)s "
                        "lies in the future.",
                        date=format_date(self.env, evaluation.date),
                    )
                )
            if evaluation.date < evaluation.learning_id.date_start:
                raise ValidationError(
                    self.env._(
                        "An evaluation cannot be dated before the workplace "
                        "learning starts."
                    )
                )

    @api.depends("kind", "learning_id")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for evaluation in self:
            evaluation.display_name = kinds.get(evaluation.kind, "")

    @api.model_create_multi
    def create(self, vals_list):
        evaluations = super().create(vals_list)
        finals = evaluations.filtered(lambda e: e.kind == "final")
        if finals:
            self.env["level2work.reminder.rule"]._mark_reminders_done(
                finals.learning_id, "workplace_learning_ending"
            )
        return evaluations
