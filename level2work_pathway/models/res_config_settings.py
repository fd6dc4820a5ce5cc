from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    level2work_retention_months = fields.Integer(
        string="Keep closed pathways for (months)",
        config_parameter="level2work_pathway.retention_months",
        default=60,
        help="Personal data of newcomers whose pathways were all closed longer "
        "ago than this is anonymised by a scheduled job.",
    )

    @api.constrains("level2work_retention_months")
    def _check_level2work_retention_months(self):
        for settings in self:
            if settings.level2work_retention_months < 1:
                raise ValidationError(
                    self.env._("Closed pathways are kept for at least one month.")
                )
