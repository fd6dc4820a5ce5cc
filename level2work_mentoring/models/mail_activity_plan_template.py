from odoo import fields, models


class MailActivityPlanTemplate(models.Model):
    _inherit = "mail.activity.plan.template"

    fulfilled_by = fields.Selection(
        selection_add=[("mentorship_proposed", "A mentor is proposed")],
        ondelete={"mentorship_proposed": "set null"},
    )
