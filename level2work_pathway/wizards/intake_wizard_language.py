from odoo import fields, models

from ..models.language_skill import CEFR_SELECTION


class Level2workIntakeWizardLanguage(models.TransientModel):
    """A language the person speaks, as they say at the intake: it becomes
    a self-assessed language skill of the newcomer registered."""

    _name = "level2work.intake.wizard.language"
    _description = "Language declared at the intake"

    wizard_id = fields.Many2one(
        "level2work.intake.wizard", string="Intake", required=True, ondelete="cascade"
    )
    language_id = fields.Many2one("level2work.language", required=True)
    level = fields.Selection(CEFR_SELECTION, string="CEFR level", required=True)
    is_native = fields.Boolean(string="Mother tongue")

    def _prepare_language_skill_values(self):
        self.ensure_one()
        return {
            "language_id": self.language_id.id,
            "level": self.level,
            "is_native": self.is_native,
            "assessment": "self",
        }
