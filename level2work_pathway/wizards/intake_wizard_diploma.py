from odoo import fields, models

from ..models.diploma import ISCED_SELECTION, RECOGNITION_STATE_SELECTION


class Level2workIntakeWizardDiploma(models.TransientModel):
    """A diploma the person declares at the intake: it becomes a diploma of
    the newcomer registered."""

    _name = "level2work.intake.wizard.diploma"
    _description = "Diploma declared at the intake"

    wizard_id = fields.Many2one(
        "level2work.intake.wizard", string="Intake", required=True, ondelete="cascade"
    )
    name = fields.Char(required=True, help="Title of the diploma as awarded.")
    isced_level = fields.Selection(ISCED_SELECTION, string="ISCED level", required=True)
    field_of_study = fields.Char(string="Field of study")
    field_of_education_id = fields.Many2one(
        "level2work.field.of.education", string="Field of education"
    )
    country_id = fields.Many2one("res.country")
    recognition_state = fields.Selection(
        RECOGNITION_STATE_SELECTION,
        string="Recognition",
        required=True,
        default="not_requested",
    )

    def _prepare_diploma_values(self):
        self.ensure_one()
        return {
            "name": self.name,
            "isced_level": self.isced_level,
            "field_of_study": self.field_of_study,
            "field_of_education_id": self.field_of_education_id.id,
            "country_id": self.country_id.id,
            "recognition_state": self.recognition_state,
        }
