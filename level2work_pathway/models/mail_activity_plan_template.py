from odoo import fields, models


class MailActivityPlanTemplate(models.Model):
    _inherit = "mail.activity.plan.template"

    fulfilled_by = fields.Selection(
        [("dutch_course_enrolled", "Enrolled in a Dutch course")],
        string="Done when",
        help="For the plans of pathway stages: the step is marked done by "
        "itself, with a note, when this is recorded on the pathway.",
    )
