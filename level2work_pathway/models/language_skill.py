from odoo import api, fields, models
from odoo.exceptions import ValidationError

CEFR_SELECTION = [
    ("A1", "A1"),
    ("A2", "A2"),
    ("B1", "B1"),
    ("B2", "B2"),
    ("C1", "C1"),
    ("C2", "C2"),
]


class Level2workLanguageSkill(models.Model):
    _name = "level2work.language.skill"
    _description = "Language skill"
    _inherit = ["level2work.owned.mixin"]
    _order = "is_native desc, level desc, id"

    newcomer_id = fields.Many2one(
        "level2work.newcomer", required=True, index=True, ondelete="cascade"
    )
    language_id = fields.Many2one("level2work.language", required=True)
    level = fields.Selection(
        CEFR_SELECTION,
        string="CEFR level",
        required=True,
        help="Overall level on the Common European Framework of Reference.",
    )
    is_native = fields.Boolean(string="Mother tongue")
    assessment = fields.Selection(
        [
            ("self", "Self-assessment"),
            ("test", "Placement test"),
            ("course", "Course result"),
            ("certificate", "Certificate"),
        ],
        string="Assessed by",
        default="self",
        required=True,
    )
    date = fields.Date(string="Assessed on", default=fields.Date.context_today)

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for skill in self:
            if skill.date and skill.date > today:
                raise ValidationError(
                    self.env._("A language level cannot be assessed in the future.")
                )
