from odoo import api, fields, models


class Level2workReminder(models.Model):
    """A reminder given: which rule, for which record, and for what occasion
    (the ``key``), so that the same occasion never gets a second one."""

    _name = "level2work.reminder"
    _description = "Reminder given"
    _order = "create_date desc, id desc"
    _rec_name = "rule_id"

    rule_id = fields.Many2one(
        "level2work.reminder.rule", required=True, index=True, ondelete="cascade"
    )
    res_model = fields.Char(string="Model", required=True)
    res_id = fields.Many2oneReference(
        string="Record ID", model_field="res_model", required=True, index=True
    )
    key = fields.Char(required=True, default="")
    activity_id = fields.Many2one("mail.activity", ondelete="set null")
    user_id = fields.Many2one(related="activity_id.user_id", string="Coach")
    record_name = fields.Char(compute="_compute_record_name", string="Record")

    _sql_constraints = [
        (
            "occasion_unique",
            "UNIQUE(rule_id, res_model, res_id, key)",
            "This reminder was already given.",
        ),
    ]

    @api.depends("res_model", "res_id")
    def _compute_record_name(self):
        for reminder in self:
            record = self.env[reminder.res_model].browse(reminder.res_id).exists()
            reminder.record_name = record.display_name if record else False
