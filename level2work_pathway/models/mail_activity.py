from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    plan_template_id = fields.Many2one(
        "mail.activity.plan.template",
        string="Plan step",
        readonly=True,
        ondelete="set null",
        help="The step of an activity plan this activity was scheduled for.",
    )
