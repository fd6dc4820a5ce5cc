from odoo import fields, models


class Level2workStageGate(models.Model):
    _inherit = "level2work.stage.gate"

    kind = fields.Selection(
        selection_add=[("placement", "The placement is recorded")],
        ondelete={"placement": "cascade"},
    )
