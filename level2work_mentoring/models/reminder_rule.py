from odoo import api, fields, models


class Level2workReminderRule(models.Model):
    _inherit = "level2work.reminder.rule"

    kind = fields.Selection(
        selection_add=[
            ("mentorship_no_contact", "Mentorship without a contact moment"),
            ("mentorship_ending", "Mentorship ending: evaluation"),
            ("mentorship_ended_open", "Mentorship ended but not closed"),
        ],
        ondelete={
            "mentorship_no_contact": "cascade",
            "mentorship_ending": "cascade",
            "mentorship_ended_open": "cascade",
        },
    )

    @api.model
    def _get_kind_models(self):
        return {
            **super()._get_kind_models(),
            "mentorship_no_contact": "level2work.mentorship",
            "mentorship_ending": "level2work.mentorship",
            "mentorship_ended_open": "level2work.mentorship",
        }
