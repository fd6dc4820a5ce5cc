from odoo import api, fields, models
from odoo.exceptions import ValidationError


class Level2workPathwayContact(models.Model):
    """A contact moment between a coach and a newcomer: one that took place,
    or an appointment still to come."""

    _name = "level2work.pathway.contact"
    _description = "Contact moment"
    _inherit = ["level2work.owned.mixin"]
    _owner_fields = ("pathway_id",)
    _order = "date desc, id desc"
    _rec_name = "summary"

    pathway_id = fields.Many2one(
        "level2work.pathway", required=True, index=True, ondelete="cascade"
    )
    newcomer_id = fields.Many2one(related="pathway_id.newcomer_id", store=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    kind = fields.Selection(
        [
            ("meeting", "Meeting"),
            ("phone", "Phone call"),
            ("video", "Video call"),
            ("message", "Message"),
        ],
        required=True,
        default="meeting",
    )
    summary = fields.Char(required=True)
    note = fields.Text()
    location = fields.Char()
    duration = fields.Float(string="Duration (hours)")
    user_id = fields.Many2one(
        "res.users", string="By", required=True, default=lambda self: self.env.user
    )
    is_done = fields.Boolean(
        string="Took place",
        default=True,
        help="Unticked for an appointment that is still to come.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        contacts = super().create(vals_list)
        # The coach got in touch: the reminder asking for it is done.
        self.env["level2work.reminder.rule"]._mark_reminders_done(
            contacts.filtered("is_done").pathway_id, "no_contact"
        )
        return contacts

    @api.constrains("date", "is_done", "duration")
    def _check_date(self):
        now = fields.Datetime.now()
        for contact in self:
            if contact.is_done and contact.date > now:
                raise ValidationError(
                    self.env._(
                        "A contact moment that took place cannot lie in the "
                        "future: untick “Took place” to plan an appointment."
                    )
                )
            if contact.duration < 0:
                raise ValidationError(self.env._("A duration cannot be negative."))
