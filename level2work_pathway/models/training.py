from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .language_skill import CEFR_SELECTION


class Level2workTraining(models.Model):
    _name = "level2work.training"
    _description = "Training"
    _inherit = ["level2work.owned.mixin", "level2work.partner.link.mixin"]
    _owner_fields = ("pathway_id",)
    _order = "date_start desc, id desc"

    pathway_id = fields.Many2one(
        "level2work.pathway", required=True, index=True, ondelete="cascade"
    )
    newcomer_id = fields.Many2one(related="pathway_id.newcomer_id", store=True)
    name = fields.Char(required=True)
    kind = fields.Selection(
        [
            ("dutch_course", "Dutch course"),
            ("career_orientation", "Career orientation"),
            ("competence", "Competence course"),
            ("bridging", "Bridging course"),
        ],
        required=True,
        default="dutch_course",
    )
    provider_id = fields.Many2one(
        "res.partner",
        domain=[("is_company", "=", True)],
        help="The school, language house, university or college that gives it.",
    )
    date_start = fields.Date(string="Start date")
    date_end = fields.Date(string="End date")
    hours = fields.Float()
    target_level = fields.Selection(CEFR_SELECTION, string="Target CEFR level")
    reached_level = fields.Selection(CEFR_SELECTION, string="Reached CEFR level")
    result = fields.Selection(
        [
            ("planned", "Planned"),
            ("ongoing", "Ongoing"),
            ("passed", "Passed"),
            ("failed", "Failed"),
            ("stopped", "Stopped"),
        ],
        required=True,
        default="planned",
    )
    note = fields.Text()

    @api.constrains("date_start", "date_end", "hours")
    def _check_dates(self):
        for training in self:
            if (
                training.date_start
                and training.date_end
                and training.date_end < training.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "The training “%(name)s” cannot end before it starts.",
                        name=training.name,
                    )
                )
            if training.hours < 0:
                raise ValidationError(
                    self.env._("The number of hours cannot be negative.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        trainings = super().create(vals_list)
        trainings._record_dutch_level()
        trainings._complete_enrolment_steps()
        return trainings

    def write(self, vals):
        result = super().write(vals)
        if {"result", "reached_level", "kind", "date_end"} & vals.keys():
            self._record_dutch_level()
        if {"kind", "result"} & vals.keys():
            self._complete_enrolment_steps()
        return result

    def _complete_enrolment_steps(self):
        """A Dutch course the newcomer follows or passed is the enrolment a
        step of the plan asks for: that step is done."""
        for training in self.filtered(
            lambda t: t.kind == "dutch_course" and t.result not in ("failed", "stopped")
        ):
            training.pathway_id._complete_plan_steps(
                "dutch_course_enrolled",
                self.env._(
                    "Done: enrolled in the Dutch course %(course)s.",
                    course=training.name,
                ),
            )

    def _record_dutch_level(self):
        """A Dutch course passed at a level is an assessment of the
        newcomer's Dutch: record it as a language skill."""
        dutch = self.env.ref("level2work_pathway.language_nl")
        Skill = self.env["level2work.language.skill"]
        today = fields.Date.context_today(self)
        for training in self.filtered(
            lambda t: (
                t.kind == "dutch_course" and t.result == "passed" and t.reached_level
            )
        ):
            date = min(training.date_end or today, today)
            values = {
                "newcomer_id": training.newcomer_id.id,
                "language_id": dutch.id,
                "level": training.reached_level,
                "assessment": "course",
                "date": date,
            }
            existing = Skill.search(
                [
                    ("newcomer_id", "=", training.newcomer_id.id),
                    ("language_id", "=", dutch.id),
                    ("assessment", "=", "course"),
                    ("date", "=", date),
                ],
                limit=1,
            )
            if existing:
                existing.write(values)
            else:
                Skill.create(values)
