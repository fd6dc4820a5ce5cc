from odoo import fields, models


class Level2workNewcomer(models.Model):
    _inherit = "level2work.newcomer"

    attendance_ids = fields.One2many(
        "level2work.session.attendance", "newcomer_id", string="Group sessions"
    )
