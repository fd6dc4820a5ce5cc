from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    level2work_lab_ids = fields.Many2many(
        "level2work.lab",
        "level2work_lab_res_users_rel",
        "user_id",
        "lab_id",
        string="level2work labs",
    )
