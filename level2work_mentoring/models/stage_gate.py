from odoo import fields, models


class Level2workStageGate(models.Model):
    _inherit = "level2work.stage.gate"

    kind = fields.Selection(
        selection_add=[
            (
                "mentoring_sessions",
                "The CV and application-skills sessions were attended",
            )
        ],
        ondelete={"mentoring_sessions": "cascade"},
    )
