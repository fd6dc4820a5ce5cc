from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    level2work_newcomer_ids = fields.One2many(
        "level2work.newcomer",
        "partner_id",
        string="level2work newcomers",
        help="The newcomer this contact is. Record rules keep the contact "
        "data of newcomers to the staff of their lab, their coach and "
        "managers.",
    )
