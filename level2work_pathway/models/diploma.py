from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

USER_GROUP = "level2work_pathway.group_level2work_user"
ISCED_SELECTION = [
    ("5", "ISCED 5 - short cycle"),
    ("6", "ISCED 6 - bachelor"),
    ("7", "ISCED 7 - master"),
    ("8", "ISCED 8 - doctorate"),
]

RECOGNITION_STATE_SELECTION = [
    ("not_requested", "Not requested"),
    ("requested", "Requested"),
    ("level_recognised", "Level recognised"),
    ("specific_recognised", "Specifically recognised"),
    ("refused", "Refused"),
]


class Level2workDiploma(models.Model):
    _name = "level2work.diploma"
    _description = "Diploma"
    _inherit = ["level2work.reminder.mixin", "level2work.owned.mixin"]
    _order = "isced_level desc, year desc, id"

    newcomer_id = fields.Many2one(
        "level2work.newcomer", required=True, index=True, ondelete="cascade"
    )
    name = fields.Char(required=True, help="Title of the diploma as awarded.")
    isced_level = fields.Selection(ISCED_SELECTION, string="ISCED level", required=True)
    field_of_study = fields.Char(
        string="Field of study",
        help="The field of study as the diploma names it, e.g. Computer science.",
    )
    field_of_education_id = fields.Many2one(
        "level2work.field.of.education",
        string="Field of education",
        index="btree_not_null",
        help="The ISCED-F 2013 field of the diploma, as detailed as known: the "
        "matching with vacancies compares these fields.",
    )
    institution = fields.Char()
    country_id = fields.Many2one("res.country")
    year = fields.Integer(aggregator=False)
    recognition_state = fields.Selection(
        RECOGNITION_STATE_SELECTION,
        string="Recognition",
        required=True,
        default="not_requested",
    )
    recognition_request_date = fields.Date(
        string="Recognition requested on",
        help="Date the recognition was requested from NARIC-Vlaanderen.",
    )
    recognition_date = fields.Date(string="Recognition decided on")
    recognised_isced_level = fields.Selection(
        ISCED_SELECTION,
        string="Recognised level",
        help="The level NARIC-Vlaanderen recognised, where it differs from the "
        "level of the diploma.",
    )
    naric_reference = fields.Char(string="NARIC reference")
    effective_isced_level = fields.Selection(
        ISCED_SELECTION,
        string="Level that counts",
        compute="_compute_effective_isced_level",
        help="The recognised level where a recognition decided one, the level "
        "of the diploma otherwise.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "level2work_diploma_attachment_rel",
        "diploma_id",
        "attachment_id",
        string="Documents",
        help="Copies of the diploma, transcripts and the recognition decision.",
        groups=USER_GROUP,
    )

    @api.constrains("year", "recognition_date", "recognition_request_date")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for diploma in self:
            if diploma.year and not 1900 <= diploma.year <= today.year:
                raise ValidationError(
                    self.env._(
                        "The year of the diploma “%(name)s” must lie between 1900 and "
                        "%(year)s.",
                        name=diploma.name,
                        year=today.year,
                    )
                )
            if (
                diploma.recognition_request_date
                and diploma.recognition_date
                and diploma.recognition_date < diploma.recognition_request_date
            ):
                raise ValidationError(
                    self.env._(
                        "The recognition of “%(name)s” cannot be decided before it "
                        "was requested.",
                        name=diploma.name,
                    )
                )

    @api.depends("isced_level", "recognised_isced_level")
    def _compute_effective_isced_level(self):
        for diploma in self:
            diploma.effective_isced_level = (
                diploma.recognised_isced_level or diploma.isced_level
            )

    @api.onchange("recognition_state")
    def _onchange_recognition_state(self):
        if self.recognition_state == "requested" and not self.recognition_request_date:
            self.recognition_request_date = fields.Date.context_today(self)

    def _reminder_domain_recognition_waiting(self, rule, today):
        return [
            ("recognition_state", "=", "requested"),
            ("recognition_request_date", "<=", today - timedelta(days=rule.days)),
            ("newcomer_id.pathway_ids", "any", [("is_closed", "=", False)]),
        ]

    def _reminder_key(self, rule):
        if rule.kind == "recognition_waiting":
            return str(self.recognition_request_date)
        return super()._reminder_key(rule)

    def _reminder_target(self):
        self.ensure_one()
        return self.newcomer_id, self.newcomer_id.coach_id

    def _reminder_note(self, rule):
        if rule.kind == "recognition_waiting":
            return self.env._(
                "%(diploma)s: recognition requested on %(date)s.",
                diploma=self.name,
                date=format_date(self.env, self.recognition_request_date),
            )
        return super()._reminder_note(rule)

    def _get_documents(self):
        """The files of this diploma: those of ``attachment_ids`` bound to
        it. The newcomer portal offers these, and only these, for download."""
        self.ensure_one()
        return self.attachment_ids.filtered(
            lambda a: (
                a.res_model == self._name and a.res_id == self.id and not a.res_field
            )
        )
